import type { Logger } from "pino";
import type { DataSource, EntityManager } from "typeorm";
import { sqlRows } from "../db/sql";
import { systemTransaction, tenantTransaction } from "../db/tenant-transaction";
import { enqueue } from "../db/outbox";
import { errorText } from "../modules/notifications/outbox-delivery";
import type { SchedulerSettings } from "./jobs.config";

/** The requests module's expiry (RequestLifecycleService.expireDue), run in the institution's transaction. */
export interface ExpirySource {
  expireDue(manager: EntityManager, now: Date): Promise<unknown>;
}

/** The conversations module's follow-up reminders (ConversationsService), run in the institution's transaction. */
export interface FollowUpReminderSource {
  dueReminders(
    manager: EntityManager,
    now: Date,
  ): Promise<
    Array<{
      kind: "THANK_YOU" | "UPDATE";
      requestId: string;
      studentId?: string;
    }>
  >;
  /** True when this call recorded the reminder; false when it already was (then it is not sent again). */
  markReminded(manager: EntityManager, kind: "THANK_YOU" | "UPDATE", requestId: string): Promise<boolean>;
}

export interface SchedulerDeps {
  dataSource: DataSource;
  settings: SchedulerSettings;
  logger: Pick<Logger, "info" | "warn" | "error">;
  expiry: ExpirySource;
  followUps: FollowUpReminderSource;
  now?: () => Date;
}

/** When a reminder or nudge is due: from `opens` to `closes` seconds after the meeting's start or end (negative: before). */
export interface MeetingWindow {
  kind: "BEFORE_24H" | "BEFORE_1H" | "CHECK_1" | "CHECK_2";
  anchor: "START" | "END";
  opens_s: number;
  closes_s: number;
}

const H = 3600;
/**
 * 24 hours before (until an hour before: a meeting booked for tomorrow morning gets it at once) and 1 hour before
 * (until it starts). A reminder whose window passed while nothing ran is not sent late.
 */
export const BEFORE_MEETING: readonly MeetingWindow[] = [
  { kind: "BEFORE_24H", anchor: "START", opens_s: -24 * H, closes_s: -H },
  { kind: "BEFORE_1H", anchor: "START", opens_s: -H, closes_s: 0 },
];
/** "Did it happen?": an hour after the end, then the next day; none once a week has passed (the advisors' list shows it). */
export const AFTER_MEETING: readonly MeetingWindow[] = [
  { kind: "CHECK_1", anchor: "END", opens_s: H, closes_s: 24 * H },
  { kind: "CHECK_2", anchor: "END", opens_s: 24 * H, closes_s: 7 * 24 * H },
];

export const JOBS = ["expire-requests", "expiry-reminders", "follow-up-reminders", "meeting-reminders", "meeting-checks"] as const;
export type JobName = (typeof JOBS)[number];

/** What one job did in one institution: how many items, or null when another process held (or had just run) it. */
export type JobOutcome = number | null;

/**
 * Periodic work, per institution and per job, each in the institution's own tenant transaction. graphile-worker's
 * crontab runs the `scheduler` job once a minute for all processes together, which adds one `institution-jobs` job per
 * institution (jobs/tasks.ts); that job calls runInstitution. A job first takes its job_runs row FOR UPDATE SKIP LOCKED:
 * while one process runs it, others skip it, and a run within minGapMs of the last one is skipped too. The job's work
 * and the job_runs update commit together, so a process that dies mid-job leaves nothing half done: the next run does it.
 */
export class Scheduler {
  constructor(private readonly deps: SchedulerDeps) {}

  /** Every institution's id: the one thing the scheduler reads across tenants (systemTransaction). */
  async institutionIds(): Promise<string[]> {
    const rows = await systemTransaction(this.deps.dataSource, (m) =>
      sqlRows<{ id: string }>(m, `SELECT id FROM institutions ORDER BY id`),
    );
    return rows.map((r) => r.id);
  }

