import type { DataSource } from "typeorm";
import { createDataSource } from "../db/data-source";
import { tenantTransaction } from "../db/tenant-transaction";
import { createLogger } from "../logger";
import { buildRequestScene, eventually } from "../modules/notifications/notifications.fixtures";
import { connectionStringOf } from "../modules/notifications/pg-listener";
import { createServices } from "../services";
import { useFreshDatabase } from "../test/database";
import { addJob, OutcomeRecorder, queuedJobs, runDueJobs } from "../test/jobs";
import { MemoryMailer, testConfig } from "../test/test-server";
import type { SchedulerSettings } from "./jobs.config";
import { CRONTAB, startJobRunner } from "./runner";
import { Scheduler, type ExpirySource, type JobName, type JobOutcome } from "./scheduler";
import { institutionJobsTask, schedulerTask, TASK } from "./tasks";

// A database of this file's own: running the due jobs runs every one in the database, not only this file's.
const db = useFreshDatabase("scheduler", 6);
const HOUR = 3_600_000;
const silent = createLogger("silent");
const settings: SchedulerSettings = {
  expiryReminderMs: 24 * HOUR,
  minGapMs: 30_000,
};

function schedulerOn(dataSource: DataSource, options: { expiry?: ExpirySource; minGapMs?: number } = {}): Scheduler {
  const services = createServices(dataSource, testConfig(), new MemoryMailer());
  return new Scheduler({
    dataSource,
    settings: { ...settings, minGapMs: options.minGapMs ?? settings.minGapMs },
    logger: silent,
    expiry: options.expiry ?? services.requestLifecycle,
    followUps: services.conversations,
  });
}

/** The scheduler's two tasks, as a server's runner has them, reporting to a recorder. */
function tasksOf(scheduler: Scheduler, outcomes: OutcomeRecorder) {
  return {
    [TASK.scheduler]: schedulerTask({ scheduler, logger: silent, onOutcome: outcomes.onOutcome }),
    [TASK.institutionJobs]: institutionJobsTask({ scheduler, onOutcome: outcomes.onOutcome }),
  };
}

/** What one institution's `institution-jobs` jobs did, job by job (summed when there were several). */
function detailOf(outcomes: OutcomeRecorder, institutionId: string, from = 0): Record<JobName, JobOutcome> {
  const runs = outcomes.events.slice(from).filter((e) => e.task === TASK.institutionJobs && e.institutionId === institutionId);
  if (runs.length !== 1) throw new Error(`expected one run of the institution's jobs, got ${runs.length}`);
  return runs[0].detail as Record<JobName, JobOutcome>;
}

/** The crontab's minute, once: the `scheduler` job adds one job per institution, and the runner runs them. */
async function runScheduled(scheduler: Scheduler, institutionId: string, dataSource = db()): Promise<Record<JobName, JobOutcome>> {
  const outcomes = new OutcomeRecorder();
  await addJob(dataSource, TASK.scheduler, {}, TASK.scheduler);
  await runDueJobs(dataSource, tasksOf(scheduler, outcomes));
  return detailOf(outcomes, institutionId);
}

async function outboxTopics(institutionId: string): Promise<Array<{ topic: string; requestId: string }>> {
  return tenantTransaction(db(), { institutionId }, (m) =>
    m.query(`SELECT topic, payload->>'requestId' AS "requestId" FROM outbox ORDER BY id`),
  );
}

const ago = (ms: number) => new Date(Date.now() - ms);
const fromNow = (ms: number) => new Date(Date.now() + ms);

