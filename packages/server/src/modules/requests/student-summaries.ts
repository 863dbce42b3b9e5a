import type { EntityManager } from "typeorm";
import type { StudentSummary } from "./requests.types";

/** How long the inbox's snippet of the student's message may be, in characters. */
export const SNIPPET_LENGTH = 160;

/**
 * The start of a message for a list: whitespace folded, at most `max` characters, cut after the last whole word
 * that fits (or mid-word when a single word is longer), with "…" when something was cut.
 */
export function messageSnippet(message: string, max = SNIPPET_LENGTH): string {
  const text = message.replace(/\s+/g, " ").trim();
  if (text.length <= max) return text;
  const room = text.slice(0, max);
  const space = room.lastIndexOf(" ");
  const cut = (space > 0 && text[max] !== " " ? room.slice(0, space) : room).replace(/[\s,.;:!?-]+$/, "");
  return `${cut}…`;
}

/**
 * The summary of the student of each request id, from their profile, where the FERPA directory block allows it: a
 * blocked student's only on a request sent with their explicit consent (directory_consent_at; ADR 0023). Requests
 * whose student has no profile, or is blocked without that consent, are absent from the map. One query per batch.
 */
export async function summariesByRequest(
  m: EntityManager,
  institutionId: string,
  requestIds: string[],
): Promise<Map<string, StudentSummary>> {
  if (requestIds.length === 0) return new Map();
  const rows: Array<StudentSummary & { id: string }> = await m.query(
    `SELECT r.id, p.major, p.class_year AS "classYear",
            coalesce((SELECT array_agg(cf.name ORDER BY array_position(p.fields, cf.id)) FROM career_fields cf WHERE cf.id = ANY(p.fields)), '{}') AS fields
       FROM interview_requests r
       JOIN student_profiles p ON p.institution_id = r.institution_id AND p.membership_id = r.student_id
      WHERE r.id = ANY($1::uuid[]) AND r.institution_id = $2
        AND (NOT p.directory_block OR r.directory_consent_at IS NOT NULL)`,
    [requestIds, institutionId],
  );
  return new Map(rows.map(({ id, ...summary }) => [id, summary]));
}
