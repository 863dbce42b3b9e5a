import { hasRole, type Viewer } from "../../auth/viewer";

/**
 * The smallest group a report cell may describe for readers below admin (advisors and `reports:read` API keys): a
 * cell with 1 to MINIMUM_GROUP_SIZE - 1 distinct students in either period is suppressed, so no single student can be
 * picked out. A constant for now; an institution setting can replace it without changing the API (minimumGroupSize
 * is returned). See docs/decisions/0023-report-suppression-and-graduation.md.
 */
export const MINIMUM_GROUP_SIZE = 5;

/** Who reads a report: a signed-in person, or an institution's API key holding `reports:read`. */
export type ReportReader = Viewer | ApiKeyReader;
export interface ApiKeyReader {
  apiKeyId: string;
  institutionId: string;
}

export function isApiKeyReader(reader: ReportReader): reader is ApiKeyReader {
  return "apiKeyId" in reader;
}

/** Admins see every cell; advisors and API keys only cells of groups large enough (with complementary suppression). */
export function seesSmallGroups(reader: ReportReader): boolean {
  return !isApiKeyReader(reader) && hasRole(reader, "ADMIN");
}

/** A count that could point at a few students: more than none, fewer than the minimum. */
export const tooSmall = (students: number, minimum = MINIMUM_GROUP_SIZE): boolean => students > 0 && students < minimum;

/** Whether a row with these distinct-student counts may be shown to a reader below admin. */
export function largeEnough(studentsCurrent: number, studentsPrevious: number, minimum = MINIMUM_GROUP_SIZE): boolean {
  return !tooSmall(studentsCurrent, minimum) && !tooSmall(studentsPrevious, minimum);
}

/** Distinct students behind one cell, in the current and the previous period. */
export interface CellSize {
  current: number;
  previous: number;
}

export interface Suppression {
  /** Indexes of the cells to hide, the small ones and their complements. */
  hidden: Set<number>;
  /** Whether the total is hidden too. */
  totalHidden: boolean;
}

/**
 * Which cells of a table (and whether its total) a reader below admin may not see.
 *
 * Primary suppression: the total and every cell with too few students in either period. Complementary suppression,
 * when the cells add up to the total (`additive`: each fact falls in exactly one cell): the total minus the visible
 * cells gives the sum of the hidden ones, so while the hidden cells could be told apart — a single hidden cell, or
 * hidden cells whose students together are too few in either period — the next smallest visible cell is hidden as
 * well (empty cells do not count); when none is left, the total is hidden. A hidden total cannot be subtracted from, so it needs no complement.
 */
export function suppress(
  total: CellSize | null,
  cells: CellSize[],
  additive: boolean,
  minimum = MINIMUM_GROUP_SIZE,
  alreadyHidden: Iterable<number> = [],
): Suppression {
  const small = (c: CellSize) => tooSmall(c.current, minimum) || tooSmall(c.previous, minimum);
  let totalHidden = total !== null && small(total);
  const hidden = new Set<number>(alreadyHidden);
  cells.forEach((c, i) => {
    if (small(c)) hidden.add(i);
  });
  if (!additive || totalHidden || hidden.size === 0) return { hidden, totalHidden };
  const sum = (key: keyof CellSize) => [...hidden].reduce((s, i) => s + cells[i][key], 0);
  while (hidden.size === 1 || tooSmall(sum("current"), minimum) || tooSmall(sum("previous"), minimum)) {
    let next = -1;
    cells.forEach((c, i) => {
      // An empty cell hides nothing: hiding it would not blur the subtraction.
      if (hidden.has(i) || c.current + c.previous === 0) return;
      if (next < 0 || c.current + c.previous < cells[next].current + cells[next].previous) next = i;
    });
    if (next < 0) {
      totalHidden = total !== null;
      break;
    }
    hidden.add(next);
  }
  return { hidden, totalHidden };
}

/** What a reader below admin may see of a table compared across two periods, each period judged on its own. */
export interface PeriodSuppression {
  /** Rows left out: hidden in the current period (what the table is about). */
  rowsHidden: Set<number>;
  /** Rows shown whose previous period is withheld (its numbers null). */
  previousHidden: Set<number>;
  currentTotalHidden: boolean;
  previousTotalHidden: boolean;
}

/**
 * Suppression per period: a period with too few students behind it is withheld without taking the other period with it
 * (early in a month, this month's funnel may be withheld while last month's stays readable). The current period decides
 * which rows are shown; in the previous period the rows left out count as hidden too, so its complementary suppression
 * also keeps them from being derived as the previous total minus the previous numbers shown.
 */
export function suppressByPeriod(
  total: CellSize | null,
  cells: CellSize[],
  additive: boolean,
  minimum = MINIMUM_GROUP_SIZE,
): PeriodSuppression {
  const only =
    (key: keyof CellSize) =>
    (c: CellSize): CellSize => ({ current: c[key], previous: 0 });
  const current = suppress(total && only("current")(total), cells.map(only("current")), additive, minimum);
  const previous = suppress(total && only("previous")(total), cells.map(only("previous")), additive, minimum, current.hidden);
  return {
    rowsHidden: current.hidden,
    previousHidden: new Set([...previous.hidden].filter((i) => !current.hidden.has(i))),
    currentTotalHidden: current.totalHidden,
    previousTotalHidden: previous.totalHidden,
  };
}
