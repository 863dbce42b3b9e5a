import { In, type EntityManager } from "typeorm";
import { tenantTransaction } from "../../db/tenant-transaction";
import type { Viewer } from "../../auth/viewer";
import type { ServiceDeps } from "../../service-deps";
import { ConsentKind } from "../consent";
import type { ConsentService } from "../consent";
import { decodeCursor, isUuid, toPage } from "../../shared/cursor-pagination";
import { calendarInvite } from "../../shared/calendar-invite";
import { InterviewRequest } from "./interview-request.entity";
import { ProposedTime } from "./proposed-time.entity";
import { RequestEvent } from "./request-event.entity";
import { RequestQuestion } from "./request-question.entity";
import type { RequestState } from "./request-state";
import { meetingNotScheduled, notAParticipant, requestNotFound } from "./requests.errors";
import type { MyRequestsArgs } from "./requests.inputs";
import { canDownloadInvite, canReadRequest, canSeeAlumnusContact, canSeeStudentSummary, sideOf } from "./requests.policy";
import type { AlumnusContact, InterviewRequestConnection, StudentSummary } from "./requests.types";
import { summariesByRequest } from "./student-summaries";

/** States in which a calendar invite exists: a booked meeting, held, or cancelled (as METHOD:CANCEL). */
const INVITE_STATES: readonly RequestState[] = ["ACCEPTED", "COMPLETED", "CANCELLED"];

/**
 * Reading requests: the viewer's own list, one request, its history and its calendar invite, plus
 * the batch loads behind the request's fields (one query per batch, so a page costs a fixed number).
 */
