import { badInput } from "../graphql/errors";
import { isStorableText } from "../graphql/input-checks";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string): boolean => UUID.test(value);

/** A position in a list sorted by (key, id). Opaque to clients: they only pass it back. */
export interface Cursor {
  key: string;
  id: string;
}

export const encodeCursor = (cursor: Cursor): string => Buffer.from(JSON.stringify([cursor.key, cursor.id])).toString("base64url");

export function decodeCursor(value: string | null | undefined): Cursor | null {
  if (value == null || value === "") return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === "string" &&
      // The key goes to SQL: a forged cursor must not smuggle in what PostgreSQL cannot store (ADR 0017).
      isStorableText(parsed[0]) &&
      typeof parsed[1] === "string" &&
      isUuid(parsed[1])
    ) {
      return { key: parsed[0], id: parsed[1] };
    }
  } catch {
    // Falls through to the same error as a well-formed but wrong cursor.
  }
  throw badInput([{ field: "after", message: "This cursor is not valid. Start again without `after`." }]);
}

/** A page of edges with their cursors. Callers fetch first + 1 rows to learn whether there is a next page. */
export function toPage<R, N>(rows: R[], hasNextPage: boolean, cursorOf: (row: R) => Cursor, nodeOf: (row: R) => N) {
  const edges = rows.map((row) => ({ cursor: encodeCursor(cursorOf(row)), node: nodeOf(row) }));
  return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** `%text%` for ILIKE, with the pattern characters in the text taken literally. */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
