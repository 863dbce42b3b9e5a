import type { EntityManager } from "typeorm";
import { sqlRows } from "../../db/sql";
import { purgeAuditLog } from "../audit";

/**
 * An institution's retention rules (issue 13, ADR 0027). Null keeps forever; the audit log always has a term.
 * Stored on `institutions` (migration 1795305603600): retention_deactivated_months, retention_messages_years,
 * retention_delivered_days, audit_retention_years.
 */
export interface RetentionRules {
  deactivatedMonths: number | null;
  messagesYears: number | null;
  deliveredDays: number | null;
  auditYears: number;
}

/** What retention removes, kind by kind (the GraphQL enum RetentionKind). */
export const RETENTION_KINDS = [
  "DEACTIVATED_PEOPLE",
  "REQUEST_MESSAGES",
  "NOTES",
  "OUTBOX_ROWS",
  "WEBHOOK_DELIVERIES",
  "AUDIT_ENTRIES",
] as const;
export type RetentionKindName = (typeof RETENTION_KINDS)[number];

export interface RetentionCount {
  kind: RetentionKindName;
  count: number;
  /** The oldest date among what goes (deactivation, request, note, delivery or entry date), or null when nothing does. */
  oldest: Date | null;
}

export const ERASED_TEXT = "[erased]";

/**
 * Each rule: which rows are past their age (`candidates`, a SELECT of `id` and `at`, the date the age is measured
 * from, with $1 the institution and $2 the rule's number), and what happens to them (`apply`, given the candidates'
 * ids as $2). A row already done is not a candidate again, so a second run does nothing.
 */
interface Rule {
  kind: Exclude<RetentionKindName, "DEACTIVATED_PEOPLE" | "AUDIT_ENTRIES">;
  setting: "messagesYears" | "deliveredDays";
  candidates: string;
  apply: string[];
}

/** A reason in the request's history (withdrawn, cancelled, rescheduled, did not come) that is still there. */
const EVENT_REASON_LEFT = `EXISTS (SELECT 1 FROM request_events e
  WHERE e.institution_id = r.institution_id AND e.request_id = r.id AND e.reason IS NOT NULL)`;

const CUSTOM_QUESTION_LEFT = `EXISTS (SELECT 1 FROM request_questions q
  WHERE q.institution_id = r.institution_id AND q.request_id = r.id AND q.bank_id IS NULL AND q.text <> '${ERASED_TEXT}')`;

const RULES: Rule[] = [
  {
    // What either side wrote on the request: the student's message and own questions, the decline and closing
    // reasons, the reasons in its history, the thank-you's text, needs said in their own words. Replaced or emptied;
    // the request and its facts (states, dates, counts) stay for reports.
    kind: "REQUEST_MESSAGES",
    setting: "messagesYears",
    candidates: `SELECT r.id::text AS id, r.created_at AS at FROM interview_requests r
                  WHERE r.institution_id = $1 AND r.created_at < now() - make_interval(years => $2)
                    AND (r.message <> '${ERASED_TEXT}' OR r.decline_reason IS NOT NULL OR r.close_reason IS NOT NULL
                         OR ${CUSTOM_QUESTION_LEFT} OR ${EVENT_REASON_LEFT}
                         OR EXISTS (SELECT 1 FROM follow_ups f WHERE f.institution_id = r.institution_id AND f.request_id = r.id
                                      AND f.thank_you_text IS NOT NULL)
                         OR EXISTS (SELECT 1 FROM request_accommodations a WHERE a.institution_id = r.institution_id
                                      AND a.request_id = r.id AND a.other_text <> '${ERASED_TEXT}'))`,
    apply: [
      `UPDATE interview_requests SET message = '${ERASED_TEXT}', decline_reason = NULL, close_reason = NULL
        WHERE institution_id = $1 AND id = ANY($2::uuid[])`,
      `UPDATE request_questions SET text = '${ERASED_TEXT}'
        WHERE institution_id = $1 AND request_id = ANY($2::uuid[]) AND bank_id IS NULL AND text <> '${ERASED_TEXT}'`,
      `UPDATE follow_ups SET thank_you_text = NULL
        WHERE institution_id = $1 AND request_id = ANY($2::uuid[]) AND thank_you_text IS NOT NULL`,
      // A need said in their own words stays a need ("something else"), its words replaced.
      `UPDATE request_accommodations SET other_text = '${ERASED_TEXT}'
        WHERE institution_id = $1 AND request_id = ANY($2::uuid[]) AND other_text <> '${ERASED_TEXT}'`,
      // The history is append-only for the app role: its reasons go through the one function allowed to empty them.
      `SELECT retain_request_event_reasons($1, $2::uuid[])`,
    ],
  },
  {
    // A student's conversation notes, by when they were last written: the texts go, the note (shared or not) stays.
    kind: "NOTES",
    setting: "messagesYears",
    candidates: `SELECT request_id::text AS id, updated_at AS at FROM conversation_notes
                  WHERE institution_id = $1 AND updated_at < now() - make_interval(years => $2)
                    AND (advice <> '' OR takeaways <> '' OR cardinality(new_questions) > 0)`,
    apply: [
      `UPDATE conversation_notes SET advice = '', takeaways = '', new_questions = '{}'
        WHERE institution_id = $1 AND request_id = ANY($2::uuid[])`,
    ],
  },
  {
    // Delivered outbox rows (their per-recipient delivery records go with them, ON DELETE CASCADE).
    kind: "OUTBOX_ROWS",
    setting: "deliveredDays",
    candidates: `SELECT id::text AS id, delivered_at AS at FROM outbox
                  WHERE institution_id = $1 AND delivered_at IS NOT NULL AND delivered_at < now() - make_interval(days => $2)`,
    apply: [`DELETE FROM outbox WHERE institution_id = $1 AND id = ANY($2::bigint[]) AND delivered_at IS NOT NULL`],
  },
  {
    // Webhook deliveries that are finished (delivered, or failed for good); pending ones are never purged.
    kind: "WEBHOOK_DELIVERIES",
    setting: "deliveredDays",
    candidates: `SELECT id::text AS id, coalesce(delivered_at, last_attempt_at, created_at) AS at FROM webhook_deliveries
                  WHERE institution_id = $1 AND state IN ('DELIVERED', 'FAILED')
                    AND coalesce(delivered_at, last_attempt_at, created_at) < now() - make_interval(days => $2)`,
    apply: [`DELETE FROM webhook_deliveries WHERE institution_id = $1 AND id = ANY($2::uuid[]) AND state <> 'PENDING'`],
  },
];

