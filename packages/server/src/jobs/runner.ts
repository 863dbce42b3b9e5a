import { parseCronItems, run, type CronItem, type TaskList, type WorkerEvents } from "graphile-worker";
import type { Logger } from "pino";
import { JOB_QUEUE_PRESET, JOB_QUEUE_SCHEMA, jobQueueLogger, jobQueuePool } from "../db/job-queue";
import { TASK } from "./tasks";

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
];

export interface JobRunnerOptions {
  /** The database URL the server connects with (the owner login, which owns graphile_worker's schema too). */
  connectionString: string;
  taskList: TaskList;
  /** Jobs run at the same time (JOBS_CONCURRENCY). */
  concurrency: number;
  logger: Pick<Logger, "error" | "warn" | "info">;
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

/**
 * graphile-worker in this process: a small pool of its own (jobs, its LISTEN connection, the crontab), the tasks, and
 * the crontab. Signals are the server's (main.ts stops the runner as part of its graceful shutdown).
 */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const log = options.logger;
  // The jobs in hand, the LISTEN connection and the crontab.
  const pool = jobQueuePool(options.connectionString, options.concurrency + 2, (error) =>
    log.warn({ error: String(error) }, "job queue connection lost"),
  );
  let runner;
  try {
    runner = await run({
      pgPool: pool,
      schema: JOB_QUEUE_SCHEMA,
      preset: JOB_QUEUE_PRESET,
      taskList: options.taskList,
      parsedCronItems: parseCronItems(options.crontab ?? CRONTAB),
      concurrency: options.concurrency,
      pollInterval: options.pollIntervalMs ?? 2000,
      noHandleSignals: true,
      logger: jobQueueLogger((level, message, meta) => log[level]({ jobs: meta }, message)),
    });
    // A scheduler pass now rather than at the next minute; the key makes it one for processes starting together.
    if ((options.crontab ?? CRONTAB).some((item) => item.task === TASK.scheduler)) {
      await runner.addJob(TASK.scheduler, {}, { jobKey: TASK.scheduler, maxAttempts: 1 });
    }
  } catch (error) {
    await runner?.stop().catch(() => {});
    await pool.end().catch(() => {});
    throw error;
  }
  const started = runner;
  let stopping: Promise<void> | null = null;
  return {
    events: started.events,
    stop() {
      stopping ??= (async () => {
        await started.stop();
        await pool.end();
      })();
      return stopping;
    },
  };
}
