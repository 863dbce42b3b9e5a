import { accountsModule } from "./accounts/accounts.module";
import { auditModule } from "./audit/audit.module";
import { availabilityModule } from "./availability/availability.module";
import { consentModule } from "./consent/consent.module";
import { conversationsModule } from "./conversations/conversations.module";
import { identityModule } from "./identity/identity.module";
import { institutionsModule } from "./institutions/institutions.module";
import { matchingModule } from "./matching/matching.module";
import { integrationsModule } from "./integrations/integrations.module";
import { notificationsModule } from "./notifications/notifications.module";
import { privacyModule } from "./privacy/privacy.module";
import { profilesModule } from "./profiles/profiles.module";
import { reportsModule } from "./reports/reports.module";
import { requestsModule } from "./requests/requests.module";

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
  privacyModule,
];
