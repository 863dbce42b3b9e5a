import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { createDataSource } from "../db/data-source";
import { tenantTransaction } from "../db/tenant-transaction";
import { createFileMailer, type Mailer } from "../modules/notifications/mailer";
import { addOutboxRows, buildRequestScene, eventually, outboxState } from "../modules/notifications/notifications.fixtures";
import { connectionStringOf } from "../modules/notifications/pg-listener";
import { EventBus } from "../modules/notifications/pubsub";
import { useFreshDatabase } from "../test/database";
import { queuedJobs } from "../test/jobs";
import { MemoryMailer } from "../test/test-server";
import { drainResult, makeWorkerWith, mailFolder, reclaim, removeMailFolders, settings, silent } from "./outbox-worker.fixtures";
import { startJobRunner } from "./runner";

// A database of this file's own: a runner takes every due job in its database, not only this file's.
const db = useFreshDatabase("outbox_workers", 6);
const workerWith = makeWorkerWith(db);
afterAll(removeMailFolders);

describe("several workers", () => {
  it("delivers 200 rows exactly once with two workers running at the same time", async () => {
    const scene = await buildRequestScene(db());
    const ids = await addOutboxRows(db(), scene, "request.created", 200);
    // Two pools, as two processes would have (each runner has its own pool for graphile-worker as well).
    const second = createDataSource(connectionStringOf(db()), 4);
    await second.initialize();
    try {
      const folder = mailFolder();
      const mailers = [new MemoryMailer(), new MemoryMailer()];
      const slow = (inner: MemoryMailer): Mailer => ({
        send: async (m) => (await new Promise((r) => setTimeout(r, 2)), inner.send(m)),
      });
      const both = (inner: MemoryMailer): Mailer => {
        const files = createFileMailer(folder);
        const s = slow(inner);
        return { send: async (m) => (await files.send(m), s.send(m)) };
      };
      const a = workerWith(both(mailers[0]));
      const b = workerWith(both(mailers[1]), {}, new EventBus(), second);
      const runners = await Promise.all(
        [a, b].map((w) =>
          startJobRunner({ connectionString: connectionStringOf(db()), taskList: w.tasks, concurrency: 3, logger: silent, crontab: [] }),
        ),
      );
      try {
        await eventually(
          async () => (await outboxState(db(), scene.institution.id)).every((r) => r.delivered),
          60_000,
          "every row delivered",
        );
      } finally {
        await Promise.all(runners.map((r) => r.stop()));
      }
      const [ra, rb] = [a, b].map((w) => drainResult(w.outcomes.count(scene.institution.id)));

      expect(ra.delivered + rb.delivered).toBe(200);
      // Both took part: the rows were shared out, not delivered by one while the other waited.
      expect(Math.min(ra.delivered, rb.delivered)).toBeGreaterThan(0);
      expect(ra.failed + rb.failed).toBe(0);
      const keys = [...mailers[0].sent, ...mailers[1].sent].map((m) => m.key);
      expect(keys).toHaveLength(200);
      expect(new Set(keys).size).toBe(200);
      expect(readdirSync(folder).filter((f) => f.endsWith(".eml"))).toHaveLength(200);
      const state = await outboxState(db(), scene.institution.id);
      expect(state.map((r) => r.id)).toEqual(ids);
      expect(state.every((r) => r.delivered && r.attempts === 1)).toBe(true);
      const [{ n }] = await tenantTransaction(db(), { institutionId: scene.institution.id }, (m) =>
        m.query(`SELECT count(*)::int AS n FROM outbox_deliveries WHERE state = 'SENT'`),
      );
      expect(n).toBe(400); // one email and one real-time event per row
      expect(await queuedJobs(db(), "outbox")).toEqual([]);
    } finally {
      await second.destroy();
    }
  });

  it("takes over the row of a worker frozen mid-delivery once its lease runs out, and sends nothing twice", async () => {
    const scene = await buildRequestScene(db());
    await addOutboxRows(db(), scene, "request.created", 3);
    const folder = mailFolder();
    const files = createFileMailer(folder);
    let release!: () => void;
    const frozen = new Promise<void>((resolve) => (release = resolve));
    let sends = 0;
    // Writes its second message, then hangs before it can record it: as if the process froze right after sending.
    const freezing: Mailer = {
      async send(m) {
        sends += 1;
        await files.send(m);
        if (sends === 2) await frozen;
      },
    };
    const LEASE = 1500;
    const stuck = workerWith(freezing, { leaseMs: LEASE });
    const stuckRunner = await startJobRunner({
      connectionString: connectionStringOf(db()),
      taskList: stuck.tasks,
      concurrency: 1,
      logger: silent,
      crontab: [],
    });
    try {
      await eventually(() => sends === 2, 10_000, "the second send");

      const rescuer = workerWith(createFileMailer(folder), { leaseMs: LEASE });
      // While the lease holds, the rescuer does not take the frozen row (the third, free, it delivers).
      expect(await reclaim(db(), LEASE)).toEqual([]);
      expect(await rescuer.drainInstitution(scene.institution.id)).toEqual({
        delivered: 1,
        failed: 0,
      });
      expect((await outboxState(db(), scene.institution.id)).map((r) => [r.delivered, r.lockedForSeconds! > 0])).toEqual([
        [true, false],
        [false, true],
        [true, false],
      ]);
      // The lease runs out: the crontab's reclaim hands the frozen worker's job back, and the rescuer finishes the row.
      await new Promise((r) => setTimeout(r, LEASE + 100));
      expect(await reclaim(db(), LEASE)).toHaveLength(1);
      expect(await rescuer.drainInstitution(scene.institution.id)).toEqual({
        delivered: 1,
        failed: 0,
      });

      release();
      await eventually(() => sends === 2 && stuck.outcomes.events.length === 2, 10_000, "the frozen worker to finish");
      const state = await outboxState(db(), scene.institution.id);
      expect(state.map((r) => [r.delivered, r.attempts])).toEqual([
        [true, 1],
        [true, 2],
        [true, 1],
      ]);
      // The re-sent message kept its Message-ID and file name: still one file per message.
      expect(readdirSync(folder).filter((f) => f.endsWith(".eml"))).toHaveLength(3);
    } finally {
      release();
      await stuckRunner.stop();
    }
    expect(await queuedJobs(db(), "outbox")).toEqual([]);
  });
});

