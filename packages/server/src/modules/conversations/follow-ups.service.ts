import type { EntityManager } from "typeorm";
import { runIdempotent } from "../../db/idempotency";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { Viewer } from "../../auth/viewer";
import type { ServiceDeps } from "../../service-deps";
import { ownRequest, ownStudentId, type ConversationRequest } from "./conversation-queries";
import { contactNotPermitted, followUpNotOpen, sentAtInvalid, thankYouAlreadySent, thankYouChannelInvalid } from "./conversations.errors";
import { followUpsOpen } from "./conversations.policy";
import type { FollowUpKind } from "./conversations.types";
import { type FollowUpDue } from "./conversations.types";
import { FollowUp, ThankYouChannel } from "./follow-up.entity";

export interface StartFollowUps {
  requestId: string;
  completedAt: Date;
  /** Default: the institution's setting. */
  thankYouDays?: number;
  followUpDays?: number;
}

export interface DueReminder {
  kind: "THANK_YOU" | "UPDATE";
  requestId: string;
  studentId: string;
  dueAt: Date;
}

/** Clocks differ a little between browser and server: "now" from the client may be slightly ahead. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** A thank-you reminder goes out a day before it is due; none once it is a week late (e.g. old conversations found late). */
const THANK_YOU_REMINDER = { before: "24 hours", lateCutoff: "7 days" };
/** An update reminder goes out when due; none once it is a month late. */
const UPDATE_REMINDER = { lateCutoff: "30 days" };

export class FollowUpsService {
  constructor(private readonly deps: ServiceDeps) {}

  /**
   * Records that the thank-you was sent elsewhere (`channel`: email, card, letter…), at `sentAt` (default now).
   * Recording again corrects the date and the channel; one sent through Infoview (PLATFORM) stays as it is.
   */
  async recordThankYou(
    viewer: Viewer,
    requestId: string,
    sentAt?: Date | null,
    idempotencyKey?: string | null,
    channel?: ThankYouChannel | null,
  ): Promise<FollowUp> {
    if (channel === ThankYouChannel.PLATFORM) throw thankYouChannelInvalid();
    return this.change(
      viewer,
      requestId,
      async (m, request, followUp) => {
        if (followUp.thankYouChannel === ThankYouChannel.PLATFORM) throw thankYouAlreadySent(followUp.thankYouChannel);
        const at = this.sentAt(request, sentAt);
        await m.query(`UPDATE follow_ups SET thank_you_sent_at = $2, thank_you_channel = $3, updated_at = now() WHERE request_id = $1`, [
          request.id,
          at,
          channel ?? null,
        ]);
      },
      { operation: "recordThankYou", key: idempotencyKey, input: { requestId, sentAt: sentAt ?? null, channel: channel ?? null } },
    );
  }

  /** Records whether the alum agreed to be contacted again. No: no update reminder. */
  async setContactAgainPermission(viewer: Viewer, requestId: string, allowed: boolean): Promise<FollowUp> {
    return this.change(viewer, requestId, async (m, request) => {
      await m.query(`UPDATE follow_ups SET may_contact_again = $2, updated_at = now() WHERE request_id = $1`, [request.id, allowed]);
    });
  }

  /** Records that the later update was sent. Refused while the alum is recorded as not wishing to be contacted again. */
  async recordFollowUpUpdate(viewer: Viewer, requestId: string, sentAt?: Date | null): Promise<FollowUp> {
    return this.change(viewer, requestId, async (m, request, followUp) => {
      if (followUp.mayContactAgain === false) throw contactNotPermitted();
      const at = this.sentAt(request, sentAt);
      await m.query(`UPDATE follow_ups SET update_sent_at = $2, updated_at = now() WHERE request_id = $1`, [request.id, at]);
    });
  }

