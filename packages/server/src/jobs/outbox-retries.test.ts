import { tenantTransaction } from "../db/tenant-transaction";
import { type Mailer, type MailMessage } from "../modules/notifications/mailer";
import { addOutboxRow, buildRequestScene, outboxState } from "../modules/notifications/notifications.fixtures";
import { useTestDatabase } from "../test/database";
import { MemoryMailer } from "../test/test-server";
import { makeWorkerWith } from "./outbox-worker.fixtures";

const db = useTestDatabase(6);
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
