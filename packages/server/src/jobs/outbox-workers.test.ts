import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { createDataSource } from "../db/data-source";
import { tenantTransaction } from "../db/tenant-transaction";
import { createFileMailer, type Mailer } from "../modules/notifications/mailer";
import { addOutboxRows, buildRequestScene, eventually, outboxState } from "../modules/notifications/notifications.fixtures";
import { EventBus } from "../modules/notifications/pubsub";
import { useTestDatabase, workerDatabaseUrl } from "../test/database";
import { MemoryMailer } from "../test/test-server";
import { makeWorkerWith, mailFolder, removeMailFolders, settings } from "./outbox-worker.fixtures";

const db = useTestDatabase(6);
const workerWith = makeWorkerWith(db);
afterAll(removeMailFolders);

describe("several workers", () => {
  it("delivers 200 rows exactly once with two workers draining at the same time", async () => {
    const scene = await buildRequestScene(db());
    const ids = await addOutboxRows(db(), scene, "request.created", 200);
    // Two pools, as two processes would have.
    const second = createDataSource(await workerDatabaseUrl(), 4);
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
      const a = workerWith(both(mailers[0]), { batchSize: 7 });
      const b = workerWith(both(mailers[1]), { batchSize: 7 }, new EventBus(), second);

      const [ra, rb] = await Promise.all([a.drainInstitution(scene.institution.id), b.drainInstitution(scene.institution.id)]);

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
    } finally {
      await second.destroy();
    }
  });

  it("takes over the rows of a worker frozen mid-delivery once its lease runs out, and sends nothing twice", async () => {
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
    const stuck = workerWith(freezing);
    const stuckRun = stuck.drainInstitution(scene.institution.id);
    await eventually(() => sends === 2, 10_000, "the second send");

    const rescuer = workerWith(createFileMailer(folder));
    // While the lease holds, the rescuer finds nothing it may take.
    expect(await rescuer.drainInstitution(scene.institution.id)).toEqual({
      delivered: 0,
      failed: 0,
    });
    expect((await outboxState(db(), scene.institution.id)).map((r) => r.lockedForSeconds! > 0)).toEqual([false, true, true]);
    // The lease runs out (made so here rather than waited for).
    await tenantTransaction(db(), { institutionId: scene.institution.id }, (m) =>
      m.query(`UPDATE outbox SET locked_until = now() - interval '1 second' WHERE locked_until IS NOT NULL`),
    );
    expect(await rescuer.drainInstitution(scene.institution.id)).toEqual({
      delivered: 2,
      failed: 0,
    });

    release();
    await stuckRun;
    const state = await outboxState(db(), scene.institution.id);
    expect(state.map((r) => [r.delivered, r.attempts])).toEqual([
      [true, 1],
      [true, 2],
      [true, 2],
    ]);
    // The re-sent message kept its Message-ID and file name: still one file per message.
    expect(readdirSync(folder).filter((f) => f.endsWith(".eml"))).toHaveLength(3);
  });
});

/**
 * A worker in its own Node.js process (TypeScript compiled on the fly with @swc/core, as jest does) that
 * SIGKILLs itself right after its Nth message is written: the send happened, the database never heard.
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
  const { OutboxWorker } = require(src + "/jobs/outbox-worker.ts");
  const { OutboxDeliverer } = require(src + "/modules/notifications/outbox-delivery.ts");
  const { createFileMailer } = require(src + "/modules/notifications/mailer.ts");
  const { EventBus } = require(src + "/modules/notifications/pubsub.ts");
  const dataSource = new DataSource({ type: "postgres", url: process.env.DB_URL, poolSize: 2 });
  await dataSource.initialize();
  const files = createFileMailer(process.env.MAIL_DIR);
  let sends = 0;
  const mailer = { async send(message) {
    await files.send(message);
    sends += 1;
    if (sends === Number(process.env.KILL_AFTER)) process.kill(process.pid, "SIGKILL");
  } };
  const deliverer = new OutboxDeliverer({ dataSource, mailer, bus: new EventBus(), publicUrl: "http://infoview.test" });
  const quiet = { info() {}, warn() {}, error() {} };
  const worker = new OutboxWorker({ dataSource, deliverer, settings: JSON.parse(process.env.SETTINGS), logger: quiet });
  await worker.drainInstitution(process.env.INSTITUTION_ID);
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

    const child = await runChildWorker({
      DB_URL: await workerDatabaseUrl(),
      MAIL_DIR: folder,
      KILL_AFTER: "3",
      INSTITUTION_ID: scene.institution.id,
      SETTINGS: JSON.stringify(settings({ leaseMs: 2000 })),
    });

    expect({ signal: child.signal, output: child.output }).toEqual({
      signal: "SIGKILL",
      output: "",
    });
    // Two rows recorded as delivered; the third was sent but not recorded; all five are still leased to the dead worker.
    expect((await outboxState(db(), scene.institution.id)).map((r) => [r.delivered, r.attempts])).toEqual([
      [true, 1],
      [true, 1],
      [false, 1],
      [false, 1],
      [false, 1],
    ]);
    expect(readdirSync(folder).filter((f) => f.endsWith(".eml"))).toHaveLength(3);

    const mailer = new MemoryMailer();
    const files = createFileMailer(folder);
    const replacement = workerWith({
      async send(m) {
        await files.send(m);
        await mailer.send(m);
      },
    });
    // The dead worker's lease (2 s) runs out on its own; poll until the replacement has taken the rows over.
    await eventually(
      async () => {
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
      [true, 2],
      [true, 2],
    ]);
    // The replacement re-sent the unrecorded third message under the same Message-ID (same file), then the last two.
    expect(mailer.sent.map((m) => m.key)).toEqual(
      ids.slice(2).map((id) => expect.stringContaining(`outbox-${id.padStart(12, "0")}-alumnus-`)),
    );
    expect(readdirSync(folder).filter((f) => f.endsWith(".eml"))).toHaveLength(5);
    const deliveries = await tenantTransaction(db(), { institutionId: scene.institution.id }, (m) =>
      m.query(`SELECT outbox_id::text AS id, state, attempts FROM outbox_deliveries WHERE channel = 'EMAIL' ORDER BY outbox_id`),
    );
    expect(deliveries).toEqual(ids.map((id, i) => ({ id, state: "SENT", attempts: i === 2 ? 2 : 1 })));
  }, 120_000);

  it("is replaced when it dies after claiming, before sending anything", async () => {
    const scene = await buildRequestScene(db());
    await addOutboxRows(db(), scene, "request.created", 4);
    const mailer = new MemoryMailer();
    const dead = workerWith(mailer);
    // Claims (the lease is committed), then "crashes": the rows are never processed.
    expect(await dead.claim(scene.institution.id)).toHaveLength(4);
    const replacement = workerWith(mailer);
    expect(await replacement.drainInstitution(scene.institution.id)).toEqual({
      delivered: 0,
      failed: 0,
    });
    await tenantTransaction(db(), { institutionId: scene.institution.id }, (m) =>
      m.query(`UPDATE outbox SET locked_until = now() - interval '1 second'`),
    );

    expect(await replacement.drainInstitution(scene.institution.id)).toEqual({
      delivered: 4,
      failed: 0,
    });
    expect(new Set(mailer.sent.map((m) => m.key)).size).toBe(4);
    expect(mailer.sent).toHaveLength(4);
  });
});
