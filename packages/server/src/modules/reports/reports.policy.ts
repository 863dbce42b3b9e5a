import { hasRole, type Viewer } from "../../auth/viewer";

/**
 * The smallest group a breakdown row may describe for viewers below admin: fewer distinct students than this
 * in either period and the row is left out (counted in suppressedGroups), so no single student can be picked out.
 * A constant for now; an institution setting can replace it without changing the API (minimumGroupSize is returned).
 */
export const MINIMUM_GROUP_SIZE = 5;

/** Admins see every breakdown row; advisors only rows of groups large enough. */
export function seesSmallGroups(viewer: Viewer): boolean {
  return hasRole(viewer, "ADMIN");
}

/** Whether a row with these distinct-student counts may be shown to a viewer below admin. */
export function largeEnough(studentsCurrent: number, studentsPrevious: number, minimum = MINIMUM_GROUP_SIZE): boolean {
  const ok = (n: number) => n === 0 || n >= minimum;
  return ok(studentsCurrent) && ok(studentsPrevious);
}
