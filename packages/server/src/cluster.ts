import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import type { Logger } from "pino";
import { int, type Config, type Env } from "./config";
import type { Database } from "./db/connect";
import { RateLimiter, type Limiter, type Principal, type Take } from "./http/rate-limit";

/**
 * All the machine's cores (ADR 0026): `npm start` runs one server process per core, each a full server (HTTP,
 * WebSocket, jobs) on the same port through node:cluster. The primary opens the database first (starting the
 * embedded PostgreSQL and migrating, once), then starts the processes with DATABASE_URL pointing at it, one after
 * the other (the first seeds the demo, if asked, before the next starts), restarts one that dies, and on SIGTERM
 * stops them all before the database. It also keeps the rate-limit buckets every process takes from.
 *
 * Everything else already holds across processes as it does across replicas (docs/scaling.md): subscriptions and
 * report-cache invalidation travel through PostgreSQL's NOTIFY, jobs through graphile-worker, sign-in throttling and
 * idempotency are rows in PostgreSQL.
 */

/**
 * INFOVIEW_PROCESSES, else WEB_CONCURRENCY (the Heroku-style name), else one per core; 1 turns the cluster off. With the
 * demo's built-in OpenID Provider (`demoSignIn`), whose sign-in steps live in one process's memory, the default is one
 * process: a count that is set still wins (ADR 0026).
 */
export function processCount(env: Env, demoSignIn = false): number {
  const named = env.INFOVIEW_PROCESSES ? "INFOVIEW_PROCESSES" : env.WEB_CONCURRENCY ? "WEB_CONCURRENCY" : null;
  if (named) return int(env, named, 1, 1, 256);
  return demoSignIn ? 1 : availableParallelism();
}

const TAKE = "infoview:rate-limit:take";
const TAKEN = "infoview:rate-limit:taken";

interface TakeMessage {
  type: typeof TAKE;
  id: number;
  principal: Principal;
  cost: number;
}
interface TakenMessage {
  type: typeof TAKEN;
  id: number;
  taken: Take;
}

/**
 * In a cluster's server process: the rate limit kept by the primary, asked over the IPC channel, so a principal
 * gets its limit once however the connections are spread over the processes. If the channel is gone (the primary
 * died), this process's own buckets answer.
 */
export class SharedRateLimiter implements Limiter {
  private next = 0;
  private readonly waiting = new Map<number, (taken: Take) => void>();

  constructor(private readonly fallback: RateLimiter) {
    process.on("message", (message: TakenMessage) => {
      if (message?.type !== TAKEN) return;
      this.waiting.get(message.id)?.(message.taken);
      this.waiting.delete(message.id);
    });
  }

  take(principal: Principal, cost = 1): Take | Promise<Take> {
    if (!process.send || !process.connected) return this.fallback.take(principal, cost);
    const id = ++this.next;
    return new Promise<Take>((resolve) => {
      this.waiting.set(id, resolve);
      process.send!({ type: TAKE, id, principal, cost } satisfies TakeMessage, undefined, undefined, (error) => {
        if (!error) return;
        this.waiting.delete(id);
        resolve(this.fallback.take(principal, cost));
      });
    });
  }
}

/** The rate limit every process takes from: the primary's own RateLimiter answering the processes' messages. */
function serveRateLimit(limiter: RateLimiter): void {
  cluster.on("message", (worker: Worker, message: TakeMessage) => {
    if (message?.type !== TAKE) return;
    const taken = limiter.take(message.principal, message.cost);
    if (worker.isConnected()) worker.send({ type: TAKEN, id: message.id, taken } satisfies TakenMessage);
  });
}

/** A server process tells the primary it is listening (after which the next one may start). */
export const READY = "infoview:ready";

/**
 * The primary: opens the database, starts `count` server processes one at a time, keeps them running and stops
 * them on SIGTERM/SIGINT. `open` is openDatabase with the configuration's settings.
 */
export async function runPrimary(count: number, config: Config, logger: Logger, open: () => Promise<Database>): Promise<void> {
  const started = Date.now();
  const db = await open();
  // The primary runs no queries: the processes open their own pools. It keeps the embedded PostgreSQL alive.
  await db.dataSource.destroy();
  serveRateLimit(new RateLimiter({ perMinute: config.api.rateLimitPerMinute, anonymousPerMinute: config.api.rateLimitAnonymousPerMinute }));
  const env = { DATABASE_URL: db.url, INFOVIEW_CLUSTER_WORKER: "1" };
  let stopping = false;

  const fork = (): Promise<Worker> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork(env);
      const onMessage = (message: { type?: string }) => {
        if (message?.type !== READY) return;
        worker.off("message", onMessage);
        worker.off("exit", onEarlyExit);
        resolve(worker);
      };
      const onEarlyExit = (code: number | null) =>
        reject(new Error(`server process ${worker.process.pid} exited with ${code} while starting`));
      worker.on("message", onMessage);
      worker.once("exit", onEarlyExit);
    });

  for (let i = 0; i < count; i++) {
    try {
      await fork();
    } catch (error) {
      logger.error({ error: String(error) }, "a server process failed to start");
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
      await db.close();
      process.exit(1);
    }
  }
  logger.info(`Infoview is running ${count} server processes (INFOVIEW_PROCESSES) in ${Date.now() - started} ms`);

  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code, signal }, "a server process died; starting another");
    fork().catch((error) => logger.error({ error: String(error) }, "could not start a server process"));
  });

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping ${count} server processes`);
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => Boolean(w));
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once("exit", () => resolve());
            worker.process.kill("SIGTERM");
          }),
      ),
    );
    await db.close();
    logger.info("all server processes stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

/** True in a server process started by runPrimary. */
export const isClusterWorker = (): boolean => !cluster.isPrimary && process.env.INFOVIEW_CLUSTER_WORKER === "1";
