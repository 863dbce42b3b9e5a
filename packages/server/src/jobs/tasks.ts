import type { JobHelpers, Task } from "graphile-worker";
import type { Logger } from "pino";
import { errorText } from "../modules/notifications/outbox-delivery";
import type { WebhookSender } from "../modules/integrations/webhook-sender";
import type { OutboxJob } from "./outbox-job";
import { reclaimStaleJobs, type Leases } from "./reclaim";
import type { Scheduler } from "./scheduler";

/**
 * The graphile-worker tasks. `outbox` and `webhook` jobs are added by triggers (migration 1795305602700) in the
 * transaction that inserts their row; `scheduler` and `reclaim` by the crontab (jobs/runner.ts); `institution-jobs` by
 * `scheduler`. Every payload is ids only: the work reads the rest in the institution's own tenant transaction.
 */
export const TASK = {
  outbox: "outbox",
  webhook: "webhook",
  scheduler: "scheduler",
  institutionJobs: "institution-jobs",
  reclaim: "reclaim",
  auditPurge: "audit-purge",
  digests: "digests",
  erasure: "erasure",
  retention: "retention",
  graduation: "graduation",
} as const;
export type TaskName = (typeof TASK)[keyof typeof TASK];
export const TASK_NAMES: readonly TaskName[] = Object.values(TASK);

/**
 * graphile-worker takes the due job with the lowest priority number first. Outbox deliveries (emails, real-time events)
 * go first (0, set by their trigger), webhooks next (1, likewise), the periodic work per institution last.
 */
export const PERIODIC_PRIORITY = 10;

/** graphile-worker's delay before retrying a job that failed on its nth attempt: exp(least(n, 10)) seconds (its failJob). */
export const retryDelaySeconds = (attempts: number): number => Math.exp(Math.min(attempts, 10));

/** What one job did, for /metrics (and for tests, which count them per institution). */
export interface JobOutcomeEvent {
  task: TaskName;
  institutionId: string | null;
  /** A short word from a small set (a metric label): delivered, retrying, failed, done, busy, lease-lost, error. */
  outcome: string;
  /** What an `institution-jobs` job did, job by job. */
  detail?: Record<string, number | null>;
}
export type OnJobOutcome = (event: JobOutcomeEvent) => void;

/**
 * Thrown to have graphile-worker retry the job with its backoff. Its message is what graphile_worker keeps as the
 * job's last_error, so it names ids only; the cause (which may quote a receiver or a mail server) stays in the tenant
 * row's last_error and the server log.
 */
export class RetryLater extends Error {
  override name = "RetryLater";
}

