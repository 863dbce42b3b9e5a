import { connectionStringOf } from "../modules/notifications/pg-listener";
import { eventually } from "../modules/notifications/notifications.fixtures";
import { queueStats } from "../jobs/queue-stats";
import { startJobRunner } from "../jobs/runner";
import { TASK } from "../jobs/tasks";
import { createLogger } from "../logger";
import { useFreshDatabase } from "../test/database";
import { addJob, runDueJobs } from "../test/jobs";
import { Metrics } from "./metrics";

// A database of this file's own, so the queue holds only the jobs made here.
const db = useFreshDatabase("metrics", 3);
const silent = createLogger("silent");

/** The value of one sample line of the exposition text, or undefined when the line is missing. */
function sample(text: string, line: string): number | undefined {
  const found = text.split("\n").find((l) => l.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
}

describe("/metrics and the job queue", () => {
  it("shows the queue's depth and failures per task: waiting, scheduled, running, failed, retrying, and the oldest due job's wait", async () => {
    const institutionId = "00000000-0000-4000-8000-000000000001";
    // Two outbox jobs due (one for three seconds already), one periodic job out of attempts, one webhook backing off.
    await db().query(`SELECT graphile_worker.add_job('outbox', '{}'::json, run_at := now() - interval '3 seconds')`);
    await addJob(db(), TASK.outbox, {});
    await db().query(`SELECT graphile_worker.add_job('institution-jobs', $1::json, max_attempts := 1)`, [
      JSON.stringify({ institutionId }),
    ]);
    await db().query(
      `SELECT graphile_worker.reschedule_jobs(array_agg(id), attempts := 1) FROM graphile_worker.jobs WHERE task_identifier = 'institution-jobs'`,
    );
    await addJob(db(), TASK.webhook, {});
    await runDueJobs(db(), {
      [TASK.webhook]: async () => {
        throw new Error("receiver down");
      },
    });
    // And one running: a scheduler job held by a runner until released.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let running = false;
    await addJob(db(), TASK.scheduler, {});
    const runner = await startJobRunner({
      connectionString: connectionStringOf(db()),
      taskList: {
        [TASK.scheduler]: async () => {
          running = true;
          await held;
        },
      },
      concurrency: 1,
      logger: silent,
      crontab: [],
    });
    try {
      await eventually(() => running, 20_000, "the scheduler job to start");
      const metrics = new Metrics();
      metrics.attach({ dataSource: db(), openSockets: () => 0 });
      metrics.attachJobQueue(() => queueStats(db()));
      metrics.countJobOutcome(TASK.outbox, "delivered");
      const text = await metrics.registry.metrics();

      expect(sample(text, `infoview_jobs{task="outbox",state="waiting"}`)).toBe(2);
      expect(sample(text, `infoview_jobs{task="outbox",state="scheduled"}`)).toBe(0);
      expect(sample(text, `infoview_jobs{task="webhook",state="scheduled"}`)).toBe(1);
      expect(sample(text, `infoview_jobs_retrying{task="webhook"}`)).toBe(1);
      expect(sample(text, `infoview_jobs{task="institution-jobs",state="failed"}`)).toBe(1);
      expect(sample(text, `infoview_jobs{task="scheduler",state="running"}`)).toBe(1);
      expect(sample(text, `infoview_jobs_retrying{task="outbox"}`)).toBe(0);
      // Every task is listed, with zeros when it has no job.
      expect(sample(text, `infoview_jobs{task="reclaim",state="waiting"}`)).toBe(0);
      expect(sample(text, `infoview_job_lag_seconds{job="outbox"}`)).toBeGreaterThanOrEqual(3);
      expect(sample(text, `infoview_job_lag_seconds{job="webhook"}`)).toBe(0);
      expect(sample(text, `infoview_job_outcomes_total{task="outbox",outcome="delivered"}`)).toBe(1);
    } finally {
      release();
      await runner.stop();
    }
  });

  it("still answers when the queue cannot be read, without the queue's figures", async () => {
    const metrics = new Metrics();
    metrics.attach({ dataSource: db(), openSockets: () => 0 });
    metrics.attachJobQueue(() => Promise.reject(new Error("the database is down")));
    const text = await metrics.registry.metrics();
    expect(text).toContain("infoview_websocket_connections 0");
    expect(text).not.toMatch(/^infoview_jobs\{/m);
  });
});
