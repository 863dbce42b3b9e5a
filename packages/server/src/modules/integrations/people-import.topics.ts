import type { PersonKind } from "./people.types";

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

export const importTopic = (institutionId: string, importId: string) => `PEOPLE_IMPORT:${institutionId}:${importId}`;
