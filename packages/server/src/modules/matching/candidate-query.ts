import type { EntityManager } from "typeorm";
import { prepared } from "../../db/sql";
import { activeConsentCondition, ConsentKind } from "../consent";
import { alumniSearchSql } from "../profiles";
import { candidateScoreSql, MATCH_RULES, type CandidateSignals, type StudentSignals } from "./scoring";

export interface CandidateRow extends CandidateSignals {
  timeZone: string;
  sqlScore: number;
  /** The student's open request (REQUESTED or ACCEPTED) to this alum: left out of the list unless asked for. */
  openRequestId: string | null;
}

export interface CandidateFilters {
  field: string | null;
  industry: string | null;
  search: string | null;
}

/** Hard filters and the cheap score in one query; the best MATCH_RULES.candidateLimit, suggestions and alumni already written to first. */
export async function candidateRows(
  m: EntityManager,
  institutionId: string,
  student: { id: string; identityId: string },
  signals: StudentSignals,
  suggestions: Array<{ alumnusId: string }>,
  now: Date,
  filters: CandidateFilters,
  /** Re-check only these (plus suggestions) instead of scanning every alum. */
  only: string[] | null,
): Promise<CandidateRow[]> {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const inst = param(institutionId);
  const nowSql = `${param(now.toISOString())}::timestamptz`;
  // Remembered candidates come in their last ranked order and are ranked again in code (rankCandidates): the SQL score,
  // a large expression that took longer to plan than to run, is needed only to choose candidates afresh.
  const score = only === null ? candidateScoreSql(signals, now, param) : null;
  const studentId = param(student.id);
  const search = filters.search === null ? null : param(filters.search);
  const onlyIds = only === null ? null : param([...new Set([...only, ...suggestions.map((x) => x.alumnusId)])]);
  // `contacted`: alumni with an open request from this student. They are always candidates (ordered first, so the
  // LIMIT never drops them) and the caller counts them or lists them; `excluded`: recent declines and expiries.
  const ctes = `
    WITH excluded AS MATERIALIZED (
      SELECT r.alumnus_id FROM interview_requests r
       WHERE r.institution_id = ${inst} AND r.student_id = ${studentId}
         AND ((r.state = 'DECLINED' AND coalesce(r.answered_at, r.updated_at) > ${nowSql} - make_interval(days => ${param(MATCH_RULES.declineCooldownDays)}))
           OR (r.state = 'EXPIRED' AND coalesce(r.closed_at, r.expires_at) > ${nowSql} - make_interval(days => ${param(MATCH_RULES.expiryCooldownDays)})))
    ), contacted AS MATERIALIZED (
      SELECT r.alumnus_id, r.id FROM interview_requests r
       WHERE r.institution_id = ${inst} AND r.student_id = ${studentId} AND r.state IN ('REQUESTED','ACCEPTED')
    )`;
  // Inner query: the cheap filters (profile columns) and the score, sorted. `OFFSET 0` keeps PostgreSQL from pushing
  // the outer conditions into it, so the costlier hard filters below (consents, capacity, this student's requests)
  // are checked row by row in score order and stop as soon as the LIMIT is met — about 100 checks, not thousands.
  const inner = (where: string) => `SELECT p.membership_id AS "alumnusId", p.fields, p.industry, p.major, p.location,
           p.class_year AS "classYear", p.title, p.topics, p.first_generation AS "firstGeneration", p.monthly_capacity AS "monthlyCapacity",
           p.time_zone AS "timeZone", coalesce(s.weekly_windows, 0) AS "weeklyWindows", coalesce(s.answered, 0) AS answered,
           coalesce(s.unanswered, 0) AS unanswered, coalesce(s.recent_load, 0) AS "recentLoad", coalesce(s.load_at, ${nowSql}) AS "loadAt",
           ${score ?? "0::float8"} AS "sqlScore"
      FROM alumni_profiles p
      LEFT JOIN alumnus_match_stats s ON s.institution_id = p.institution_id AND s.alumnus_id = p.membership_id
     WHERE p.institution_id = ${inst} AND NOT p.paused AND p.monthly_capacity > 0
       AND (${param(filters.field)}::text IS NULL OR p.fields @> ARRAY[${param(filters.field)}::text])
       AND (${param(filters.industry)}::text IS NULL OR p.industry = ${param(filters.industry)}::text)
       ${search === null ? "" : `AND p.membership_id IN (${alumniSearchSql(inst, search)})`}
       AND ${where}
     ORDER BY (p.membership_id = ANY(${suggested})) DESC, (p.membership_id IN (SELECT alumnus_id FROM contacted)) DESC, ${onlyIds === null ? `"sqlScore" DESC` : `array_position(${onlyIds}::uuid[], p.membership_id)`},
              p.membership_id OFFSET 0`;
  const suggested = `${param(suggestions.map((x) => x.alumnusId))}::uuid[]`;
  const isContacted = `p.membership_id IN (SELECT alumnus_id FROM contacted)`;
  const openRequest = `(SELECT c.id FROM contacted c WHERE c.alumnus_id = cand."alumnusId" LIMIT 1) AS "openRequestId"`;
  const identity = param(student.identityId);
  const limit = param(MATCH_RULES.candidateLimit);
  // Meetings this calendar month in the alum's own time zone (ACCEPTED, COMPLETED, NO_SHOW), through
  // interview_requests_month_idx: [first of this month, first of next month) in local time.
  const month = `date_trunc('month', ${nowSql} AT TIME ZONE cand."timeZone")`;
  const hard = `
     WHERE ${activeConsentCondition('cand."alumnusId"', ConsentKind.ALUMNUS_LISTED)}
       AND ${activeConsentCondition('cand."alumnusId"', ConsentKind.ALUMNUS_CONTACT)}
       AND NOT EXISTS (SELECT 1 FROM excluded e WHERE e.alumnus_id = cand."alumnusId")
       AND EXISTS (SELECT 1 FROM memberships ms WHERE ms.id = cand."alumnusId" AND ms.identity_id <> ${identity} AND ms.deactivated_at IS NULL)
       AND cand."monthlyCapacity" > (SELECT count(*) FROM interview_requests r
             WHERE r.institution_id = ${inst} AND r.alumnus_id = cand."alumnusId" AND r.state IN ('ACCEPTED','COMPLETED','NO_SHOW')
               AND r.meeting_starts_at >= (${month} AT TIME ZONE cand."timeZone")
               AND r.meeting_starts_at < ((${month} + interval '1 month') AT TIME ZONE cand."timeZone"))
     LIMIT ${limit}`;
  // Remembered candidates: primary-key lookups, as a prepared statement. Without the SQL score its text is the same
  // for every student, and planning it took longer than running it; PostgreSQL's generic plan, used from the sixth
  // run on a connection, measured ~4.7 ms against ~8.5 ms planned afresh (flagship, loaded machine). The full query
  // below is not prepared: its generic plan was several times slower than planning it afresh.
  if (onlyIds !== null)
    return prepared(
      m,
      `${ctes} SELECT cand.*, ${openRequest} FROM (${inner(`(p.membership_id = ANY(${onlyIds}::uuid[]) OR ${isContacted})`)}) cand ${hard}`,
      params,
    );
  // Alumni who share a field or an industry with the student (or were suggested) are found through indexes and
  // tried first; the rest are scanned only when those do not fill the candidate list (PostgreSQL stops the
  // UNION ALL's second branch as soon as the outer LIMIT is met).
  const overlap = `(p.fields && ${param(signals.fields.slice(0, MATCH_RULES.maxStudentFields))}::text[]
      OR p.industry = ANY(${param(signals.industries)}::text[]) OR p.membership_id = ANY(${suggested}) OR ${isContacted})`;
  return m.query(
    `${ctes}
     SELECT * FROM ((SELECT cand.*, ${openRequest} FROM (${inner(overlap)}) cand ${hard})
                    UNION ALL (SELECT cand.*, ${openRequest} FROM (${inner(`NOT coalesce(${overlap}, false)`)}) cand ${hard})) tiers
     LIMIT ${limit}`,
    params,
  );
}
