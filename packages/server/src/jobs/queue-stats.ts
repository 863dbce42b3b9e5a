import type { DataSource } from "typeorm";
import { JOB_QUEUE_SCHEMA } from "../db/job-queue";
import { TASK_NAMES } from "./tasks";

/** One task's jobs in graphile_worker's table, for /metrics. The states are disjoint; `retrying` counts within the first two. */
export interface TaskQueueStats {
  task: string;
  /** Due and not taken yet. */
  waiting: number;
  /** Due later: delayed, or waiting out the backoff after a failed attempt. */
  scheduled: number;
  /** Taken by a worker. */
  running: number;
  /** Out of attempts: graphile-worker keeps them and never runs them again. */
  failed: number;
  /** Waiting or scheduled after a failed attempt. */
  retrying: number;
  /** How long the oldest due job has waited (0: none is waiting). */
  lagSeconds: number;
}

/**
 * The queue as every process sees it (one table for all), read as the owner: the app role has no right on
 * graphile_worker's schema. Every task of ours is listed, with zeros when it has no jobs. A short statement timeout:
 * /metrics must answer even when the database is slow.
 */
export async function queueStats(dataSource: DataSource): Promise<TaskQueueStats[]> {
  const rows = await dataSource.transaction(async (m) => {
    await m.query(`SELECT set_config('statement_timeout', '2s', true)`);
    return m.query(
      `SELECT task_identifier AS task,
              count(*) FILTER (WHERE locked_at IS NULL AND attempts < max_attempts AND run_at <= now())::int AS waiting,
              count(*) FILTER (WHERE locked_at IS NULL AND attempts < max_attempts AND run_at > now())::int AS scheduled,
              count(*) FILTER (WHERE locked_at IS NOT NULL)::int AS running,
              count(*) FILTER (WHERE locked_at IS NULL AND attempts >= max_attempts)::int AS failed,
              count(*) FILTER (WHERE locked_at IS NULL AND attempts < max_attempts AND last_error IS NOT NULL)::int AS retrying,
              coalesce(extract(epoch FROM now() - min(run_at) FILTER (WHERE locked_at IS NULL AND attempts < max_attempts AND run_at <= now())), 0)::float8
                AS "lagSeconds"
         FROM ${JOB_QUEUE_SCHEMA}.jobs GROUP BY task_identifier`,
    ) as Promise<TaskQueueStats[]>;
  });
  const byTask = new Map(rows.map((r) => [r.task, r]));
  for (const task of TASK_NAMES) {
    if (!byTask.has(task)) byTask.set(task, { task, waiting: 0, scheduled: 0, running: 0, failed: 0, retrying: 0, lagSeconds: 0 });
  }
  return [...byTask.values()].sort((a, b) => a.task.localeCompare(b.task));
}
