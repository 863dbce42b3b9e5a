import { Outcome } from "./outcome.entity";
import { OutcomesResolver } from "./outcomes.resolver";
import { ReportsResolver } from "./reports.resolver";
import { StudentRosterResolver } from "./student-roster.resolver";

export const reportsModule = {
  entities: [Outcome],
  resolvers: [ReportsResolver, OutcomesResolver, StudentRosterResolver],
} as const;
