import { normalizeEmail } from "../accounts";
import type { PersonKind, RowError } from "./people.types";

/** What a caller sends for one person: the GraphQL input, or a CSV record with the same names. */
export interface PersonRowInput {
  externalId?: unknown;
  email?: unknown;
  displayName?: unknown;
  classYear?: unknown;
  major?: unknown;
  employer?: unknown;
  title?: unknown;
  directoryBlock?: unknown;
}

/** A row that passed validation. Optional profile fields are undefined when they are to be left as they are. */
export interface PersonRow {
  row: number;
  externalId: string;
  email: string;
  displayName: string;
  classYear?: number;
  major?: string;
  employer?: string;
  title?: string;
  /** Students only: the FERPA directory block; undefined to leave it as it is. */
  directoryBlock?: boolean;
}

const EXTERNAL_ID = /^[\x21-\x7e]{1,100}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TEXT_FIELDS = { major: 200, employer: 200, title: 200 } as const;

const text = (value: unknown): string | undefined => (value == null ? undefined : String(value).trim() || undefined);

/**
 * Checks every row on its own and reports each problem with its row number; a row with any problem is
 * left out whole. Duplicates within the batch (same external id or email) keep the first and report the rest.
 */
export function validatePeople(
  kind: PersonKind,
  rows: PersonRowInput[],
  rowNumber = (index: number) => index,
): { valid: PersonRow[]; errors: RowError[] } {
  const valid: PersonRow[] = [];
  const errors: RowError[] = [];
  const seenIds = new Set<string>();
  const seenEmails = new Set<string>();
  rows.forEach((input, index) => {
    const row = rowNumber(index);
    const externalId = text(input.externalId);
    const problems: RowError[] = [];
    const problem = (field: string, code: string, message: string) =>
      problems.push({ row, externalId: externalId ?? null, field, code, message });

    if (!externalId) problem("externalId", "REQUIRED", "Give the institution's id for this person.");
    else if (externalId.length > 100) problem("externalId", "TOO_LONG", "Use at most 100 characters.");
    else if (!EXTERNAL_ID.test(externalId)) problem("externalId", "INVALID", "Use printable characters without spaces.");

    const rawEmail = text(input.email);
    const email = rawEmail ? normalizeEmail(rawEmail) : undefined;
    if (!email) problem("email", "REQUIRED", "Give an email address.");
    else if (email.length > 254) problem("email", "TOO_LONG", "Use at most 254 characters.");
    else if (!EMAIL.test(email)) problem("email", "INVALID", "This is not a valid email address.");

    const displayName = text(input.displayName);
    if (!displayName) problem("displayName", "REQUIRED", "Give the person's name.");
    else if (displayName.length > 120) problem("displayName", "TOO_LONG", "Use at most 120 characters.");

    let classYear: number | undefined;
    const year = text(input.classYear);
    if (year !== undefined) {
      classYear = Number(year);
      if (!/^\d{4}$/.test(year) || classYear < 1900 || classYear > 2100)
        problem("classYear", "OUT_OF_RANGE", "Use a year between 1900 and 2100.");
    }
    const extra: Partial<Record<keyof typeof TEXT_FIELDS, string>> = {};
    for (const [field, max] of Object.entries(TEXT_FIELDS) as Array<[keyof typeof TEXT_FIELDS, number]>) {
      if (kind === "STUDENT" && field !== "major") continue;
      const value = text(input[field]);
      if (value !== undefined && value.length > max) problem(field, "TOO_LONG", `Use at most ${max} characters.`);
      extra[field] = value;
    }

    // A boolean from the API; from a CSV file true/false, yes/no, y/n or 1/0 (any case); empty leaves it as it is.
    let directoryBlock: boolean | undefined;
    if (kind === "STUDENT" && input.directoryBlock != null) {
      if (typeof input.directoryBlock === "boolean") directoryBlock = input.directoryBlock;
      else {
        const flag = String(input.directoryBlock).trim().toLowerCase();
        if (["true", "yes", "y", "1"].includes(flag)) directoryBlock = true;
        else if (["false", "no", "n", "0"].includes(flag)) directoryBlock = false;
        else if (flag !== "") problem("directoryBlock", "INVALID", "Use true or false (yes/no, 1/0).");
      }
    }

    if (problems.length === 0 && externalId && email && displayName) {
      if (seenIds.has(externalId)) problem("externalId", "DUPLICATE_IN_BATCH", "This external id appears earlier in the same batch.");
      else if (seenEmails.has(email)) problem("email", "DUPLICATE_IN_BATCH", "This email appears earlier in the same batch.");
    }
    if (problems.length > 0) {
      errors.push(...problems);
      return;
    }
    seenIds.add(externalId!);
    seenEmails.add(email!);
    valid.push({ row, externalId: externalId!, email: email!, displayName: displayName!, classYear, ...extra, directoryBlock });
  });
  return { valid, errors };
}