/**
 * A worker in its own Node.js process (TypeScript compiled on the fly with @swc/core, as jest does; graphile-worker, an
 * ES module, loaded by Node.js's own require) that runs the due `outbox` jobs and SIGKILLs itself right after its Nth
 * message is written (KILL_AFTER: the send happened, the database never heard) or as it is about to write it
 * (KILL_BEFORE: the row was claimed, nothing was sent).
 */
const CHILD = `
const fs = require("fs");
const { transformSync } = require("@swc/core");
require.extensions[".ts"] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, "utf8"), {
    filename, swcrc: false, sourceMaps: false, module: { type: "commonjs" },
    jsc: { target: "es2022", keepClassNames: true, parser: { syntax: "typescript", decorators: true },
           transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false } },
  });
  module._compile(code, filename);
};
require("reflect-metadata");
(async () => {
  const src = process.env.SRC;
  const { DataSource } = require("typeorm");
  const { Logger, runOnce } = require("graphile-worker");
  const { Pool } = require("pg");
  const { OutboxJob } = require(src + "/jobs/outbox-job.ts");
  const { outboxTask } = require(src + "/jobs/tasks.ts");
  const { OutboxDeliverer } = require(src + "/modules/notifications/outbox-delivery.ts");
  const { createFileMailer } = require(src + "/modules/notifications/mailer.ts");
  const { EventBus } = require(src + "/modules/notifications/pubsub.ts");
  const dataSource = new DataSource({ type: "postgres", url: process.env.DB_URL, poolSize: 2 });
  await dataSource.initialize();
  const files = createFileMailer(process.env.MAIL_DIR);
  let sends = 0;
  const mailer = { async send(message) {
    sends += 1;
    if (sends === Number(process.env.KILL_BEFORE)) process.kill(process.pid, "SIGKILL");
    await files.send(message);
    if (sends === Number(process.env.KILL_AFTER)) process.kill(process.pid, "SIGKILL");
  } };
  const deliverer = new OutboxDeliverer({ dataSource, mailer, bus: new EventBus(), publicUrl: "http://infoview.test" });
  const quiet = { info() {}, warn() {}, error() {} };
  const job = new OutboxJob({ dataSource, deliverer, settings: JSON.parse(process.env.SETTINGS), logger: quiet });
  const pgPool = new Pool({ connectionString: process.env.DB_URL, max: 2 });
  pgPool.on("error", () => {});
  pgPool.on("connect", (client) => client.on("error", () => {}));
  // As a server's runner would, one job at a time.
  await runOnce({ pgPool, taskList: { outbox: outboxTask({ outbox: job, logger: quiet }) }, noHandleSignals: true, logger: new Logger(() => () => {}) });
  process.exit(0);
})().catch((error) => { console.error(error); process.exit(1); });
`;

function runChildWorker(env: Record<string, string>): Promise<{
  signal: NodeJS.Signals | null;
  code: number | null;
  output: string;
}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", CHILD], {
      cwd: path.resolve(__dirname, "..", "..", "..", ".."),
      env: { ...process.env, SRC: path.resolve(__dirname, ".."), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve({ code, signal, output }));
  });
}

