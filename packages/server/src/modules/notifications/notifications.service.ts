import type { PlanContext } from "./notification-plan";
import type { ServiceDeps } from "../../service-deps";
import { OutboxDeliverer, type WebhookFanOut } from "./outbox-delivery";
import { eventBus, type EventBus } from "./pubsub";
import { SocketSessionGuard } from "./socket-sessions";
import { InAppNotificationsService } from "./in-app.service";
import { unsubscribeSigner } from "./unsubscribe";
import type { AdvisorListsSource, DigestActionLink } from "./digests";
import type { Viewer } from "../../auth/viewer";
import { badInput, forbidden } from "../../graphql/errors";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import { emailPreviews, type EmailPreview } from "./templates/email-catalog";
import { isEmailLocale } from "./templates/i18n/words";

/** How often open WebSockets have their session re-checked unless configured (WS_SESSION_CHECK_SECONDS). */
export const DEFAULT_SOCKET_CHECK_MS = 30_000;

/**
 * Notifications: the process's real-time bus (which the schema's subscriptions read), the guard that
 * closes sockets of ended sessions, and the deliverer the outbox worker (jobs/) runs on claimed rows.
 */
export class NotificationsService {
  readonly bus: EventBus;
  readonly sockets: SocketSessionGuard;
  readonly deliverer: OutboxDeliverer;
  /** The notification centre: each person's list, unread count and marking read (ADR 0028). */
  readonly inApp: InAppNotificationsService;

  constructor(
    private readonly deps: ServiceDeps,
    accounts: { isSessionActive(sessionId: string): Promise<boolean> },
    bus: EventBus = eventBus,
    webhooks?: WebhookFanOut,
    /** The signed "did it happen?" link of a nudge email (made by requests; given here by services.ts, so notifications need not import requests). */
    meetingCheckToken?: PlanContext["meetingCheckToken"],
    /** A digest's accept and decline links (made by requests, given by services.ts). */
    digestActionLink?: DigestActionLink,
    /** The advisors' needs-action lists for their digest (made by reports, given by services.ts). */
    advisorLists?: AdvisorListsSource,
  ) {
    this.bus = bus;
    this.inApp = new InAppNotificationsService(deps);
    this.sockets = new SocketSessionGuard((sessionId) => accounts.isSessionActive(sessionId), DEFAULT_SOCKET_CHECK_MS);
    this.deliverer = new OutboxDeliverer({
      dataSource: deps.dataSource,
      mailer: deps.mailer,
      bus,
      publicUrl: deps.config.publicUrl,
      webhooks,
      meetingCheckToken,
      unsubscribeSigner: unsubscribeSigner(deps.config.secretsKey),
      digestActionLink,
      advisorLists,
    });
  }

  /** Every kind of email rendered with sample people at the admin's institution (nothing is sent). */
  async emailPreviews(viewer: Viewer, locale: string | null = null): Promise<EmailPreview[]> {
    if (!viewer.memberships.ADMIN) throw forbidden();
    if (locale !== null && !isEmailLocale(locale)) throw badInput([{ field: "locale", message: "Choose English (en) or Spanish (es)." }]);
    const [institution] = await tenantTransaction(this.deps.dataSource, viewer, (m) =>
      sqlRows<{ name: string }>(m, `SELECT name FROM institutions WHERE id = $1`, [viewer.institutionId]),
    );
    return emailPreviews({
      institutionName: institution?.name ?? "Your career center",
      publicUrl: this.deps.config.publicUrl,
      locale: locale ?? "en",
    });
  }
}
