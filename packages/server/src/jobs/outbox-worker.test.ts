import type { Mailer } from "../modules/notifications/mailer";
import { addOutboxRow, addOutboxRows, buildRequestScene, eventually, outboxState } from "../modules/notifications/notifications.fixtures";
import { connectionStringOf } from "../modules/notifications/pg-listener";
import { useFreshDatabase } from "../test/database";
import { queuedJobs } from "../test/jobs";
import { MemoryMailer } from "../test/test-server";
import { makeWorkerWith, silent } from "./outbox-worker.fixtures";
import { startJobRunner } from "./runner";

// A database of this file's own: a runner takes every due job in its database, not only this file's.
const db = useFreshDatabase("outbox_worker", 6);
const workerWith = makeWorkerWith(db);

describe("the running worker", () => {
  it("wakes on NOTIFY when a row is added, without waiting for the poll", async () => {
    const scene = await buildRequestScene(db());
    const mailer = new MemoryMailer();
    const worker = workerWith(mailer);
    let listening = false;
    let idle = 0;
    // The poll is an hour away: once the runner has found nothing to do, only a NOTIFY makes it look again.
    const runner = await startJobRunner({
      connectionString: connectionStringOf(db()),
      taskList: worker.tasks,
      concurrency: 1,
      logger: silent,
      crontab: [],
      pollIntervalMs: 3_600_000,
    });
    runner.events.on("pool:listen:success", () => (listening = true));
    runner.events.on("worker:getJob:empty", () => (idle += 1));
    try {
      await eventually(() => listening && idle > 0, 30_000, "the LISTEN connection and an idle worker");
      await addOutboxRow(db(), scene, "request.created");
      await eventually(() => mailer.sent.some((m) => m.to === scene.alumnus.email), 20_000, "the email");
      expect(await outboxState(db(), scene.institution.id)).toEqual([expect.objectContaining({ delivered: true, attempts: 1 })]);
    } finally {
      await runner.stop();
    }
  }, 90_000);

  it("finishes the jobs in hand when stopped, and takes no more", async () => {
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
    const worker = workerWith(gated);
    const runner = await startJobRunner({
      connectionString: connectionStringOf(db()),
      taskList: worker.tasks,
      concurrency: 5,
      logger: silent,
      crontab: [],
    });
    await eventually(() => started === 5, 20_000, "five sends in hand");

    const stopping = runner.stop();
    release();
    await stopping;

    const state = await outboxState(db(), scene.institution.id);
    expect(state.filter((r) => r.delivered)).toHaveLength(5);
    expect(state.filter((r) => r.attempts === 0)).toHaveLength(3);
    // The three not reached wait in the queue for the next runner; the five done left it.
    expect((await queuedJobs(db(), "outbox")).map((j) => [j.payload.outboxId, j.locked])).toEqual(
      state.filter((r) => r.attempts === 0).map((r) => [r.id, false]),
    );
  });
});
