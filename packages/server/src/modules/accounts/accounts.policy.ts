import type { Role, Viewer } from "../../auth/viewer";

/** Admins invite anyone; advisors invite students and alumni. */
export function canInvite(viewer: Viewer, role: Role): boolean {
  if (viewer.roles.includes("ADMIN")) return true;
  return viewer.roles.includes("ADVISOR") && (role === "STUDENT" || role === "ALUMNUS");
}
