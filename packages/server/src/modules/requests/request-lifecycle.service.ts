import { randomBytes } from "node:crypto";
import type { EntityManager } from "typeorm";
import { CURRENT_INSTITUTION } from "../../db/rls";
import { sqlRows } from "../../db/sql";
import { runIdempotent } from "../../db/idempotency";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { Viewer } from "../../auth/viewer";
import type { ServiceDeps } from "../../service-deps";
import { ConsentKind } from "../consent";
import type { ConsentService } from "../consent";
import type { OutboxTopic } from "../../db/outbox";
import { isUuid } from "../../shared/cursor-pagination";
import { InterviewRequest, type DeclineReferralData } from "./interview-request.entity";
import {
  bookMeeting,
  ensureCapacity,
  ensureFuture,
  ensureStudentMayPropose,
  lockAlumnusBookings,
  monthIn,
  overlapsBooking,
  rangeFrom,
  supersedeOpenProposals,
  type RequestAvailability,
  type TimeRange,
} from "./request-booking";
import { recordChange } from "./request-events";
import { checkAction, effectiveState, type RequestAction, type RequestState, type Side } from "./request-state";
import {
  invalidTransition,
  meetingNotYetHeld,
  notAParticipant,
  proposedTimeInvalid,
  requestInputInvalid,
  requestNotFound,
  slotTaken,
} from "./requests.errors";
import type {
  AcceptRequestInput,
  CloseMeetingInput,
  DeclineRequestInput,
  MarkCompletedInput,
  MeetingDetailsInput,
  RescheduleMeetingInput,
  WithdrawRequestInput,
} from "./requests.inputs";
import { sideOf } from "./requests.policy";

interface Step {
  m: EntityManager;
  request: InterviewRequest;
  side: Side;
  actorId: string;
  from: RequestState;
  to: RequestState;
}

interface ProposalRow {
  id: string;
  startsAt: Date;
  endsAt: Date;
  proposedBy: Side;
  kind: "REQUEST" | "COUNTER" | "RESCHEDULE";
  status: "OPEN" | "CHOSEN" | "SUPERSEDED";
}

const clean = (text: string | null | undefined): string | null => (text?.trim() ? text.trim() : null);

/**
 * Everything that happens to a request after it is sent. Each step locks the request row, checks the
 * viewer's side and the state machine, changes the row, and writes the history entry and the outbox
 * announcement, all in one transaction.
 */
