import type { Mailer } from "../modules/notifications/mailer";
import { addOutboxRow, addOutboxRows, buildRequestScene, eventually, outboxState } from "../modules/notifications/notifications.fixtures";
import { OutboxDeliverer } from "../modules/notifications/outbox-delivery";
import { OUTBOX_CHANNEL } from "../modules/notifications/outbox";
import { connectionStringOf, PgListener } from "../modules/notifications/pg-listener";
import { EventBus } from "../modules/notifications/pubsub";
import { useTestDatabase } from "../test/database";
import { MemoryMailer } from "../test/test-server";
import { OutboxWorker } from "./outbox-worker";
import { makeWorkerWith, PUBLIC_URL, settings, silent } from "./outbox-worker.fixtures";

const db = useTestDatabase(6);
const workerWith = makeWorkerWith(db);

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
