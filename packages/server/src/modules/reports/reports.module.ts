import { Outcome } from "./outcome.entity";
import { OutcomesResolver } from "./outcomes.resolver";
import { ReportsResolver } from "./reports.resolver";

export const reportsModule = {
  entities: [Outcome],
  resolvers: [ReportsResolver, OutcomesResolver],
} as const;
