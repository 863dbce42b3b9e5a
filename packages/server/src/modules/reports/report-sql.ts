/**
 * The reports' SQL, set-based: one statement per report or list, whatever the number of rows or groups.
 * Every statement names the institution ($1) so the planner uses the indexes that start with it; RLS is the
 * second wall. See docs/reports.md for the definitions.
 */
import { NEEDS_ACTION_RULES as RULE } from "./needs-action-rules";
import { ReportGroupBy, ReportPeriod } from "./reports.enums";

/** A member's display name, as a subquery of the same SELECT. */
export const nameOf = (membershipIdSql: string): string =>
  `(SELECT idn.display_name FROM memberships ms JOIN identities idn ON idn.id = ms.identity_id WHERE ms.id = ${membershipIdSql})`;

/** The student shares their activity with advisors (an active STUDENT_SHARE_WITH_ADVISORS consent). */
export const sharesWithAdvisors = (studentIdSql: string): string =>
  // One call per candidate row (migration 1795305603500 says why): the lists below stop after their first page.
  `consent_in_force($1, ${studentIdSql}, 'STUDENT_SHARE_WITH_ADVISORS')`;

/** The student is on the caseload of advisor `param` (a uuid parameter), or no advisor was asked for. */
export const onCaseload = (studentIdSql: string, param: string): string =>
  `(${param}::uuid IS NULL OR EXISTS (SELECT 1 FROM student_profiles sp WHERE sp.institution_id = $1 AND sp.membership_id = ${studentIdSql} AND sp.advisor_id = ${param}::uuid))`;

const STEP: Record<ReportPeriod, string> = {
  [ReportPeriod.WEEK]: `interval '1 week'`,
  [ReportPeriod.MONTH]: `interval '1 month'`,
  [ReportPeriod.TERM]: `interval '6 months'`,
};

/** The local start of the period holding `local` (a timestamp without time zone in the institution's zone). */
const LOCAL_START: Record<ReportPeriod, (local: string) => string> = {
  [ReportPeriod.WEEK]: (local) => `date_trunc('week', ${local})`,
  [ReportPeriod.MONTH]: (local) => `date_trunc('month', ${local})`,
  // Without an academic calendar (academic_terms), terms are half-years: January–June and July–December.
  [ReportPeriod.TERM]: (local) =>
    `make_timestamp(extract(year FROM ${local})::int, CASE WHEN extract(month FROM ${local}) <= 6 THEN 1 ELSE 7 END, 1, 0, 0, 0)`,
};

/**
 * Periods in the institution's time zone, walked back from the one holding $2: `count` period starts (oldest first)
 * and each one's end. $1 institution, $2 the date, $3 how many periods. Converting each local boundary back
 * with AT TIME ZONE keeps daylight-saving changes right.
 */
export function periodsSql(period: ReportPeriod): string {
  const fixed = (when: string) => `
    SELECT (b.start - k * ${STEP[period]}) AT TIME ZONE b.tz AS "start",
           (b.start - (k - 1) * ${STEP[period]}) AT TIME ZONE b.tz AS "end"
      FROM b, generate_series($3::int - 1, 0, -1) AS k
     WHERE ${when}`;
  const base = `
    WITH i AS (SELECT time_zone AS tz FROM institutions WHERE id = $1),
         b AS (SELECT tz, ${LOCAL_START[period](`($2::timestamptz AT TIME ZONE tz)`)} AS start FROM i)`;
  if (period !== ReportPeriod.TERM) return `${base} ${fixed("true")} ORDER BY 1`;
  // The institution's academic calendar when it has a term holding the date: that term and the ones before it, each
  // until the next starts (the latest six months); periods before the first term repeat its length. Without such a
  // term, half-years.
  return `${base},
         t AS (SELECT a.starts_on::timestamp AS start,
                      coalesce(lead(a.starts_on) OVER (ORDER BY a.starts_on), (a.starts_on + interval '6 months')::date)::timestamp AS "end"
                 FROM academic_terms a WHERE a.institution_id = $1),
         cur AS (SELECT t.start FROM t, i WHERE t.start <= ($2::timestamptz AT TIME ZONE i.tz) AND ($2::timestamptz AT TIME ZONE i.tz) < t."end"),
         defined AS (SELECT t.start, t."end" FROM t, cur WHERE t.start <= cur.start ORDER BY t.start DESC LIMIT $3),
         first AS (SELECT start, "end" FROM defined ORDER BY start LIMIT 1),
         local AS (
           SELECT start, "end" FROM defined
           UNION ALL
           SELECT f.start - k * (f."end" - f.start), f.start - (k - 1) * (f."end" - f.start)
             FROM first f, generate_series(1, $3::int - (SELECT count(*) FROM defined)::int) AS k)
    SELECT l.start AT TIME ZONE i.tz AS "start", l."end" AT TIME ZONE i.tz AS "end" FROM local l, i
    UNION ALL
    ${fixed("NOT EXISTS (SELECT 1 FROM cur)")}
    ORDER BY 1`;
}

