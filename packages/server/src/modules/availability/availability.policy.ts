import { hasRole, type Viewer } from "../../auth/viewer";

/** Only the alum themself manages their availability; this is their membership id, or null. */
export function ownAlumnusId(viewer: Viewer): string | null {
  return hasRole(viewer, "ALUMNUS") ? (viewer.memberships.ALUMNUS ?? null) : null;
}

/**
 * Any member may look at an alum's open slots (students to propose times, advisors to suggest alumni,
 * the alum to preview); row-level security keeps it to alumni of the viewer's own institution.
 */
export function canSeeOpenSlots(viewer: Viewer): boolean {
  return viewer.roles.length > 0;
}
