import { registerEnumType } from "type-graphql";
import type { EntityManager } from "typeorm";
import { sqlRows } from "../../db/sql";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { Viewer } from "../../auth/viewer";
import { AppError } from "../../graphql/errors";
import type { ServiceDeps } from "../../service-deps";
import { LinkSigner, tokenHash, type LinkClaims, type RequestFacts } from "../notifications";
import { isUuid } from "../../shared/cursor-pagination";
import { supersedeOpenProposals } from "./request-booking";
import { recordChange } from "./request-events";
import type { Side } from "./request-state";
import { meetingNotYetHeld, notAParticipant, requestNotFound } from "./requests.errors";

/** The answers to "did your conversation happen?". */
export enum MeetingCheckAnswer {
  HAPPENED = "HAPPENED",
  NO_SHOW = "NO_SHOW",
  MOVED = "MOVED",
}
registerEnumType(MeetingCheckAnswer, {
  name: "MeetingCheckAnswer",
  description:
    "Did the conversation happen? HAPPENED completes it (like marking it completed); NO_SHOW records that the other person did not come; MOVED sends it back to rescheduling.",
  valuesConfig: {
    HAPPENED: { description: "It happened: the request becomes COMPLETED and the follow-ups start from the meeting's end." },
    NO_SHOW: { description: "The other person didn't come: the request becomes NO_SHOW, reported by the one answering." },
    MOVED: { description: "We moved it: the meeting stays booked until either side proposes the new time." },
  },
});

/** A link is valid for two weeks after the meeting's end: long after the last nudge, not for ever. */
export const CHECK_LINK_DAYS = 14;
export const CHECK_LINK_PURPOSE = "meeting-check";

export interface CheckClaims extends LinkClaims {
  /** Request id. */
  r: string;
  /** The side the link was sent to. */
  s: Side;
  /** The meeting's calendar SEQUENCE when the nudge was sent. */
  q: number;
  /** Which nudge (CHECK_1, CHECK_2): two nudges, two different links. */
  k: string;
}

export const linkInvalid = () => new AppError("LINK_INVALID", "This link is not valid. Open the request in Infoview to answer there.");
export const linkExpired = () => new AppError("LINK_EXPIRED", "This link has expired. Open the request in Infoview to answer there.");
export const linkUsed = () => new AppError("LINK_USED", "This link was already used. Each link works once.");
export const meetingAlreadySettled = (answer: string | null) =>
  new AppError(
    "MEETING_ALREADY_SETTLED",
    "Someone already answered for this conversation, so there is nothing more to do here. Open the request in Infoview to see where it stands.",
    { answer },
  );

export function meetingCheckSigner(secret: Uint8Array): LinkSigner {
  return new LinkSigner(secret, CHECK_LINK_PURPOSE);
}

/** The token of one person's nudge email: the same for every attempt at delivering it (no clock, no randomness). */
export function meetingCheckToken(signer: LinkSigner, f: RequestFacts, side: Side, reminder: string): string {
  const end = (f.meetingEndsAt ?? f.meetingStartsAt ?? f.updatedAt).getTime();
  const claims: CheckClaims = {
    i: f.institutionId,
    r: f.id,
    s: side,
    q: f.calendarSequence,
    k: reminder,
    e: Math.floor(end / 1000) + CHECK_LINK_DAYS * 86_400,
  };
  return signer.sign(claims);
}

/** What the answer page shows before the person answers. */
export interface MeetingCheckView {
  requestId: string;
  side: Side;
  otherName: string;
  meetingStartsAt: Date | null;
  /** The answer already given for this meeting, by either person; null while open. */
  answer: MeetingCheckAnswer | null;
}

interface Locked {
  id: string;
  institution_id: string;
  student_id: string;
  alumnus_id: string;
  state: string;
  meeting_starts_at: Date | null;
  calendar_sequence: number;
}

/**
 * "Did it happen?" (ADR 0021): the first answer from either side settles the meeting's current version. It is given in
 * the app (signed in) or with the signed single-use link of a nudge email (no sign-in: the link is the credential, for
 * that one meeting, side and answer only). HAPPENED and NO_SHOW close the request like "We had the conversation" and
 * "mark no-show"; MOVED keeps it booked for a reschedule. The other person is told through the outbox.
 */
export class MeetingChecksService {
  readonly signer: LinkSigner;

  constructor(
    private readonly deps: ServiceDeps,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.signer = meetingCheckSigner(deps.config.secretsKey);
  }

