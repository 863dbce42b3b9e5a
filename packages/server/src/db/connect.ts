import { Client } from "pg";
import type { DataSource } from "typeorm";
import type { Config } from "../config";
import { createDataSource } from "./data-source";
import { startEmbeddedPostgres, type EmbeddedCluster } from "./embedded-postgres";
import { migrateJobQueue } from "./job-queue";

export const EMBEDDED_DATABASE = "infoview";

export interface Database {
  dataSource: DataSource;
  /** Where the database lives, for logs (no password). */
  description: string;
  /** The connection URL (with its password): what the processes of a cluster connect to (cluster.ts). */
  url: string;
  close(): Promise<void>;
}

async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL in the data folder,
 * then applies pending migrations: graphile-worker's schema first (the triggers of ours add jobs to it),
 * then ours. One driver and one code path either way.
 */
export async function openDatabase(
  config: Pick<Config, "databaseUrl" | "dataDir" | "dbPoolSize">,
  log: (message: string) => void = () => {},
): Promise<Database> {
  let cluster: EmbeddedCluster | null = null;
  let url = config.databaseUrl;
  if (!url) {
    log(`starting embedded PostgreSQL in ${config.dataDir}/postgres`);
    cluster = await startEmbeddedPostgres(config.dataDir, { durable: true });
    await ensureDatabase(cluster.url("postgres"), EMBEDDED_DATABASE);
    url = cluster.url(EMBEDDED_DATABASE);
  }
  const dataSource = createDataSource(url, config.dbPoolSize);
  try {
    await dataSource.initialize();
    await migrateJobQueue(url);
    const applied = await dataSource.runMigrations({ transaction: "each" });
    if (applied.length > 0) log(`applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(", ")}`);
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await cluster?.stop();
    throw error;
  }
  return {
    dataSource,
    description: cluster ? `embedded PostgreSQL (${config.dataDir}/postgres)` : redact(url),
    url,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await cluster?.stop();
    },
  };
}
