import type { PlanContext } from "./notification-plan";
import type { ServiceDeps } from "../../service-deps";
import { OutboxDeliverer, type WebhookFanOut } from "./outbox-delivery";
import { eventBus, type EventBus } from "./pubsub";
import { SocketSessionGuard } from "./socket-sessions";
import { unsubscribeSigner } from "./unsubscribe";
import type { DigestActionLink } from "./digests";

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

  constructor(
    deps: ServiceDeps,
    accounts: { isSessionActive(sessionId: string): Promise<boolean> },
    bus: EventBus = eventBus,
    webhooks?: WebhookFanOut,
    /** The signed "did it happen?" link of a nudge email (made by requests; given here by services.ts, so notifications need not import requests). */
    meetingCheckToken?: PlanContext["meetingCheckToken"],
    /** A digest's accept and decline links (made by requests, given by services.ts). */
    digestActionLink?: DigestActionLink,
  ) {
    this.bus = bus;
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
    });
  }
}
