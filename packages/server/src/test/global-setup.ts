import "reflect-metadata";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { createDataSource } from "../db/data-source";
import { startEmbeddedPostgres } from "../db/embedded-postgres";
import { migrateJobQueue } from "../db/job-queue";
import { TEST_ENV, withDatabase } from "./test-env";

declare global {
  var __INFOVIEW_TEST_CLUSTER__: { stop(): Promise<void>; dir: string } | undefined;
}

/**
 * Once per jest run: a PostgreSQL server (TEST_DATABASE_URL, DATABASE_URL, or an embedded
 * cluster in a temporary folder) and a migrated template database (graphile-worker's schema included) for the
 * workers to clone.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  let serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), "infoview-test-"));
    const cluster = await startEmbeddedPostgres(dir, { durable: false });
    globalThis.__INFOVIEW_TEST_CLUSTER__ = { stop: () => cluster.stop(), dir };
    serverUrl = cluster.url("postgres");
  }
  const template = `infoview_test_${runId}_template`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${template}"`);
  await admin.end();

  // graphile-worker's schema first, as the server does (db/connect.ts): the migrations' triggers add jobs to it.
  await migrateJobQueue(withDatabase(serverUrl, template));
  const dataSource = createDataSource(withDatabase(serverUrl, template), 2);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: "each" });
  await dataSource.destroy();

  process.env[TEST_ENV.serverUrl] = serverUrl;
  process.env[TEST_ENV.template] = template;
  process.env[TEST_ENV.runId] = runId;
  process.env.NODE_ENV = "test";
  console.log(
    `\ntest database ready in ${Date.now() - started} ms (${globalThis.__INFOVIEW_TEST_CLUSTER__ ? "embedded PostgreSQL" : "external server"})`,
  );
}
