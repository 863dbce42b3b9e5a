import type { DataSource } from "typeorm";
import type { Config } from "./config";
import { AccountsService } from "./modules/accounts/accounts.service";
import { AuditService } from "./modules/audit/audit.service";
import { AvailabilityService } from "./modules/availability/availability.service";
import { ConsentService } from "./modules/consent/consent.service";
import { ConversationsService } from "./modules/conversations/conversations.service";
import { IdentityService } from "./modules/identity/identity.service";
import { InstitutionsService } from "./modules/institutions/institutions.service";
import { MatchingService } from "./modules/matching/matching.service";
import { isApiKeySocketId } from "./modules/integrations/api-keys.service";
import { IntegrationsService } from "./modules/integrations/integrations.service";
import { createMailer, type Mailer } from "./modules/notifications/mailer";
import { NotificationsService } from "./modules/notifications/notifications.service";
import { NotificationPreferencesService } from "./modules/notifications/preferences.service";
import { PrivacyService } from "./modules/privacy/privacy.service";
import { ProfilesService } from "./modules/profiles/profiles.service";
import { CalendarFeedsService } from "./modules/requests/calendar-feed";
import { meetingCheckSigner, meetingCheckToken, MeetingChecksService } from "./modules/requests/meeting-checks";
import { digestActionUrl, DigestActionsService } from "./modules/requests/digest-actions";
import { AccommodationsService } from "./modules/requests/accommodations.service";
import { RequestLifecycleService } from "./modules/requests/request-lifecycle.service";
import { RequestQueriesService } from "./modules/requests/request-queries.service";
import { ReportsService } from "./modules/reports/reports.service";
import { RequestsService } from "./modules/requests/requests.service";
import type { ServiceDeps } from "./service-deps";

/** The composition root: one instance of each module's service, shared by all requests. */
export interface Services {
  accounts: AccountsService;
  institutions: InstitutionsService;
  profiles: ProfilesService;
  consent: ConsentService;
  availability: AvailabilityService;
  /** Sending requests: template, Rule #1 and question checks, requestInterview. */
  requests: RequestsService;
  /** After sending: accept, decline, reschedule, cancel…, and expireDue for the scheduler. */
  requestLifecycle: RequestLifecycleService;
  requestQueries: RequestQueriesService;
  /** "Did it happen?" after a meeting: answers in the app and with signed single-use links (ADR 0021). */
  meetingChecks: MeetingChecksService;
  /** Accessibility accommodations for a conversation: said by either participant, seen by the other (ADR 0025). */
  accommodations: AccommodationsService;
  /** Each person's secret calendar feed (GET /calendar/<secret>.ics) and its rotation. */
  calendarFeeds: CalendarFeedsService;
  /** Accepting or declining from a digest email's signed single-use link (ADR 0024). */
  digestActions: DigestActionsService;
  /** After the conversation: notes, referrals, follow-ups, contact log, data export; startFollowUps, dueReminders… for other modules. */
  conversations: ConversationsService;
  /** Real-time bus, socket session guard, and the outbox deliverer the jobs run. */
  notifications: NotificationsService;
  /** Each person's notification preferences, quiet hours and digest timing, and the institution's defaults (ADR 0024). */
  notificationPreferences: NotificationPreferencesService;
  /** Ranked alumni matches for students, and advisors' suggestions. */
  matching: MatchingService;
  /** Advisors' reports, needs-action lists, outcomes, timelines, caseload assignment. */
  reports: ReportsService;
  /** API keys, bulk upserts, sync feeds and webhooks for an institution's own systems. */
  integrations: IntegrationsService;
  /** Campus sign-in (OIDC, SAML) per institution, its configuration and sign-in log; sign-in links, resets, emails. */
  identity: IdentityService;
  /** The audit log: reading it (admins, audit:read keys) and its retention purge; modules write with recordAudit. */
  audit: AuditService;
  /** Data rights: each person's archive, admins' data-subject exports, erasure and the erasure job (ADR 0022). */
  privacy: PrivacyService;
}

export function createServices(dataSource: DataSource, config: Config, mailer?: Mailer): Services {
  const deps: ServiceDeps = { dataSource, config, mailer: mailer ?? createMailer(config) };
  const consent = new ConsentService(deps);
  const availability = new AvailabilityService(deps, consent);
  const accounts = new AccountsService(deps);
  const conversations = new ConversationsService(deps, consent);
  const integrations = new IntegrationsService(deps);
  const requestLifecycle = new RequestLifecycleService(deps, consent, availability);
  const digestActions = new DigestActionsService(deps, requestLifecycle);
  const reports = new ReportsService(deps, consent);
  return {
    accounts,
    institutions: new InstitutionsService(deps),
    profiles: new ProfilesService(deps, consent),
    consent,
    availability,
    requests: new RequestsService(deps, consent, availability, conversations),
    requestLifecycle,
    digestActions,
    requestQueries: new RequestQueriesService(deps, consent),
    meetingChecks: new MeetingChecksService(deps),
    accommodations: new AccommodationsService(deps),
    calendarFeeds: new CalendarFeedsService(deps),
    conversations,
    matching: new MatchingService(deps),
    reports,
    notifications: new NotificationsService(
      deps,
      // Open sockets are re-checked: people's by session, integrations' by API key (see http/server.ts).
      { isSessionActive: (id) => (isApiKeySocketId(id) ? integrations.apiKeys.isSocketKeyActive(id) : accounts.isSessionActive(id)) },
      undefined,
      integrations.webhooks,
      (
        (signer) => (facts, side, reminder) =>
          meetingCheckToken(signer, facts, side, reminder)
      )(meetingCheckSigner(deps.config.secretsKey)),
      (claims) => digestActionUrl(digestActions.signer, deps.config.publicUrl, claims),
      (m, institutionId, advisor) => reports.needsActionIn(m, institutionId, advisor),
    ),
    notificationPreferences: new NotificationPreferencesService(deps),
    integrations,
    identity: new IdentityService(deps, accounts),
    audit: new AuditService(deps),
    privacy: new PrivacyService(deps, conversations.dataExport),
  };
}
