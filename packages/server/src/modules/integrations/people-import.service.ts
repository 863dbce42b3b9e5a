import { randomUUID } from "node:crypto";
import { badInput } from "../../graphql/errors";
import { eventBus } from "../notifications/pubsub";
import { isUuid } from "../profiles/cursor-pagination";
import { CsvSyntaxError, parseCsv } from "./csv-parse";
import { bulkTooLarge, csvInvalid } from "./integrations.errors";
import type { PeopleUpsertService } from "./people-upsert.service";
import { MAX_UPSERT_ROWS } from "./people-upsert.service";
import type { PersonKind, UpsertResult } from "./people.types";
import { importTopic, type ImportProgressEvent } from "./people-import.topics";
import { validatePeople, type PersonRowInput } from "./people-validation";

/** Rows written per transaction during an import; progress is published after each. */
export const IMPORT_CHUNK_ROWS = 5_000;

/** Header names accepted for each field: case, spaces, dashes and underscores are ignored. */
const COLUMNS: Record<string, keyof PersonRowInput> = {
  externalid: "externalId",
  id: "externalId",
  email: "email",
  displayname: "displayName",
  name: "displayName",
  classyear: "classYear",
  major: "major",
  employer: "employer",
  title: "title",
  jobtitle: "title",
};
const REQUIRED: Array<keyof PersonRowInput> = ["externalId", "email", "displayName"];

/**
 * CSV import for admins, on the same path as the bulk upserts: the whole file is parsed and validated
 * first (so duplicates across the file are found), then the good rows are written in chunks, each in its
 * own transaction, with progress published after each on importProgress(importId).
 */
export class PeopleImportService {
  constructor(private readonly people: PeopleUpsertService) {}

  async importCsv(
    institutionId: string,
    kind: PersonKind,
    csv: string,
    importId: string = randomUUID(),
  ): Promise<UpsertResult & { importId: string; total: number }> {
    if (!isUuid(importId)) throw badInput([{ field: "importId", message: "Use a UUID." }]);
    const inputs = this.read(kind, csv);
    if (inputs.length > MAX_UPSERT_ROWS) throw bulkTooLarge(MAX_UPSERT_ROWS);
    const lineOf = (index: number) => index + 2;
    const { valid, errors } = validatePeople(kind, inputs, lineOf);
    const result: UpsertResult = { created: 0, updated: 0, unchanged: 0, errors };
    const progress = (processed: number, done: boolean): ImportProgressEvent => ({
      importId,
      kind,
      total: inputs.length,
      processed,
      created: result.created,
      updated: result.updated,
      unchanged: result.unchanged,
      failed: result.errors.length,
      done,
    });
    const publish = (event: ImportProgressEvent) => eventBus.pubSub.publish(importTopic(institutionId, importId), event as never);
    let processed = inputs.length - valid.length;
    publish(progress(processed, valid.length === 0));
    for (let start = 0; start < valid.length; start += IMPORT_CHUNK_ROWS) {
      const chunk = valid.slice(start, start + IMPORT_CHUNK_ROWS);
      const part = await this.people.upsert(institutionId, kind, chunk, (i) => chunk[i].row);
      result.created += part.created;
      result.updated += part.updated;
      result.unchanged += part.unchanged;
      result.errors.push(...part.errors);
      processed += chunk.length;
      publish(progress(processed, start + IMPORT_CHUNK_ROWS >= valid.length));
    }
    result.errors.sort((a, b) => a.row - b.row);
    return { ...result, importId, total: inputs.length };
  }

  private read(kind: PersonKind, csv: string): PersonRowInput[] {
    let records: string[][];
    try {
      records = parseCsv(csv);
    } catch (error) {
      if (error instanceof CsvSyntaxError) throw csvInvalid(`The file is not valid CSV (${error.message}).`);
      throw error;
    }
    const [header, ...rows] = records;
    if (!header) throw csvInvalid("The file is empty.");
    const fields = header.map((h) => COLUMNS[h.toLowerCase().replace(/[\s_-]/g, "")]);
    const unknown = header.filter((_, i) => !fields[i] || (kind === "STUDENT" && (fields[i] === "employer" || fields[i] === "title")));
    if (unknown.length > 0)
      throw csvInvalid(
        `Unknown column(s): ${unknown.join(", ")}. Use externalId, email, displayName, classYear, major${kind === "ALUMNUS" ? ", employer, title" : ""}.`,
      );
    const missing = REQUIRED.filter((f) => !fields.includes(f));
    if (missing.length > 0) throw csvInvalid(`Missing column(s): ${missing.join(", ")}.`);
    return rows.map((cells) => Object.fromEntries(fields.map((f, i) => [f, cells[i] ?? ""])) as PersonRowInput);
  }
}
