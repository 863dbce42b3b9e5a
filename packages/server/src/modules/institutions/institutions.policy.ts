import { hasRole, type Viewer } from "../../auth/viewer";

/** Institution settings shape every member's experience, so only admins change them. */
export function canUpdateSettings(viewer: Viewer): boolean {
  return hasRole(viewer, "ADMIN");
}
