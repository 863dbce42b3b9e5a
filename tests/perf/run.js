#!/usr/bin/env node
/**
 * `npm run bench`: the load benchmark. Builds the server, keeps a PostgreSQL cluster with bulk data under
 * .data/bench-… (seeded once with `db:seed`, reused afterwards), starts the real server on it, and for each
 * scenario in scenarios.js:
 *   1. sends the operation once to a separate capture server and records the SQL it ran (capture-sql.js);
 *   2. loads the real server with autocannon for --duration seconds, checking every response body;
 *   3. replays the captured SQL straight through `pg` with the same concurrency and duration;
 * then prints one table: latency percentiles, throughput, the target, and our throughput as a ratio to raw pg.
 *
 *   npm run bench [-- --duration 15 --institutions 10 --alumni 50000 --students 200000 --requests 1000000 --only report]
 */
"use strict";
const { spawn, spawnSync } = require("node:child_process");
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require("node:fs");
const { setInterval, clearInterval } = require("node:timers");
const os = require("node:os");
const path = require("node:path");
const { parseArgs } = require("node:util");
const autocannon = require("autocannon");
const pg = require("pg");
const scenarios = require("./scenarios");
const { REFERENCE } = scenarios;

const ROOT = path.resolve(__dirname, "../..");
const SERVER_DIST = path.join(ROOT, "packages/server/dist");

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "15" },
    warmup: { type: "string", default: "3" },
    institutions: { type: "string", default: "10" },
    alumni: { type: "string", default: "50000" },
    students: { type: "string", default: "200000" },
    requests: { type: "string", default: "1000000" },
    only: { type: "string" },
    "no-build": { type: "boolean", default: false },
    // Server processes for the servers under load (INFOVIEW_PROCESSES; the capture server always runs one).
    processes: { type: "string", default: "1" },
  },
});
const num = (name) => Number(String(args[name]).replace(/_/g, ""));
const DURATION = num("duration");
const WARMUP = num("warmup");
const SCALE = { institutions: num("institutions"), alumni: num("alumni"), students: num("students"), requests: num("requests") };
const PROCESSES = num("processes");
const UNDER_LOAD = { INFOVIEW_PROCESSES: String(PROCESSES) };
const BENCH_PASSWORD = "infoview-demo";
const BENCH_DOMAIN = "bench.example";
/** One signing secret for both servers, so a token from one is accepted by the other. */
const JWT_SECRET = require("node:crypto").randomBytes(32).toString("hex");
// Production refuses to start without a key for secrets at rest (docs/sso.md); the bench stores none.
const SECRETS_KEY = require("node:crypto").randomBytes(32).toString("base64");

const log = (message) => console.log(`[bench] ${message}`);

function run(command, argv, env) {
  const result = spawnSync(command, argv, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${argv.join(" ")} failed with ${result.status}`);
}

async function freePort() {
  const { freePort: find } = require(path.join(SERVER_DIST, "db/embedded-postgres.js"));
  return find();
}

/** The benchmark's own PostgreSQL: DATABASE_URL when set, else an embedded cluster kept between runs. */
async function database() {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const dir = path.join(ROOT, ".data", `bench-${SCALE.institutions}i-${SCALE.alumni}a-${SCALE.students}s-${SCALE.requests}r`);
  mkdirSync(dir, { recursive: true });
  const { startEmbeddedPostgres } = require(path.join(SERVER_DIST, "db/embedded-postgres.js"));
  const cluster = await startEmbeddedPostgres(dir, { durable: false, log: () => {} });
  const admin = new pg.Client({ connectionString: cluster.url("postgres") });
  await admin.connect();
  const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'infoview_bench'`);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE infoview_bench`);
  await admin.end();
  return { url: cluster.url("infoview_bench"), stop: () => cluster.stop(), dir };
}

async function seeded(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const table = await client.query(`SELECT to_regclass('identities') IS NOT NULL AS ok`);
    if (!table.rows[0].ok) return false;
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM identities WHERE email LIKE $1`, [`%@${BENCH_DOMAIN}`]);
    return rows[0].n > 0;
  } finally {
    await client.end();
  }
}

/** Sizes of the flagship institution (the first, with 40% of everything): what the targets are stated against. */
/**
 * Commits a change that reports read every `everyMs` in the institution (a Rule #1 flag by one of its students, dated
 * now), until stopped; stopping removes the flags it added, so the benchmark data stays as seeded.
 */
