import { Logger, runMigrations, type LogFunctionFactory } from "graphile-worker";
import { Pool } from "pg";

/** graphile-worker's schema: its jobs, task names, crontab bookkeeping and migrations (no tenant data: ids only, ADR 0013). */
export const JOB_QUEUE_SCHEMA = "graphile_worker";

/** graphile-worker's log lines, through a function of ours; its debug lines are dropped. */
export function jobQueueLogger(write: (level: "error" | "warn" | "info", message: string, meta: Record<string, unknown>) => void): Logger {
  const factory: LogFunctionFactory = (scope) => (level, message, meta) => {
    if (level === "debug") return;
    write(level === "warning" ? "warn" : level, message, { ...scope, ...meta });
  };
  return new Logger(factory);
}

const quiet = jobQueueLogger(() => {});

/**
 * A small pool of graphile-worker's own, on the server's database URL (the owner login). A connection lost while idle
 * is reported and replaced at the next query; graphile-worker handles the ones it was using.
 */
export function jobQueuePool(connectionString: string, max: number, onError: (error: Error) => void = () => {}): Pool {
  const pool = new Pool({ connectionString, max, application_name: "infoview-jobs" });
  pool.on("error", onError);
  pool.on("connect", (client) => client.on("error", onError));
  return pool;
}

/**
 * graphile-worker settings for every runner of ours. Completing and failing jobs go through its batchers (a batch per
 * tick): a runner that stops waits for them, where a lone completion could still be under way as the pool closes,
 * leaving a finished job locked.
 */
export const JOB_QUEUE_PRESET: GraphileConfig.Preset = {
  worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 },
};

/**
 * Creates or updates graphile-worker's schema, as the database owner (the login the server connects with), like the
 * TypeORM migrations — and before them, since the triggers they create add jobs to it. Safe when several processes
 * start at once: graphile-worker detects a concurrent migration and carries on.
 */
export async function migrateJobQueue(connectionString: string, logger: Logger = quiet): Promise<void> {
  await runMigrations({ connectionString, schema: JOB_QUEUE_SCHEMA, logger, maxPoolSize: 1 });
}