/**
 * Metric columns of one period; `p` is the SQL condition that picks the period's facts. The facts carry their state as
 * booleans computed once per row (see requestReportSql), so each of the many FILTERs is a cheap test.
 */
function metricColumns(prefix: string, p: string): string {
  const r = `f.is_r AND ${p}`;
  return [
    `count(DISTINCT f.student_id) FILTER (WHERE ${p}) AS ${prefix}students`,
    `count(*) FILTER (WHERE ${r}) AS ${prefix}requested`,
    `count(*) FILTER (WHERE ${r} AND f.acc) AS ${prefix}accepted`,
    `count(*) FILTER (WHERE ${r} AND f.decl) AS ${prefix}declined`,
    `count(*) FILTER (WHERE ${r} AND f.expd) AS ${prefix}expired`,
    `count(*) FILTER (WHERE ${r} AND f.comp) AS ${prefix}completed`,
    `count(*) FILTER (WHERE ${r} AND f.nos) AS ${prefix}no_shows`,
    `count(*) FILTER (WHERE ${r} AND f.thk) AS ${prefix}thanked`,
    `percentile_cont(0.5) WITHIN GROUP (ORDER BY f.answer_hours) FILTER (WHERE ${r} AND f.answer_hours IS NOT NULL) AS ${prefix}median_hours`,
    `percentile_cont(0.5) WITHIN GROUP (ORDER BY f.thank_days) FILTER (WHERE ${r} AND f.thk) AS ${prefix}median_thank_days`,
    `count(*) FILTER (WHERE f.is_f AND ${p}) AS ${prefix}rule_one`,
    `count(*) FILTER (WHERE f.is_o AND ${p}) AS ${prefix}outcomes`,
    `count(*) FILTER (WHERE ${r} AND f.accm) AS ${prefix}accommodations`,
  ].join(",\n           ");
}

const GROUP_KEY: Record<ReportGroupBy, { key: string; join: string; label: string }> = {
  [ReportGroupBy.NONE]: { key: `NULL::text`, join: ``, label: `'All students'` },
  [ReportGroupBy.CAREER_FIELD]: {
    key: `g.field`,
    // A student with several fields counts under each; one without any under "No career field".
    join: `LEFT JOIN LATERAL unnest(sp.fields) AS g(field) ON true`,
    label: `coalesce((SELECT cf.name FROM career_fields cf WHERE cf.id = a.key), a.key, 'No career field')`,
  },
  [ReportGroupBy.CLASS_YEAR]: { key: `sp.class_year::text`, join: ``, label: `coalesce(a.key, 'No class year')` },
  [ReportGroupBy.ALUMNUS]: { key: `f.alumnus_id::text`, join: ``, label: `coalesce(${nameOf(`a.key::uuid`)}, 'No alum')` },
  [ReportGroupBy.ADVISOR]: { key: `sp.advisor_id::text`, join: ``, label: `coalesce(${nameOf(`a.key::uuid`)}, 'No advisor')` },
};

/**
 * The funnel of the current period [$3, $4) and the previous one [$2, $3), per group. $1 institution,
 * $5 advisor (caseload) or null; `caseload` says whether $5 is set. Facts: requests sent (R), Rule #1 flags (F) and outcomes (O) in either period.
 */
