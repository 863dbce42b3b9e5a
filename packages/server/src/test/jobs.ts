import { runOnce, type TaskList } from "graphile-worker";
import type { DataSource } from "typeorm";
import { JOB_QUEUE_PRESET, JOB_QUEUE_SCHEMA, jobQueueLogger, jobQueuePool } from "../db/job-queue";
import type { JobOutcomeEvent } from "../jobs/tasks";
import { connectionStringOf } from "../modules/notifications/pg-listener";

const quiet = jobQueueLogger(() => {});

/**
 * What the running server does with due jobs, once: graphile-worker's runOnce takes every due job of the given tasks
 * (jobs of other tasks stay waiting), runs it, and returns when none is due — a failed job waits out its backoff.
 */
export async function runDueJobs(dataSource: DataSource, taskList: TaskList): Promise<void> {
  const pool = jobQueuePool(connectionStringOf(dataSource), 2);
  try {
    await runOnce({ pgPool: pool, schema: JOB_QUEUE_SCHEMA, preset: JOB_QUEUE_PRESET, taskList, noHandleSignals: true, logger: quiet });
  } finally {
    await pool.end();
  }
}

/** Every job outcome the tasks report, to count one institution's. */
export class OutcomeRecorder {
  readonly events: JobOutcomeEvent[] = [];
  readonly onOutcome = (event: JobOutcomeEvent): void => {
    this.events.push(event);
  };

  /** How many of each outcome the institution's jobs had since `from` (an index into events). */
  count(institutionId: string, from = 0): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const e of this.events.slice(from)) if (e.institutionId === institutionId) counts[e.outcome] = (counts[e.outcome] ?? 0) + 1;
    return counts;
  }
}

export interface QueuedJob {
  id: string;
  task: string;
  key: string | null;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  runInSeconds: number;
  locked: boolean;
}

/**
 * The jobs in graphile_worker's table, oldest first (as the owner: the app role may not read them). The payload is read
 * from the private table, which only tests look at: to check it holds ids and nothing else.
 */
export async function queuedJobs(dataSource: DataSource, task?: string): Promise<QueuedJob[]> {
  const rows: Array<Record<string, unknown>> = await dataSource.query(
    `SELECT j.id::text, j.task_identifier AS task, j.key, p.payload, j.attempts, j.max_attempts, j.last_error,
            extract(epoch FROM j.run_at - now())::float8 AS run_in, j.locked_at IS NOT NULL AS locked
       FROM ${JOB_QUEUE_SCHEMA}.jobs j JOIN ${JOB_QUEUE_SCHEMA}._private_jobs p ON p.id = j.id
      WHERE $1::text IS NULL OR j.task_identifier = $1
      ORDER BY j.run_at, j.id`,
    [task ?? null],
  );
  return rows.map((r) => ({
    id: r.id as string,
    task: r.task as string,
    key: r.key as string | null,
    payload: r.payload as Record<string, unknown>,
    attempts: r.attempts as number,
    maxAttempts: r.max_attempts as number,
    lastError: r.last_error as string | null,
    runInSeconds: r.run_in as number,
    locked: r.locked as boolean,
  }));
}

/** Adds a job as the owner does (a trigger, the crontab, another job), through graphile-worker's add_job. */
export async function addJob(dataSource: DataSource, task: string, payload: Record<string, unknown>, jobKey?: string): Promise<void> {
  await dataSource.query(`SELECT ${JOB_QUEUE_SCHEMA}.add_job($1, $2::json, job_key := $3)`, [
    task,
    JSON.stringify(payload),
    jobKey ?? null,
  ]);
}

/** Brings the waiting jobs (of one task, or all) forward to now, through graphile-worker's reschedule_jobs. */
export async function makeJobsDue(dataSource: DataSource, task?: string): Promise<void> {
  await dataSource.query(
    `SELECT ${JOB_QUEUE_SCHEMA}.reschedule_jobs(array_agg(id), run_at := now())
       FROM ${JOB_QUEUE_SCHEMA}.jobs WHERE locked_at IS NULL AND ($1::text IS NULL OR task_identifier = $1)`,
    [task ?? null],
  );
}