async function startChanges(url, institutionId, everyMs) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const tenant = `SELECT set_config('app.institution_id', $1, true)`;
  const added = [];
  let changes = 0;
  const change = async () => {
    await client.query("BEGIN");
    await client.query(tenant, [institutionId]);
    const { rows } = await client.query(
      `INSERT INTO rule_one_flags (institution_id, student_id, outcome, categories, created_at)
       SELECT $1, m.id, 'RETURNED', '{JOB}', now() FROM memberships m WHERE m.institution_id = $1 AND m.role = 'STUDENT' LIMIT 1
       RETURNING id`,
      [institutionId],
    );
    await client.query("COMMIT");
    added.push(...rows.map((r) => r.id));
    changes++;
  };
  const timer = setInterval(() => change().catch((error) => log(`change failed: ${error.message}`)), everyMs);
  return {
    get changes() {
      return changes;
    },
    async stop() {
      clearInterval(timer);
      await client.query("BEGIN");
      await client.query(tenant, [institutionId]);
      await client.query(`DELETE FROM rule_one_flags WHERE id = ANY($1::uuid[])`, [added]);
      await client.query("COMMIT");
      await client.end();
    },
  };
}

async function flagship(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`
      SELECT i.id, i.slug,
             (SELECT count(*)::int FROM memberships m WHERE m.institution_id = i.id AND m.role = 'ALUMNUS') AS alumni,
             (SELECT count(*)::int FROM memberships m WHERE m.institution_id = i.id AND m.role = 'STUDENT') AS students,
             (SELECT count(*)::int FROM interview_requests r WHERE r.institution_id = i.id) AS requests
        FROM institutions i ORDER BY alumni DESC LIMIT 1`);
    return rows[0];
  } finally {
    await client.end();
  }
}

/**
 * CPU time (user + system, ms) used so far by a process and all its descendants (cluster workers), read from /proc
 * (Linux); null elsewhere. Clock ticks are 10 ms, so it is meant for runs of seconds.
 */
function cpuMs(pid) {
  try {
    const tick = 10; // sysconf(_SC_CLK_TCK) is 100 on Linux
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    let ms = (Number(fields[11]) + Number(fields[12])) * tick; // utime, stime
    for (const task of require("node:fs").readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      for (const child of children ? children.split(" ") : []) ms += cpuMs(Number(child)) ?? 0;
    }
    return ms;
  } catch {
    return null;
  }
}

/** The built server (main.js), or another script such as the reference server, on a free port until /readyz answers. */
function startServer(url, extraEnv = {}, nodeArgs = [], script = path.join(SERVER_DIST, "main.js")) {
  return new Promise((resolve, reject) => {
    freePort().then((port) => {
      const child = spawn(process.execPath, [...nodeArgs, script], {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: "production",
          JWT_SECRET,
          SECRETS_KEY,
          DATABASE_URL: url,
          PORT: String(port),
          SEED_DEMO: "false",
          WORKERS: "false",
          INFOVIEW_PROCESSES: "1",
          LOG_LEVEL: "warn",
          // Each benchmark client asks far more often than a person does; the limits themselves are tested in tests/api/abuse.test.ts.
          RATE_LIMIT_PER_MINUTE: "1000000",
          RATE_LIMIT_ANON_PER_MINUTE: "1000000",
          ...extraEnv,
        },
        stdio: ["ignore", "inherit", "inherit"],
      });
      const base = `http://127.0.0.1:${port}`;
      child.on("exit", (code, signal) => log(`server on port ${port} exited (code ${code}, signal ${signal})`));
      const deadline = Date.now() + 120_000;
      const poll = async () => {
        if (child.exitCode !== null) return reject(new Error(`server exited with ${child.exitCode}`));
        try {
          const res = await fetch(`${base}/readyz`);
          // A cluster answers once its first process listens; the others start one after the other.
          if (res.ok) {
            if (Number(extraEnv.INFOVIEW_PROCESSES ?? 1) > 1) await new Promise((r) => setTimeout(r, 8000));
            return resolve({ base, pid: child.pid, stop: () => stopChild(child) });
          }
        } catch {
          /* not up yet */
        }
        if (Date.now() > deadline) return reject(new Error("server did not become ready in 120 s"));
        setTimeout(poll, 250);
      };
      poll();
    }, reject);
  });
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
  });
}

async function gql(base, body, token) {
  const res = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return res.json();
}

async function signIn(base, email) {
  const body = await gql(base, {
    query: `mutation BenchSignIn($input: SignInInput!) { signIn(input: $input) { accessToken } }`,
    variables: { input: { email, password: BENCH_PASSWORD } },
  });
  if (!body.data?.signIn) throw new Error(`sign-in failed for ${email}: ${JSON.stringify(body.errors)}`);
  return body.data.signIn.accessToken;
}

