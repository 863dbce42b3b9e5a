import "reflect-metadata";
import { parseArgs } from "node:util";
import { loadConfig } from "../config";
import { openDatabase } from "../db/connect";
import { bulkSeed } from "./bulk-seed";
import { DEMO_INSTITUTIONS } from "./demo-data";
import { seedDemoRequests } from "./demo-requests";
import { DEMO_PASSWORD, DEMO_SIGN_INS, seedDemo } from "./demo-seed";

/** The benchmark size, used for any bulk option left out. */
const BULK_DEFAULTS = { institutions: 10, alumni: 50_000, students: 200_000, requests: 1_000_000 };

const USAGE = `Usage: npm run db:seed [-- --institutions N --alumni N --students N --requests N]

Without options: the demo data (Northfield University and Lakeside College), written only
into an empty database. With any option: bulk benchmark data; options left out default to
--institutions ${BULK_DEFAULTS.institutions} --alumni ${BULK_DEFAULTS.alumni} --students ${BULK_DEFAULTS.students} --requests ${BULK_DEFAULTS.requests}.
Alumni, students and requests are totals spread across the institutions; with three or more,
the first (the flagship) takes 40% and the rest share the remainder evenly.
The database is DATABASE_URL, or the embedded PostgreSQL in DATA_DIR.`;

class UsageError extends Error {}

function wholeNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const normalized = raw.replace(/_/g, "");
  if (!/^\d+$/.test(normalized)) throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
  return Number(normalized);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function parseOptions() {
  try {
    return parseArgs({
      options: {
        institutions: { type: "string" },
        alumni: { type: "string" },
        students: { type: "string" },
        requests: { type: "string" },
        concurrency: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function main(): Promise<void> {
  const values = parseOptions();
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const bulk = ["institutions", "alumni", "students", "requests"].some((k) => k in values);
  const options = {
    institutions: wholeNumber("institutions", values.institutions, BULK_DEFAULTS.institutions),
    alumni: wholeNumber("alumni", values.alumni, BULK_DEFAULTS.alumni),
    students: wholeNumber("students", values.students, BULK_DEFAULTS.students),
    requests: wholeNumber("requests", values.requests, BULK_DEFAULTS.requests),
    concurrency: wholeNumber("concurrency", values.concurrency, 2),
  };
  if (bulk && options.institutions < 1) throw new UsageError("--institutions must be at least 1");

  const started = Date.now();
  const config = loadConfig();
  const db = await openDatabase(config, (message) => console.log(message));
  console.log(`database ready in ${Date.now() - started} ms (${db.description})`);
  try {
    const t0 = Date.now();
    if (!bulk) {
      const { seeded } = await seedDemo(db.dataSource);
      if (!seeded) {
        console.log("demo seed skipped: the database already has institutions or people");
        return;
      }
      // The same two steps as `npm start` with SEED_DEMO on.
      const requests = await seedDemoRequests(
        db.dataSource,
        DEMO_INSTITUTIONS.map((i) => i.slug),
      );
      console.log(
        `demo data seeded with ${requests} interview requests in ${Date.now() - t0} ms. ` +
          `Every account's password is "${DEMO_PASSWORD}":`,
      );
      for (const s of DEMO_SIGN_INS) {
        console.log(`  ${s.email.padEnd(32)} ${s.role.padEnd(8)} ${s.institution.padEnd(11)} ${s.note}`);
      }
      return;
    }
    console.log(
      `bulk seed: ${options.institutions} institutions, ${options.alumni} alumni, ${options.students} students, ${options.requests} requests`,
    );
    const result = await bulkSeed(db.dataSource, { ...options, log: (message) => console.log(`  ${message}`) });
    console.log(
      `bulk seed done in ${seconds(result.elapsedMs)}: ${result.institutions} institutions, ${result.alumni} alumni, ` +
        `${result.students} students, ${result.advisors} advisors, ${result.admins} admins, ${result.requests} requests`,
    );
  } finally {
    await db.close();
    console.log(`total ${seconds(Date.now() - started)}`);
  }
}

main().catch((error) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