  /** The viewer's unsent thank-yous (due soon or overdue) and updates whose time has come, soonest first. */
  async followUpsDue(viewer: Viewer): Promise<FollowUpDue[]> {
    const studentId = ownStudentId(viewer);
    const now = new Date();
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      await this.syncFollowUps(m, { studentId });
      const rows: Array<{ kind: FollowUpKind; request_id: string; due_at: Date; alumnus_name: string }> = await m.query(
        `SELECT d.kind, d.request_id, d.due_at, idn.display_name AS alumnus_name
           FROM (SELECT 'THANK_YOU' AS kind, f.request_id, f.thank_you_due_at AS due_at
                   FROM follow_ups f WHERE f.institution_id = $1 AND f.student_id = $2 AND f.thank_you_sent_at IS NULL
                 UNION ALL
                 SELECT 'UPDATE', f.request_id, f.update_due_at
                   FROM follow_ups f WHERE f.institution_id = $1 AND f.student_id = $2 AND f.update_sent_at IS NULL
                    AND f.may_contact_again IS DISTINCT FROM false AND f.update_due_at <= $3) d
           JOIN interview_requests r ON r.institution_id = $1 AND r.id = d.request_id
           JOIN memberships ms ON ms.institution_id = r.institution_id AND ms.id = r.alumnus_id JOIN identities idn ON idn.id = ms.identity_id
          ORDER BY d.due_at, d.kind, d.request_id`,
        [viewer.institutionId, studentId, now],
      );
      return rows.map((r) => ({
        kind: r.kind,
        requestId: r.request_id,
        alumnusName: r.alumnus_name,
        dueAt: r.due_at,
        overdue: r.due_at < now,
      }));
    });
  }

  /**
   * For the requests module, in the transaction that completes a request: the thank-you is due `thankYouDays`
   * after completion, the update `followUpDays` after. Called again, it moves the due dates and keeps what was recorded.
   * A referral that led to this request becomes MET.
   */
  async startFollowUps(manager: EntityManager, start: StartFollowUps): Promise<FollowUp> {
    const rows = await sqlRows<{ request_id: string }>(
      manager,
      `INSERT INTO follow_ups (request_id, institution_id, student_id, completed_at, thank_you_due_at, update_due_at)
       SELECT r.id, r.institution_id, r.student_id, $2::timestamptz,
              $2::timestamptz + make_interval(hours => 24 * coalesce($3::int, i.thank_you_days)),
              $2::timestamptz + make_interval(hours => 24 * coalesce($4::int, i.follow_up_days))
         FROM interview_requests r JOIN institutions i ON i.id = r.institution_id
        WHERE r.id = $1 AND r.state = 'COMPLETED'
       ON CONFLICT (institution_id, request_id) DO UPDATE SET completed_at = EXCLUDED.completed_at, thank_you_due_at = EXCLUDED.thank_you_due_at,
              update_due_at = EXCLUDED.update_due_at, updated_at = now()
       RETURNING request_id`,
      [start.requestId, start.completedAt, start.thankYouDays ?? null, start.followUpDays ?? null],
    );
    if (rows.length === 0) throw new Error(`startFollowUps: request ${start.requestId} is not a COMPLETED request of this institution`);
    await this.markReferralsMet(manager, { requestId: start.requestId });
    return manager.getRepository(FollowUp).findOneByOrFail({ requestId: start.requestId });
  }

  /**
   * For the notifications scheduler, inside one institution's tenant transaction: reminders to send now, each once.
   * Call `markReminded` in the same transaction as the delivery is queued.
   */
  async dueReminders(manager: EntityManager, now: Date): Promise<DueReminder[]> {
    await this.syncFollowUps(manager, {});
    const rows: Array<{ kind: DueReminder["kind"]; request_id: string; student_id: string; due_at: Date }> = await manager.query(
      `SELECT 'THANK_YOU' AS kind, request_id, student_id, thank_you_due_at AS due_at FROM follow_ups
        WHERE thank_you_sent_at IS NULL AND thank_you_reminded_at IS NULL
          AND thank_you_due_at <= $1::timestamptz + $2::interval AND thank_you_due_at > $1::timestamptz - $3::interval
       UNION ALL
       SELECT 'UPDATE', request_id, student_id, update_due_at FROM follow_ups
        WHERE update_sent_at IS NULL AND update_reminded_at IS NULL AND may_contact_again IS DISTINCT FROM false
          AND update_due_at <= $1::timestamptz AND update_due_at > $1::timestamptz - $4::interval
       ORDER BY due_at, kind, request_id`,
      [now, THANK_YOU_REMINDER.before, THANK_YOU_REMINDER.lateCutoff, UPDATE_REMINDER.lateCutoff],
    );
    return rows.map((r) => ({ kind: r.kind, requestId: r.request_id, studentId: r.student_id, dueAt: r.due_at }));
  }

  /** Marks a reminder as sent. False when it already was (another scheduler got there first): do not send it again. */
  async markReminded(manager: EntityManager, kind: DueReminder["kind"], requestId: string): Promise<boolean> {
    const column = kind === "THANK_YOU" ? "thank_you_reminded_at" : "update_reminded_at";
    const rows = await sqlRows(
      manager,
      `UPDATE follow_ups SET ${column} = now() WHERE request_id = $1 AND ${column} IS NULL RETURNING request_id`,
      [requestId],
    );
    return rows.length > 0;
  }

  /**
   * Starts follow-ups for completed requests that have none yet, counted from the meeting's end (not from when the
   * completion was recorded: "We had the conversation" pressed three days late does not push the thank-you back; a
   * request with no meeting time counts from its closing) with the institution's settings,
   * so they work even where completion did not call startFollowUps. Idempotent; scoped by the caller's tenant.
   */
  async syncFollowUps(manager: EntityManager, scope: { studentId?: string; requestId?: string }): Promise<void> {
    const params = [scope.studentId ?? null, scope.requestId ?? null];
    await manager.query(
      `INSERT INTO follow_ups (request_id, institution_id, student_id, completed_at, thank_you_due_at, update_due_at)
       SELECT r.id, r.institution_id, r.student_id, c.at,
              c.at + make_interval(hours => 24 * i.thank_you_days), c.at + make_interval(hours => 24 * i.follow_up_days)
         FROM interview_requests r JOIN institutions i ON i.id = r.institution_id
        CROSS JOIN LATERAL (SELECT coalesce(r.meeting_ends_at, r.closed_at) AS at) c
        WHERE r.state = 'COMPLETED' AND ($1::uuid IS NULL OR r.student_id = $1) AND ($2::uuid IS NULL OR r.id = $2)
          AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.institution_id = r.institution_id AND f.request_id = r.id)
       ON CONFLICT (institution_id, request_id) DO NOTHING`,
      params,
    );
    await this.markReferralsMet(manager, scope);
  }

  private async markReferralsMet(manager: EntityManager, scope: { studentId?: string; requestId?: string }): Promise<void> {
    await manager.query(
      `UPDATE referrals rf SET status = 'MET', updated_at = now()
         FROM interview_requests r
        WHERE r.id = rf.resulting_request_id AND r.state = 'COMPLETED' AND rf.status = 'REQUESTED'
          AND ($1::uuid IS NULL OR rf.student_id = $1) AND ($2::uuid IS NULL OR r.id = $2)`,
      [scope.studentId ?? null, scope.requestId ?? null],
    );
  }

  /** One of the viewer's completed requests, its follow-up started if need be (and locked), changed by `apply`. */
  change(
    viewer: Viewer,
    requestId: string,
    apply: (m: EntityManager, request: ConversationRequest, followUp: FollowUp) => Promise<void>,
    /** With a key, a retry returns the follow-up as it is and changes nothing (ADR 0018). */
    idempotent?: { operation: string; key: string | null | undefined; input: unknown },
  ): Promise<FollowUp> {
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const request = await ownRequest(m, viewer, requestId);
      if (!followUpsOpen(request)) throw followUpNotOpen();
      await this.syncFollowUps(m, { requestId: request.id });
      const repository = m.getRepository(FollowUp);
      const scope = {
        institutionId: viewer.institutionId,
        membershipId: request.studentId,
        key: idempotent?.key,
        operation: idempotent?.operation ?? "",
        input: idempotent?.input,
      };
      await runIdempotent(m, scope, async () => {
        const followUp = await repository.findOneOrFail({ where: { requestId: request.id }, lock: { mode: "pessimistic_write" } });
        await apply(m, request, followUp);
        return request.id;
      });
      return repository.findOneByOrFail({ requestId: request.id });
    });
  }

  private sentAt(request: ConversationRequest, sentAt: Date | null | undefined): Date {
    const now = new Date();
    const at = sentAt ?? now;
    if (Number.isNaN(at.getTime()) || at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw sentAtInvalid();
    if (request.meetingStartsAt && at < request.meetingStartsAt) throw sentAtInvalid();
    return at;
  }
}
