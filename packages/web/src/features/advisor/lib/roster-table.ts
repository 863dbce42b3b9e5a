import type { SortDirection, StudentNeedsAction, StudentRosterSort } from "../../../graphql/types.generated";

/** The students table's order: a column and a direction (the server sorts, student-roster.sql.ts). */
export interface RosterSort {
  sort: StudentRosterSort;
  direction: SortDirection;
}

/** What the table is filtered by, as the toolbar holds it. */
export interface RosterFilters {
  search: string;
  classYear: string;
  needsActionOnly: boolean;
  mineOnly: boolean;
}

export const DEFAULT_SORT: RosterSort = { sort: "NAME", direction: "ASC" };
export const NO_FILTERS: RosterFilters = { search: "", classYear: "", needsActionOnly: false, mineOnly: false };

/** The direction a column starts in: names and years A to Z, the newest activity and the most lists first. */
const FIRST_DIRECTION: Record<StudentRosterSort, SortDirection> = {
  NAME: "ASC",
  CLASS_YEAR: "ASC",
  LAST_ACTIVITY: "DESC",
  NEEDS_ACTION: "DESC",
};

/** Choosing a column: the same column turns around, another starts in its natural direction. */
export function nextSort(current: RosterSort, column: StudentRosterSort): RosterSort {
  if (current.sort === column) return { sort: column, direction: current.direction === "ASC" ? "DESC" : "ASC" };
  return { sort: column, direction: FIRST_DIRECTION[column] };
}

/** The header's aria-sort: only the sorted column carries one. */
export function ariaSort(current: RosterSort, column: StudentRosterSort): "ascending" | "descending" | undefined {
  if (current.sort !== column) return undefined;
  return current.direction === "ASC" ? "ascending" : "descending";
}

/** The query's variables; "my caseload" needs the viewer's advisor membership, and is ignored without one. */
export function rosterVariables(filters: RosterFilters, order: RosterSort, ownAdvisorId: string | null, first: number) {
  const year = Number.parseInt(filters.classYear, 10);
  return {
    first,
    sort: order.sort,
    direction: order.direction,
    search: filters.search.trim() || null,
    classYear: Number.isInteger(year) ? year : null,
    needsActionOnly: filters.needsActionOnly,
    advisorMembershipId: filters.mineOnly && ownAdvisorId ? ownAdvisorId : null,
  };
}

/** Whether any filter narrows the list (for the empty state's words). */
export const isFiltered = (filters: RosterFilters): boolean =>
  filters.search.trim() !== "" || filters.classYear !== "" || filters.needsActionOnly || filters.mineOnly;

/** The lists in the dashboard's order, so a row's badges always read the same way. */
export const NEEDS_ACTION_ORDER: StudentNeedsAction[] = ["REQUEST_EXPIRING", "THANK_YOU_OVERDUE", "MEETING_UNSETTLED", "INACTIVE"];

export function orderedNeeds(kinds: readonly StudentNeedsAction[]): StudentNeedsAction[] {
  return NEEDS_ACTION_ORDER.filter((k) => kinds.includes(k));
}
