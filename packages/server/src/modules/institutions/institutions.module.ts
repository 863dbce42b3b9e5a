import { CareerField } from "./career-field.entity";
import { Industry } from "./industry.entity";
import { Institution } from "./institution.entity";
import { InstitutionsResolver } from "./institutions.resolver";

export const institutionsModule = {
  entities: [Institution, CareerField, Industry],
  resolvers: [InstitutionsResolver],
} as const;