/** Outcomes after which the job runs again: the attempt failed, or another attempt holds the row. */
const RETRY = new Set(["retrying", "busy", "lease-lost"]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIGITS = /^\d{1,19}$/;

function field(payload: unknown, name: string, pattern: RegExp): string {
  const value = String((payload as Record<string, unknown> | null)?.[name] ?? "");
  if (!pattern.test(value)) throw new Error(`job payload has no valid ${name}`);
  return value;
}

export interface TaskDeps {
  outbox: OutboxJob;
  webhooks: WebhookSender;
  scheduler: Scheduler;
  /** How long each task's job may stay locked before its process is presumed dead (jobs/reclaim.ts). */
  leases: Leases;
  logger: Pick<Logger, "warn" | "error">;
  onOutcome?: OnJobOutcome;
  /** The audit log's retention purge (modules/audit), run daily by the crontab's audit-purge. */
  audit?: { purgeExpired(institutionId: string): Promise<number> };
  /** Digests (modules/notifications/digests.ts), built by the crontab's digests job, institution by institution. */
  digests?: { run(institutionId: string): Promise<number> };
  /** Erasures whose grace period is over (modules/privacy), run hourly by the crontab's erasure task. */
  privacy?: { eraseDue(institutionId: string): Promise<number> };
  /** Retention per institution (modules/privacy, ADR 0027), run daily by the crontab's retention task. */
  retention?: { run(institutionId: string, options: { dryRun: boolean }): Promise<{ counts: Array<{ kind: string; count: number }> }> };
  /** Automatic graduation (modules/integrations/graduation-schedule.ts, ADR 0032), tried hourly, once a local day. */
  graduation?: { runDue(institutionId: string): Promise<{ result: { graduated: number } } | null> };
}

/** Runs one attempt and reports it; an unexpected error is logged here and leaves graphile-worker with ids only. */
async function attempt(
  deps: Pick<TaskDeps, "logger" | "onOutcome">,
  task: TaskName,
  institutionId: string,
  what: string,
  run: () => Promise<string>,
): Promise<void> {
  let outcome: string;
  try {
    outcome = await run();
  } catch (error) {
    deps.logger.error({ task, institutionId, error: errorText(error) }, `${what}: the attempt failed`);
    deps.onOutcome?.({ task, institutionId, outcome: "error" });
    throw new RetryLater(`${what}: the attempt failed (see the server log)`);
  }
  deps.onOutcome?.({ task, institutionId, outcome });
  if (RETRY.has(outcome)) throw new RetryLater(`${what}: ${outcome}; the reason is kept in the row's last_error`);
}

export function outboxTask(deps: Pick<TaskDeps, "outbox" | "logger" | "onOutcome">): Task {
  return async (payload, helpers: JobHelpers) => {
    const ref = { institutionId: field(payload, "institutionId", UUID), outboxId: field(payload, "outboxId", DIGITS) };
    await attempt(deps, TASK.outbox, ref.institutionId, `outbox row ${ref.outboxId}`, () =>
      deps.outbox.run(ref, retryDelaySeconds(helpers.job.attempts), async (runAt) => {
        // Quiet hours: the row's emails still waiting go when they end (a key of its own: this job is still running).
        await helpers.addJob(
          TASK.outbox,
          { institutionId: ref.institutionId, outboxId: ref.outboxId },
          {
            runAt,
            jobKey: `outbox-held:${ref.outboxId}`,
            priority: 0,
          },
        );
      }),
    );
  };
}

export function webhookTask(deps: Pick<TaskDeps, "webhooks" | "logger" | "onOutcome">): Task {
  return async (payload, helpers: JobHelpers) => {
    const ref = { institutionId: field(payload, "institutionId", UUID), deliveryId: field(payload, "deliveryId", UUID) };
    await attempt(deps, TASK.webhook, ref.institutionId, `webhook delivery ${ref.deliveryId}`, () =>
      deps.webhooks.send(ref, retryDelaySeconds(helpers.job.attempts)),
    );
  };
}

/**
 * The crontab's minute: one `institution-jobs` job per institution. The job key makes it one per institution however
 * many processes schedule it; a job not started yet is replaced rather than doubled.
 */
export function schedulerTask(deps: Pick<TaskDeps, "scheduler" | "logger" | "onOutcome">): Task {
  return async (_payload, helpers: JobHelpers) => {
    let ids: string[];
    try {
      ids = await deps.scheduler.institutionIds();
    } catch (error) {
      // The next minute tries again; a failed tick is not worth a dead job in graphile_worker's table.
      deps.logger.error({ error: errorText(error) }, "scheduler: could not list the institutions");
      deps.onOutcome?.({ task: TASK.scheduler, institutionId: null, outcome: "error" });
      return;
    }
    if (ids.length > 0) {
      await helpers.addJobs(
        ids.map((institutionId) => ({
          identifier: TASK.institutionJobs,
          payload: { institutionId },
          jobKey: `${TASK.institutionJobs}:${institutionId}`,
          maxAttempts: 1,
          // After the deliveries waiting: a minute's expiry and reminders for every institution must not hold up emails.
          priority: PERIODIC_PRIORITY,
        })),
      );
    }
    deps.onOutcome?.({ task: TASK.scheduler, institutionId: null, outcome: "done" });
  };
}

/** Expiry and reminders in one institution; a job that fails is recorded in job_runs and runs again next minute. */
export function institutionJobsTask(deps: Pick<TaskDeps, "scheduler" | "onOutcome">): Task {
  return async (payload) => {
    const institutionId = field(payload, "institutionId", UUID);
    const detail = await deps.scheduler.runInstitution(institutionId);
    deps.onOutcome?.({ task: TASK.institutionJobs, institutionId, outcome: "done", detail });
  };
}

export function reclaimTask(deps: Pick<TaskDeps, "leases" | "logger">): Task {
  return async (_payload, helpers: JobHelpers) => {
    const pools = await reclaimStaleJobs(helpers.withPgClient, deps.leases);
    if (pools.length > 0) deps.logger.warn({ pools }, "jobs held past their lease were handed back: their worker is presumed dead");
  };
}

/**
 * The crontab's daily audit-log purge: in each institution, the entries older than its audit_retention_years go,
 * through purge_audit_log (the one way rows leave the append-only table, ADR 0019). Institution by institution, each
 * in its own tenant transaction; one that fails is logged and tried again the next day with the rest.
 */
export function auditPurgeTask(deps: Pick<TaskDeps, "scheduler" | "audit" | "logger" | "onOutcome">): Task {
  return async () => {
    const audit = deps.audit;
    if (!audit) return;
    for (const institutionId of await deps.scheduler.institutionIds()) {
      try {
        const purged = await audit.purgeExpired(institutionId);
        deps.onOutcome?.({ task: TASK.auditPurge, institutionId, outcome: "done", detail: { purged } });
      } catch (error) {
        deps.logger.error({ task: TASK.auditPurge, institutionId, error: errorText(error) }, "audit log purge failed");
        deps.onOutcome?.({ task: TASK.auditPurge, institutionId, outcome: "error" });
      }
    }
  };
}

/**
 * The crontab's digests: in each institution, the people whose digest day and hour has come get one digest per period
 * (digest_runs' key makes it one however many runners build them at once). One that fails is logged; the next run retries.
 */
export function digestsTask(deps: Pick<TaskDeps, "scheduler" | "digests" | "logger" | "onOutcome">): Task {
  return async () => {
    const digests = deps.digests;
    if (!digests) return;
    for (const institutionId of await deps.scheduler.institutionIds()) {
      try {
        const queued = await digests.run(institutionId);
        deps.onOutcome?.({ task: TASK.digests, institutionId, outcome: "done", detail: { queued } });
      } catch (error) {
        deps.logger.error({ task: TASK.digests, institutionId, error: errorText(error) }, "digests failed");
        deps.onOutcome?.({ task: TASK.digests, institutionId, outcome: "error" });
      }
    }
  };
}

/**
 * The crontab's hourly erasure task: in each institution, the people whose own request to delete their account is
 * past its grace period are erased (modules/privacy, ADR 0022). graphile-worker's jobKey makes one run at a time
 * across replicas, and each erasure is one transaction that skips a person already erased, so a rerun is harmless.
 */
export function erasureTask(deps: Pick<TaskDeps, "scheduler" | "privacy" | "logger" | "onOutcome">): Task {
  return async () => {
    const privacy = deps.privacy;
    if (!privacy) return;
    for (const institutionId of await deps.scheduler.institutionIds()) {
      try {
        const erased = await privacy.eraseDue(institutionId);
        deps.onOutcome?.({ task: TASK.erasure, institutionId, outcome: "done", detail: { erased } });
      } catch (error) {
        deps.logger.error({ task: TASK.erasure, institutionId, error: errorText(error) }, "erasure failed");
        deps.onOutcome?.({ task: TASK.erasure, institutionId, outcome: "error" });
      }
    }
  };
}

/**
 * The crontab's daily retention task: in each institution, its own rules (ADR 0027) in its own tenant transaction —
 * people deactivated too long erased, old messages and notes replaced, delivered rows and old audit entries purged.
 * graphile-worker's jobKey makes one run at a time across replicas; what is done is not a candidate again, so a
 * rerun does nothing. One institution that fails is logged; the others go on, and the next day tries again.
 */
export function retentionTask(deps: Pick<TaskDeps, "scheduler" | "retention" | "logger" | "onOutcome">): Task {
  return async () => {
    const retention = deps.retention;
    if (!retention) return;
    for (const institutionId of await deps.scheduler.institutionIds()) {
      try {
        const { counts } = await retention.run(institutionId, { dryRun: false });
        deps.onOutcome?.({
          task: TASK.retention,
          institutionId,
          outcome: "done",
          detail: Object.fromEntries(counts.map((c) => [c.kind, c.count])),
        });
      } catch (error) {
        deps.logger.error({ task: TASK.retention, institutionId, error: errorText(error) }, "retention failed");
        deps.onOutcome?.({ task: TASK.retention, institutionId, outcome: "error" });
      }
    }
  };
}

/**
 * The crontab's graduation task: in each institution that turned automatic graduation on, once per its local day, the
 * students whose class year has ended become alumni (ADR 0032), each institution in its own tenant transaction.
 * graphile-worker's jobKey makes one run at a time across replicas; the day's claim on the institution's row makes a
 * second run that day do nothing. One institution that fails is logged; the others go on, and the next hour tries again.
 */
export function graduationTask(deps: Pick<TaskDeps, "scheduler" | "graduation" | "logger" | "onOutcome">): Task {
  return async () => {
    const graduation = deps.graduation;
    if (!graduation) return;
    for (const institutionId of await deps.scheduler.institutionIds()) {
      try {
        const run = await graduation.runDue(institutionId);
        deps.onOutcome?.({
          task: TASK.graduation,
          institutionId,
          outcome: "done",
          detail: { graduated: run ? run.result.graduated : null },
        });
      } catch (error) {
        deps.logger.error({ task: TASK.graduation, institutionId, error: errorText(error) }, "automatic graduation failed");
        deps.onOutcome?.({ task: TASK.graduation, institutionId, outcome: "error" });
      }
    }
  };
}

/** Every task, for a runner (jobs/runner.ts) or a test's runOnce. */
export function createTaskList(deps: TaskDeps): Record<TaskName, Task> {
  return {
    [TASK.outbox]: outboxTask(deps),
    [TASK.webhook]: webhookTask(deps),
    [TASK.scheduler]: schedulerTask(deps),
    [TASK.institutionJobs]: institutionJobsTask(deps),
    [TASK.reclaim]: reclaimTask(deps),
    [TASK.auditPurge]: auditPurgeTask(deps),
    [TASK.digests]: digestsTask(deps),
    [TASK.erasure]: erasureTask(deps),
    [TASK.retention]: retentionTask(deps),
    [TASK.graduation]: graduationTask(deps),
  };
}
