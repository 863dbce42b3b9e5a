/**
 * The advisors' students table as one statement (docs/reports.md, Students table): every student of the institution
 * with the needs-action lists they are on, their last activity and class year (only while they share with advisors),
 * filtered, sorted and cut at the page. The lists' students are found set-based, one indexed scan per rule
 * (needs-action-rules.ts), and the last activity is read from student_activity, kept exact by triggers
 * (migration 1795305601600-ReportSpeed), so the statement does not grow with the number of requests.
 */
import { NEEDS_ACTION_RULES as RULE } from "./needs-action-rules";
import { nameOf, onCaseload } from "./report-sql";
import { SortDirection, StudentNeedsAction as K, StudentRosterSort } from "./student-roster.types";

/** The value a sort compares (null: unknown or not shared), from the `shown` rows below. */
const SORT_VALUE: Record<StudentRosterSort, string> = {
  [StudentRosterSort.NAME]: `NULL::numeric`,
  [StudentRosterSort.CLASS_YEAR]: `s.class_year::numeric`,
  [StudentRosterSort.LAST_ACTIVITY]: `extract(epoch FROM s.last_at)::numeric`,
  [StudentRosterSort.NEEDS_ACTION]: `cardinality(s.kinds)::numeric`,
};

/**
 * Rows are ordered by (n, k, sort_name, id): n puts unknown values last, k is the value (negated to sort descending,
 * so ties still go by name A to Z). Sorting by name descending reverses the whole order instead.
 * $1 institution, $2 inactive since, $3 expiring within hours, $4 name pattern or null, $5 advisor or null,
 * $6 class year or null, $7 needs action only, $8–$11 the cursor (n, k, sort_name, id) or nulls, $12 limit.
 */
export function studentRosterSql(sort: StudentRosterSort, direction: SortDirection): string {
  const descByName = sort === StudentRosterSort.NAME && direction === SortDirection.DESC;
  const value = SORT_VALUE[sort];
  const signed = direction === SortDirection.DESC && !descByName ? `-(${value})` : value;
  const order = descByName ? "DESC" : "ASC";
  const after = descByName ? "<" : ">";
  return `
  WITH flagged AS (
    SELECT a.student_id, '${K.INACTIVE}' AS kind FROM student_activity a WHERE a.institution_id = $1 AND ${RULE.inactive("a", "$2")}
    UNION ALL
    SELECT f.student_id, '${K.THANK_YOU_OVERDUE}' FROM follow_ups f JOIN interview_requests r ON r.institution_id = f.institution_id AND r.id = f.request_id
     WHERE f.institution_id = $1 AND ${RULE.thankYouOverdue("f", "r")}
    UNION ALL
    SELECT r.student_id, '${K.REQUEST_EXPIRING}' FROM interview_requests r WHERE r.institution_id = $1 AND ${RULE.requestExpiring("r", "$3")}
    UNION ALL
    SELECT r.student_id, '${K.MEETING_UNSETTLED}' FROM interview_requests r WHERE r.institution_id = $1 AND ${RULE.meetingUnsettled("r")}
  ),
  flags AS (SELECT student_id, array_agg(DISTINCT kind ORDER BY kind) AS kinds FROM flagged GROUP BY student_id),
  -- Who shares, as one set: a consent check per student (consent_in_force) costs ~0.5 ms each, seconds for thousands.
  sharing AS MATERIALIZED (
    SELECT DISTINCT c.membership_id FROM consents c
     WHERE c.institution_id = $1 AND c.kind = 'STUDENT_SHARE_WITH_ADVISORS' AND c.in_force
  ),
  shown AS (
    SELECT x.id, x.display_name, x.sort_name, x.advisor_id, x.shares,
           CASE WHEN x.shares THEN x.class_year END AS class_year,
           CASE WHEN x.shares THEN x.major END AS major,
           CASE WHEN x.shares THEN x.fields END AS fields,
           CASE WHEN x.shares THEN x.last_at END AS last_at,
           CASE WHEN x.shares THEN coalesce(x.kinds, '{}') END AS kinds
      FROM (
        SELECT ms.id, i.display_name, lower(i.display_name) AS sort_name, sp.advisor_id, sp.class_year, sp.major, sp.fields,
               sa.last_at, fl.kinds, sh.membership_id IS NOT NULL AS shares
          FROM memberships ms
          JOIN identities i ON i.id = ms.identity_id
          LEFT JOIN student_profiles sp ON sp.institution_id = $1 AND sp.membership_id = ms.id
          LEFT JOIN student_activity sa ON sa.institution_id = $1 AND sa.student_id = ms.id
          LEFT JOIN flags fl ON fl.student_id = ms.id
          LEFT JOIN sharing sh ON sh.membership_id = ms.id
         WHERE ms.institution_id = $1 AND ms.role = 'STUDENT'
           AND ($4::text IS NULL OR i.display_name ILIKE $4) AND ${onCaseload("ms.id", "$5")}
      ) x
  ),
  keyed AS (
    SELECT s.*, (${value} IS NULL)::int AS n, coalesce(${signed}, 0) AS k FROM shown s
     WHERE ($6::int IS NULL OR s.class_year = $6) AND (NOT $7::boolean OR cardinality(s.kinds) > 0)
  ),
  page AS (
    SELECT * FROM keyed
     WHERE $8::int IS NULL OR (n, k, sort_name, id) ${after} ($8::int, $9::numeric, $10::text, $11::uuid)
     ORDER BY n ${order}, k ${order}, sort_name ${order}, id ${order}
     LIMIT $12
  )
  SELECT p.id, p.display_name, p.sort_name, p.shares, p.class_year, p.major, p.fields, p.last_at, p.kinds, p.advisor_id,
         ${nameOf("p.advisor_id")} AS advisor_name, p.n, p.k::text AS k
    FROM page p
   ORDER BY p.n ${order}, p.k ${order}, p.sort_name ${order}, p.id ${order}`;
}

/** The class years of students sharing their profile, for the table's filter. $1 institution. */
export const ROSTER_CLASS_YEARS_SQL = `
  SELECT DISTINCT sp.class_year FROM student_profiles sp
   WHERE sp.institution_id = $1 AND sp.class_year IS NOT NULL
     AND sp.membership_id IN (SELECT c.membership_id FROM consents c WHERE c.institution_id = $1 AND c.kind = 'STUDENT_SHARE_WITH_ADVISORS' AND c.in_force)
   ORDER BY 1`;

/** The institution's advisors by name, with their caseload sizes. $1 institution. */
export const CASELOAD_ADVISORS_SQL = `
  SELECT ms.id AS "membershipId", i.display_name AS "displayName",
         (SELECT count(*) FROM student_profiles sp WHERE sp.institution_id = $1 AND sp.advisor_id = ms.id)::int AS students
    FROM memberships ms JOIN identities i ON i.id = ms.identity_id
   WHERE ms.institution_id = $1 AND ms.role = 'ADVISOR' AND ms.deactivated_at IS NULL
   ORDER BY lower(i.display_name), ms.id`;
