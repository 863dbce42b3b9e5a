import { bool, ConfigError, int, type Env } from "../config";
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from "../modules/integrations/webhook-sender";

/** Background work settings, read from the environment once at start (see the README's configuration table). */
export interface JobsConfig {
  /** Run the outbox worker and the scheduler in this process (WORKERS, default on). Real-time fan-out runs regardless. */
  workers: boolean;
  outbox: OutboxSettings;
  scheduler: SchedulerSettings;
  /** Webhook deliveries (WEBHOOK_* variables). */
  webhooks: WebhookSettings;
  /** How often open WebSockets have their session re-checked. */
  wsSessionCheckMs: number;
}

export interface OutboxSettings {
  /** Rows claimed per transaction. */
  batchSize: number;
  /** How long a claim keeps other workers away; a worker that dies is replaced after this. */
  leaseMs: number;
  /** Claims per row before the worker gives up and keeps the row (failed_at). */
  maxAttempts: number;
  /** First retry delay; doubles per attempt up to retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Full sweep of every institution, besides the LISTEN wake-ups. */
  pollMs: number;
}

export interface SchedulerSettings {
  intervalMs: number;
  /** Remind an alum this long before an unanswered request expires (at most half its life). */
  expiryReminderMs: number;
}

export function loadJobsConfig(env: Env = process.env): JobsConfig {
  const seconds = (name: string, fallback: number, min: number, max: number) => int(env, name, fallback, min, max) * 1000;
  const leaseMs = seconds("OUTBOX_LEASE_SECONDS", 120, 5, 3600);
  const retryBaseMs = seconds("OUTBOX_RETRY_BASE_SECONDS", 30, 1, 3600);
  const retryMaxMs = seconds("OUTBOX_RETRY_MAX_SECONDS", 3600, 1, 86400);
  if (retryMaxMs < retryBaseMs) throw new ConfigError("OUTBOX_RETRY_MAX_SECONDS", "must not be less than OUTBOX_RETRY_BASE_SECONDS");
  return {
    workers: bool(env, "WORKERS", true),
    outbox: {
      batchSize: int(env, "OUTBOX_BATCH_SIZE", 20, 1, 500),
      leaseMs,
      maxAttempts: int(env, "OUTBOX_MAX_ATTEMPTS", 8, 1, 50),
      retryBaseMs,
      retryMaxMs,
      pollMs: seconds("OUTBOX_POLL_SECONDS", 15, 1, 3600),
    },
    scheduler: {
      intervalMs: seconds("SCHEDULER_INTERVAL_SECONDS", 60, 1, 3600),
      expiryReminderMs: int(env, "EXPIRY_REMINDER_HOURS", 24, 1, 168) * 3_600_000,
    },
    webhooks: {
      ...DEFAULT_WEBHOOK_SETTINGS,
      maxAttempts: int(env, "WEBHOOK_MAX_ATTEMPTS", DEFAULT_WEBHOOK_SETTINGS.maxAttempts, 1, 50),
      retryBaseMs: seconds("WEBHOOK_RETRY_BASE_SECONDS", DEFAULT_WEBHOOK_SETTINGS.retryBaseMs / 1000, 1, 3600),
      timeoutMs: seconds("WEBHOOK_TIMEOUT_SECONDS", DEFAULT_WEBHOOK_SETTINGS.timeoutMs / 1000, 1, 60),
      allowPrivateNetworks: bool(env, "WEBHOOK_ALLOW_PRIVATE_NETWORKS", false),
    },
    wsSessionCheckMs: seconds("WS_SESSION_CHECK_SECONDS", 30, 1, 3600),
  };
}
