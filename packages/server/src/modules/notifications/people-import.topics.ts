/** Which roster an import writes to (integrations' PersonKind). */
type PersonKind = "STUDENT" | "ALUMNUS";

/** What importProgress publishes (kept apart from the service so resolvers import no database code). */
export interface ImportProgressEvent {
  importId: string;
  kind: PersonKind;
  total: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  done: boolean;
}

export const IMPORT_TOPIC_PREFIX = "PEOPLE_IMPORT:";
export const importTopic = (institutionId: string, importId: string) => `${IMPORT_TOPIC_PREFIX}${institutionId}:${importId}`;

/** Whether a payload that came through NOTIFY really is a progress event (the other processes trust nothing else). */
export function isImportProgressEvent(value: unknown): value is ImportProgressEvent {
  const e = value as Record<string, unknown> | null;
  return (
    typeof e === "object" &&
    e !== null &&
    typeof e.importId === "string" &&
    (e.kind === "STUDENT" || e.kind === "ALUMNUS") &&
    ["total", "processed", "created", "updated", "unchanged", "failed"].every((k) => Number.isInteger(e[k])) &&
    typeof e.done === "boolean"
  );
}
