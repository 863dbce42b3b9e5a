import type { DataSource } from "typeorm";
import { createDataSource } from "../db/data-source";
import { tenantTransaction } from "../db/tenant-transaction";
import { createLogger } from "../logger";
import { buildRequestScene, eventually } from "../modules/notifications/notifications.fixtures";
import { createServices } from "../services";
import { useTestDatabase, workerDatabaseUrl } from "../test/database";
import { MemoryMailer, testConfig } from "../test/test-server";
import type { SchedulerSettings } from "./jobs.config";
import { Scheduler, type ExpirySource } from "./scheduler";

const db = useTestDatabase(6);
const HOUR = 3_600_000;
const settings: SchedulerSettings = {
  intervalMs: 60_000,
  expiryReminderMs: 24 * HOUR,
};

function schedulerOn(dataSource: DataSource, expiry?: ExpirySource): Scheduler {
  const services = createServices(dataSource, testConfig(), new MemoryMailer());
  return new Scheduler({
    dataSource,
    settings,
    logger: createLogger("silent"),
    expiry: expiry ?? services.requestLifecycle,
    followUps: services.conversations,
  });
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

    const outcome = await schedulerOn(db()).runInstitution(scene.institution.id, 0);

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
    const scheduler = schedulerOn(db());

    expect((await scheduler.runInstitution(institution.id, 0))["expiry-reminders"]).toBe(1);
    expect((await scheduler.runInstitution(institution.id, 0))["expiry-reminders"]).toBe(0);

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
    const scheduler = schedulerOn(db());

    expect((await scheduler.runInstitution(scene.institution.id, 0))["follow-up-reminders"]).toBe(1);
    expect((await scheduler.runInstitution(scene.institution.id, 0))["follow-up-reminders"]).toBe(0);

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
    const second = createDataSource(await workerDatabaseUrl(), 3);
    await second.initialize();
    try {
      const [a, b] = await Promise.all([
        schedulerOn(db()).runInstitution(scene.institution.id, 0),
        schedulerOn(second).runInstitution(scene.institution.id, 0),
      ]);
      for (const job of ["expire-requests", "expiry-reminders", "follow-up-reminders"] as const) {
        expect({ job, total: (a[job] ?? 0) + (b[job] ?? 0) }).toEqual({
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

  it("skips a job that another process ran less than half an interval ago", async () => {
    const scene = await buildRequestScene(db());
    const scheduler = schedulerOn(db());
    expect(await scheduler.runInstitution(scene.institution.id)).toEqual({
      "expire-requests": 0,
      "expiry-reminders": 0,
      "follow-up-reminders": 0,
    });
    expect(await scheduler.runInstitution(scene.institution.id)).toEqual({
      "expire-requests": null,
      "expiry-reminders": null,
      "follow-up-reminders": null,
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

    const outcome = await schedulerOn(db(), broken).runInstitution(scene.institution.id, 0);

    expect(outcome).toEqual({
      "expire-requests": null,
      "expiry-reminders": 1,
      "follow-up-reminders": 0,
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
    const scheduler = schedulerOn(db());
    scheduler.start();
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
      await scheduler.stop();
    }
  });
});
