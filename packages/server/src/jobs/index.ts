import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { WebhookSender } from "../modules/integrations/webhook-sender";
import { connectionStringOf, PgListener } from "../modules/notifications/pg-listener";
import type { Services } from "../services";
import type { JobsConfig } from "./jobs.config";
import { OutboxWorker } from "./outbox-worker";
import { Scheduler } from "./scheduler";

export interface BackgroundWork {
  worker: OutboxWorker | null;
  scheduler: Scheduler | null;
  webhooks: WebhookSender | null;
  /** Finishes the batch in hand, then stops the scheduler, the worker and the LISTEN connection. */
  stop(): Promise<void>;
}

/**
 * What a server process runs besides HTTP: the LISTEN connection (always — this process's sockets must
 * hear events other processes deliver), and with WORKERS on, the outbox worker and the scheduler.
 */
export async function startBackgroundWork(deps: {
  dataSource: DataSource;
  services: Services;
  config: JobsConfig;
  logger: Logger;
}): Promise<BackgroundWork> {
  const { dataSource, services, config, logger } = deps;
  let worker: OutboxWorker | null = null;
  const listener = new PgListener(connectionStringOf(dataSource), {
    // Notifications sent while the connection was down are lost: look at every institution again.
    onReconnect: () => {
      worker?.sweepSoon();
      services.reports.cache.reset();
    },
    onError: (error) => logger.warn({ error: String(error) }, "LISTEN connection problem; reconnecting"),
  });
  await services.notifications.bus.listen(listener);
  // Cached reports are forgotten when their institution's facts change, and the ones in use computed again in the
  // background (modules/reports/report-cache.ts); a failed background computation is only logged.
  services.reports.cache.onRefreshError((error) => logger.warn({ error: String(error) }, "background report computation failed"));
  await services.reports.cache.listen(listener);
  services.notifications.sockets.start(config.wsSessionCheckMs);
  let scheduler: Scheduler | null = null;
  let webhooks: WebhookSender | null = null;
  if (config.workers) {
    webhooks = new WebhookSender({ dataSource, settings: config.webhooks, logger });
    const sender = webhooks;
    services.integrations.webhooks.onNewDeliveries(() => sender.wake());
    webhooks.start();
    worker = new OutboxWorker({
      dataSource,
      deliverer: services.notifications.deliverer,
      settings: config.outbox,
      logger,
      listener,
    });
    await worker.start();
    scheduler = new Scheduler({
      dataSource,
      settings: config.scheduler,
      logger,
      expiry: services.requestLifecycle,
      followUps: services.conversations,
    });
    scheduler.start();
  }
  await listener.start();
  return {
    worker,
    scheduler,
    webhooks,
    async stop() {
      await scheduler?.stop();
      services.integrations.webhooks.onNewDeliveries(null);
      await webhooks?.stop();
      await worker?.stop();
      services.reports.cache.close();
      await listener.close();
    },
  };
}