/** Tokens for the people a scenario plays: many different students, or the flagship's admin. */
async function tokensFor(base, who, slug, count) {
  if (who === "admin") return [await signIn(base, `admin.${slug}@${BENCH_DOMAIN}`)];
  if (who === "anonymous") return [null];
  // Students who ask again and again ("students"), or ones no other scenario has signed in ("new-students").
  const email = who === "new-students" ? (g) => `s${2000 + g * 13}.${slug}@${BENCH_DOMAIN}` : (g) => `s${g * 37}.${slug}@${BENCH_DOMAIN}`;
  const tokens = [];
  for (let g = 1; g <= count; g++) tokens.push(await signIn(base, email(g)));
  return tokens;
}

/** Sends one operation, checks its answer and records it in `tally` (latency, success or the failure's message). */
async function askChecked(base, scenario, token, i, tally) {
  const t0 = performance.now();
  try {
    const res = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(scenario.body(i)),
    });
    const text = await res.text();
    tally.latencies.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
    scenario.check(JSON.parse(text));
    tally.ok++;
  } catch (error) {
    const key = String(error.message).slice(0, 120);
    tally.failures.set(key, (tally.failures.get(key) ?? 0) + 1);
  }
}

const newTally = () => ({ latencies: [], ok: 0, failures: new Map() });

/**
 * One request every `scenario.viewEverySeconds`, each on its own (open loop: a slow answer does not delay the next
 * view), for `seconds`: people who open a page now and then, rather than clients asking again as soon as answered.
 */
async function paced(base, scenario, tokens, seconds, record) {
  const tally = newTally();
  const views = [];
  const count = Math.floor(seconds / scenario.viewEverySeconds);
  for (let i = 0; i < count; i++) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, scenario.viewEverySeconds * 1000));
    views.push(askChecked(base, scenario, tokens[i % tokens.length], i, tally));
  }
  await Promise.all(views);
  tally.latencies.sort((a, b) => a - b);
  return record ? tally : newTally();
}

/** Each token once (a first visit), `connections` at a time, every body checked: for scenarios with `visits`. */
async function visitOnce(base, scenario, tokens) {
  const tally = newTally();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: scenario.connections }, async () => {
      while (next < tokens.length) {
        const i = next++;
        await askChecked(base, scenario, tokens[i], i, tally);
      }
    }),
  );
  tally.latencies.sort((a, b) => a - b);
  return { ...tally, seconds: (performance.now() - started) / 1000 };
}

/** Nearest-rank percentile of sorted milliseconds, to one decimal. */
const percentile = (sorted, p) =>
  sorted.length ? Number(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)].toFixed(1)) : "—";

/** Loads the server with `connections` concurrent clients; every response body is checked. */
function load(base, scenario, tokens, seconds, record) {
  return new Promise((resolve, reject) => {
    let nextClient = 0;
    const latencies = [];
    let ok = 0;
    const failures = new Map();
    const instance = autocannon(
      {
        url: `${base}/graphql`,
        connections: scenario.connections,
        duration: seconds,
        requests: [
          {
            method: "POST",
            setupRequest(req, context) {
              if (context.client === undefined) context.client = nextClient++;
              const token = tokens[context.client % tokens.length];
              return {
                ...req,
                headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
                body: JSON.stringify(scenario.body(context.client)),
              };
            },
            onResponse(status, body) {
              if (!record) return;
              try {
                if (status !== 200) throw new Error(`HTTP ${status}: ${String(body).slice(0, 200)}`);
                scenario.check(JSON.parse(body));
                ok++;
              } catch (error) {
                const key = String(error.message).slice(0, 120);
                failures.set(key, (failures.get(key) ?? 0) + 1);
              }
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        resolve({ result, latencies, ok, failures });
      },
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      if (record) latencies.push(responseTime);
    });
  });
}

/** Sends each of a scenario's distinct bodies once to the capture server and returns the SQL each one ran. */
async function captureSql(captureBase, captureFile, scenario, tokens) {
  const sequences = [];
  const variants = Math.min(5, tokens.length > 1 ? tokens.length : 5);
  for (let i = 0; i < variants; i++) {
    const before = existsSync(captureFile) ? readFileSync(captureFile, "utf8").length : 0;
    const body = await gql(captureBase, scenario.body(i), tokens[i % tokens.length]);
    try {
      scenario.check(body);
    } catch (error) {
      throw new Error(`${scenario.name}: ${error.message} in ${JSON.stringify(body).slice(0, 300)}`, { cause: error });
    }
    await new Promise((r) => setTimeout(r, 50));
    const lines = readFileSync(captureFile, "utf8")
      .slice(before)
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    sequences.push(lines.filter((q) => !/^\s*(LISTEN|UNLISTEN|NOTIFY)\b/i.test(q.text)));
  }
  return sequences;
}

/** The same statements straight through `pg`: `connections` clients, each replaying a captured sequence in a loop. */
async function replay(url, sequences, connections, seconds) {
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const latencies = [];
  let done = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    clients.map(async (client, i) => {
      const sequence = sequences[i % sequences.length];
      while (Date.now() < until) {
        const t0 = performance.now();
        for (const q of sequence) await client.query(q.text, q.values);
        latencies.push(performance.now() - t0);
        done++;
      }
    }),
  );
  await Promise.all(clients.map((c) => c.end()));
  latencies.sort((a, b) => a - b);
  return { perSecond: done / seconds, latencies };
}

function table(rows) {
  const headers = Object.keys(rows[0]);
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
  return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map((r) => line(headers.map((h) => r[h])))].join(
    "\n",
  );
}

