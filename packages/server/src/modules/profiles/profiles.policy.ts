import { hasRole, type Viewer } from "../../auth/viewer";

interface ProfileRef {
  membershipId: string;
  institutionId: string;
}

const isStaff = (viewer: Viewer): boolean => hasRole(viewer, "ADVISOR", "ADMIN");

/** The membership whose own profile the viewer may read and edit in this role, or null without that role. */
export function ownProfileMembership(viewer: Viewer, role: "STUDENT" | "ALUMNUS"): string | null {
  return viewer.memberships[role] ?? null;
}

export const canBrowseStudents = isStaff;

/** Advisors and admins see a student's profile only while the student shares it with advisors. */
export function canSeeStudentProfile(viewer: Viewer, sharesWithAdvisors: boolean): boolean {
  return isStaff(viewer) && sharesWithAdvisors;
}

export function canBrowseAlumni(viewer: Viewer): boolean {
  return hasRole(viewer, "STUDENT", "ADVISOR", "ADMIN");
}

export function isOwnAlumnusProfile(viewer: Viewer, profile: ProfileRef): boolean {
  return viewer.institutionId === profile.institutionId && viewer.memberships.ALUMNUS === profile.membershipId;
}

/** Listed alumni are visible to every member; unlisted ones only to themselves and to staff. */
export function canSeeAlumnusProfile(viewer: Viewer, profile: ProfileRef, listed: boolean): boolean {
  return listed || isOwnAlumnusProfile(viewer, profile) || isStaff(viewer);
}

/**
 * Contact details are the most sensitive part of a profile: not even staff see them.
 * A later change adds students whose request the alum accepted, while ALUMNUS_SHARE_CONTACT is active.
 */
export function canSeeContactDetails(viewer: Viewer, profile: ProfileRef): boolean {
  return isOwnAlumnusProfile(viewer, profile);
}
