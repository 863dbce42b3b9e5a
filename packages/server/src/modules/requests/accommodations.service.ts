import type { EntityManager } from "typeorm";
import { hasRole, type Viewer } from "../../auth/viewer";
import { sqlRows } from "../../db/sql";
import { enqueue } from "../../db/outbox";
import { tenantTransaction } from "../../db/tenant-transaction";
import { AppError, badInput } from "../../graphql/errors";
import type { ServiceDeps } from "../../service-deps";
import { personActor, recordAudit } from "../audit";
import {
  NEEDS_WITH_LEAD_TIME,
  type Accommodation,
  type AccommodationNeed,
  type SetAccommodationsInput,
  type SetAccommodationsResult,
} from "./accommodations.types";
import { OPEN_STATES, type RequestState, type Side } from "./request-state";
import { requestNotFound } from "./requests.errors";
import { sideOf } from "./requests.policy";

const DAY = 86_400_000;

export const accommodationsClosed = () =>
  new AppError(
    "ACCOMMODATIONS_CLOSED",
    "What you need for the conversation can be said while the request is open or the meeting booked, not after.",
  );

interface RequestRow {
  institution_id: string;
  student_id: string;
  alumnus_id: string;
  state: RequestState;
  meeting_starts_at: Date | null;
  lead_days: number;
}

interface AccommodationRow {
  request_id: string;
  side: Side;
  needs: AccommodationNeed[];
  other_text: string | null;
  shared_with_advisors: boolean;
  updated_at: Date;
}

const toAccommodation = (r: AccommodationRow): Accommodation => ({
  requestId: r.request_id,
  side: r.side,
  needs: r.needs,
  other: r.other_text,
  sharedWithAdvisors: r.shared_with_advisors,
  updatedAt: r.updated_at,
});

/**
 * Accessibility accommodations (issue 14, ADR 0025): each participant says what they need — never why. Shown to the
 * other participant, and to the institution's advisors and admins only when the student shares theirs; every view
 * of someone else's needs is recorded in the audit log. Reports may count them, never show them.
 */
export class AccommodationsService {
  constructor(private readonly deps: ServiceDeps) {}

