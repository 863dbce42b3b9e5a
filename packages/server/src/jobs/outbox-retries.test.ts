import { tenantTransaction } from "../db/tenant-transaction";
import { type Mailer, type MailMessage } from "../modules/notifications/mailer";
import { addOutboxRow, buildRequestScene, outboxState } from "../modules/notifications/notifications.fixtures";
import { useFreshDatabase } from "../test/database";
import { makeJobsDue, queuedJobs } from "../test/jobs";
import { MemoryMailer } from "../test/test-server";
import { makeWorkerWith } from "./outbox-worker.fixtures";

// A database of this file's own: running the due jobs runs every one in the database, not only this file's.
const db = useFreshDatabase("outbox_retries", 6);
const workerWith = makeWorkerWith(db);

class FlakyMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  constructor(private readonly fails: (message: MailMessage) => boolean) {}
  async send(message: MailMessage): Promise<void> {
    if (this.fails(message)) throw new Error("SMTP 451 try again later");
    this.sent.push(message);
  }
}

describe("retries", () => {
  it("retries a failed delivery with graphile-worker's exponential backoff and gives up after the last attempt, keeping the row", async () => {
    const scene = await buildRequestScene(db());
    const id = await addOutboxRow(db(), scene, "request.created");
    const worker = workerWith(new FlakyMailer(() => true), { maxAttempts: 3 });
    const job = async () => (await queuedJobs(db(), "outbox")).find((j) => j.payload.outboxId === id);

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
    // graphile-worker waits exp(1) seconds after a first failure; the row says when (available_at).
    expect(row.availableInSeconds).toBeGreaterThan(1.7);
    expect(row.availableInSeconds).toBeLessThanOrEqual(Math.E);
    // Its job keeps ids and a message without the mail server's words: those stay in the tenant's row.
    expect(await job()).toMatchObject({
      attempts: 1,
      lastError: `outbox row ${id}: retrying; the reason is kept in the row's last_error`,
      payload: { institutionId: scene.institution.id, outboxId: id },
    });
    expect((await job())!.runInSeconds).toBeGreaterThan(1.7);
    // Not due yet: nothing is run.
    expect(await worker.drainInstitution(scene.institution.id)).toEqual({
      delivered: 0,
      failed: 0,
    });

    await makeJobsDue(db());
    await worker.drainInstitution(scene.institution.id);
    [row] = await outboxState(db(), scene.institution.id);
    expect(row.attempts).toBe(2);
    // exp(2) seconds after the second.
    expect(row.availableInSeconds).toBeGreaterThan(6.4);
    expect(row.availableInSeconds).toBeLessThanOrEqual(Math.exp(2));

    await makeJobsDue(db());
    await worker.drainInstitution(scene.institution.id);
    [row] = await outboxState(db(), scene.institution.id);
    expect(row).toMatchObject({
      attempts: 3,
      delivered: false,
      failed: true,
      lastError: "Error: SMTP 451 try again later",
    });
    // Given up: the row is kept, its job is done (graphile_worker keeps no dead job for it).
    expect(await job()).toBeUndefined();

    await makeJobsDue(db());
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
    const worker = workerWith(mailer);

    await worker.drainInstitution(scene.institution.id);
    expect(mailer.sent.map((m) => m.to)).toEqual([scene.student.email]);
    alumDown = false;
    await makeJobsDue(db());
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
