import { EventEmitter } from "node:events";
import { parseCronItems, run, type CronItem, type Runner, type TaskList, type WorkerEvents } from "graphile-worker";
import type { Pool } from "pg";
import type { Logger } from "pino";
import { JOB_QUEUE_PRESET, JOB_QUEUE_SCHEMA, jobQueueLogger, jobQueuePool } from "../db/job-queue";
import { RetryLater, TASK } from "./tasks";

/**
 * Recurring work, for all processes together: graphile-worker's cron schedules each minute once (it records the
 * minutes it has scheduled), and the job key keeps at most one waiting job per item. Nothing is made up for minutes
 * when no process ran (no backfill): each run looks at everything due anyway.
 */
export const CRONTAB: CronItem[] = [
  {
    task: TASK.scheduler,
    identifier: TASK.scheduler,
    match: "* * * * *",
    options: { backfillPeriod: 0, maxAttempts: 1, jobKey: TASK.scheduler },
  },
  {
    task: TASK.reclaim,
    identifier: TASK.reclaim,
    match: "* * * * *",
    options: { backfillPeriod: 0, maxAttempts: 1, jobKey: TASK.reclaim },
  },
  {
    // Daily, at a quiet hour (UTC): the audit log's retention purge (modules/audit, ADR 0019).
    task: TASK.auditPurge,
    identifier: TASK.auditPurge,
    match: "17 3 * * *",
    options: { backfillPeriod: 0, maxAttempts: 1, jobKey: TASK.auditPurge },
  },
  {
    // Every five minutes: digests whose day and hour has come, in each person's own time zone (ADR 0024).
    task: TASK.digests,
    identifier: TASK.digests,
    match: "*/5 * * * *",
    options: { backfillPeriod: 0, maxAttempts: 1, jobKey: TASK.digests },
  },
  {
    // Hourly: erasures whose grace period is over (modules/privacy, ADR 0022).
    task: TASK.erasure,
    identifier: TASK.erasure,
    match: "41 * * * *",
    options: { backfillPeriod: 0, maxAttempts: 1, jobKey: TASK.erasure },
  },
  {
    // Daily, at a quiet hour (UTC): each institution's retention rules (modules/privacy, ADR 0027).
    task: TASK.retention,
    identifier: TASK.retention,
    match: "29 4 * * *",
    options: { backfillPeriod: 0, maxAttempts: 1, jobKey: TASK.retention },
  },
  {
    // Hourly, acting once per institution per local day: automatic graduation where it is on (ADR 0032).
    task: TASK.graduation,
    identifier: TASK.graduation,
    match: "53 * * * *",
    options: { backfillPeriod: 0, maxAttempts: 1, jobKey: TASK.graduation },
  },
];

/**
 * graphile-worker's log lines at our levels: a line per job done (its info) is debug; a failed attempt that will be
 * retried (RetryLater: its reason is logged by the task) is a warning, not an error.
 */
function levelOf(level: "error" | "warn" | "info", meta: Record<string, unknown>): "error" | "warn" | "debug" {
  if (level === "info") return "debug";
  return level === "error" && meta.error instanceof RetryLater ? "warn" : level;
}

/** The job a line is about, by its ids (the payload holds ids only; the rest of graphile-worker's row is noise). */
function jobOf(meta: Record<string, unknown>): Record<string, unknown> | undefined {
  const job = meta.job as { id?: string; task_identifier?: string; attempts?: number; payload?: unknown } | undefined;
  return job ? { id: job.id, task: job.task_identifier, attempts: job.attempts, payload: job.payload } : undefined;
}

export interface JobRunnerOptions {
  /** The database URL the server connects with (the owner login, which owns graphile_worker's schema too). */
  connectionString: string;
  taskList: TaskList;
  /** Jobs run at the same time (JOBS_CONCURRENCY). */
  concurrency: number;
  logger: Pick<Logger, "error" | "warn" | "info" | "debug">;
  /** How often idle workers look for jobs that became due (retries, delayed jobs); new jobs wake them at once (NOTIFY). */
  pollIntervalMs?: number;
  /** Recurring work (tests run without it). */
  crontab?: CronItem[];
}

