import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { useTestDatabase } from "../../packages/server/src/test/database";
import { startTestServer, type TestServer } from "../../packages/server/src/test/test-server";

export const WEB_DIR = path.resolve(__dirname, "..", "..", "packages", "web");
export const WEB_DIST_DIR = path.join(WEB_DIR, "dist");
const BUILT_MARKER = path.join(WEB_DIST_DIR, "index.html");
const LOCK_DIR = path.join(tmpdir(), "infoview-web-build.lock");
const STALE_LOCK_MS = 5 * 60_000;

/** The newest modification time among the files a build reads. */
function newestSourceTime(target = WEB_DIR): number {
  let newest = 0;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (["node_modules", "dist"].includes(entry.name) || entry.name.startsWith(".")) continue;
    const full = path.join(target, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Whether dist exists and is newer than every source file (so a local edit triggers a rebuild). */
function isBuilt(): boolean {
  return existsSync(BUILT_MARKER) && statSync(BUILT_MARKER).mtimeMs >= newestSourceTime();
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NODE_ENV: "production" }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output}`)),
    );
  });
}

/** Serialises builds across jest workers: one builds, the others wait and reuse its output. */
async function withBuildLock(fn: () => Promise<void>): Promise<void> {
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      break;
    } catch {
      if (existsSync(LOCK_DIR) && Date.now() - statSync(LOCK_DIR).mtimeMs > STALE_LOCK_MS)
        rmSync(LOCK_DIR, { recursive: true, force: true });
      await sleep(250);
    }
  }
  try {
    await fn();
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

/** Builds packages/web/dist with Vite when it is missing or older than its sources. */
export async function ensureWebBuilt(): Promise<void> {
  if (isBuilt()) return;
  await withBuildLock(async () => {
    if (!isBuilt()) await run("npx", ["vite", "build", "--logLevel", "warn"], WEB_DIR);
  });
  if (!existsSync(BUILT_MARKER)) throw new Error(`the web build did not produce ${BUILT_MARKER}`);
}

export interface AppServerHarness {
  server(): TestServer;
  dataSource: ReturnType<typeof useTestDatabase>;
  /** An absolute URL on the running server. */
  url(pathname?: string): string;
}

/**
 * The real server (GraphQL, WebSocket and the built web client) on a free port, over this
 * worker's test database. Call inside the describe block, so skipped suites start nothing.
 */
export function useAppServer(): AppServerHarness {
  const dataSource = useTestDatabase();
  let server: TestServer | null = null;
  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startTestServer(dataSource(), { WEB_DIST_DIR });
  }, 240_000);
  afterAll(async () => {
    await server?.close();
  });
  const get = () => {
    if (!server) throw new Error("useAppServer: the server starts in beforeAll");
    return server;
  };
  return { server: get, dataSource, url: (pathname = "/") => new URL(pathname, get().url).toString() };
}