export function requestReportSql(groupBy: ReportGroupBy, caseload: boolean, withTotal = false): string {
  const group = GROUP_KEY[groupBy];
  // With the total: one pass computes both the groups and the total row (GROUPING SETS), marked by "isTotal".
  // Only for breakdowns where each fact falls in exactly one group (not CAREER_FIELD, where a student counts under each field).
  const grouping = withTotal ? `GROUPING SETS ((), (${group.key}))` : `1`;
  // Profiles are read only when the grouping or the caseload needs them.
  const profiles = caseload || [ReportGroupBy.CAREER_FIELD, ReportGroupBy.CLASS_YEAR, ReportGroupBy.ADVISOR].includes(groupBy);
  return `
    WITH f AS (
      -- A follow-up starts at completion, after the request was sent: the covering index on (institution_id, completed_at)
      -- reads only follow-ups completed since the previous period started.
      SELECT true AS is_r, false AS is_f, false AS is_o, r.created_at >= $3 AS cur, r.student_id, r.alumnus_id,
             r.state IN ('ACCEPTED','COMPLETED','CANCELLED','NO_SHOW') AS acc, r.state = 'DECLINED' AS decl, r.state = 'EXPIRED' AS expd,
             r.state = 'COMPLETED' AS comp, r.state = 'NO_SHOW' AS nos,
             r.state = 'COMPLETED' AND fu.thank_you_sent_at IS NOT NULL AS thk,
             date_part('epoch', r.answered_at - r.created_at) / 3600.0 AS answer_hours,
             date_part('epoch', fu.thank_you_sent_at - fu.completed_at) / 86400.0 AS thank_days,
             EXISTS (SELECT 1 FROM request_accommodations ra WHERE ra.institution_id = $1 AND ra.request_id = r.id) AS accm
        FROM interview_requests r
        LEFT JOIN follow_ups fu ON fu.request_id = r.id AND fu.institution_id = $1 AND fu.completed_at >= $2
       WHERE r.institution_id = $1 AND r.created_at >= $2 AND r.created_at < $4
      UNION ALL
      SELECT false, true, false, x.created_at >= $3, x.student_id, x.alumnus_id, false, false, false, false, false, false, NULL, NULL, false
        FROM rule_one_flags x
       WHERE x.institution_id = $1 AND x.created_at >= $2 AND x.created_at < $4
      UNION ALL
      SELECT false, false, true, o.created_at >= $3, o.student_id, orq.alumnus_id, false, false, false, false, false, false, NULL, NULL, false
        FROM outcomes o LEFT JOIN interview_requests orq ON orq.institution_id = $1 AND orq.id = o.request_id
       WHERE o.institution_id = $1 AND o.created_at >= $2 AND o.created_at < $4
    ),
    a AS (
      SELECT ${group.key} AS key, ${withTotal ? `GROUPING(${group.key}) = 1` : `false`} AS "isTotal",
           ${metricColumns("c_", "f.cur")},
           ${metricColumns("p_", "NOT f.cur")}
        FROM f
        ${profiles ? `LEFT JOIN student_profiles sp ON sp.institution_id = $1 AND sp.membership_id = f.student_id` : ``}
        ${group.join}
       WHERE ${caseload ? `sp.advisor_id = $5::uuid` : `$5::uuid IS NULL`}
       GROUP BY ${grouping}
    )
    SELECT a.*, ${group.label} AS label FROM a ORDER BY a.c_requested DESC, label, a.key`;
}

/**
 * Requests sent per period for a chart. $1 institution, $2 date, $3 count, $4 advisor or null. One range scan over all
 * periods; each request finds its period by a binary search of the period starts (width_bucket), so no row needs a
 * time-zone conversion, and the counts are aggregated before the join with the periods.
 */
