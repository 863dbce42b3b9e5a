import { CareerField } from "./career-field.entity";
import { Industry } from "./industry.entity";
import { Institution } from "./institution.entity";
import { InstitutionsResolver } from "./institutions.resolver";
import { AcademicTermsResolver } from "./academic-terms.resolver";

export const institutionsModule = {
  entities: [Institution, CareerField, Industry],
  resolvers: [InstitutionsResolver, AcademicTermsResolver],
} as const;
