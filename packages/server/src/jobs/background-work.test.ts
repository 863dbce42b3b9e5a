import { createLogger } from "../logger";
import { addOutboxRow, buildRequestScene, eventually, outboxState } from "../modules/notifications/notifications.fixtures";
import { useFreshDatabase } from "../test/database";
import { OutcomeRecorder, queuedJobs } from "../test/jobs";
import { startTestServer, type TestServer } from "../test/test-server";
import { startBackgroundWork } from "./index";
import { loadJobsConfig } from "./jobs.config";
import { TASK } from "./tasks";

/** What a server process starts besides HTTP (main.ts), with WORKERS on and off. */
const db = useFreshDatabase("background_work", 5);
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());
const silent = createLogger("silent");

describe("background work", () => {
  it("with WORKERS=off runs no job: a new row's job waits in the queue for another process", async () => {
    const work = await startBackgroundWork({
      dataSource: db(),
      services: server.services,
      config: loadJobsConfig({ WORKERS: "off" }),
      logger: silent,
    });
    try {
      expect(work.runner).toBeNull();
      const scene = await buildRequestScene(db());
      const id = await addOutboxRow(db(), scene, "request.created");
      await new Promise((r) => setTimeout(r, 1500));
      expect(await outboxState(db(), scene.institution.id)).toEqual([expect.objectContaining({ delivered: false, attempts: 0 })]);
      expect((await queuedJobs(db(), TASK.outbox)).map((j) => [j.payload.outboxId, j.locked])).toEqual([[id, false]]);
      // Nothing scheduled either: the crontab runs only where WORKERS is on.
      expect(await queuedJobs(db(), TASK.scheduler)).toEqual([]);
    } finally {
      await work.stop();
    }
  });

  it("with WORKERS on delivers a row as soon as it is written, runs the scheduler at start, and stops cleanly", async () => {
    const outcomes = new OutcomeRecorder();
    const scene = await buildRequestScene(db());
    const work = await startBackgroundWork({
      dataSource: db(),
      services: server.services,
      config: loadJobsConfig({ WORKERS: "on", JOBS_CONCURRENCY: "2" }),
      logger: silent,
      onJobOutcome: outcomes.onOutcome,
    });
    let stopped = false;
    try {
      expect(work.runner).not.toBeNull();
      await addOutboxRow(db(), scene, "request.created");
      await eventually(async () => (await outboxState(db(), scene.institution.id)).every((r) => r.delivered), 20_000, "the row delivered");
      // The row left from the test above is delivered too: the queue is shared by every process.
      await eventually(async () => (await queuedJobs(db(), TASK.outbox)).length === 0, 20_000, "the queue emptied");
      await eventually(
        () => outcomes.events.some((e) => e.task === TASK.institutionJobs && e.institutionId === scene.institution.id),
        20_000,
        "a scheduler pass",
      );
      expect(outcomes.count(scene.institution.id)).toMatchObject({ delivered: 1, done: 1 });
      await work.stop();
      stopped = true;
      expect((await queuedJobs(db())).filter((j) => j.locked)).toEqual([]);
    } finally {
      if (!stopped) await work.stop();
    }
  });
});