export function trendSql(period: ReportPeriod): string {
  return `
    WITH p AS MATERIALIZED (SELECT row_number() OVER (ORDER BY x.start) AS k, x.start, x."end" FROM (${periodsSql(period)}) x),
    b AS MATERIALIZED (SELECT array_agg(start ORDER BY start) AS starts, min(start) AS first, max("end") AS last FROM p),
    counts AS (
      SELECT width_bucket(r.created_at, b.starts) AS k,
             count(*) AS requested,
             count(*) FILTER (WHERE r.state IN ('ACCEPTED','COMPLETED','CANCELLED','NO_SHOW')) AS accepted,
             count(*) FILTER (WHERE r.state = 'COMPLETED') AS completed,
             count(*) FILTER (WHERE r.state = 'COMPLETED' AND fu.thank_you_sent_at IS NOT NULL) AS thanked,
             count(DISTINCT r.student_id) AS students
        FROM b, interview_requests r
        LEFT JOIN follow_ups fu ON fu.request_id = r.id AND fu.institution_id = $1 AND fu.completed_at >= (SELECT first FROM b)
       WHERE r.institution_id = $1 AND r.created_at >= (SELECT first FROM b) AND r.created_at < (SELECT last FROM b)
         AND ${onCaseload("r.student_id", "$4")}
       GROUP BY 1
    )
    SELECT p.start AS "periodStart", coalesce(c.requested, 0)::int AS requested, coalesce(c.accepted, 0)::int AS accepted,
           coalesce(c.completed, 0)::int AS completed, coalesce(c.thanked, 0)::int AS thanked,
           coalesce(c.students, 0)::int AS students
      FROM p LEFT JOIN counts c ON c.k = p.k
     ORDER BY p.start`;
}

/** Outcomes per kind in [$3, $4) and [$2, $3), with the distinct students behind them. $1 institution, $5 advisor or null. */
export const OUTCOME_COUNTS_SQL = `
  SELECT o.kind, count(*) FILTER (WHERE o.created_at >= $3)::int AS current, count(*) FILTER (WHERE o.created_at < $3)::int AS previous,
         count(DISTINCT o.student_id) FILTER (WHERE o.created_at >= $3)::int AS c_students,
         count(DISTINCT o.student_id) FILTER (WHERE o.created_at < $3)::int AS p_students
    FROM outcomes o
   WHERE o.institution_id = $1 AND o.created_at >= $2 AND o.created_at < $4 AND ${onCaseload("o.student_id", "$5")}
   GROUP BY o.kind`;

/**
 * Students (sharing with advisors) with no activity since $2: no request change, follow-up, outcome or
 * contact-log entry. Longest inactive first. $1 institution, $3 advisor or null, $4 limit.
 */
export const INACTIVE_STUDENTS_SQL = `
  WITH page AS (
    -- student_activity holds each student's last activity, kept exact by triggers (migration 1795305601600-ReportSpeed),
    -- so the list walks (institution_id, since) in order and stops at the limit.
    SELECT a.student_id AS id, a.last_at, a.since
      FROM student_activity a
     WHERE a.institution_id = $1 AND ${RULE.inactive("a", "$2")}
       AND EXISTS (SELECT 1 FROM memberships m WHERE m.id = a.student_id AND m.institution_id = $1 AND m.role = 'STUDENT')
       AND ${sharesWithAdvisors("a.student_id")} AND ${onCaseload("a.student_id", "$3")}
     ORDER BY a.since, a.student_id
     LIMIT $4
  )
  SELECT p.id AS "studentMembershipId", ${nameOf("p.id")} AS "studentName", p.last_at AS "lastActivityAt",
         floor(extract(epoch FROM now() - p.since) / 86400)::int AS "daysInactive",
         (SELECT count(*) FROM interview_requests r WHERE r.institution_id = $1 AND r.student_id = p.id)::int AS "requestsSent"
    FROM page p ORDER BY p.since, p.id`;

/** Completed conversations whose thank-you is past due, most overdue first. $1 institution, $2 advisor or null, $3 limit. */
export const OVERDUE_THANK_YOUS_SQL = `
  SELECT f.request_id AS "requestId", f.student_id AS "studentMembershipId", ${nameOf("f.student_id")} AS "studentName",
         r.alumnus_id AS "alumnusMembershipId", ${nameOf("r.alumnus_id")} AS "alumnusName",
         f.completed_at AS "completedAt", f.thank_you_due_at AS "thankYouDueAt",
         floor(extract(epoch FROM now() - f.thank_you_due_at) / 86400)::int AS "daysOverdue"
    FROM follow_ups f JOIN interview_requests r ON r.institution_id = f.institution_id AND r.id = f.request_id
   WHERE f.institution_id = $1 AND ${RULE.thankYouOverdue("f", "r")}
     AND ${sharesWithAdvisors("f.student_id")} AND ${onCaseload("f.student_id", "$2")}
   ORDER BY f.thank_you_due_at, f.request_id
   LIMIT $3`;

