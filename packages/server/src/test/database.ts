import "reflect-metadata";
import { Client } from "pg";
import type { DataSource } from "typeorm";
import { createDataSource } from "../db/data-source";
import { TEST_ENV, withDatabase } from "./test-env";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run tests through jest so the global setup prepares the database`);
  return value;
}

/** This worker's database, cloned from the migrated template on first use. */
export async function workerDatabaseUrl(): Promise<string> {
  const serverUrl = required(TEST_ENV.serverUrl);
  const name = `infoview_test_${required(TEST_ENV.runId)}_w${process.env.JEST_WORKER_ID ?? "1"}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const found = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${required(TEST_ENV.template)}"`);
  } finally {
    await admin.end();
  }
  return withDatabase(serverUrl, name);
}

/**
 * Registers beforeAll/afterAll hooks that open and close a DataSource on this worker's database.
 * Tests never share rows: each makes its own institution with the factories.
 */
export function useTestDatabase(poolSize = 5): () => DataSource {
  let dataSource: DataSource | null = null;
  beforeAll(async () => {
    dataSource = createDataSource(await workerDatabaseUrl(), poolSize);
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });
  return () => {
    if (!dataSource) throw new Error("useTestDatabase: the database is opened in beforeAll");
    return dataSource;
  };
}

/**
 * A database of the suite's own, cloned from the migrated template, for code that acts on a whole
 * database ("only when empty", like the seeds) where the worker's shared database will not do.
 */
export function useFreshDatabase(label: string, poolSize = 3): () => DataSource {
  let dataSource: DataSource | null = null;
  beforeAll(async () => {
    const serverUrl = required(TEST_ENV.serverUrl);
    const name = `infoview_test_${required(TEST_ENV.runId)}_${label}_w${process.env.JEST_WORKER_ID ?? "1"}`;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${required(TEST_ENV.template)}"`);
    } finally {
      await admin.end();
    }
    dataSource = createDataSource(withDatabase(serverUrl, name), poolSize);
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });
  return () => {
    if (!dataSource) throw new Error("useFreshDatabase: the database is opened in beforeAll");
    return dataSource;
  };
}
