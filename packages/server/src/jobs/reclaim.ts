import type { WithPgClient } from "graphile-worker";
import { JOB_QUEUE_SCHEMA } from "../db/job-queue";

/** How long a job of each task may stay locked before its worker is presumed dead (ms); tasks not listed: never. */
export type Leases = Partial<Record<string, number>>;

/**
 * graphile-worker frees the jobs of a worker that died only after four hours (a fixed timeout). Ours are short, so a
 * lease per task says when a worker is presumed dead: the worker pools holding a job past its lease get all their jobs
 * unlocked (graphile_worker.force_unlock_workers), and another process runs them again at once. A worker that was only
 * frozen is harmless when it wakes: the row's next claim bumped its attempt number, so its fenced steps fail
 * (LeaseLostError) and its job fails without touching the job's new holder (graphile-worker fails a job only where the
 * failing pool still holds it). Returns the pools unlocked.
 */
export async function reclaimStaleJobs(withPgClient: WithPgClient, leases: Leases): Promise<string[]> {
  const tasks = Object.keys(leases).filter((task) => leases[task] !== undefined);
  if (tasks.length === 0) return [];
  const seconds = tasks.map((task) => leases[task]! / 1000);
  return withPgClient(async (client) => {
    const { rows } = await client.query<{ pools: string[] | null }>(
      `SELECT array_agg(DISTINCT j.locked_by ORDER BY j.locked_by) AS pools
         FROM ${JOB_QUEUE_SCHEMA}.jobs j JOIN unnest($1::text[], $2::float8[]) AS lease(task, secs) ON lease.task = j.task_identifier
        WHERE j.locked_by IS NOT NULL AND j.locked_at < now() - make_interval(secs => lease.secs)`,
      [tasks, seconds],
    );
    const pools = rows[0]?.pools ?? [];
    if (pools.length > 0) await client.query(`SELECT ${JOB_QUEUE_SCHEMA}.force_unlock_workers($1::text[])`, [pools]);
    return pools;
  });
}