  async set(viewer: Viewer, input: SetAccommodationsInput, now = new Date()): Promise<SetAccommodationsResult> {
    const needs = [...new Set(input.needs)];
    const other = input.other?.trim() || null;
    if (needs.includes("OTHER") && !other) throw badInput([{ field: "other", message: "Say what you need in your own words." }]);
    if (!needs.includes("OTHER") && other) throw badInput([{ field: "other", message: "Choose OTHER to add your own words." }]);
    if (other && other.length > 500) throw badInput([{ field: "other", message: "At most 500 characters." }]);
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const request = await this.request(m, input.requestId);
      const side = sideOf(viewer, { institutionId: request.institution_id, studentId: request.student_id, alumnusId: request.alumnus_id });
      if (!side) throw requestNotFound();
      if (!OPEN_STATES.includes(request.state)) throw accommodationsClosed();
      if (side === "ALUMNUS" && input.shareWithAdvisors)
        throw badInput([{ field: "shareWithAdvisors", message: "Only the student's needs can be shared with advisors." }]);
      const [before] = await sqlRows<{ needs: AccommodationNeed[] }>(
        m,
        `SELECT needs FROM request_accommodations WHERE institution_id = $1 AND request_id = $2 AND side = $3`,
        [request.institution_id, input.requestId, side],
      );
      let accommodation: Accommodation | null = null;
      if (needs.length === 0) {
        await m.query(`DELETE FROM request_accommodations WHERE institution_id = $1 AND request_id = $2 AND side = $3`, [
          request.institution_id,
          input.requestId,
          side,
        ]);
      } else {
        const [row] = await sqlRows<AccommodationRow>(
          m,
          `INSERT INTO request_accommodations (institution_id, request_id, side, needs, other_text, shared_with_advisors)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (institution_id, request_id, side) DO UPDATE
              SET needs = EXCLUDED.needs, other_text = EXCLUDED.other_text, shared_with_advisors = EXCLUDED.shared_with_advisors, updated_at = now()
           RETURNING request_id, side, needs, other_text, shared_with_advisors, updated_at`,
          [request.institution_id, input.requestId, side, needs, other, input.shareWithAdvisors],
        );
        accommodation = toAccommodation(row);
      }
      // The log says that needs changed, not what they are: the audit log is read by admins who may not see them.
      await recordAudit(m, {
        institutionId: request.institution_id,
        actor: personActor(viewer, [side]),
        action: "accommodation.set",
        target: { type: "interview_request", id: input.requestId },
        after: { side, count: needs.length },
      });
      const tooSoon = await this.leadTime(m, input.requestId, request, needs, now);
      // Short notice for an interpreter or captioner newly asked for: the career center is told to arrange it (ADR 0031).
      const added = needs.filter((n) => NEEDS_WITH_LEAD_TIME.includes(n) && !(before?.needs ?? []).includes(n));
      if (tooSoon && added.length > 0) {
        await enqueue(m, request.institution_id, "accommodation.arrange", { requestId: input.requestId, side });
        await recordAudit(m, {
          institutionId: request.institution_id,
          actor: personActor(viewer, [side]),
          action: "accommodation.arrangement_requested",
          target: { type: "interview_request", id: input.requestId },
          subjectMembershipId: side === "STUDENT" ? request.student_id : request.alumnus_id,
          after: { count: added.length },
        });
      }
      return { accommodation, tooSoon };
    });
  }

  /** The needs the viewer may see on a request: the other participant's (and their own); advisors the student's when shared. */
  async forRequest(viewer: Viewer, requestId: string): Promise<Accommodation[]> {
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const request = await this.request(m, requestId);
      const side = sideOf(viewer, { institutionId: request.institution_id, studentId: request.student_id, alumnusId: request.alumnus_id });
      const staff = viewer.institutionId === request.institution_id && hasRole(viewer, "ADVISOR", "ADMIN");
      if (!side && !staff) throw requestNotFound();
      const rows = await sqlRows<AccommodationRow>(
        m,
        `SELECT request_id, side, needs, other_text, shared_with_advisors, updated_at
           FROM request_accommodations WHERE institution_id = $1 AND request_id = $2 ORDER BY side DESC`,
        [request.institution_id, requestId],
      );
      const visible = rows.filter((r) => (side ? true : r.side === "STUDENT" && r.shared_with_advisors));
      const seen = visible.filter((r) => r.side !== side);
      if (seen.length > 0)
        await recordAudit(
          m,
          ...seen.map((r) => ({
            institutionId: request.institution_id,
            actor: personActor(viewer, side ? [side] : ["ADVISOR", "ADMIN"]),
            action: "accommodation.viewed" as const,
            target: { type: "interview_request", id: requestId },
            subjectMembershipId: r.side === "STUDENT" ? request.student_id : request.alumnus_id,
          })),
        );
      return visible.map(toAccommodation);
    });
  }

  /** The viewer's institution's lead time for interpreters and captioners, in days (what the forms warn about). */
  async leadDays(viewer: Viewer): Promise<number> {
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const [row] = await sqlRows<{ lead_days: number }>(m, `SELECT accommodation_lead_days AS lead_days FROM institutions WHERE id = $1`, [
        viewer.institutionId,
      ]);
      return row?.lead_days ?? 10;
    });
  }

  private async request(m: EntityManager, requestId: string): Promise<RequestRow> {
    const [request] = await sqlRows<RequestRow>(
      m,
      `SELECT r.institution_id, r.student_id, r.alumnus_id, r.state, r.meeting_starts_at, i.accommodation_lead_days AS lead_days
         FROM interview_requests r JOIN institutions i ON i.id = r.institution_id WHERE r.id = $1`,
      [requestId],
    ).catch((error: { code?: string }) => {
      if (error.code === "22P02") return [];
      throw error;
    });
    if (!request) throw requestNotFound();
    return request;
  }

  /** An interpreter or captioner asked for sooner than the lead time: when it could be, and the proposed times from then on. */
  private async leadTime(m: EntityManager, requestId: string, request: RequestRow, needs: AccommodationNeed[], now: Date) {
    if (!needs.some((n) => NEEDS_WITH_LEAD_TIME.includes(n))) return null;
    const notBefore = new Date(now.getTime() + request.lead_days * DAY);
    const times = await sqlRows<{ starts_at: Date }>(
      m,
      `SELECT starts_at FROM proposed_times WHERE institution_id = $1 AND request_id = $2 AND status = 'OPEN' AND starts_at > $3 ORDER BY starts_at`,
      [request.institution_id, requestId, now],
    );
    const first = request.state === "ACCEPTED" ? request.meeting_starts_at : (times[0]?.starts_at ?? null);
    if (!first || first.getTime() >= notBefore.getTime()) return null;
    return {
      leadDays: request.lead_days,
      notBefore,
      laterTimes: times.map((t) => t.starts_at).filter((t) => t.getTime() >= notBefore.getTime()),
    };
  }
}