async function main() {
  if (!args["no-build"]) run("npm", ["run", "build", "-w", "@infoview/server"]);
  const db = await database();
  const cleanups = [db.stop];
  try {
    if (!(await seeded(db.url))) {
      log(`seeding ${JSON.stringify(SCALE)} (once; kept in ${db.dir ?? "DATABASE_URL"})`);
      const t0 = Date.now();
      run("node", [path.join(SERVER_DIST, "seed/seed-cli.js"), ...Object.entries(SCALE).flatMap(([k, v]) => [`--${k}`, String(v)])], {
        DATABASE_URL: db.url,
      });
      log(`seeded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    }
    // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": node options for the server under load only.
    const server = await startServer(db.url, UNDER_LOAD, (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean));
    cleanups.unshift(server.stop);
    const captureFile = path.join(os.tmpdir(), `infoview-bench-sql-${process.pid}.jsonl`);
    writeFileSync(captureFile, "");
    // The report cache off: what is captured (and replayed raw) is the computation, not a cache hit.
    const capture = await startServer(db.url, { INFOVIEW_CAPTURE_SQL: captureFile, REPORT_CACHE_SECONDS: "0" }, [
      "-r",
      path.join(__dirname, "capture-sql.js"),
    ]);
    cleanups.unshift(capture.stop);
    // The reference (issue 16, target 1): Apollo + type-graphql doing a transaction with SELECT 1, on the same database.
    const reference = await startServer(db.url, {}, [], path.join(__dirname, "reference-server.js"));
    cleanups.unshift(reference.stop);
    const big = await flagship(db.url);
    log(`flagship ${big.slug}: ${big.alumni} alumni, ${big.students} students, ${big.requests} requests`);

    const rows = [];
    const perSecondOf = new Map();
    const selected = scenarios.filter((s) => !args.only || args.only.split(",").some((part) => s.name.includes(part.trim())));
    for (const scenario of selected) {
      log(
        `${scenario.name}: ${scenario.connections} connections, ${scenario.visits ? `${scenario.visits} first visits` : `${scenario.seconds ?? DURATION} s`}`,
      );
      const tokens = await tokensFor(server.base, scenario.who, big.slug, scenario.visits ?? scenario.connections);
      // A first visit is captured on tokens the measured run does not use, so that run stays a first visit.
      if (scenario.setup) await scenario.setup((body) => gql(server.base, body, tokens[0]));
      // The reference server is not Infoview: nothing to capture (its SQL is fixed: BEGIN, set_config, SELECT 1, COMMIT).
      const sequences =
        scenario.server === "reference"
          ? []
          : await captureSql(capture.base, captureFile, scenario, scenario.visits ? tokens.splice(0, 5) : tokens);
      let measured;
      let seconds = scenario.seconds ?? DURATION;
      // A scenario with its own settings (e.g. the report cache off, to measure computing) gets a server of its own.
      const own = scenario.serverEnv ? await startServer(db.url, { ...UNDER_LOAD, ...scenario.serverEnv }) : null;
      const target = own ?? (scenario.server === "reference" ? reference : server);
      let cpu = null;
      const changes = scenario.changeEverySeconds ? await startChanges(db.url, big.id, scenario.changeEverySeconds * 1000) : null;
      try {
        if (scenario.visits) {
          measured = await visitOnce(target.base, scenario, tokens);
          seconds = measured.seconds;
        } else {
          // "The same students asking again and again": each one's first visit is made and waited for before the
          // warm-up, so the measured run is repeat visits, not a backlog of first ones (those have their own scenario).
          if (scenario.who === "students") await visitOnce(target.base, scenario, tokens);
          const run = scenario.viewEverySeconds ? paced : load;
          await run(target.base, scenario, tokens, WARMUP, false);
          const cpuBefore = cpuMs(target.pid);
          measured = await run(target.base, scenario, tokens, seconds, true);
          const cpuAfter = cpuMs(target.pid);
          if (cpuBefore !== null && cpuAfter !== null) cpu = cpuAfter - cpuBefore;
        }
      } finally {
        if (changes) log(`  ${changes.changes} changes committed`);
        await changes?.stop();
        await own?.stop();
      }
      // Nothing to replay when the operation runs no SQL (the anonymous floor).
      const raw = sequences.some((s) => s.length > 0) ? await replay(db.url, sequences, scenario.connections, DURATION) : null;
      // Requests per second of a paced scenario say nothing about capacity: its ratio to raw pg is left out.
      const capped = Boolean(scenario.viewEverySeconds);
      const total = measured.latencies.length;
      const perSecond = measured.ok / seconds;
      const p95 = percentile(measured.latencies, 95);
      const failed = total - measured.ok;
      for (const [message, n] of measured.failures) log(`  ${n} × ${message}`);
      if (scenario.target?.p95 !== undefined) {
        const over = measured.latencies.filter((ms) => ms > scenario.target.p95).length;
        log(`  ${over} of ${measured.latencies.length} answers took longer than ${scenario.target.p95} ms`);
      }
      perSecondOf.set(scenario.name, perSecond);
      rows.push({
        scenario: scenario.name,
        conns: scenario.connections,
        requests: total,
        failed,
        "req/s": perSecond.toFixed(1),
        "p50 ms": percentile(measured.latencies, 50),
        "p95 ms": p95,
        "p99 ms": percentile(measured.latencies, 99),
        target:
          scenario.target?.p95 !== undefined
            ? `p95 ≤ ${scenario.target.p95}`
            : scenario.target?.cpuMs !== undefined
              ? `CPU ≤ ${scenario.target.cpuMs} ms`
              : "—",
        met:
          scenario.target?.p95 !== undefined
            ? failed === 0 && p95 <= scenario.target.p95
              ? "yes"
              : "NO"
            : scenario.target?.cpuMs !== undefined
              ? failed === 0 && cpu !== null && total > 0 && cpu / total <= scenario.target.cpuMs
                ? "yes"
                : "NO"
              : failed === 0
                ? "—"
                : "NO",
        "SQL/op": sequences.length ? (sequences.reduce((n, s) => n + s.length, 0) / sequences.length).toFixed(0) : "—",
        // Server CPU (all its processes) per answered request during the measured run, load generator excluded.
        "CPU ms/req": cpu !== null && total > 0 ? (cpu / total).toFixed(2) : "—",
        "× ref": "—",
        "raw pg/s": raw && !capped ? raw.perSecond.toFixed(1) : "—",
        ratio: raw && !capped ? (perSecond / raw.perSecond).toFixed(2) : "—",
      });
    }
    // Ratios to the reference server measured in the same run (target 1: the signed-in floor ≥ 0.8×).
    for (const scenario of selected) {
      const row = rows.find((r) => r.scenario === scenario.name);
      const ref = perSecondOf.get(REFERENCE);
      if (!row || scenario.server === "reference" || !ref) continue;
      const ratio = perSecondOf.get(scenario.name) / ref;
      row["× ref"] = ratio.toFixed(2);
      if (scenario.target?.ofReference !== undefined) {
        row.target = `≥ ${scenario.target.ofReference}× ref`;
        row.met = row.failed === 0 && ratio >= scenario.target.ofReference ? "yes" : "NO";
      }
    }
    if (rows.length === 0) {
      log(`no scenario matches --only ${args.only}`);
      return;
    }
    const out = table(rows);
    console.log(`\n${out}\n`);
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
    console.log(`machine: ${machine}; duration ${DURATION} s per scenario after ${WARMUP} s warm-up; ${PROCESSES} server process(es)`);
    const resultDir = path.join(ROOT, "test-output", "bench");
    mkdirSync(resultDir, { recursive: true });
    writeFileSync(path.join(resultDir, "latest.md"), `${out}\n\nmachine: ${machine}\nflagship: ${JSON.stringify(big)}\n`);
    if (rows.some((r) => r.met === "NO")) process.exitCode = 1;
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => {});
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