export class RequestLifecycleService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly consent: ConsentService,
    private readonly availability: RequestAvailability,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The alum accepts one of the student's times, or (with startsAt) offers another for the student to confirm. */
  async accept(viewer: Viewer, input: AcceptRequestInput): Promise<InterviewRequest> {
    if (!!input.proposedTimeId === !!input.startsAt) {
      throw requestInputInvalid("proposedTimeId", "Choose one of the proposed times, or give another start time (not both).");
    }
    if (input.startsAt)
      return this.step(viewer, input.requestId, "PROPOSE_TIME", (s) => this.proposeCounter(s, input.startsAt as Date, input), {
        operation: "acceptRequest",
        input,
      });
    return this.step(
      viewer,
      input.requestId,
      "ACCEPT",
      async (s) => {
        const details = await this.withVideoLink(s, meetingDetails(s.request.modality, input));
        const time = await this.proposal(
          s.m,
          s.request.id,
          input.proposedTimeId as string,
          "proposedTimeId",
          (p) => p.kind === "REQUEST" && p.proposedBy === "STUDENT",
        );
        await s.m.query(
          `UPDATE interview_requests SET meeting_location = $2, meeting_link = $3, meeting_phone = $4, in_person_notes = $5 WHERE id = $1`,
          [s.request.id, details.meetingLocation, details.meetingLink, details.meetingPhone, details.inPersonNotes],
        );
        await this.book(s, time, false);
        await this.record(s, "TRANSITION", "request.accepted", null, { proposedTimeId: time.id });
      },
      { operation: "acceptRequest", input },
    );
  }

  /**
   * The other side takes a proposed time: the student confirms the alum's other time (REQUESTED →
   * ACCEPTED), or either side confirms the other's new time for a booked meeting (SEQUENCE + 1).
   */
  async confirmProposedTime(viewer: Viewer, requestId: string, proposedTimeId: string): Promise<InterviewRequest> {
    const action = (from: RequestState): RequestAction => (from === "ACCEPTED" ? "CONFIRM_RESCHEDULE" : "CONFIRM_TIME");
    return this.step(viewer, requestId, action, async (s) => {
      const rescheduling = s.from === "ACCEPTED";
      const wanted = rescheduling ? "RESCHEDULE" : "COUNTER";
      const time = await this.proposal(
        s.m,
        s.request.id,
        proposedTimeId,
        "proposedTimeId",
        (p) => p.kind === wanted && p.proposedBy !== s.side,
      );
      await this.book(s, time, rescheduling);
      if (rescheduling) await this.record(s, "RESCHEDULED", "request.accepted", null, { rescheduled: true, proposedTimeId: time.id });
      else await this.record(s, "TRANSITION", "request.accepted", null, { proposedTimeId: time.id });
    });
  }

  /** Either side proposes a new time for a booked meeting; the other confirms it with confirmProposedTime. */
  async reschedule(viewer: Viewer, input: RescheduleMeetingInput): Promise<InterviewRequest> {
    return this.step(viewer, input.requestId, "PROPOSE_RESCHEDULE", async (s) => {
      const range = rangeFrom(input.startsAt, await this.meetingMinutes(s.m));
      if (s.side === "STUDENT") await ensureStudentMayPropose(s.m, this.availability, s.request.alumnusId, "startsAt", range, this.now());
      else await this.ensureAlumnusMayPropose(s, range, "startsAt");
      await supersedeOpenProposals(s.m, s.request.id, "RESCHEDULE");
      const id = await this.addProposal(s, range, "RESCHEDULE");
      await this.touch(s.m, s.request.id);
      await this.record(s, "TIME_PROPOSED", "request.time_proposed", clean(input.reason), { reschedule: true, proposedTimeId: id });
    });
  }

  async decline(viewer: Viewer, input: DeclineRequestInput): Promise<InterviewRequest> {
    return this.step(
      viewer,
      input.requestId,
      "DECLINE",
      async (s) => {
        const referral = input.referral ? await this.referral(s, input.referral) : null;
        await s.m.query(
          `UPDATE interview_requests SET state = 'DECLINED', decline_reason = $2, decline_referral = $3, answered_at = now(), closed_at = now(), updated_at = now()
          WHERE id = $1`,
          [s.request.id, clean(input.reason), referral ? JSON.stringify(referral) : null],
        );
        await supersedeOpenProposals(s.m, s.request.id);
        await this.record(s, "TRANSITION", "request.declined", clean(input.reason), { referral: !!referral });
      },
      { operation: "declineRequest", input },
    );
  }

  async withdraw(viewer: Viewer, input: WithdrawRequestInput): Promise<InterviewRequest> {
    return this.step(viewer, input.requestId, "WITHDRAW", (s) => this.close(s, clean(input.reason), "request.withdrawn"), {
      operation: "withdrawRequest",
      input,
    });
  }

  /** Either side calls the meeting off; its time is free again and the invite becomes a cancellation. */
  async cancel(viewer: Viewer, input: CloseMeetingInput): Promise<InterviewRequest> {
    return this.step(viewer, input.requestId, "CANCEL", (s) => this.close(s, clean(input.reason), "request.cancelled", true), {
      operation: "cancelMeeting",
      input,
    });
  }

  async complete(viewer: Viewer, input: MarkCompletedInput): Promise<InterviewRequest> {
    return this.step(
      viewer,
      input.requestId,
      "COMPLETE",
      async (s) => {
        this.ensureHeld(s.request);
        await this.close(s, clean(input.reason), "request.completed");
      },
      { operation: "markCompleted", input },
    );
  }

  async markNoShow(viewer: Viewer, input: CloseMeetingInput): Promise<InterviewRequest> {
    return this.step(
      viewer,
      input.requestId,
      "MARK_NO_SHOW",
      async (s) => {
        this.ensureHeld(s.request);
        await this.close(s, clean(input.reason), "request.no_show", false, { reportedBy: s.side });
      },
      { operation: "markNoShow", input },
    );
  }

  /**
   * Expires REQUESTED requests whose expiry has passed, in the caller's tenant transaction (the
   * scheduler runs it per institution). Rows another transaction holds (being answered right now) are
   * skipped and left to that transaction, so concurrent runs on several replicas never expire twice.
   */
  async expireDue(manager: EntityManager, now: Date, limit = 500): Promise<string[]> {
    const rows = await sqlRows<{ id: string; institution_id: string; student_id: string; alumnus_id: string }>(
      manager,
      `WITH due AS (
         SELECT id FROM interview_requests WHERE state = 'REQUESTED' AND expires_at <= $1 ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED
       )
       UPDATE interview_requests r SET state = 'EXPIRED', closed_at = $1, updated_at = $1 FROM due WHERE r.id = due.id
       RETURNING r.id, r.institution_id, r.student_id, r.alumnus_id`,
      [now, limit],
    );
    for (const r of rows) {
      const request = { id: r.id, institutionId: r.institution_id, studentId: r.student_id, alumnusId: r.alumnus_id };
      await supersedeOpenProposals(manager, r.id);
      await recordChange(
        manager,
        {
          request,
          actor: "SYSTEM",
          actorId: null,
          from: "REQUESTED",
          to: "EXPIRED",
          kind: "TRANSITION",
          reason: "No answer before the request expired.",
        },
        "request.expired",
      );
    }
    return rows.map((r) => r.id);
  }

  // ——— Steps ———

  private async step(
    viewer: Viewer,
    requestId: string,
    action: RequestAction | ((from: RequestState) => RequestAction),
    fn: (s: Step) => Promise<void>,
    /** With the input's idempotencyKey, a retry returns the request as it is and changes nothing (ADR 0018). */
    idempotent?: { operation: string; input: { idempotencyKey?: string | null } },
  ): Promise<InterviewRequest> {
    if (!isUuid(requestId)) throw requestNotFound();
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const locked: unknown[] = await m.query(`SELECT 1 FROM interview_requests WHERE id = $1 FOR UPDATE`, [requestId]);
      if (locked.length === 0) throw requestNotFound();
      const repository = m.getRepository(InterviewRequest);
      const request = await repository.findOneByOrFail({ id: requestId });
      const side = sideOf(viewer, request);
      if (!side) throw notAParticipant();
      const actorId = viewer.memberships[side] as string;
      const scope = {
        institutionId: viewer.institutionId,
        membershipId: actorId,
        key: idempotent?.input.idempotencyKey,
        operation: idempotent?.operation ?? "",
        input: idempotent?.input,
      };
      await runIdempotent(m, scope, async () => {
        const from = effectiveState(request.state, request.expiresAt, this.now());
        const chosen = typeof action === "function" ? action(from) : action;
        const check = checkAction(chosen, from, side);
        if (!check.ok) throw invalidTransition(from, check.to, side, check.problem);
        await fn({ m, request, side, actorId, from, to: check.to });
        return requestId;
      });
      return repository.findOneByOrFail({ id: requestId });
    });
  }

  private async proposeCounter(s: Step, startsAt: Date, details: MeetingDetailsInput): Promise<void> {
    const d = await this.withVideoLink(s, meetingDetails(s.request.modality, details));
    const range = rangeFrom(startsAt, await this.meetingMinutes(s.m));
    await this.ensureAlumnusMayPropose(s, range, "startsAt");
    await supersedeOpenProposals(s.m, s.request.id, "COUNTER");
    const id = await this.addProposal(s, range, "COUNTER");
    // The student needs time to answer: the request stays open at least one more expiry period.
    await s.m.query(
      `UPDATE interview_requests SET meeting_location = $2, meeting_link = $3, meeting_phone = $4, in_person_notes = $5, updated_at = now(),
              expires_at = greatest(expires_at, now() + make_interval(days => (SELECT request_expiry_days FROM institutions WHERE id = institution_id)))
        WHERE id = $1`,
      [s.request.id, d.meetingLocation, d.meetingLink, d.meetingPhone, d.inPersonNotes],
    );
    await this.record(s, "TIME_PROPOSED", "request.time_proposed", null, { proposedTimeId: id });
  }

  /** The alum offers a time of their own choosing: in the future, clear of their other meetings, in a month with capacity. */
  private async ensureAlumnusMayPropose(s: Step, range: TimeRange, field: string): Promise<void> {
    ensureFuture(field, range.startsAt, this.now());
    if (await overlapsBooking(s.m, s.request.alumnusId, range, s.request.id)) throw slotTaken();
    if (!this.sameCapacityMonth(s.request, range)) await ensureCapacity(s.m, this.availability, s.request.alumnusId, range.startsAt);
  }

  /** Books a proposal: one alum's bookings take turns (capacity), the exclusion constraint refuses overlaps. */
  private async book(s: Step, time: ProposalRow, reschedule: boolean): Promise<void> {
    ensureFuture("proposedTimeId", time.startsAt, this.now());
    await lockAlumnusBookings(s.m, s.request.alumnusId);
    const range = { startsAt: time.startsAt, endsAt: time.endsAt };
    if (!(reschedule && this.sameCapacityMonth(s.request, range)))
      await ensureCapacity(s.m, this.availability, s.request.alumnusId, time.startsAt);
    await bookMeeting(s.m, { requestId: s.request.id, range, proposedTimeId: time.id, newSequence: reschedule });
  }

  /** A booked meeting moving within its month keeps using the same unit of capacity. */
  private sameCapacityMonth(request: InterviewRequest, range: TimeRange): boolean {
    if (request.state !== "ACCEPTED" || !request.meetingStartsAt) return false;
    return monthIn(request.meetingStartsAt, request.alumnusTimeZone) === monthIn(range.startsAt, request.alumnusTimeZone);
  }

  private async close(
    s: Step,
    reason: string | null,
    topic: OutboxTopic,
    cancel = false,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    await s.m.query(
      `UPDATE interview_requests SET state = $2, close_reason = $3, closed_at = now(), updated_at = now(), calendar_sequence = calendar_sequence + $4
        WHERE id = $1`,
      [s.request.id, s.to, reason, cancel ? 1 : 0],
    );
    await supersedeOpenProposals(s.m, s.request.id);
    await this.record(s, "TRANSITION", topic, reason, extra);
  }

  private ensureHeld(request: InterviewRequest): void {
    if (!request.meetingStartsAt || request.meetingStartsAt.getTime() > this.now().getTime()) throw meetingNotYetHeld();
  }

  private async record(
    s: Step,
    kind: "TRANSITION" | "TIME_PROPOSED" | "RESCHEDULED",
    topic: OutboxTopic,
    reason: string | null,
    extra: Record<string, unknown> = {},
  ) {
    const to = kind === "TRANSITION" ? s.to : s.from;
    const [row] = await s.m.query(`SELECT calendar_sequence AS sequence FROM interview_requests WHERE id = $1`, [s.request.id]);
    await recordChange(
      s.m,
      {
        request: s.request,
        actor: s.side,
        actorId: s.actorId,
        from: s.from,
        to,
        kind,
        reason,
      },
      topic,
      { sequence: row.sequence, ...extra },
    );
  }

  private async proposal(
    m: EntityManager,
    requestId: string,
    id: string,
    field: string,
    allowed: (p: ProposalRow) => boolean,
  ): Promise<ProposalRow> {
    const rows: ProposalRow[] = isUuid(id)
      ? await m.query(
          `SELECT id, starts_at AS "startsAt", ends_at AS "endsAt", proposed_by AS "proposedBy", kind, status FROM proposed_times WHERE id = $1 AND request_id = $2`,
          [id, requestId],
        )
      : [];
    const p = rows[0];
    if (!p || !allowed(p)) throw proposedTimeInvalid(field, "That is not a time you can choose on this request.");
    if (p.status !== "OPEN") throw proposedTimeInvalid(field, "That time is no longer open: another time was chosen or proposed since.");
    return p;
  }

  private async addProposal(s: Step, range: TimeRange, kind: "COUNTER" | "RESCHEDULE"): Promise<string> {
    const [row] = await s.m.query(
      `INSERT INTO proposed_times (institution_id, request_id, starts_at, ends_at, proposed_by, kind) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [s.request.institutionId, s.request.id, range.startsAt, range.endsAt, s.side, kind],
    );
    return row.id;
  }

  /** Another listed alum of the institution, or a name (and how to reach them) from outside the directory. */
  private async referral(s: Step, input: NonNullable<DeclineRequestInput["referral"]>): Promise<DeclineReferralData> {
    const note = clean(input.note) ?? undefined;
    if (input.alumnusId) {
      const rows: Array<{ name: string }> = await s.m.query(
        `SELECT i.display_name AS name FROM memberships ms JOIN identities i ON i.id = ms.identity_id
          WHERE ms.id = $1 AND ms.role = 'ALUMNUS' AND ms.institution_id = ${CURRENT_INSTITUTION} AND ms.id <> $2`,
        [input.alumnusId, s.request.alumnusId],
      );
      const listed = rows.length > 0 && (await this.consent.hasConsent(s.m, input.alumnusId, ConsentKind.ALUMNUS_LISTED));
      if (!listed) throw requestInputInvalid("referral.alumnusId", "Choose another alum from the directory.");
      return { alumnusId: input.alumnusId, name: rows[0].name, note };
    }
    const name = clean(input.name);
    if (!name) throw requestInputInvalid("referral.name", "Give the name of the person you suggest, or choose an alum from the directory.");
    return { name, contact: clean(input.contact) ?? undefined, note };
  }

  /**
   * A video meeting without a pasted link gets one as the institution chose: a new Jitsi Meet room, or the alum's
   * personal meeting link from their profile. Pasted (or neither available): the alum must give one.
   */
  private async withVideoLink<D extends { meetingLink: string | null }>(s: Step, d: D): Promise<D> {
    if (s.request.modality !== "VIDEO" || d.meetingLink) return d;
    const [row] = await s.m.query(
      `SELECT i.video_links, p.personal_meeting_link FROM institutions i
         LEFT JOIN alumni_profiles p ON p.institution_id = i.id AND p.membership_id = $1
        WHERE i.id = ${CURRENT_INSTITUTION}`,
      [s.request.alumnusId],
    );
    if (row?.video_links === "JITSI") return { ...d, meetingLink: jitsiRoom() };
    if (row?.video_links === "PERSONAL" && row.personal_meeting_link) return { ...d, meetingLink: row.personal_meeting_link };
    throw requestInputInvalid(
      "meetingLink",
      row?.video_links === "PERSONAL"
        ? "A video conversation needs a meeting link: paste one, or save your personal meeting link on your profile."
        : "A video conversation needs a meeting link.",
    );
  }

  private async meetingMinutes(m: EntityManager): Promise<number> {
    const [row] = await m.query(`SELECT meeting_minutes AS minutes FROM institutions WHERE id = ${CURRENT_INSTITUTION}`);
    return row.minutes;
  }

  private async touch(m: EntityManager, requestId: string): Promise<void> {
    await m.query(`UPDATE interview_requests SET updated_at = now() WHERE id = $1`, [requestId]);
  }
}

/** A Jitsi Meet room nobody can guess: 128 random bits. Jitsi makes the room when the first person joins; no account. */
export function jitsiRoom(): string {
  return `https://meet.jit.si/Infoview-${randomBytes(16).toString("hex")}`;
}

/** The details the modality needs: a link for video (unless one will be found: withVideoLink), a number for phone, a place in person. */
function meetingDetails(modality: string, input: MeetingDetailsInput) {
  const d = {
    meetingLink: clean(input.meetingLink),
    meetingPhone: clean(input.meetingPhone),
    meetingLocation: clean(input.meetingLocation),
    inPersonNotes: clean(input.inPersonNotes),
  };
  if (modality === "PHONE" && !d.meetingPhone) throw requestInputInvalid("meetingPhone", "A phone conversation needs the number to call.");
  if (modality === "IN_PERSON" && !d.meetingLocation)
    throw requestInputInvalid("meetingLocation", "An in-person conversation needs a place.");
  return d;
}
