import { bool, int, type Env } from "../config";
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from "../modules/integrations/webhook-sender";

/** Background work settings, read from the environment once at start (see the README's configuration table). */
export interface JobsConfig {
  /** Run graphile-worker (jobs and the crontab) in this process (WORKERS, default on). Real-time fan-out runs regardless. */
  workers: boolean;
  /** Jobs this process runs at the same time (JOBS_CONCURRENCY). */
  concurrency: number;
  outbox: OutboxSettings;
  scheduler: SchedulerSettings;
  /** Webhook deliveries (WEBHOOK_* variables). */
  webhooks: WebhookSettings;
  /** How often open WebSockets have their session re-checked. */
  wsSessionCheckMs: number;
}

export interface OutboxSettings {
  /**
   * How long a delivery may hold its row (and its job) before it counts as dead: its process is then presumed gone,
   * its jobs are handed to another process (jobs/reclaim.ts), and the row's next claim fences the old one out.
   */
  leaseMs: number;
  /** Delivery attempts per row (claims, including ones whose worker died) before the row is kept as failed. */
  maxAttempts: number;
}

export interface SchedulerSettings {
  /** Remind an alum this long before an unanswered request expires (at most half its life). */
  expiryReminderMs: number;
  /** A periodic job that ran this recently in an institution is skipped (half the crontab's one-minute period). */
  minGapMs: number;
}

/**
 * Settings of the hand-written job queue that graphile-worker replaced (docs/decisions/0013): polling, batches and the
 * retry delays are graphile-worker's own now. Still set, they change nothing; the server says so at start.
 */
export const RETIRED_JOB_SETTINGS = [
  "OUTBOX_BATCH_SIZE",
  "OUTBOX_POLL_SECONDS",
  "OUTBOX_RETRY_BASE_SECONDS",
  "OUTBOX_RETRY_MAX_SECONDS",
  "WEBHOOK_RETRY_BASE_SECONDS",
  "SCHEDULER_INTERVAL_SECONDS",
] as const;

/** The retired settings this environment still sets. */
export function retiredJobSettings(env: Env = process.env): string[] {
  return RETIRED_JOB_SETTINGS.filter((name) => env[name] !== undefined && env[name] !== "");
}

export function loadJobsConfig(env: Env = process.env): JobsConfig {
  const seconds = (name: string, fallback: number, min: number, max: number) => int(env, name, fallback, min, max) * 1000;
  const webhookTimeoutMs = seconds("WEBHOOK_TIMEOUT_SECONDS", DEFAULT_WEBHOOK_SETTINGS.timeoutMs / 1000, 1, 60);
  return {
    workers: bool(env, "WORKERS", true),
    concurrency: int(env, "JOBS_CONCURRENCY", 4, 1, 50),
    outbox: {
      leaseMs: seconds("OUTBOX_LEASE_SECONDS", 120, 5, 3600),
      // graphile-worker's backoff (exp(n) seconds after the nth attempt): nine attempts span about 80 minutes.
      maxAttempts: int(env, "OUTBOX_MAX_ATTEMPTS", 9, 1, 20),
    },
    scheduler: {
      expiryReminderMs: int(env, "EXPIRY_REMINDER_HOURS", 24, 1, 168) * 3_600_000,
      minGapMs: 30_000,
    },
    webhooks: {
      ...DEFAULT_WEBHOOK_SETTINGS,
      maxAttempts: int(env, "WEBHOOK_MAX_ATTEMPTS", DEFAULT_WEBHOOK_SETTINGS.maxAttempts, 1, 20),
      timeoutMs: webhookTimeoutMs,
      // An attempt that waits out the whole timeout is slow, not dead.
      leaseMs: Math.max(DEFAULT_WEBHOOK_SETTINGS.leaseMs, 2 * webhookTimeoutMs),
      allowPrivateNetworks: bool(env, "WEBHOOK_ALLOW_PRIVATE_NETWORKS", false),
    },
    wsSessionCheckMs: seconds("WS_SESSION_CHECK_SECONDS", 30, 1, 3600),
  };
}