  /** Every job in one institution; a failing job is logged and retried next time, the others still run. */
  async runInstitution(institutionId: string, minGapMs = this.deps.settings.minGapMs): Promise<Record<JobName, JobOutcome>> {
    const outcome = {} as Record<JobName, JobOutcome>;
    for (const job of JOBS) {
      try {
        outcome[job] = await this.runJob(institutionId, job, minGapMs);
      } catch (error) {
        outcome[job] = null;
        this.deps.logger.error({ institutionId, job, error: errorText(error) }, "scheduled job failed");
        await tenantTransaction(this.deps.dataSource, { institutionId }, (m) =>
          m.query(
            `INSERT INTO job_runs (institution_id, job, last_error) VALUES ($1, $2, $3)
             ON CONFLICT (institution_id, job) DO UPDATE SET last_error = EXCLUDED.last_error`,
            [institutionId, job, errorText(error)],
          ),
        ).catch(() => {});
      }
    }
    return outcome;
  }

  private async runJob(institutionId: string, job: JobName, minGapMs: number): Promise<JobOutcome> {
    return tenantTransaction(this.deps.dataSource, { institutionId }, async (m) => {
      await m.query(`INSERT INTO job_runs (institution_id, job) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [institutionId, job]);
      const claimed = await sqlRows(
        m,
        `SELECT 1 FROM job_runs WHERE institution_id = $1 AND job = $2
            AND (last_run_at IS NULL OR last_run_at <= now() - make_interval(secs => $3))
          FOR UPDATE SKIP LOCKED`,
        [institutionId, job, minGapMs / 1000],
      );
      if (claimed.length === 0) return null;
      const now = this.deps.now?.() ?? new Date();
      const done = await this.work(m, institutionId, job, now);
      await m.query(`UPDATE job_runs SET last_run_at = now(), last_error = NULL WHERE institution_id = $1 AND job = $2`, [
        institutionId,
        job,
      ]);
      return done;
    });
  }

  private async work(m: EntityManager, institutionId: string, job: JobName, now: Date): Promise<number> {
    switch (job) {
      case "expire-requests": {
        const expired = await this.deps.expiry.expireDue(m, now);
        return Array.isArray(expired) ? expired.length : 0;
      }
      case "expiry-reminders":
        return this.expiryReminders(m, institutionId, now);
      case "follow-up-reminders":
        return this.followUpReminders(m, institutionId, now);
      case "meeting-reminders":
        return this.meetingMessages(m, institutionId, now, BEFORE_MEETING, "request.meeting_reminder");
      case "meeting-checks":
        return this.meetingMessages(m, institutionId, now, AFTER_MEETING, "request.meeting_check");
    }
  }

  /**
   * Reminds the alum of a request still unanswered close to its expiry (EXPIRY_REMINDER_HOURS before, or
   * half-way for short expiry periods), once: request_reminders records it with the outbox row.
   */
  private async expiryReminders(m: EntityManager, institutionId: string, now: Date): Promise<number> {
    const due = await sqlRows<{
      id: string;
      student_id: string;
      alumnus_id: string;
    }>(
      m,
      `WITH due AS (
         SELECT r.id, r.institution_id, r.student_id, r.alumnus_id FROM interview_requests r
          WHERE r.institution_id = $1 AND r.state = 'REQUESTED' AND r.expires_at > $2
            AND r.expires_at - least(make_interval(secs => $3), (r.expires_at - r.created_at) / 2) <= $2
            AND NOT EXISTS (SELECT 1 FROM request_reminders rr WHERE rr.institution_id = r.institution_id AND rr.request_id = r.id AND rr.kind = 'EXPIRY')
          ORDER BY r.expires_at LIMIT 500
          FOR NO KEY UPDATE OF r SKIP LOCKED
       ), marked AS (
         INSERT INTO request_reminders (institution_id, request_id, kind) SELECT institution_id, id, 'EXPIRY' FROM due
         ON CONFLICT DO NOTHING RETURNING request_id
       )
       SELECT due.id, due.student_id, due.alumnus_id FROM due JOIN marked ON marked.request_id = due.id`,
      [institutionId, now, this.deps.settings.expiryReminderMs / 1000],
    );
    for (const r of due) {
      await enqueue(m, institutionId, "request.expiry_reminder", {
        requestId: r.id,
        studentId: r.student_id,
        alumnusId: r.alumnus_id,
      });
    }
    return due.length;
  }

  /**
   * Reminders before a booked meeting and "did it happen?" nudges after it (ADR 0021). Each is due in a window relative
   * to the meeting's start or end; a row in meeting_reminders per request, kind and calendar SEQUENCE, written with the
   * outbox row in this transaction, makes it once per version of the meeting however many processes run: a moved
   * meeting (SEQUENCE + 1) gets its own, a cancelled or settled one (no longer ACCEPTED, or answered) none.
   */
  private async meetingMessages(
    m: EntityManager,
    institutionId: string,
    now: Date,
    windows: readonly MeetingWindow[],
    topic: "request.meeting_reminder" | "request.meeting_check",
  ): Promise<number> {
    const due = await sqlRows<{ id: string; student_id: string; alumnus_id: string; sequence: number; kind: string }>(
      m,
      `WITH w AS (
         SELECT * FROM jsonb_to_recordset($3::jsonb) AS w(kind text, anchor text, opens_s int, closes_s int)
       ), due AS (
         SELECT r.id, r.institution_id, r.student_id, r.alumnus_id, r.calendar_sequence AS sequence, w.kind,
                CASE w.anchor WHEN 'START' THEN r.meeting_starts_at ELSE r.meeting_ends_at END AS at
           FROM interview_requests r CROSS JOIN w
          WHERE r.institution_id = $1 AND r.state = 'ACCEPTED' AND r.meeting_starts_at IS NOT NULL
            AND CASE w.anchor WHEN 'START' THEN r.meeting_starts_at ELSE r.meeting_ends_at END + make_interval(secs => w.opens_s) <= $2
            AND CASE w.anchor WHEN 'START' THEN r.meeting_starts_at ELSE r.meeting_ends_at END + make_interval(secs => w.closes_s) > $2
            AND NOT EXISTS (SELECT 1 FROM meeting_reminders mr WHERE mr.institution_id = r.institution_id AND mr.request_id = r.id
                               AND mr.kind = w.kind AND mr.sequence = r.calendar_sequence)
            AND (w.anchor = 'START' OR NOT EXISTS (SELECT 1 FROM meeting_checks mc WHERE mc.institution_id = r.institution_id
                               AND mc.request_id = r.id AND mc.sequence = r.calendar_sequence))
          ORDER BY at LIMIT 500
          FOR NO KEY UPDATE OF r SKIP LOCKED
       ), marked AS (
         INSERT INTO meeting_reminders (institution_id, request_id, kind, sequence)
         SELECT institution_id, id, kind, sequence FROM due
         ON CONFLICT DO NOTHING RETURNING request_id, kind
       )
       SELECT due.id, due.student_id, due.alumnus_id, due.sequence, due.kind
         FROM due JOIN marked ON marked.request_id = due.id AND marked.kind = due.kind ORDER BY due.at, due.id, due.kind`,
      [institutionId, now, JSON.stringify(windows)],
    );
    for (const r of due) {
      await enqueue(m, institutionId, topic, {
        requestId: r.id,
        studentId: r.student_id,
        alumnusId: r.alumnus_id,
        sequence: r.sequence,
        reminder: r.kind,
      });
    }
    return due.length;
  }

  /** Thank-you and update reminders from the conversations module, each queued only if this run recorded it. */
  private async followUpReminders(m: EntityManager, institutionId: string, now: Date): Promise<number> {
    let sent = 0;
    for (const reminder of await this.deps.followUps.dueReminders(m, now)) {
      if (!(await this.deps.followUps.markReminded(m, reminder.kind, reminder.requestId))) continue;
      const topic = reminder.kind === "THANK_YOU" ? "followup.thank_you_due" : "followup.update_due";
      await enqueue(m, institutionId, topic, {
        requestId: reminder.requestId,
        studentId: reminder.studentId,
      });
      sent += 1;
    }
    return sent;
  }
}
