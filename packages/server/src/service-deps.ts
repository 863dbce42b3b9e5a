import type { DataSource } from "typeorm";
import type { Config } from "./config";
import type { Mailer } from "./modules/notifications/mailer";

/** What every service is built with (services.ts, the composition root, makes one and hands it to each). */
export interface ServiceDeps {
  dataSource: DataSource;
  config: Config;
  mailer: Mailer;
}
