import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDataSource } from "../db/data-source";
import { tenantTransaction } from "../db/tenant-transaction";
import { createLogger } from "../logger";
import { createFileMailer, type Mailer, type MailMessage } from "../modules/notifications/mailer";
import { addOutboxRow, addOutboxRows, buildRequestScene, eventually, outboxState } from "../modules/notifications/notifications.fixtures";
import { OutboxDeliverer } from "../modules/notifications/outbox-delivery";
import { OUTBOX_CHANNEL } from "../modules/notifications/outbox";
import { connectionStringOf, PgListener } from "../modules/notifications/pg-listener";
import { EventBus, requestEventTopic, type RequestNotificationEvent } from "../modules/notifications/pubsub";
import { useTestDatabase, workerDatabaseUrl } from "../test/database";
import { MemoryMailer } from "../test/test-server";
import type { OutboxSettings } from "./jobs.config";
import { OutboxWorker } from "./outbox-worker";

const db = useTestDatabase(6);
const silent = createLogger("silent");
const PUBLIC_URL = "http://infoview.test";

const settings = (overrides: Partial<OutboxSettings> = {}): OutboxSettings => ({
  batchSize: 10,
  leaseMs: 60_000,
  maxAttempts: 3,
  retryBaseMs: 30_000,
  retryMaxMs: 3_600_000,
  pollMs: 3_600_000,
  ...overrides,
});

function workerWith(mailer: Mailer, overrides: Partial<OutboxSettings> = {}, bus = new EventBus(), dataSource = db()) {
  const deliverer = new OutboxDeliverer({
    dataSource,
    mailer,
    bus,
    publicUrl: PUBLIC_URL,
  });
  return new OutboxWorker({
    dataSource,
    deliverer,
    settings: settings(overrides),
    logger: silent,
  });
}

/** Everything a bus publishes locally for one institution. */
function record(bus: EventBus, institutionId: string): RequestNotificationEvent[] {
  const seen: RequestNotificationEvent[] = [];
  const iterator = bus.pubSub.subscribe(requestEventTopic(institutionId))[Symbol.asyncIterator]();
  const pump = async () => {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      seen.push(next.value as RequestNotificationEvent);
    }
  };
  void pump();
  return seen;
}