export class RequestQueriesService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly consent: ConsentService,
  ) {}

  /** The viewer's requests, from whichever side they are on (student, alum, or both), newest first. */
  async myRequests(viewer: Viewer, args: MyRequestsArgs): Promise<InterviewRequestConnection> {
    const after = decodeCursor(args.after);
    const studentId = viewer.memberships.STUDENT ?? null;
    const alumnusId = viewer.memberships.ALUMNUS ?? null;
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const rows: Array<{ id: string; key: string }> = await m.query(
        `SELECT id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS key
           FROM interview_requests
          WHERE institution_id = $1 AND (student_id = $2 OR alumnus_id = $3)
            AND ($4::text IS NULL OR state = $4)
            AND ($5::timestamptz IS NULL OR (created_at, id) < ($5::timestamptz, $6::uuid))
          ORDER BY created_at DESC, id DESC
          LIMIT $7`,
        [viewer.institutionId, studentId, alumnusId, args.state ?? null, after?.key ?? null, after?.id ?? null, args.first + 1],
      );
      const page = rows.slice(0, args.first);
      const found = page.length ? await m.getRepository(InterviewRequest).findBy({ id: In(page.map((r) => r.id)) }) : [];
      const byId = new Map(found.map((r) => [r.id, r]));
      return toPage(
        page.filter((r) => byId.has(r.id)),
        rows.length > args.first,
        (r) => ({ key: r.key, id: r.id }),
        (r) => byId.get(r.id)!,
      );
    });
  }

  /** One request, for its two participants and the institution's staff. */
  async request(viewer: Viewer, id: string): Promise<InterviewRequest> {
    return tenantTransaction(this.deps.dataSource, viewer, (m) => this.readable(m, viewer, id));
  }

  /** The request's history, oldest first. */
  async events(viewer: Viewer, requestId: string): Promise<RequestEvent[]> {
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const request = await this.readable(m, viewer, requestId);
      const events = await m.getRepository(RequestEvent).find({ where: { requestId }, order: { at: "ASC", id: "ASC" } });
      for (const e of events) {
        e.actor = e.actorId === null ? "SYSTEM" : e.actorId === request.studentId ? "STUDENT" : "ALUMNUS";
      }
      return events;
    });
  }

  /** The .ics file of the meeting for the web client's download (METHOD:PUBLISH), for the two participants; a cancelled one is STATUS:CANCELLED. */
  async calendarInvite(viewer: Viewer, requestId: string): Promise<string> {
    return tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const r = await this.readable(m, viewer, requestId);
      if (!canDownloadInvite(viewer, r)) throw notAParticipant();
      if (!INVITE_STATES.includes(r.state) || !r.meetingStartsAt || !r.meetingEndsAt) throw meetingNotScheduled();
      return calendarInvite(
        {
          requestId: r.id,
          sequence: r.calendarSequence,
          cancelled: r.state === "CANCELLED",
          startsAt: r.meetingStartsAt,
          endsAt: r.meetingEndsAt,
          stamp: r.updatedAt,
          studentName: r.studentName,
          alumnusName: r.alumnusName,
          studentTimeZone: r.studentTimeZone,
          alumnusTimeZone: r.alumnusTimeZone,
          modality: r.modality,
          meetingLink: r.meetingLink,
          meetingPhone: r.meetingPhone,
          meetingLocation: r.meetingLocation,
          inPersonNotes: r.inPersonNotes,
        },
        "PUBLISH",
      );
    });
  }

  // ——— Batches behind the request's fields. The roots were already read with permission. ———

  async proposedTimes(viewer: Viewer, requestIds: readonly string[]): Promise<ProposedTime[][]> {
    const rows = await tenantTransaction(this.deps.dataSource, viewer, (m) =>
      m.getRepository(ProposedTime).find({
        where: { requestId: In([...requestIds]) },
        order: { startsAt: "ASC", id: "ASC" },
      }),
    );
    return requestIds.map((id) => rows.filter((r) => r.requestId === id));
  }

  async questions(viewer: Viewer, requestIds: readonly string[]): Promise<RequestQuestion[][]> {
    const rows = await tenantTransaction(this.deps.dataSource, viewer, (m) =>
      m.getRepository(RequestQuestion).find({
        where: { requestId: In([...requestIds]) },
        order: { position: "ASC" },
      }),
    );
    return requestIds.map((id) => rows.filter((r) => r.requestId === id));
  }

  /** Whether each student shares their profile and activity with advisors (STUDENT_SHARE_WITH_ADVISORS). */
  async studentsSharingWithAdvisors(viewer: Viewer, studentIds: readonly string[]): Promise<boolean[]> {
    const kinds = await tenantTransaction(this.deps.dataSource, viewer, (m) => this.consent.activeKinds(m, [...studentIds]));
    return studentIds.map((id) => kinds.get(id)?.has(ConsentKind.STUDENT_SHARE_WITH_ADVISORS) ?? false);
  }

  /** The alum's contact details for each request, null where the viewer may not see them. */
  async alumnusContacts(viewer: Viewer, requests: readonly InterviewRequest[]): Promise<Array<AlumnusContact | null>> {
    const mine = requests.filter((r) => sideOf(viewer, r) === "STUDENT");
    if (mine.length === 0) return requests.map(() => null);
    const alumni = [...new Set(mine.map((r) => r.alumnusId))];
    const { kinds, contacts } = await tenantTransaction(this.deps.dataSource, viewer, async (m) => ({
      kinds: await this.consent.activeKinds(m, alumni),
      contacts: new Map(
        (
          (await m.query(
            `SELECT membership_id AS id, contact_email AS email, contact_phone AS phone FROM alumni_profiles WHERE membership_id = ANY($1::uuid[])`,
            [alumni],
          )) as Array<AlumnusContact & { id: string }>
        ).map((c) => [c.id, c]),
      ),
    }));
    return requests.map((r) => {
      const shares = kinds.get(r.alumnusId)?.has(ConsentKind.ALUMNUS_SHARE_CONTACT) ?? false;
      const contact = contacts.get(r.alumnusId);
      return canSeeAlumnusContact(viewer, r, shares) && contact ? { email: contact.email, phone: contact.phone } : null;
    });
  }

  /**
   * The student's major, class year and fields for each request: only for the alum of the request, only while the
   * student shares their profile with the alumni they contact (STUDENT_SHARE_WITH_ALUMNI, whose text names these
   * facts), and for a directory-blocked student only on a request sent with their explicit consent. Null otherwise.
   */
  async studentSummaries(viewer: Viewer, requests: readonly InterviewRequest[]): Promise<Array<StudentSummary | null>> {
    const mine = requests.filter((r) => canSeeStudentSummary(viewer, r));
    if (mine.length === 0) return requests.map(() => null);
    const summaries = await tenantTransaction(this.deps.dataSource, viewer, async (m) => {
      const kinds = await this.consent.activeKinds(m, [...new Set(mine.map((r) => r.studentId))]);
      const sharing = mine.filter((r) => kinds.get(r.studentId)?.has(ConsentKind.STUDENT_SHARE_WITH_ALUMNI));
      return summariesByRequest(
        m,
        viewer.institutionId,
        sharing.map((r) => r.id),
      );
    });
    return requests.map((r) => (canSeeStudentSummary(viewer, r) ? (summaries.get(r.id) ?? null) : null));
  }

  /** A request the viewer may read: REQUEST_NOT_FOUND when it does not exist here, NOT_A_PARTICIPANT when it is someone else's. */
  private async readable(m: EntityManager, viewer: Viewer, id: string): Promise<InterviewRequest> {
    if (!isUuid(id)) throw requestNotFound();
    const request = await m.getRepository(InterviewRequest).findOneBy({ id, institutionId: viewer.institutionId });
    if (!request) throw requestNotFound();
    if (!canReadRequest(viewer, request)) throw notAParticipant();
    return request;
  }
}
