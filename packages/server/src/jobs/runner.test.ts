import { Client } from "pg";
import type { Logger } from "pino";
import { eventually } from "../modules/notifications/notifications.fixtures";
import { connectionStringOf } from "../modules/notifications/pg-listener";
import { useFreshDatabase } from "../test/database";
import { addJob } from "../test/jobs";
import { withDatabase } from "../test/test-env";
import { startJobRunner } from "./runner";

const db = useFreshDatabase("runner", 3);

/** A logger that keeps "level message" lines. */
function recordingLogger(): { lines: string[]; logger: Pick<Logger, "error" | "warn" | "info" | "debug"> } {
  const lines: string[] = [];
  const at = (level: string) => (first: unknown, second?: unknown) => {
    lines.push(`${level} ${typeof first === "string" ? first : String(second)}`);
  };
  return { lines, logger: { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") } as never };
}

describe("the job runner", () => {
  it("starts graphile-worker again when it stops by itself (the database went away while a job ran)", async () => {
    const [{ name }] = await db().query(`SELECT current_database() AS name`);
    // From another database: PostgreSQL will not have a database close itself to new connections.
    const admin = new Client({ connectionString: withDatabase(connectionStringOf(db()), "postgres") });
    await admin.connect();
    const allow = (on: boolean) => admin.query(`ALTER DATABASE "${name}" WITH ALLOW_CONNECTIONS ${on}`);
    const ran: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { lines, logger } = recordingLogger();
    const runner = await startJobRunner({
      connectionString: connectionStringOf(db()),
      taskList: {
        probe: async (payload) => {
          const n = (payload as { n: string }).n;
          ran.push(n);
          if (n === "first") await gate;
        },
      },
      concurrency: 1,
      logger,
      crontab: [],
      pollIntervalMs: 200,
    });
    try {
      await addJob(db(), "probe", { n: "first" });
      await eventually(() => ran.includes("first"), 20_000, "the first job to start");
      // The database refuses new connections and drops the runner's: the job's end cannot be recorded.
      await allow(false);
      await db().query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'infoview-jobs'`,
      );
      release();
      await eventually(() => lines.includes("error graphile-worker stopped by itself; starting it again"), 30_000, "the runner to stop");
      await new Promise((r) => setTimeout(r, 1500));
      await allow(true);
      await eventually(() => lines.includes("info graphile-worker running again"), 60_000, "the runner to start again");
      await addJob(db(), "probe", { n: "second" });
      await eventually(() => ran.includes("second"), 20_000, "a job after the restart");
    } finally {
      await allow(true);
      await admin.end();
      release();
      await runner.stop();
    }
  }, 120_000);
});