/** Headers unfolded and the quoted-printable body decoded, as a mail program shows them. */
function readEml(file: string): {
  header: (name: string) => string | undefined;
  body: string;
} {
  const raw = readFileSync(file, "utf8");
  const split = raw.indexOf("\n\n");
  const headers = raw.slice(0, split).replace(/\n[ \t]+/g, " ");
  const body = raw
    .slice(split + 2)
    .replace(/=\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return {
    header: (name) => new RegExp(`^${name}: (.*)$`, "mi").exec(headers)?.[1],
    body: Buffer.from(body, "latin1").toString("utf8"),
  };
}

const folders: string[] = [];
function mailFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), "infoview-mail-"));
  folders.push(folder);
  return folder;
}
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe("delivering an outbox row", () => {
  it("writes the alum a readable .eml about a new request, with the proposed times in the alum's own time zone", async () => {
    const scene = await buildRequestScene(db());
    await addOutboxRow(db(), scene, "request.created");
    const folder = mailFolder();
    const bus = new EventBus();
    const events = record(bus, scene.institution.id);
    await eventually(() => bus.subscriberCount(scene.institution.id) > 0, 5000, "the recorder to subscribe");

    const result = await workerWith(createFileMailer(folder), {}, bus).drainInstitution(scene.institution.id);

    expect(result).toEqual({ delivered: 1, failed: 0 });
    const files = readdirSync(folder);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^outbox-\d{12}-alumnus-[0-9a-f-]{36}\.eml$/);
    const eml = readEml(path.join(folder, files[0]));
    expect(eml.header("To")).toBe(scene.alumnus.email);
    expect(eml.header("Subject")).toBe("Sam Student would like a short conversation with you");
    expect(eml.header("Message-ID")).toBe(`<${files[0].replace(/\.eml$/, "")}@infoview.local>`);
    expect(eml.body).toContain("asks you for an informational interview: a 30-minute video call");
    expect(eml.body).toContain("> I am exploring data science and would love to hear how you got into it.");
    // 15:00 UTC is 9:00 AM in Chicago (CST) on 3 March 2026.
    expect(eml.body).toContain(
      "The times they propose:\n  - Tue, Mar 3, 2026, 9:00 AM CST (America/Chicago)\n  - Wed, Mar 4, 2026, 12:00 PM CST (America/Chicago)",
    );
    expect(eml.body).toContain("What to do next: accept one of these times, offer another, or decline");
    expect(eml.body).toContain(`Open the request: ${PUBLIC_URL}/alumni/requests/${scene.requestId}`);
    expect(eml.body).not.toMatch(/text\/calendar/);
    expect(events).toEqual([
      expect.objectContaining({
        kind: "CREATED",
        requestId: scene.requestId,
        recipients: [scene.student.membershipId, scene.alumnus.membershipId],
      }),
    ]);
    expect(await outboxState(db(), scene.institution.id)).toEqual([
      expect.objectContaining({ delivered: true, attempts: 1, failed: false }),
    ]);
  });

  it("writes the calendar invite into the .eml as a text/calendar attachment", async () => {
    const scene = await buildRequestScene(db(), { state: "ACCEPTED" });
    await addOutboxRow(db(), scene, "request.accepted", { sequence: 0 });
    const folder = mailFolder();

    await workerWith(createFileMailer(folder)).drainInstitution(scene.institution.id);

    const files = readdirSync(folder).sort();
    expect(files).toEqual([expect.stringMatching(/-alumnus-.*\.eml$/), expect.stringMatching(/-student-.*\.eml$/)]);
    for (const file of files) {
      const eml = readFileSync(path.join(folder, file), "utf8");
      expect(eml).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
      expect(eml).toMatch(/filename=invite\.ics/);
    }
  });

  it("sends both people the meeting with the calendar invite when a request is accepted, each in their own time zone", async () => {
    const scene = await buildRequestScene(db(), { state: "ACCEPTED" });
    await addOutboxRow(db(), scene, "request.accepted", {
      actor: "ALUMNUS",
      from: "REQUESTED",
      to: "ACCEPTED",
      sequence: 0,
    });
    const mailer = new MemoryMailer();

    await workerWith(mailer).drainInstitution(scene.institution.id);

    const byRecipient = new Map(mailer.sent.map((m) => [m.to, m]));
    const student = byRecipient.get(scene.student.email)!;
    const alumnus = byRecipient.get(scene.alumnus.email)!;
    expect(mailer.sent).toHaveLength(2);
    expect(student.subject).toBe("Alex Alum accepted: Tue, Mar 3, 2026, 10:00 AM EST (America/New_York)");
    expect(alumnus.subject).toBe("Confirmed: your conversation with Sam Student, Tue, Mar 3, 2026, 9:00 AM CST (America/Chicago)");
    expect(student.text).toContain("Video call: https://meet.example/abc");
    expect(student.text).toContain("Length: 30 minutes");
    for (const message of [student, alumnus]) {
      expect(message.attachments).toEqual([
        expect.objectContaining({
          filename: "invite.ics",
          contentType: expect.stringContaining("method=REQUEST"),
        }),
      ]);
      expect(message.attachments![0].content).toContain("METHOD:REQUEST");
      expect(message.attachments![0].content).toContain(`UID:${scene.requestId}@infoview`);
      expect(message.attachments![0].content).toContain("DTSTART:20260303T150000Z");
    }
  });

  it("sends a calendar cancellation when a booked meeting is cancelled", async () => {
    const scene = await buildRequestScene(db(), {
      state: "CANCELLED",
      calendarSequence: 1,
    });
    await addOutboxRow(db(), scene, "request.cancelled", {
      actor: "STUDENT",
      from: "ACCEPTED",
      to: "CANCELLED",
      sequence: 1,
    });
    const mailer = new MemoryMailer();

    await workerWith(mailer).drainInstitution(scene.institution.id);

    expect(mailer.sent.map((m) => m.to).sort()).toEqual([scene.alumnus.email, scene.student.email].sort());
    const toAlum = mailer.sent.find((m) => m.to === scene.alumnus.email)!;
    expect(toAlum.text).toContain("Sam Student cancelled your conversation planned for Tue, Mar 3, 2026, 9:00 AM CST (America/Chicago).");
    expect(mailer.sent.find((m) => m.to === scene.student.email)!.text).toContain("You cancelled your conversation with Alex Alum");
    const ics = toAlum.attachments![0];
    expect(ics.filename).toBe("cancel.ics");
    expect(ics.content).toContain("METHOD:CANCEL");
    expect(ics.content).toContain("SEQUENCE:1");
  });

  it("leaves out an invite that a later change has replaced, rather than send a stale one", async () => {
    const scene = await buildRequestScene(db(), {
      state: "ACCEPTED",
      calendarSequence: 1,
    });
    await addOutboxRow(db(), scene, "request.accepted", {
      actor: "ALUMNUS",
      sequence: 0,
    });
    const mailer = new MemoryMailer();

    await workerWith(mailer).drainInstitution(scene.institution.id);

    expect(mailer.sent).toHaveLength(2);
    for (const message of mailer.sent) {
      expect(message.attachments).toEqual([]);
      expect(message.text).toContain("The meeting has changed since this message was written");
    }
  });

  it("reminds only the student to send a thank-you, with no invite", async () => {
    const scene = await buildRequestScene(db(), {
      state: "COMPLETED",
      closedAt: new Date(),
    });
    await addOutboxRow(db(), scene, "followup.thank_you_due");
    const mailer = new MemoryMailer();

    await workerWith(mailer).drainInstitution(scene.institution.id);

    expect(mailer.sent).toEqual([
      expect.objectContaining({
        to: scene.student.email,
        subject: "Time to thank Alex Alum",
        attachments: [],
      }),
    ]);
  });

  it("delivers a topic with nothing to send (consent.withdrawn) by marking it delivered", async () => {
    const scene = await buildRequestScene(db());
    await addOutboxRow(db(), scene, "consent.withdrawn");
    const mailer = new MemoryMailer();

    expect(await workerWith(mailer).drainInstitution(scene.institution.id)).toEqual({ delivered: 1, failed: 0 });
    expect(mailer.sent).toEqual([]);
  });
});

class FlakyMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  constructor(private readonly fails: (message: MailMessage) => boolean) {}
  async send(message: MailMessage): Promise<void> {
    if (this.fails(message)) throw new Error("SMTP 451 try again later");
    this.sent.push(message);
  }
}

describe("retries", () => {
  it("retries a failed delivery with exponential backoff and gives up after the last attempt, keeping the row", async () => {
    const scene = await buildRequestScene(db());
    await addOutboxRow(db(), scene, "request.created");
    const worker = workerWith(new FlakyMailer(() => true), {
      maxAttempts: 3,
      retryBaseMs: 60_000,
    });
    const makeDue = () =>
      tenantTransaction(db(), { institutionId: scene.institution.id }, (m) =>
        m.query(`UPDATE outbox SET available_at = now() WHERE delivered_at IS NULL`),
      );

    expect(await worker.drainInstitution(scene.institution.id)).toEqual({
      delivered: 0,
      failed: 1,
    });
    let [row] = await outboxState(db(), scene.institution.id);
    expect(row).toMatchObject({
      attempts: 1,
      delivered: false,
      failed: false,
      lastError: "Error: SMTP 451 try again later",
      lockedForSeconds: null,
    });
    expect(row.availableInSeconds).toBeGreaterThan(50);
    expect(row.availableInSeconds).toBeLessThanOrEqual(60);
    // Not due yet: nothing is claimed.
    expect(await worker.drainInstitution(scene.institution.id)).toEqual({
      delivered: 0,
      failed: 0,
    });

    await makeDue();
    await worker.drainInstitution(scene.institution.id);
    [row] = await outboxState(db(), scene.institution.id);
    expect(row.attempts).toBe(2);
    expect(row.availableInSeconds).toBeGreaterThan(110);
    expect(row.availableInSeconds).toBeLessThanOrEqual(120);

    await makeDue();
    await worker.drainInstitution(scene.institution.id);
    [row] = await outboxState(db(), scene.institution.id);
    expect(row).toMatchObject({
      attempts: 3,
      delivered: false,
      failed: true,
      lastError: "Error: SMTP 451 try again later",
    });

    await makeDue();
    expect(await worker.drainInstitution(scene.institution.id)).toEqual({
      delivered: 0,
      failed: 0,
    });
    expect((await outboxState(db(), scene.institution.id))[0].attempts).toBe(3);
  });

  it("on retry sends only what failed: the person already emailed is not emailed again", async () => {
    const scene = await buildRequestScene(db(), { state: "ACCEPTED" });
    await addOutboxRow(db(), scene, "request.accepted", { sequence: 0 });
    let alumDown = true;
    const mailer = new FlakyMailer((m) => alumDown && m.to === scene.alumnus.email);
    const worker = workerWith(mailer, { retryBaseMs: 1000 });

    await worker.drainInstitution(scene.institution.id);
    expect(mailer.sent.map((m) => m.to)).toEqual([scene.student.email]);
    alumDown = false;
    await tenantTransaction(db(), { institutionId: scene.institution.id }, (m) => m.query(`UPDATE outbox SET available_at = now()`));
    expect(await worker.drainInstitution(scene.institution.id)).toEqual({
      delivered: 1,
      failed: 0,
    });

    expect(mailer.sent.map((m) => m.to)).toEqual([scene.student.email, scene.alumnus.email]);
    const deliveries = await tenantTransaction(db(), { institutionId: scene.institution.id }, (m) =>
      m.query(`SELECT channel, state, attempts FROM outbox_deliveries ORDER BY channel, attempts`),
    );
    expect(deliveries).toEqual([
      { channel: "EMAIL", state: "SENT", attempts: 1 },
      { channel: "EMAIL", state: "SENT", attempts: 2 },
      { channel: "REALTIME", state: "SENT", attempts: 1 },
    ]);
  });

  it("gives up on a row whose workers kept dying (attempts used up by expired leases)", async () => {
    const scene = await buildRequestScene(db());
    const id = await addOutboxRow(db(), scene, "request.created");
    await tenantTransaction(db(), { institutionId: scene.institution.id }, (m) =>
      m.query(`UPDATE outbox SET attempts = 3, locked_until = now() - interval '1 second' WHERE id = $1`, [id]),
    );
    const mailer = new MemoryMailer();

    await workerWith(mailer, { maxAttempts: 3 }).drainInstitution(scene.institution.id);

    expect(mailer.sent).toEqual([]);
    expect(await outboxState(db(), scene.institution.id)).toEqual([
      expect.objectContaining({
        failed: true,
        delivered: false,
        lastError: "gave up: no worker finished it in 3 attempts",
      }),
    ]);
  });
});

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

