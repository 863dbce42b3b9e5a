import { createServer } from "node:net";
import type { DataSource } from "typeorm";
import { tenantTransaction } from "../db/tenant-transaction";
import { startTestServer, type TestServer } from "./test-server";

/** A free loopback port, so a server can know its own URL (campus sign-in callbacks) before it listens. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The test server on a known port, with PUBLIC_URL pointing at itself. */
export async function startSsoTestServer(ds: DataSource): Promise<TestServer> {
  const port = await freePort();
  return startTestServer(ds, { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
}

/** Rows of a table for one institution, read as the app role (RLS on). */
export function rowsOf<T = Record<string, unknown>>(
  ds: DataSource,
  institutionId: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return tenantTransaction(ds, { institutionId }, (m) => m.query(sql, params));
}

/** Sessions of a person, live or not. */
export async function sessionCount(ds: DataSource, identityId: string): Promise<number> {
  const rows: Array<{ n: number }> = await tenantTransaction(ds, { institutionId: null, identityId }, (m) =>
    m.query(`SELECT count(*)::int AS n FROM sessions WHERE identity_id = $1`, [identityId]),
  );
  return rows[0].n;
}