export interface JobRunner {
  /** graphile-worker's events (a job started, failed, the LISTEN connection…). */
  events: WorkerEvents;
  /** Lets the jobs in hand finish, takes no more, and closes the runner's connections. */
  stop(): Promise<void>;
}

/** One graphile-worker runner and its pool. */
interface Started {
  runner: Runner;
  pool: Pool;
}

/**
 * graphile-worker in this process: a small pool of its own (jobs, its LISTEN connection, the crontab), the tasks, and
 * the crontab. Signals are the server's (main.ts stops the runner as part of its graceful shutdown).
 *
 * graphile-worker stops by itself when it cannot record a job's end (say the database went away while a job ran: it
 * will not guess the queue's state). The server keeps serving, so it starts a new runner, with a growing pause while
 * the database stays away; the job whose end was lost stays locked until its lease runs out (jobs/reclaim.ts).
 */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const log = options.logger;
  // One emitter for every runner of this process, so that listeners outlive a restart.
  const events = new EventEmitter() as WorkerEvents;
  const crontab = options.crontab ?? CRONTAB;
  let current: Started | null = null;
  let stopping: Promise<void> | null = null;
  let restartTimer: NodeJS.Timeout | null = null;
  let relaunching: Promise<void> | null = null;
  let failures = 0;

  const launch = async (): Promise<Started> => {
    const pool = jobQueuePool(options.connectionString, options.concurrency + 2, (error) =>
      log.warn({ error: String(error) }, "job queue connection lost"),
    );
    let runner: Runner | undefined;
    try {
      runner = await run({
        pgPool: pool,
        schema: JOB_QUEUE_SCHEMA,
        preset: JOB_QUEUE_PRESET,
        events,
        taskList: options.taskList,
        parsedCronItems: parseCronItems(crontab),
        concurrency: options.concurrency,
        pollInterval: options.pollIntervalMs ?? 2000,
        noHandleSignals: true,
        logger: jobQueueLogger((level, message, meta) => log[levelOf(level, meta)]({ job: jobOf(meta) }, message)),
      });
      // A scheduler pass now rather than at the next minute; the key makes it one for processes starting together.
      if (crontab.some((item) => item.task === TASK.scheduler)) {
        await runner.addJob(TASK.scheduler, {}, { jobKey: TASK.scheduler, maxAttempts: 1 });
      }
    } catch (error) {
      await runner?.stop().catch(() => {});
      await pool.end().catch(() => {});
      throw error;
    }
    const started = { runner, pool };
    current = started;
    void runner.promise
      .catch(() => {})
      .then(() => {
        if (stopping || current !== started) return;
        current = null;
        void pool.end().catch(() => {});
        log.error("graphile-worker stopped by itself; starting it again");
        restartSoon();
      });
    return started;
  };

  const restartSoon = () => {
    if (stopping) return;
    const delay = Math.min(1000 * 2 ** failures, 30_000);
    restartTimer = setTimeout(() => {
      restartTimer = null;
      relaunching = launch().then(
        () => {
          failures = 0;
          log.info("graphile-worker running again");
        },
        (error) => {
          failures += 1;
          log.warn({ error: String(error) }, "graphile-worker could not start; trying again");
          restartSoon();
        },
      );
    }, delay);
    restartTimer.unref();
  };

  await launch();
  return {
    events,
    stop() {
      stopping ??= (async () => {
        if (restartTimer) clearTimeout(restartTimer);
        await relaunching;
        const started = current;
        current = null;
        if (started) {
          await started.runner.stop();
          await started.pool.end();
        }
      })();
      return stopping;
    },
  };
}