/**
 * Alumni asked more than their monthly capacity. $1 institution, $2 limit. Only requests that count are read, each
 * side by an index-only scan (interview_requests_open_idx, interview_requests_report_idx).
 */
export const OVERLOADED_ALUMNI_SQL = `
  WITH counted AS (
    SELECT alumnus_id, 1 AS open, 0 AS recent FROM interview_requests
     WHERE institution_id = $1 AND state IN ('REQUESTED','ACCEPTED') AND (state = 'REQUESTED' OR meeting_starts_at > now())
    UNION ALL
    SELECT alumnus_id, 0, 1 FROM interview_requests WHERE institution_id = $1 AND created_at >= now() - interval '30 days'
  ),
  -- No alum under the institution's smallest capacity can be over theirs: only the rest are looked up (most alumni have one
  -- or two requests, so this skips thousands of probes of alumni_profiles).
  load AS (
    SELECT alumnus_id, sum(open) AS open, sum(recent) AS recent FROM counted GROUP BY alumnus_id
    HAVING greatest(sum(open), sum(recent)) > (SELECT coalesce(min(monthly_capacity), 0) FROM alumni_profiles WHERE institution_id = $1)
  )
  SELECT a.membership_id AS "alumnusMembershipId", ${nameOf("a.membership_id")} AS "alumnusName", a.monthly_capacity AS "monthlyCapacity",
         l.open::int AS "openRequests", l.recent::int AS "receivedLast30Days"
    FROM load l JOIN alumni_profiles a ON a.institution_id = $1 AND a.membership_id = l.alumnus_id
   WHERE a.institution_id = $1 AND (l.open > a.monthly_capacity OR l.recent > a.monthly_capacity)
   ORDER BY greatest(l.open, l.recent) - a.monthly_capacity DESC, a.membership_id
   LIMIT $2`;

/**
 * Alumni with 2+ requests waiting over 3 days or expired in the last 90 days. $1 institution, $2 limit. Only requests
 * that count are read (interview_requests_open_idx, and interview_requests_expired_closed_idx: the last 90 days' expiries
 * as one range, migration 1795305602600-ExpiredByClosedAt). No COALESCE in the conditions: under row-level security it
 * keeps the planner from using them as index conditions (ADR 0010), so an expiry without `closed_at` has its own branch.
 */
export const UNRESPONSIVE_ALUMNI_SQL = `
  WITH counted AS (
    SELECT alumnus_id, 1 AS waiting, 0 AS expired FROM interview_requests
     WHERE institution_id = $1 AND state = 'REQUESTED' AND created_at < now() - interval '3 days'
    UNION ALL
    SELECT alumnus_id, 0, 1 FROM interview_requests
     WHERE institution_id = $1 AND state = 'EXPIRED' AND closed_at >= now() - interval '90 days'
    UNION ALL
    SELECT alumnus_id, 0, 1 FROM interview_requests
     WHERE institution_id = $1 AND state = 'EXPIRED' AND closed_at IS NULL AND expires_at >= now() - interval '90 days'
  ),
  unanswered AS (SELECT alumnus_id, sum(waiting) AS waiting, sum(expired) AS expired FROM counted GROUP BY alumnus_id)
  SELECT u.alumnus_id AS "alumnusMembershipId", ${nameOf("u.alumnus_id")} AS "alumnusName",
         u.waiting::int AS "waitingOver3Days", u.expired::int AS "expiredLast90Days",
         (SELECT max(r.answered_at) FROM interview_requests r WHERE r.institution_id = $1 AND r.alumnus_id = u.alumnus_id) AS "lastAnsweredAt"
    FROM unanswered u
   WHERE u.waiting + u.expired >= 2
   ORDER BY u.waiting + u.expired DESC, u.alumnus_id
   LIMIT $2`;