describe("the scheduler", () => {
  it("expires unanswered requests past their expiry, through the requests module, announcing each", async () => {
    const scene = await buildRequestScene(db(), {
      createdAt: ago(8 * 24 * HOUR),
      expiresAt: ago(HOUR),
    });

    const outcome = await runScheduled(schedulerOn(db(), { minGapMs: 0 }), scene.institution.id);

    expect(outcome["expire-requests"]).toBe(1);
    const [row] = await tenantTransaction(db(), { institutionId: scene.institution.id }, (m) =>
      m.query(`SELECT state FROM interview_requests WHERE id = $1`, [scene.requestId]),
    );
    expect(row.state).toBe("EXPIRED");
    expect(await outboxTopics(scene.institution.id)).toEqual([{ topic: "request.expired", requestId: scene.requestId }]);
  });

  it("reminds the alum once, a day before an unanswered request expires, or half-way through a short one", async () => {
    const due = await buildRequestScene(db(), {
      createdAt: ago(6 * 24 * HOUR),
      expiresAt: fromNow(10 * HOUR),
    });
    const institution = due.institution;
    const later = await buildRequestScene(db(), {
      institution,
      createdAt: ago(2 * 24 * HOUR),
      expiresAt: fromNow(5 * 24 * HOUR),
    });
    // Twelve hours long: reminded six hours before it expires, not yet at ten.
    const short = await buildRequestScene(db(), {
      institution,
      createdAt: ago(2 * HOUR),
      expiresAt: fromNow(10 * HOUR),
    });
    const scheduler = schedulerOn(db(), { minGapMs: 0 });

    expect((await runScheduled(scheduler, institution.id))["expiry-reminders"]).toBe(1);
    expect((await runScheduled(scheduler, institution.id))["expiry-reminders"]).toBe(0);

    expect(await outboxTopics(institution.id)).toEqual([{ topic: "request.expiry_reminder", requestId: due.requestId }]);
    const reminded: Array<{ request_id: string }> = await tenantTransaction(db(), { institutionId: institution.id }, (m) =>
      m.query(`SELECT request_id FROM request_reminders`),
    );
    expect(reminded.map((r) => r.request_id)).toEqual([due.requestId]);
    expect([later.requestId, short.requestId]).not.toContain(reminded[0].request_id);
  });

  it("queues the thank-you reminder of a completed conversation once", async () => {
    const scene = await buildRequestScene(db(), {
      state: "COMPLETED",
      meetingStartsAt: ago(37 * HOUR),
      closedAt: ago(36 * HOUR),
    });
    const scheduler = schedulerOn(db(), { minGapMs: 0 });

    expect((await runScheduled(scheduler, scene.institution.id))["follow-up-reminders"]).toBe(1);
    expect((await runScheduled(scheduler, scene.institution.id))["follow-up-reminders"]).toBe(0);

    expect(await outboxTopics(scene.institution.id)).toEqual([{ topic: "followup.thank_you_due", requestId: scene.requestId }]);
  });

  it("runs each job once when two processes run the scheduler at the same moment", async () => {
    const scene = await buildRequestScene(db(), {
      createdAt: ago(6 * 24 * HOUR),
      expiresAt: fromNow(10 * HOUR),
    });
    await buildRequestScene(db(), {
      institution: scene.institution,
      createdAt: ago(8 * 24 * HOUR),
      expiresAt: ago(HOUR),
    });
    await buildRequestScene(db(), {
      institution: scene.institution,
      state: "COMPLETED",
      meetingStartsAt: ago(37 * HOUR),
      closedAt: ago(36 * HOUR),
    });
    const second = createDataSource(connectionStringOf(db()), 3);
    await second.initialize();
    try {
      const [ra, rb] = [new OutcomeRecorder(), new OutcomeRecorder()];
      const [sa, sb] = [schedulerOn(db(), { minGapMs: 0 }), schedulerOn(second, { minGapMs: 0 })];
      // Both processes run a scheduler minute (the crontab gives a minute to one process; two minutes whose jobs have
      // not run yet behave the same): each adds the institution's job, and the job key keeps one.
      await addJob(db(), TASK.scheduler, {}, "scheduler:a");
      await addJob(second, TASK.scheduler, {}, "scheduler:b");
      await Promise.all([
        runDueJobs(db(), { [TASK.scheduler]: tasksOf(sa, ra)[TASK.scheduler] }),
        runDueJobs(second, { [TASK.scheduler]: tasksOf(sb, rb)[TASK.scheduler] }),
      ]);
      expect((await queuedJobs(db(), TASK.institutionJobs)).filter((j) => j.payload.institutionId === scene.institution.id)).toEqual([
        expect.objectContaining({
          payload: { institutionId: scene.institution.id },
          key: `${TASK.institutionJobs}:${scene.institution.id}`,
        }),
      ]);
      // Both runners at once, as two processes would.
      await Promise.all([runDueJobs(db(), tasksOf(sa, ra)), runDueJobs(second, tasksOf(sb, rb))]);
      const runs = [...ra.events, ...rb.events].filter((e) => e.institutionId === scene.institution.id);
      expect(runs).toHaveLength(1);
      const outcome = runs[0].detail as Record<JobName, JobOutcome>;
      for (const job of ["expire-requests", "expiry-reminders", "follow-up-reminders"] as const) {
        expect({ job, total: outcome[job] }).toEqual({
          job,
          total: 1,
        });
      }
      expect((await outboxTopics(scene.institution.id)).map((r) => r.topic).sort()).toEqual([
        "followup.thank_you_due",
        "request.expired",
        "request.expiry_reminder",
      ]);
    } finally {
      await second.destroy();
    }
  });

  it("runs each job once when two processes run the same job of an institution at the same moment", async () => {
    const scene = await buildRequestScene(db(), {
      createdAt: ago(6 * 24 * HOUR),
      expiresAt: fromNow(10 * HOUR),
    });
    await buildRequestScene(db(), {
      institution: scene.institution,
      createdAt: ago(8 * 24 * HOUR),
      expiresAt: ago(HOUR),
    });
    const second = createDataSource(connectionStringOf(db()), 3);
    await second.initialize();
    try {
      // Past graphile-worker's key (a job run twice, as after a worker presumed dead): job_runs, locked SKIP LOCKED.
      const [a, b] = await Promise.all([
        schedulerOn(db(), { minGapMs: 0 }).runInstitution(scene.institution.id),
        schedulerOn(second, { minGapMs: 0 }).runInstitution(scene.institution.id),
      ]);
      for (const job of ["expire-requests", "expiry-reminders"] as const) {
        expect({ job, total: (a[job] ?? 0) + (b[job] ?? 0) }).toEqual({ job, total: 1 });
      }
    } finally {
      await second.destroy();
    }
  });

  it("skips a job that another process ran less than half an interval ago", async () => {
    const scene = await buildRequestScene(db());
    const scheduler = schedulerOn(db());
    expect(await runScheduled(scheduler, scene.institution.id)).toEqual({
      "expire-requests": 0,
      "expiry-reminders": 0,
      "follow-up-reminders": 0,
      "meeting-reminders": 0,
      "meeting-checks": 0,
    });
    expect(await runScheduled(scheduler, scene.institution.id)).toEqual({
      "expire-requests": null,
      "expiry-reminders": null,
      "follow-up-reminders": null,
      "meeting-reminders": null,
      "meeting-checks": null,
    });
  });

  it("records a failing job, rolls back what it did, and still runs the others", async () => {
    const scene = await buildRequestScene(db(), {
      createdAt: ago(6 * 24 * HOUR),
      expiresAt: fromNow(10 * HOUR),
    });
    const broken: ExpirySource = {
      async expireDue(m) {
        await m.query(`UPDATE interview_requests SET state = 'EXPIRED' WHERE id = $1`, [scene.requestId]);
        throw new Error("expiry exploded");
      },
    };

    const outcome = await runScheduled(schedulerOn(db(), { expiry: broken, minGapMs: 0 }), scene.institution.id);

    expect(outcome).toEqual({
      "expire-requests": null,
      "expiry-reminders": 1,
      "follow-up-reminders": 0,
      "meeting-reminders": 0,
      "meeting-checks": 0,
    });
    const rows: Array<{
      job: string;
      last_error: string | null;
      ran: boolean;
    }> = await tenantTransaction(db(), { institutionId: scene.institution.id }, (m) =>
      m.query(`SELECT job, last_error, last_run_at IS NOT NULL AS ran FROM job_runs ORDER BY job`),
    );
    expect(rows).toEqual([
      {
        job: "expire-requests",
        last_error: "Error: expiry exploded",
        ran: false,
      },
      { job: "expiry-reminders", last_error: null, ran: true },
      { job: "follow-up-reminders", last_error: null, ran: true },
      { job: "meeting-checks", last_error: null, ran: true },
      { job: "meeting-reminders", last_error: null, ran: true },
    ]);
    const [request] = await tenantTransaction(db(), { institutionId: scene.institution.id }, (m) =>
      m.query(`SELECT state FROM interview_requests WHERE id = $1`, [scene.requestId]),
    );
    expect(request.state).toBe("REQUESTED");
  });

  it("runs a pass when started and lets it finish when stopped", async () => {
    const scene = await buildRequestScene(db(), {
      createdAt: ago(8 * 24 * HOUR),
      expiresAt: ago(HOUR),
    });
    const outcomes = new OutcomeRecorder();
    const runner = await startJobRunner({
      connectionString: connectionStringOf(db()),
      taskList: tasksOf(schedulerOn(db()), outcomes),
      concurrency: 2,
      logger: silent,
      crontab: CRONTAB.filter((item) => item.task === TASK.scheduler),
    });
    try {
      await eventually(
        async () => {
          const [row] = await tenantTransaction(db(), { institutionId: scene.institution.id }, (m) =>
            m.query(`SELECT state FROM interview_requests WHERE id = $1`, [scene.requestId]),
          );
          return row.state === "EXPIRED";
        },
        30_000,
        "the request to expire",
      );
    } finally {
      await runner.stop();
    }
    expect(detailOf(outcomes, scene.institution.id)["expire-requests"]).toBe(1);
    // Stopped: nothing of the scheduler's is left running.
    expect((await queuedJobs(db())).filter((j) => j.locked)).toEqual([]);
  });
});
