import { rmSync } from "node:fs";
import { Client } from "pg";
import { TEST_ENV } from "./test-env";

/** Drops this run's databases (on a shared server) and stops the embedded cluster. */
export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env[TEST_ENV.serverUrl];
  const runId = process.env[TEST_ENV.runId];
  if (serverUrl && runId && !globalThis.__INFOVIEW_TEST_CLUSTER__) {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `infoview_test_${runId}_%`,
    ]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.end();
  }
  const cluster = globalThis.__INFOVIEW_TEST_CLUSTER__;
  if (cluster) {
    await cluster.stop();
    rmSync(cluster.dir, { recursive: true, force: true });
  }
}
