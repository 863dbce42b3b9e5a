import { accountsModule } from "./accounts";
import { auditModule } from "./audit";
import { availabilityModule } from "./availability";
import { consentModule } from "./consent";
import { conversationsModule } from "./conversations";
import { identityModule } from "./identity";
import { institutionsModule } from "./institutions";
import { matchingModule } from "./matching";
import { integrationsModule } from "./integrations";
import { notificationsModule } from "./notifications";
import { profilesModule } from "./profiles";
import { reportsModule } from "./reports";
import { requestsModule } from "./requests";

/** Every domain module: its TypeORM entities and GraphQL resolvers. */
export const modules = [
  accountsModule,
  institutionsModule,
  profilesModule,
  consentModule,
  availabilityModule,
  requestsModule,
  conversationsModule,
  notificationsModule,
  matchingModule,
  reportsModule,
  integrationsModule,
  identityModule,
  auditModule,
];