export interface RetentionPass {
  counts: RetentionCount[];
  /** The memberships deactivated past the rule, oldest first: erased by the caller, one erasure each (ADR 0022). */
  peopleToErase: string[];
}

function countOf(kind: RetentionKindName, rows: Array<{ at: Date }>): RetentionCount {
  const oldest = rows.reduce<Date | null>((min, r) => (min === null || r.at < min ? r.at : min), null);
  return { kind, count: rows.length, oldest };
}

/**
 * Applies an institution's rules inside the caller's tenant transaction — or, with `dryRun`, only finds what they
 * would remove. The job and the preview both come here, so the preview is what the job then does. Every statement
 * names the institution, and row-level security keeps the transaction inside its own institution as well.
 * People are only listed here: erasing one is its own transaction (PrivacyService.erase).
 */
export async function applyRetentionRules(
  m: EntityManager,
  institutionId: string,
  rules: RetentionRules,
  dryRun: boolean,
): Promise<RetentionPass> {
  const counts: RetentionCount[] = [];
  let peopleToErase: string[] = [];
  if (rules.deactivatedMonths) {
    const people = await sqlRows<{ id: string; at: Date }>(
      m,
      `SELECT id::text AS id, deactivated_at AS at FROM memberships
        WHERE institution_id = $1 AND erased_at IS NULL AND deactivated_at IS NOT NULL
          AND deactivated_at < now() - make_interval(months => $2)
        ORDER BY deactivated_at, id`,
      [institutionId, rules.deactivatedMonths],
    );
    peopleToErase = people.map((p) => p.id);
    counts.push(countOf("DEACTIVATED_PEOPLE", people));
  } else counts.push(countOf("DEACTIVATED_PEOPLE", []));

  for (const rule of RULES) {
    const age = rules[rule.setting];
    if (!age) {
      counts.push(countOf(rule.kind, []));
      continue;
    }
    const rows = await sqlRows<{ id: string; at: Date }>(m, rule.candidates, [institutionId, age]);
    if (!dryRun && rows.length > 0) {
      for (const sql of rule.apply) await m.query(sql, [institutionId, rows.map((r) => r.id)]);
    }
    counts.push(countOf(rule.kind, rows));
  }

  // The audit log leaves only through purge_audit_log (ADR 0019), which reads the term from the institution's row.
  const audit = await sqlRows<{ n: string; oldest: Date | null }>(
    m,
    `SELECT count(*) AS n, min(occurred_at) AS oldest FROM audit_log
      WHERE institution_id = $1 AND occurred_at < now() - make_interval(years => $2)`,
    [institutionId, rules.auditYears],
  );
  let purged = Number(audit[0].n);
  if (!dryRun && purged > 0) purged = await purgeAuditLog(m, institutionId);
  counts.push({ kind: "AUDIT_ENTRIES", count: purged, oldest: purged > 0 ? audit[0].oldest : null });
  return { counts, peopleToErase };
}
