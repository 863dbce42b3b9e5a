import { In, type EntityManager } from "typeorm";
import type { Viewer } from "../../auth/viewer";
import { forbidden, notFound } from "../../graphql/errors";
import { isUuid } from "../../shared/cursor-pagination";
import { isOwnRequest, studentMembership, type RequestFacts } from "./conversations.policy";
import { Referral } from "./referral.entity";

/** An interview request as this module needs it. */
export interface ConversationRequest extends RequestFacts {
  id: string;
  institutionId: string;
  alumnusId: string;
  alumnusName: string;
  meetingEndsAt: Date | null;
  closedAt: Date | null;
}

/** One request of the caller's institution, or null; RLS hides every other institution's. */
export async function findRequest(m: EntityManager, requestId: string): Promise<ConversationRequest | null> {
  if (!isUuid(requestId)) return null;
  const rows: ConversationRequest[] = await m.query(
    `SELECT r.id, r.institution_id AS "institutionId", r.student_id AS "studentId", r.alumnus_id AS "alumnusId", r.state,
            r.meeting_starts_at AS "meetingStartsAt", r.meeting_ends_at AS "meetingEndsAt", r.closed_at AS "closedAt",
            idn.display_name AS "alumnusName"
       FROM interview_requests r JOIN memberships ms ON ms.institution_id = r.institution_id AND ms.id = r.alumnus_id JOIN identities idn ON idn.id = ms.identity_id
      WHERE r.id = $1`,
    [requestId],
  );
  return rows[0] ?? null;
}

/** The viewer's student membership, or FORBIDDEN: the GraphQL layer checks the role too, services do not rely on it. */
export function ownStudentId(viewer: Viewer): string {
  const studentId = studentMembership(viewer);
  if (!studentId) throw forbidden();
  return studentId;
}

/** One of the viewer's own requests. Someone else's is NOT_FOUND, the same as a missing one, so it reveals nothing. */
export async function ownRequest(m: EntityManager, viewer: Viewer, requestId: string): Promise<ConversationRequest> {
  ownStudentId(viewer);
  const request = await findRequest(m, requestId);
  if (!request || request.institutionId !== viewer.institutionId || !isOwnRequest(viewer, request)) throw notFound("Interview request");
  return request;
}

/** Whether the membership is a student of the given institution. */
export async function isStudent(m: EntityManager, institutionId: string, membershipId: string): Promise<boolean> {
  if (!isUuid(membershipId)) return false;
  const rows: unknown[] = await m.query(`SELECT 1 FROM memberships WHERE id = $1 AND institution_id = $2 AND role = 'STUDENT'`, [
    membershipId,
    institutionId,
  ]);
  return rows.length > 0;
}

/** The referrals that came up in each request, oldest first, in one query. Every id asked for is in the map. */
export async function referralsBySource(m: EntityManager, requestIds: string[]): Promise<Map<string, Referral[]>> {
  const result = new Map(requestIds.map((id) => [id, [] as Referral[]]));
  if (requestIds.length === 0) return result;
  const referrals = await m
    .getRepository(Referral)
    .find({ where: { sourceRequestId: In([...new Set(requestIds)]) }, order: { createdAt: "ASC", id: "ASC" } });
  for (const referral of referrals) result.get(referral.sourceRequestId)?.push(referral);
  return result;
}

/** Trimmed; blank becomes null. */
export const cleanText = (value: string | null | undefined): string | null => (value == null || value.trim() === "" ? null : value.trim());
/** Trimmed, without blanks or repeats, in the order given. */
export const cleanList = (values: string[]): string[] => [...new Set(values.map((v) => v.trim()).filter((v) => v !== ""))];
