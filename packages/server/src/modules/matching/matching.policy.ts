import { hasRole, type Viewer } from "../../auth/viewer";

/** The viewer's student membership here, or null. */
export const ownStudentId = (viewer: Viewer): string | null => viewer.memberships.STUDENT ?? null;

/** Advisors and admins see a student's matches (while the student shares their profile with advisors). */
export const canSeeMatchesOf = (viewer: Viewer): boolean => hasRole(viewer, "ADVISOR", "ADMIN");

export const canSuggest = canSeeMatchesOf;

/** Staff may withdraw any suggestion in their institution; a student only dismisses their own. */
export const canDismissAny = canSeeMatchesOf;

/** The membership a suggestion is recorded under: the advisor one, else the admin one. */
export const staffMembershipId = (viewer: Viewer): string | null => viewer.memberships.ADVISOR ?? viewer.memberships.ADMIN ?? null;