describe("a worker that dies", () => {
  it("is replaced after its lease when SIGKILLed between sending and recording, and each message stays one message", async () => {
    const scene = await buildRequestScene(db());
    const ids = await addOutboxRows(db(), scene, "request.created", 5);
    const folder = mailFolder();
    const LEASE = 2000;

    const child = await runChildWorker({
      DB_URL: connectionStringOf(db()),
      MAIL_DIR: folder,
      KILL_AFTER: "3",
      SETTINGS: JSON.stringify(settings({ leaseMs: LEASE })),
    });

    expect({ signal: child.signal, output: child.output }).toEqual({
      signal: "SIGKILL",
      output: "",
    });
    // Two rows recorded as delivered; the third was sent but not recorded, its row and job still held by the dead worker.
    expect((await outboxState(db(), scene.institution.id)).map((r) => [r.delivered, r.attempts])).toEqual([
      [true, 1],
      [true, 1],
      [false, 1],
      [false, 0],
      [false, 0],
    ]);
    expect((await queuedJobs(db(), "outbox")).map((j) => [j.payload.outboxId, j.locked])).toEqual([
      [ids[2], true],
      [ids[3], false],
      [ids[4], false],
    ]);
    expect(readdirSync(folder).filter((f) => f.endsWith(".eml"))).toHaveLength(3);

    const mailer = new MemoryMailer();
    const files = createFileMailer(folder);
    const replacement = workerWith(
      {
        async send(m) {
          await files.send(m);
          await mailer.send(m);
        },
      },
      { leaseMs: LEASE },
    );
    // The dead worker's lease (2 s) runs out on its own; the crontab's reclaim then hands its job back. Poll until the
    // replacement has delivered everything: the free rows at once, the dead worker's after its lease.
    await eventually(
      async () => {
        await reclaim(db(), LEASE);
        await replacement.drainInstitution(scene.institution.id);
        return (await outboxState(db(), scene.institution.id)).every((r) => r.delivered);
      },
      30_000,
      "the replacement worker to deliver the rest",
    );

    const state = await outboxState(db(), scene.institution.id);
    expect(state.map((r) => r.id)).toEqual(ids);
    expect(state.map((r) => [r.delivered, r.attempts])).toEqual([
      [true, 1],
      [true, 1],
      [true, 2],
      [true, 1],
      [true, 1],
    ]);
    // The replacement re-sent the unrecorded third message under the same Message-ID (same file), and sent the last two.
    expect(mailer.sent.map((m) => m.key).sort()).toEqual(
      ids.slice(2).map((id) => expect.stringContaining(`outbox-${id.padStart(12, "0")}-alumnus-`)),
    );
    expect(readdirSync(folder).filter((f) => f.endsWith(".eml"))).toHaveLength(5);
    const deliveries = await tenantTransaction(db(), { institutionId: scene.institution.id }, (m) =>
      m.query(`SELECT outbox_id::text AS id, state, attempts FROM outbox_deliveries WHERE channel = 'EMAIL' ORDER BY outbox_id`),
    );
    expect(deliveries).toEqual(ids.map((id, i) => ({ id, state: "SENT", attempts: i === 2 ? 2 : 1 })));
    expect(await queuedJobs(db(), "outbox")).toEqual([]);
  }, 120_000);

  it("is replaced when it dies after claiming, before sending anything", async () => {
    const scene = await buildRequestScene(db());
    const ids = await addOutboxRows(db(), scene, "request.created", 4);
    const LEASE = 2000;
    const child = await runChildWorker({
      DB_URL: connectionStringOf(db()),
      MAIL_DIR: mailFolder(),
      KILL_BEFORE: "1",
      SETTINGS: JSON.stringify(settings({ leaseMs: LEASE })),
    });
    expect(child.signal).toBe("SIGKILL");
    // It claimed the first row (the lease is committed), then died: nothing was sent.
    expect((await outboxState(db(), scene.institution.id)).map((r) => [r.delivered, r.attempts, r.lockedForSeconds! > 0])).toEqual([
      [false, 1, true],
      [false, 0, false],
      [false, 0, false],
      [false, 0, false],
    ]);

    const mailer = new MemoryMailer();
    const replacement = workerWith(mailer, { leaseMs: LEASE });
    // While its lease holds, the dead worker's row is not taken; the others are.
    expect(await reclaim(db(), LEASE)).toEqual([]);
    expect(await replacement.drainInstitution(scene.institution.id)).toEqual({
      delivered: 3,
      failed: 0,
    });
    await new Promise((r) => setTimeout(r, LEASE + 100));
    expect(await reclaim(db(), LEASE)).toHaveLength(1);
    await eventually(
      async () => (await replacement.drainInstitution(scene.institution.id)).delivered === 1,
      20_000,
      "the dead worker's row to be delivered",
    );
    expect(new Set(mailer.sent.map((m) => m.key)).size).toBe(4);
    expect(mailer.sent).toHaveLength(4);
    expect((await outboxState(db(), scene.institution.id)).map((r) => [r.id, r.delivered])).toEqual(ids.map((id) => [id, true]));
  }, 60_000);
});