/** Requests still waiting that expire within $2 hours, soonest first. $1 institution, $3 advisor or null, $4 limit. */
export const EXPIRING_REQUESTS_SQL = `
  SELECT r.id AS "requestId", r.student_id AS "studentMembershipId", ${nameOf("r.student_id")} AS "studentName",
         r.alumnus_id AS "alumnusMembershipId", ${nameOf("r.alumnus_id")} AS "alumnusName",
         r.created_at AS "sentAt", r.expires_at AS "expiresAt", extract(epoch FROM r.expires_at - now()) / 3600.0 AS "hoursLeft"
    FROM interview_requests r
   WHERE r.institution_id = $1 AND ${RULE.requestExpiring("r", "$2")}
     AND ${sharesWithAdvisors("r.student_id")} AND ${onCaseload("r.student_id", "$3")}
   ORDER BY r.expires_at, r.id
   LIMIT $4`;

/**
 * Booked meetings that ended over a week ago with nobody saying whether they happened (ADR 0021): still ACCEPTED, so
 * neither "it happened", "didn't come" nor a new time was recorded. $1 institution, $2 advisor, $3 limit.
 */
export const UNSETTLED_MEETINGS_SQL = `
  SELECT r.id AS "requestId", r.student_id AS "studentMembershipId", ${nameOf("r.student_id")} AS "studentName",
         r.alumnus_id AS "alumnusMembershipId", ${nameOf("r.alumnus_id")} AS "alumnusName",
         r.meeting_starts_at AS "meetingStartsAt", r.meeting_ends_at AS "meetingEndsAt"
    FROM interview_requests r
   WHERE r.institution_id = $1 AND ${RULE.meetingUnsettled("r")}
     AND ${sharesWithAdvisors("r.student_id")} AND ${onCaseload("r.student_id", "$2")}
   ORDER BY r.meeting_ends_at, r.id
   LIMIT $3`;

/** A student's history in date order; notes only when shared with advisors. $1 institution, $2 student. */
export const TIMELINE_SQL = `
  SELECT * FROM (
    SELECT r.created_at AS at, 'REQUEST_SENT' AS kind, r.id AS "requestId", ${nameOf("r.alumnus_id")} AS "alumnusName",
           'REQUESTED' AS state, NULL AS "outcomeKind", NULL AS detail
      FROM interview_requests r WHERE r.institution_id = $1 AND r.student_id = $2
    UNION ALL
    SELECT e.at, 'REQUEST_EVENT', e.request_id, ${nameOf("r.alumnus_id")}, e.to_state, NULL, NULL
      FROM request_events e JOIN interview_requests r ON r.institution_id = e.institution_id AND r.id = e.request_id
     WHERE e.institution_id = $1 AND r.institution_id = $1 AND r.student_id = $2 AND e.kind = 'TRANSITION' AND e.from_state IS NOT NULL
    UNION ALL
    SELECT f.thank_you_sent_at, 'THANK_YOU_SENT', f.request_id, ${nameOf("r.alumnus_id")}, NULL, NULL, NULL
      FROM follow_ups f JOIN interview_requests r ON r.institution_id = f.institution_id AND r.id = f.request_id
     WHERE f.institution_id = $1 AND f.student_id = $2 AND f.thank_you_sent_at IS NOT NULL
    UNION ALL
    SELECT n.updated_at, 'NOTE_SHARED', n.request_id, ${nameOf("r.alumnus_id")}, NULL, NULL, nullif(n.advice, '')
      FROM conversation_notes n JOIN interview_requests r ON r.institution_id = n.institution_id AND r.id = n.request_id
     WHERE n.institution_id = $1 AND n.student_id = $2 AND n.shared_with_advisor
    UNION ALL
    SELECT o.created_at, 'OUTCOME', o.request_id, ${nameOf("r.alumnus_id")}, NULL, o.kind, o.note
      FROM outcomes o LEFT JOIN interview_requests r ON r.institution_id = o.institution_id AND r.id = o.request_id
     WHERE o.institution_id = $1 AND o.student_id = $2
  ) t
  ORDER BY t.at, t.kind, t."requestId"`;