describe("the running worker", () => {
  it("wakes on NOTIFY when a row is added, without waiting for the poll", async () => {
    const scene = await buildRequestScene(db());
    const listener = new PgListener(connectionStringOf(db()));
    const mailer = new MemoryMailer();
    const deliverer = new OutboxDeliverer({
      dataSource: db(),
      mailer,
      bus: new EventBus(),
      publicUrl: PUBLIC_URL,
    });
    const worker = new OutboxWorker({
      dataSource: db(),
      deliverer,
      settings: settings({ pollMs: 3_600_000 }),
      logger: silent,
      listener,
    });
    const woke: string[] = [];
    await listener.listen(OUTBOX_CHANNEL, (id) => woke.push(id));
    await worker.start();
    await listener.start();
    try {
      // The start-up sweep may deliver other tests' rows; once it is over, only a wake-up makes the worker look again.
      // Other suites in this jest worker's database can leave a backlog, slow to sweep on a busy machine: wait it out.
      await eventually(() => listener.connected && worker.idle, 90_000, "the LISTEN connection and the first sweep");
      await addOutboxRow(db(), scene, "request.created");
      await eventually(() => mailer.sent.some((m) => m.to === scene.alumnus.email), 20_000, "the email");
      expect(woke).toContain(scene.institution.id);
    } finally {
      await worker.stop();
      await listener.close();
    }
  }, 150_000);

  it("finishes the batch in hand when stopped, and claims no more", async () => {
    const scene = await buildRequestScene(db());
    await addOutboxRows(db(), scene, "request.created", 8);
    let started = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const mailer = new MemoryMailer();
    const gated: Mailer = {
      async send(m) {
        started += 1;
        await gate;
        await mailer.send(m);
      },
    };
    const worker = workerWith(gated, { batchSize: 5 });
    const draining = worker.drainInstitution(scene.institution.id);
    await eventually(() => started === 1, 10_000, "the first send");

    const stopping = worker.stop();
    release();
    await Promise.all([stopping, draining]);

    const state = await outboxState(db(), scene.institution.id);
    expect(state.filter((r) => r.delivered)).toHaveLength(5);
    expect(state.filter((r) => r.attempts === 0)).toHaveLength(3);
  });
});
