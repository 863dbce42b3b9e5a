import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { freePort } from "../../packages/server/src/db/embedded-postgres";
import { TEST_ENV, withDatabase } from "../../packages/server/src/test/test-env";

export const ROOT = path.resolve(__dirname, "..", "..");
export const MAIN = path.join(ROOT, "packages/server/dist/main.js");

/** A database of its own, cloned from the jest run's migrated template; returns its URL. */
export async function freshDatabase(label: string, serverUrl = process.env[TEST_ENV.serverUrl]): Promise<string> {
  const template = process.env[TEST_ENV.template];
  if (!serverUrl || !template) throw new Error("run through jest: the global setup prepares the database server");
  const name = `infoview_test_${process.env[TEST_ENV.runId]}_${label}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  return withDatabase(serverUrl, name);
}

export interface SpawnedServer {
  url: string;
  process: ChildProcess;
  /** Everything the process wrote, stdout and stderr. */
  output(): string;
  /** The JSON log lines written so far. */
  logs(): Array<Record<string, unknown>>;
  /** Sends SIGTERM (or the given signal) and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

/** Starts the built server (packages/server/dist/main.js) as its own process, and waits until it is ready. */
export async function spawnServer(env: Record<string, string>, timeoutMs = 90_000): Promise<SpawnedServer> {
  if (!existsSync(MAIN)) throw new Error("packages/server/dist/main.js is missing: build first (npm run build -w @infoview/server)");
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "infoview-spawn-")),
    JWT_SECRET: "spawned-server-test-secret-0123456789abcdef",
    LOG_LEVEL: "info",
    SEED_DEMO: "false",
    // One process unless a test asks for a cluster (npm start runs one per core: cluster.test.ts).
    INFOVIEW_PROCESSES: "1",
    ...env,
  };
  const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + timeoutMs;
  while (!output.includes("Infoview is ready")) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not start in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    process: child,
    output: () => output,
    logs: () =>
      output
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
    exited,
  };
}
