import "reflect-metadata";
import { isClusterWorker, processCount, READY, runPrimary, SharedRateLimiter } from "./cluster";
import { ConfigError, loadConfig } from "./config";
import { RateLimiter } from "./http/rate-limit";
import { openDatabase } from "./db/connect";
import { createApp } from "./http/server";
import { startBackgroundWork } from "./jobs";
import { loadJobsConfig, retiredJobSettings } from "./jobs/jobs.config";
import { queueStats } from "./jobs/queue-stats";
import { createLogger } from "./logger";
import { DEMO_INSTITUTIONS } from "./seed/demo-data";
import { seedDemoRequests } from "./seed/demo-requests";
import { seedDemo } from "./seed/demo-seed";
import { DEMO_SSO, demoIssuer, demoRedirectUri, seedDemoSso } from "./seed/demo-sso";
import { createDemoIdp } from "./modules/identity/demo-idp";
import { createServices } from "./services";

/** The oldest Node.js release the server and its job runner support (package.json engines says the same). */
const MIN_NODE_MAJOR = 22;

async function main(): Promise<void> {
  const started = Date.now();
  const nodeMajor = Number(process.versions.node.split(".")[0]);
  if (nodeMajor < MIN_NODE_MAJOR) {
    console.error(`Infoview needs Node.js ${MIN_NODE_MAJOR} or newer (24 LTS recommended, see .node-version); this is ${process.version}.`);
    process.exit(2);
  }
  let config;
  let jobsConfig;
  let processes = 1;
  try {
    config = loadConfig();
    jobsConfig = loadJobsConfig();
    // The demo's campus sign-in (SEED_DEMO) keeps its steps in one process: one process unless a count is set.
    if (!isClusterWorker()) processes = processCount(process.env, config.seedDemo);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  for (const name of retiredJobSettings()) {
    logger.warn(`${name} no longer has any effect: jobs run on graphile-worker (docs/decisions/0013-jobs-on-graphile-worker.md)`);
  }
  if (processes > 1) {
    // The primary of a cluster (cluster.ts): the database once, then one server process per core.
    const settings = config;
    return runPrimary(processes, settings, logger, () => openDatabase(settings, (message) => logger.info(message)));
  }
  const db = await openDatabase(config, (message) => logger.info(message));
  if (config.seedDemo) {
    const { seeded } = await seedDemo(db.dataSource);
    if (seeded) {
      const requests = await seedDemoRequests(
        db.dataSource,
        DEMO_INSTITUTIONS.map((i) => i.slug),
      );
      logger.info(`loaded demo data with ${requests} interview requests (see README for the demo sign-ins)`);
    }
  }
  const services = createServices(db.dataSource, config);
  const resealed = await services.identity.resealSecrets();
  if (resealed > 0) logger.info(`sealed ${resealed} stored secret(s) again with the current SECRETS_KEY`);
  const mounts: Array<{ path: string; handler: ReturnType<ReturnType<typeof createDemoIdp>["callback"]> }> = [];
  if (config.seedDemo && (await seedDemoSso(db.dataSource, config.publicUrl, services.identity.secrets))) {
    // The demo's campus sign-in: a real OpenID Provider on this server (see README, Demo sign-ins).
    const idp = createDemoIdp({
      issuer: demoIssuer(config.publicUrl),
      client: { clientId: DEMO_SSO.clientId, clientSecret: DEMO_SSO.clientSecret, redirectUris: [demoRedirectUri(config.publicUrl)] },
      accounts: DEMO_SSO.accounts,
    });
    mounts.push({ path: DEMO_SSO.path, handler: idp.callback() });
    logger.info(`demo campus sign-in: Northfield uses the built-in OpenID Provider at ${demoIssuer(config.publicUrl)}`);
  }
  // In a cluster, the primary keeps the rate-limit buckets, so a principal's limit holds across the processes.
  const rateLimiter = isClusterWorker()
    ? new SharedRateLimiter(
        new RateLimiter({ perMinute: config.api.rateLimitPerMinute, anonymousPerMinute: config.api.rateLimitAnonymousPerMinute }),
      )
    : undefined;
  const app = await createApp({ config, dataSource: db.dataSource, services, logger, mounts, rateLimiter });
  const port = await app.listen(config.port, config.host);
  // The queue is the same for every process: shown on each, WORKERS on or off.
  app.metrics.attachJobQueue(() => queueStats(db.dataSource));
  const background = await startBackgroundWork({
    dataSource: db.dataSource,
    services,
    config: jobsConfig,
    logger,
    onJobOutcome: ({ task, outcome }) => app.metrics.countJobOutcome(task, outcome),
  });
  logger.info(
    jobsConfig.workers
      ? `graphile-worker running ${jobsConfig.concurrency} jobs at a time: outbox, webhooks, expiry and reminders`
      : "WORKERS=off: this process runs no jobs (outbox deliveries, webhooks, expiry and reminders)",
  );
  logger.info(
    `Infoview is ready at http://localhost:${port} (GraphQL at /graphql, database: ${db.description}) in ${Date.now() - started} ms`,
  );
  if (isClusterWorker()) process.send?.({ type: READY });

  let stopping = false;
  /**
   * Graceful shutdown: /readyz turns red so the load balancer stops sending work (after
   * SHUTDOWN_DELAY_SECONDS, for it to notice), the HTTP server stops accepting connections and lets
   * requests in flight finish, WebSockets are closed with 1001 (going away: clients reconnect to
   * another replica), the jobs in hand finish (graphile-worker takes no more), then the pool closes. Past
   * SHUTDOWN_TIMEOUT_SECONDS the process exits anyway.
   */
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: shutting down`);
    const deadline = setTimeout(() => {
      logger.error("shutdown took too long; exiting");
      process.exit(1);
    }, config.shutdownTimeoutMs);
    deadline.unref();
    try {
      app.drain();
      if (config.shutdownDelayMs > 0) await new Promise((r) => setTimeout(r, config.shutdownDelayMs));
      await app.close();
      // The jobs in hand finish; waiting ones stay in the queue for the other processes (or the next start).
      await background.stop();
      await db.close();
      logger.info("shut down cleanly");
      process.exit(0);
    } catch (error) {
      logger.error({ error: String(error) }, "shutdown failed");
      process.exit(1);
    }
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
