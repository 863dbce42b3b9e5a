import { randomUUID } from "node:crypto";
import type { AuditActor } from "../audit";
import { badInput } from "../../graphql/errors";
import type { DataSource } from "typeorm";
import { eventBus, type EventBus } from "../notifications";
import { isUuid } from "../../shared/cursor-pagination";
import { CsvSyntaxError, parseCsv } from "./csv-parse";
import { bulkTooLarge, csvInvalid } from "./integrations.errors";
import type { PeopleUpsertService } from "./people-upsert.service";
import { MAX_UPSERT_ROWS } from "./people-upsert.service";
import type { PersonKind, UpsertResult } from "./people.types";
import { importTopic, type ImportProgressEvent } from "../notifications";
import { validatePeople, type PersonRowInput } from "./people-validation";

/** Rows written per transaction during an import; progress is published after each. */
export const IMPORT_CHUNK_ROWS = 5_000;

/** Progress reaches other server processes (NOTIFY) at most this often, and always at the end. */
export const IMPORT_NOTIFY_EVERY_MS = 250;

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
  directoryblock: "directoryBlock",
  ferpablock: "directoryBlock",
};
const REQUIRED: Array<keyof PersonRowInput> = ["externalId", "email", "displayName"];

/**
 * CSV import for admins, on the same path as the bulk upserts: the whole file is parsed and validated
 * first (so duplicates across the file are found), then the good rows are written in chunks, each in its
 * own transaction, with progress published after each on importProgress(importId).
 */
export class PeopleImportService {
  constructor(
    private readonly people: PeopleUpsertService,
    private readonly deps: {
      dataSource: DataSource;
      bus?: EventBus;
      notifyEveryMs?: number;
      now?: () => number;
    },
  ) {}

  /**
   * Progress goes to this process's subscribers every time, and to the other processes' (PostgreSQL NOTIFY,
   * like every real-time event) throttled: at most every notifyEveryMs, plus the last event, so a large
   * import sends a handful of notifications, not thousands. A failed NOTIFY never fails the import.
   */
  private progressPublisher(topic: string) {
    const bus = this.deps.bus ?? eventBus;
    const every = this.deps.notifyEveryMs ?? IMPORT_NOTIFY_EVERY_MS;
    const now = this.deps.now ?? Date.now;
    let last = -Infinity;
    return async (event: ImportProgressEvent): Promise<void> => {
      bus.publishTopicLocal(topic, event);
      const t = now();
      if (!event.done && t - last < every) return;
      last = t;
      await bus.notifyOthersOfTopic(this.deps.dataSource, topic, event).catch(() => {});
    };
  }

  async importCsv(
    institutionId: string,
    kind: PersonKind,
    csv: string,
    importId: string = randomUUID(),
    actor: AuditActor = { kind: "SYSTEM" },
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
    const publish = this.progressPublisher(importTopic(institutionId, importId));
    let processed = inputs.length - valid.length;
    await publish(progress(processed, valid.length === 0));
    for (let start = 0; start < valid.length; start += IMPORT_CHUNK_ROWS) {
      const chunk = valid.slice(start, start + IMPORT_CHUNK_ROWS);
      const part = await this.people.upsert(institutionId, kind, chunk, (i) => chunk[i].row, {
        analyze: false,
        // Each chunk commits on its own, so each records itself: the import's id ties them together.
        audit: { actor, action: "people.imported", details: { importId, total: inputs.length } },
      });
      result.created += part.created;
      result.updated += part.updated;
      result.unchanged += part.unchanged;
      result.errors.push(...part.errors);
      processed += chunk.length;
      await publish(progress(processed, start + IMPORT_CHUNK_ROWS >= valid.length));
    }
    result.errors.sort((a, b) => a.row - b.row);
    await this.people.analyzeAfterBulk(institutionId, result.created + result.updated);
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
    const unknown = header.filter(
      (_, i) =>
        !fields[i] ||
        (kind === "STUDENT" && (fields[i] === "employer" || fields[i] === "title")) ||
        (kind === "ALUMNUS" && fields[i] === "directoryBlock"),
    );
    if (unknown.length > 0)
      throw csvInvalid(
        `Unknown column(s): ${unknown.join(", ")}. Use externalId, email, displayName, classYear, major${kind === "ALUMNUS" ? ", employer, title" : ", directoryBlock"}.`,
      );
    const missing = REQUIRED.filter((f) => !fields.includes(f));
    if (missing.length > 0) throw csvInvalid(`Missing column(s): ${missing.join(", ")}.`);
    return rows.map((cells) => Object.fromEntries(fields.map((f, i) => [f, cells[i] ?? ""])) as PersonRowInput);
  }
}
