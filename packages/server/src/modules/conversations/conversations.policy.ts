import { hasRole, type Viewer } from "../../auth/viewer";
import type { RequestState } from "../requests";

/** The parts of an interview request these rules look at. */
export interface RequestFacts {
  studentId: string;
  state: RequestState;
  meetingStartsAt: Date | null;
}

/** The viewer's student membership here, or null when they are not a student. */
export function studentMembership(viewer: Viewer): string | null {
  return viewer.memberships.STUDENT ?? null;
}

export function isOwnRequest(viewer: Viewer, request: Pick<RequestFacts, "studentId">): boolean {
  return studentMembership(viewer) === request.studentId;
}

/** Notes are about a conversation: one that has started (accepted and begun) or was completed. */
export function conversationStarted(request: RequestFacts, now: Date): boolean {
  if (request.state === "COMPLETED") return true;
  return request.state === "ACCEPTED" && request.meetingStartsAt !== null && request.meetingStartsAt <= now;
}

/** Names come up in a conversation, or in a decline that points elsewhere. */
export function canSuggestNames(request: RequestFacts, now: Date): boolean {
  return conversationStarted(request, now) || request.state === "DECLINED";
}

/** Follow-ups (thank-you, permission, update) belong to completed conversations. */
export function followUpsOpen(request: Pick<RequestFacts, "state">): boolean {
  return request.state === "COMPLETED";
}

/** The alum is never among the readers. An advisor reads only notes the student shares, while they share with advisors. */
export function canReadNotes(
  viewer: Viewer,
  request: Pick<RequestFacts, "studentId">,
  shared: boolean,
  studentSharesWithAdvisors: boolean,
): boolean {
  if (isOwnRequest(viewer, request)) return true;
  return hasRole(viewer, "ADVISOR") && shared && studentSharesWithAdvisors;
}

/** A student's referral chain: the student, or an advisor while the student shares their activity with advisors. */
export function canSeeReferralChain(viewer: Viewer, studentId: string, studentSharesWithAdvisors: boolean): boolean {
  if (studentMembership(viewer) === studentId) return true;
  return hasRole(viewer, "ADVISOR") && studentSharesWithAdvisors;
}

/** How to reach a suggested person is the student's own record, not for advisors. */
export function canSeeHowToReach(viewer: Viewer, referral: { studentId: string }): boolean {
  return studentMembership(viewer) === referral.studentId;
}
