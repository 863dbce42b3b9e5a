/** Deactivating and reactivating people: what a result means, in words for the admin. */

export type StatusAction = "deactivate" | "reactivate";

/** Someone the server did not change, and why. */
export interface NotChanged {
  membershipId: string;
  displayName: string;
  message: string;
}

interface Named {
  membershipId: string;
  displayName: string;
}

interface StatusResult {
  changed: number;
  unchanged: number;
  requestsClosed: number;
  errors: ReadonlyArray<{ row: number; code: string; message: string }>;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const REASONS: Record<string, string> = {
  NOT_FOUND: "they are no longer a student or alum of this institution. Reload the page to see the current list.",
  DUPLICATE_IN_BATCH: "they were listed twice.",
};

/** The sentence to announce after a deactivation or reactivation, and who (if anyone) was not changed. */
export function describeStatusResult(
  action: StatusAction,
  people: readonly Named[],
  result: StatusResult,
): { message: string; notChanged: NotChanged[] } {
  const notChanged = result.errors.map((e) => {
    const person = people[e.row];
    return {
      membershipId: person?.membershipId ?? `row-${e.row}`,
      displayName: person?.displayName ?? `Person ${e.row + 1}`,
      message: REASONS[e.code] ?? e.message,
    };
  });
  const done = action === "deactivate" ? "deactivated" : "reactivated";
  const closed =
    result.requestsClosed > 0
      ? ` ${plural(result.requestsClosed, "open request was", "open requests were")} closed and the other side told.`
      : "";

  if (people.length === 1) {
    const name = people[0].displayName;
    if (notChanged.length) return { message: `${name} was not ${done}: ${notChanged[0].message}`, notChanged };
    if (result.unchanged) return { message: `${name} was already ${action === "deactivate" ? "deactivated" : "active"}.`, notChanged };
    return {
      message:
        action === "deactivate"
          ? `${name} is deactivated: they can no longer sign in.${closed}`
          : `${name} is reactivated and can sign in again.`,
      notChanged,
    };
  }

  const parts = [`${plural(result.changed, "person", "people")} ${done}.`];
  if (result.unchanged)
    parts.push(`${plural(result.unchanged, "was", "were")} already ${action === "deactivate" ? "deactivated" : "active"}.`);
  if (closed) parts.push(closed.trim());
  if (notChanged.length) parts.push(`${plural(notChanged.length, "person was", "people were")} not changed: see the list.`);
  return { message: parts.join(" "), notChanged };
}