  async answer(viewer: Viewer, requestId: string, answer: MeetingCheckAnswer): Promise<MeetingCheckAnswer> {
    if (!isUuid(requestId)) throw requestNotFound();
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const request = await this.lock(m, requestId);
      const side: Side | null =
        viewer.memberships.STUDENT === request.student_id
          ? "STUDENT"
          : viewer.memberships.ALUMNUS === request.alumnus_id
            ? "ALUMNUS"
            : null;
      if (!side) throw notAParticipant();
      return this.settle(m, request, side, answer, "APP", viewer.memberships[side] as string);
    });
  }

  /** What the link's page shows; LINK_INVALID / LINK_EXPIRED / LINK_USED when it cannot be used. */
  async describeLink(token: string): Promise<MeetingCheckView> {
    const claims = this.claims(token);
    return tenantTransaction(this.deps.dataSource, { institutionId: claims.i }, async (m) => {
      await this.ensureUnused(m, token);
      const [row] = await sqlRows<{ other_name: string; meeting_starts_at: Date | null; answer: MeetingCheckAnswer | null; state: string }>(
        m,
        `SELECT (SELECT i.display_name FROM memberships ms JOIN identities i ON i.id = ms.identity_id
                  WHERE ms.institution_id = r.institution_id AND ms.id = CASE $2 WHEN 'STUDENT' THEN r.alumnus_id ELSE r.student_id END) AS other_name,
                r.meeting_starts_at, r.state,
                (SELECT mc.answer FROM meeting_checks mc WHERE mc.institution_id = r.institution_id AND mc.request_id = r.id AND mc.sequence = $3) AS answer
           FROM interview_requests r WHERE r.id = $1`,
        [claims.r, claims.s, claims.q],
      );
      if (!row) throw linkInvalid();
      const answer =
        row.answer ??
        (row.state === "COMPLETED" ? MeetingCheckAnswer.HAPPENED : row.state === "NO_SHOW" ? MeetingCheckAnswer.NO_SHOW : null);
      return { requestId: claims.r, side: claims.s, otherName: row.other_name, meetingStartsAt: row.meeting_starts_at, answer };
    });
  }

  /** Answers with a link: used once, whatever the outcome (an answer, or finding the meeting already settled). */
  async answerByLink(token: string, answer: MeetingCheckAnswer): Promise<MeetingCheckAnswer> {
    const claims = this.claims(token);
    return tenantTransaction(this.deps.dataSource, { institutionId: claims.i }, async (m) => {
      const used = await sqlRows(
        m,
        `INSERT INTO signed_link_uses (institution_id, token_hash, purpose) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
        [claims.i, tokenHash(token), CHECK_LINK_PURPOSE],
      );
      if (used.length === 0) throw linkUsed();
      const request = await this.lock(m, claims.r);
      // The meeting moved since the nudge: this link was about a time that no longer stands.
      if (request.calendar_sequence !== claims.q) throw meetingAlreadySettled(null);
      const actorId = claims.s === "STUDENT" ? request.student_id : request.alumnus_id;
      return this.settle(m, request, claims.s, answer, "LINK", actorId);
    });
  }

  private claims(token: string): CheckClaims {
    const check = this.signer.verify<CheckClaims>(token, this.now());
    if (!check.ok) throw check.problem === "EXPIRED" ? linkExpired() : linkInvalid();
    const c = check.claims;
    if (!isUuid(c.i) || !isUuid(c.r) || (c.s !== "STUDENT" && c.s !== "ALUMNUS") || !Number.isInteger(c.q)) throw linkInvalid();
    return c;
  }

  private async ensureUnused(m: EntityManager, token: string): Promise<void> {
    const rows = await sqlRows(m, `SELECT 1 FROM signed_link_uses WHERE token_hash = $1`, [tokenHash(token)]);
    if (rows.length > 0) throw linkUsed();
  }

  private async lock(m: EntityManager, requestId: string): Promise<Locked> {
    const [row] = await sqlRows<Locked>(
      m,
      `SELECT id, institution_id, student_id, alumnus_id, state, meeting_starts_at, calendar_sequence
         FROM interview_requests WHERE id = $1 FOR UPDATE`,
      [requestId],
    );
    if (!row) throw requestNotFound();
    return row;
  }

  private async settle(m: EntityManager, r: Locked, side: Side, answer: MeetingCheckAnswer, via: "APP" | "LINK", actorId: string) {
    if (r.state !== "ACCEPTED") {
      throw meetingAlreadySettled(r.state === "COMPLETED" ? "HAPPENED" : r.state === "NO_SHOW" ? "NO_SHOW" : null);
    }
    if (!r.meeting_starts_at || r.meeting_starts_at.getTime() > this.now().getTime()) throw meetingNotYetHeld();
    const inserted = await sqlRows(
      m,
      `INSERT INTO meeting_checks (institution_id, request_id, sequence, answer, answered_by, via) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [r.institution_id, r.id, r.calendar_sequence, answer, side, via],
    );
    if (inserted.length === 0) {
      const [previous] = await sqlRows<{ answer: string }>(m, `SELECT answer FROM meeting_checks WHERE request_id = $1 AND sequence = $2`, [
        r.id,
        r.calendar_sequence,
      ]);
      throw meetingAlreadySettled(previous?.answer ?? null);
    }
    const parties = { id: r.id, institutionId: r.institution_id, studentId: r.student_id, alumnusId: r.alumnus_id };
    const extra = { sequence: r.calendar_sequence, checkedBy: side, via };
    if (answer === MeetingCheckAnswer.MOVED) {
      await m.query(`UPDATE interview_requests SET updated_at = now() WHERE id = $1`, [r.id]);
      await recordChange(
        m,
        {
          request: parties,
          actor: side,
          actorId,
          from: "ACCEPTED",
          to: "ACCEPTED",
          kind: "TIME_PROPOSED",
          reason: "The meeting was moved.",
        },
        "request.meeting_moved",
        extra,
      );
      return answer;
    }
    const to = answer === MeetingCheckAnswer.HAPPENED ? "COMPLETED" : "NO_SHOW";
    await m.query(`UPDATE interview_requests SET state = $2, closed_at = now(), updated_at = now() WHERE id = $1`, [r.id, to]);
    await supersedeOpenProposals(m, r.id);
    await recordChange(
      m,
      { request: parties, actor: side, actorId, from: "ACCEPTED", to, kind: "TRANSITION", reason: null },
      to === "COMPLETED" ? "request.completed" : "request.no_show",
      to === "NO_SHOW" ? { ...extra, reportedBy: side } : extra,
    );
    return answer;
  }
}
