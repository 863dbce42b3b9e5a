import { t, type MessageId } from "../../i18n";

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

const REASONS: Record<string, MessageId> = {
  NOT_FOUND: "admin.status.notFound",
  DUPLICATE_IN_BATCH: "admin.status.duplicate",
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
      displayName: person?.displayName ?? t("admin.status.person", { n: e.row + 1 }),
      message: REASONS[e.code] ? t(REASONS[e.code]) : e.message,
    };
  });
  const closed = result.requestsClosed > 0 ? t("admin.status.requestsClosed", { count: result.requestsClosed }) : "";

  if (people.length === 1) {
    const name = people[0].displayName;
    if (notChanged.length) return { message: t("admin.status.oneNotChanged", { name, action, reason: notChanged[0].message }), notChanged };
    if (result.unchanged) return { message: t("admin.status.oneAlready", { name, action }), notChanged };
    return {
      message:
        action === "deactivate"
          ? [t("admin.status.oneDeactivated", { name }), closed].filter(Boolean).join(" ")
          : t("admin.status.oneReactivated", { name }),
      notChanged,
    };
  }

  const parts = [t("admin.status.manyChanged", { count: result.changed, action })];
  if (result.unchanged) parts.push(t("admin.status.manyAlready", { count: result.unchanged, action }));
  if (closed) parts.push(closed);
  if (notChanged.length) parts.push(t("admin.status.manyNotChanged", { count: notChanged.length }));
  return { message: parts.join(" "), notChanged };
}
