import { hasRole, type Viewer } from "../../auth/viewer";
import type { RequestState, Side } from "./request-state";

/** What the rules need to know about a request. */
export interface RequestRef {
  institutionId: string;
  studentId: string;
  alumnusId: string;
  state: RequestState;
  questionsShared: boolean;
}

/** The viewer's side on the request, or null when they are not one of its two participants. */
export function sideOf(viewer: Viewer, request: Pick<RequestRef, "institutionId" | "studentId" | "alumnusId">): Side | null {
  if (viewer.institutionId !== request.institutionId) return null;
  if (viewer.memberships.STUDENT === request.studentId) return "STUDENT";
  if (viewer.memberships.ALUMNUS === request.alumnusId) return "ALUMNUS";
  return null;
}

export const isParticipant = (viewer: Viewer, request: RequestRef): boolean => sideOf(viewer, request) !== null;

/** Advisors and admins follow their institution's requests. */
export const isStaff = (viewer: Viewer, request: Pick<RequestRef, "institutionId">): boolean =>
  viewer.institutionId === request.institutionId && hasRole(viewer, "ADVISOR", "ADMIN");

export const canSendRequest = (viewer: Viewer): boolean => typeof viewer.memberships.STUDENT === "string";

/** The two participants, and the institution's staff. */
export const canReadRequest = (viewer: Viewer, request: RequestRef): boolean => isParticipant(viewer, request) || isStaff(viewer, request);

/**
 * The message and the questions are the student's own writing (the message carries their pitch):
 * the student; the alum (questions only when shared with them); staff only while the student shares
 * their profile and activity with advisors (STUDENT_SHARE_WITH_ADVISORS).
 */
export function canReadMessage(viewer: Viewer, request: RequestRef, studentSharesWithAdvisors: boolean): boolean {
  return isParticipant(viewer, request) || (isStaff(viewer, request) && studentSharesWithAdvisors);
}

export function canReadQuestions(viewer: Viewer, request: RequestRef, studentSharesWithAdvisors: boolean): boolean {
  const side = sideOf(viewer, request);
  if (side === "STUDENT") return true;
  if (side === "ALUMNUS") return request.questionsShared;
  return isStaff(viewer, request) && studentSharesWithAdvisors;
}

/** Place, link, phone and in-person notes: the two people meeting, nobody else. */
export const canReadMeetingDetails = (viewer: Viewer, request: RequestRef): boolean => isParticipant(viewer, request);

/** The calendar invite, for the two participants once a meeting has been booked. */
export const canDownloadInvite = (viewer: Viewer, request: RequestRef): boolean => isParticipant(viewer, request);

/** States in which the student sees the alum's contact details, if the alum shares them. */
const CONTACT_STATES: readonly RequestState[] = ["ACCEPTED", "COMPLETED"];

/** The alum's email and phone: only to the student of an accepted request, only while the alum shares contact details. */
export function canSeeAlumnusContact(viewer: Viewer, request: RequestRef, alumnusSharesContact: boolean): boolean {
  return sideOf(viewer, request) === "STUDENT" && CONTACT_STATES.includes(request.state) && alumnusSharesContact;
}

/** The student's major, class year and fields: to the alum of the request (then subject to the student's consents). */
export const canSeeStudentSummary = (viewer: Viewer, request: RequestRef): boolean => sideOf(viewer, request) === "ALUMNUS";
