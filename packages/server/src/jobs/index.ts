import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { WebhookSender } from "../modules/integrations/webhook-sender";
import { connectionStringOf, PgListener } from "../modules/notifications/pg-listener";
import type { Services } from "../services";
import type { JobsConfig } from "./jobs.config";
import { OutboxJob } from "./outbox-job";
import type { Leases } from "./reclaim";
import { DigestBuilder } from "../modules/notifications/digests";
import { startJobRunner, type JobRunner } from "./runner";
import { Scheduler } from "./scheduler";
import { createTaskList, TASK, type OnJobOutcome, type TaskName } from "./tasks";

export interface BackgroundWork {
  /** graphile-worker in this process (WORKERS on), else null. */
  runner: JobRunner | null;
  /** Lets the jobs in hand finish, then stops the runner and the LISTEN connection. */
  stop(): Promise<void>;
}

export interface BackgroundWorkDeps {
  dataSource: DataSource;
  services: Services;
  config: JobsConfig;
  logger: Logger;
  /** Each job's outcome (main.ts counts them for /metrics). */
  onJobOutcome?: OnJobOutcome;
}

/** A periodic job's lease: long enough for a big institution's expiry and reminders. */
const PERIODIC_LEASE_MS = 10 * 60_000;

/** How long each task's job may stay locked before its worker is presumed dead (jobs/reclaim.ts). */
export function leasesOf(config: JobsConfig): Leases {
  return {
    [TASK.outbox]: config.outbox.leaseMs,
    [TASK.webhook]: config.webhooks.leaseMs,
    [TASK.scheduler]: PERIODIC_LEASE_MS,
    [TASK.institutionJobs]: PERIODIC_LEASE_MS,
    [TASK.auditPurge]: PERIODIC_LEASE_MS,
    [TASK.erasure]: PERIODIC_LEASE_MS,
    [TASK.retention]: PERIODIC_LEASE_MS,
    [TASK.graduation]: PERIODIC_LEASE_MS,
  } satisfies Partial<Record<TaskName, number>>;
}

/** The tasks of a server process, on its services. */
export function serverTaskList(deps: Omit<BackgroundWorkDeps, "logger"> & { logger: Pick<Logger, "info" | "warn" | "error"> }) {
  const { dataSource, services, config, logger } = deps;
  return createTaskList({
    outbox: new OutboxJob({ dataSource, deliverer: services.notifications.deliverer, settings: config.outbox, logger }),
    webhooks: new WebhookSender({ dataSource, settings: config.webhooks, logger }),
    scheduler: new Scheduler({
      dataSource,
      settings: config.scheduler,
      logger,
      expiry: services.requestLifecycle,
      followUps: services.conversations,
    }),
    leases: leasesOf(config),
    logger,
    onOutcome: deps.onJobOutcome,
    audit: services.audit,
    digests: new DigestBuilder({ dataSource, advisorLists: (m, i, advisor) => services.reports.needsActionIn(m, i, advisor) }),
    privacy: services.privacy,
    retention: services.privacy.retention,
    graduation: services.integrations.graduation,
  });
}

/**
 * What a server process runs besides HTTP: the LISTEN connection (always — this process's sockets must hear events
 * other processes deliver, and its report cache what they change), and with WORKERS on, graphile-worker: the jobs
 * (outbox deliveries, webhooks, expiry and reminders per institution) and the crontab.
 */
export async function startBackgroundWork(deps: BackgroundWorkDeps): Promise<BackgroundWork> {
  const { dataSource, services, config, logger } = deps;
  const listener = new PgListener(connectionStringOf(dataSource), {
    // Notifications sent while the connection was down are lost: forget every cached report.
    onReconnect: () => services.reports.cache.reset(),
    onError: (error) => logger.warn({ error: String(error) }, "LISTEN connection problem; reconnecting"),
  });
  await services.notifications.bus.listen(listener);
  // Cached reports are forgotten when their institution's facts change, and the ones in use computed again in the
  // background (modules/reports/report-cache.ts); a failed background computation is only logged.
  services.reports.cache.onRefreshError((error) => logger.warn({ error: String(error) }, "background report computation failed"));
  await services.reports.cache.listen(listener);
  services.notifications.sockets.start(config.wsSessionCheckMs);
  let runner: JobRunner | null = null;
  try {
    if (config.workers) {
      runner = await startJobRunner({
        connectionString: connectionStringOf(dataSource),
        taskList: serverTaskList(deps),
        concurrency: config.concurrency,
        logger,
      });
    }
    await listener.start();
  } catch (error) {
    await runner?.stop();
    services.reports.cache.close();
    await listener.close();
    throw error;
  }
  return {
    runner,
    async stop() {
      await runner?.stop();
      services.reports.cache.close();
      await listener.close();
    },
  };
}
