import type { DataSource, EntityManager } from "typeorm";
import { tenantTransaction } from "../db/tenant-transaction";
import { Params, hashOf, institutionShares } from "./bulk-sql";

const DAY = 86_400;
const CHUNK = 25_000;
/** Requests are spread over at least two years, and each alum's are at least this far apart, so meetings never overlap. */
const MIN_SPAN_DAYS = 730;
const MIN_DAYS_BETWEEN = 20;
/** About three students in ten never send a request: the "no activity" group advisors look for. */
const ACTIVE_STUDENT_SHARE = 0.7;

const DECLINE_REASONS = [
  "My schedule is full this month. Please try me again in a few weeks.",
  "I'm not the best person for this field; a colleague in our team would be a better fit.",
  "I'm travelling for work for the next few weeks and can't commit to a time.",
  "I've reached the number of conversations I can take for now.",
];
const WITHDRAW_REASONS = [
  "I found the information I needed in another conversation.",
  "My plans changed and I'm focusing on a different field.",
];
const CANCEL_REASONS = ["A work conflict came up at that time.", "Illness; happy to reschedule later."];

/** Who can be part of a request: students who share with alumni, alumni who are listed, contactable and not paused. */
const STUDENTS = (institution: string) => `
  m.institution_id = ${institution} AND m.role = 'STUDENT'
  AND EXISTS (SELECT 1 FROM student_profiles sp WHERE sp.institution_id = m.institution_id AND sp.membership_id = m.id)
  AND EXISTS (SELECT 1 FROM consents c WHERE c.institution_id = m.institution_id AND c.membership_id = m.id
               AND c.kind = 'STUDENT_SHARE_WITH_ALUMNI' AND c.withdrawn_at IS NULL)`;
const ALUMNI = (institution: string) => `
  m.institution_id = ${institution} AND m.role = 'ALUMNUS'
  AND EXISTS (SELECT 1 FROM alumni_profiles ap WHERE ap.institution_id = m.institution_id AND ap.membership_id = m.id AND NOT ap.paused)
  AND (SELECT count(*) FROM consents c WHERE c.institution_id = m.institution_id AND c.membership_id = m.id
        AND c.kind IN ('ALUMNUS_LISTED', 'ALUMNUS_CONTACT') AND c.withdrawn_at IS NULL) = 2`;

interface RequestPlan {
  institutionId: string;
  requests: number;
  alumni: number;
  activeStudents: number;
  /** Seconds between one alum's consecutive requests. */
  period: number;
  start: Date;
  now: Date;
  salt: number;
}

/**
 * Request r goes to alum r mod A as that alum's k-th request (k = r div A), in the k-th period of
 * that alum's timeline (shifted by up to 3/4 of a period, so the last ones end near now); its
 * meeting falls inside that period, so one alum's meetings never overlap. The student is
 * (hash(alum) + k) mod active students: never the same student twice for one alum, so the
 * one-open-request-per-pair rule holds too. The state follows from the times and a hash.
 */
function requestsSql(q: Params): string {
  const inst = q.p("institutionId");
  const now = q.p("now");
  const period = q.p("period");
  return `
    WITH inst AS MATERIALIZED (
      SELECT name, meeting_minutes, request_expiry_days, time_zone FROM institutions WHERE id = ${inst}
    ), src AS MATERIALIZED (
      SELECT g, gen_random_uuid() AS id, (g % ${q.p("alumni")})::int AS a, (g / ${q.p("alumni")})::int AS k,
             ${hashOf(q, 31)} AS h1, ${hashOf(q, 32)} AS h2, ${hashOf(q, 33)} AS h3, ${hashOf(q, 34)} AS h4,
             ((${hashOf(q, 35, `g % ${q.p("alumni")}`)} + g / ${q.p("alumni")}) % ${q.p("activeStudents")})::int AS s,
             -- Each alum's timeline starts at its own offset, so their latest requests reach up to now.
             (${hashOf(q, 36, `g % ${q.p("alumni")}`)} % 1000) / 1000.0 * 0.75 AS phase
      FROM generate_series(${q.p("from")}, ${q.p("to")}) AS g
    ), timed AS MATERIALIZED (
      SELECT src.id, src.h3, src.h4, st.id AS student_id, st.name AS student_name, st.major, st.field_phrase,
             al.id AS alumnus_id, al.first_name, al.title, al.employer, al.location, al.time_zone AS alumnus_time_zone,
             al.modalities[1 + (src.h3 % cardinality(al.modalities))::int] AS modality,
             inst.name AS institution_name, inst.time_zone AS student_time_zone,
             make_interval(mins => inst.meeting_minutes) AS meeting_length,
             b.created_at,
             b.created_at + make_interval(days => inst.request_expiry_days) AS expires_at,
             -- An answer takes two hours to three days, always well before the meeting.
             b.created_at + make_interval(secs => least(b.lead / 2, 7200 + (src.h2 / 1000 % 1000) / 1000.0 * 3 * ${DAY})) AS answered_at,
             -- Meetings land on a half hour between 9:00 and 17:00 in the alum's own time zone.
             (date_trunc('day', (b.created_at + make_interval(secs => b.lead)) AT TIME ZONE al.time_zone)
               + make_interval(hours => 9, mins => 30 * (src.h3 / 7 % 16)::int)) AT TIME ZONE al.time_zone AS meeting_at
      FROM src
      JOIN request_alumni al ON al.n = src.a
      JOIN request_students st ON st.n = src.s
      CROSS JOIN inst
      CROSS JOIN LATERAL (
        SELECT ${q.p("start")} + make_interval(secs => (src.k + src.phase + (src.h1 % 1000) / 4000.0) * ${period}) AS created_at,
               least(14 * ${DAY}, ${period} / 2) * (0.2 + 0.8 * (src.h2 % 1000) / 1000.0) AS lead
      ) b
    ), decided AS MATERIALIZED (
      SELECT t.*, s.state, s.state IN ('ACCEPTED', 'COMPLETED', 'NO_SHOW', 'CANCELLED') AS booked
      FROM timed t CROSS JOIN LATERAL (SELECT CASE
        WHEN t.h4 % 100 < 6 THEN CASE WHEN t.answered_at <= ${now} THEN 'WITHDRAWN' ELSE 'REQUESTED' END
        WHEN t.h4 % 100 < 20 THEN CASE WHEN t.answered_at <= ${now} THEN 'DECLINED' ELSE 'REQUESTED' END
        WHEN t.h4 % 100 < 30 THEN CASE WHEN t.expires_at <= ${now} THEN 'EXPIRED' ELSE 'REQUESTED' END
        WHEN t.answered_at > ${now} THEN 'REQUESTED'
        WHEN t.meeting_at + t.meeting_length > ${now} THEN 'ACCEPTED'
        WHEN t.h4 % 100 < 34 THEN 'CANCELLED'
        WHEN t.h4 % 100 < 38 THEN 'NO_SHOW'
        ELSE 'COMPLETED' END AS state) s
    ), final AS MATERIALIZED (
      SELECT d.*,
             CASE WHEN d.booked OR d.state = 'DECLINED' THEN d.answered_at END AS answered,
             CASE d.state
               WHEN 'DECLINED' THEN d.answered_at
               WHEN 'WITHDRAWN' THEN d.answered_at
               WHEN 'EXPIRED' THEN d.expires_at
               WHEN 'CANCELLED' THEN d.answered_at + (d.meeting_at - d.answered_at) / 2
               WHEN 'COMPLETED' THEN d.meeting_at + d.meeting_length
               WHEN 'NO_SHOW' THEN d.meeting_at + d.meeting_length
             END AS closed_at,
             CASE WHEN d.state = 'DECLINED'
               THEN ${q.p("declineReasons")}[1 + (d.h4 / 100 % cardinality(${q.p("declineReasons")}))::int] END AS decline_reason,
             CASE d.state
               WHEN 'WITHDRAWN' THEN ${q.p("withdrawReasons")}[1 + (d.h4 / 100 % cardinality(${q.p("withdrawReasons")}))::int]
               WHEN 'CANCELLED' THEN ${q.p("cancelReasons")}[1 + (d.h4 / 100 % cardinality(${q.p("cancelReasons")}))::int]
             END AS close_reason
      FROM decided d
    ), ins_requests AS (
      INSERT INTO interview_requests
        (id, institution_id, student_id, alumnus_id, state, modality, message, student_time_zone, alumnus_time_zone,
         expires_at, answered_at, decline_reason, meeting_starts_at, meeting_ends_at, meeting_location, meeting_link,
         meeting_phone, in_person_notes, closed_at, close_reason, created_at, updated_at)
      SELECT id, ${inst}, student_id, alumnus_id, state, modality,
             format(E'Hi %s,\\n\\nI''m %s, a %s student at %s exploring %s. I saw that you work as %s at %s, and I would '
                    'be grateful for 20 to 30 minutes of your time to hear how you got started and what you wish you '
                    'had known earlier.\\n\\nI''m looking for information and advice, not a job. Thank you for '
                    'considering it!\\n\\n%s',
                    first_name, student_name, major, institution_name, field_phrase, title, employer,
                    split_part(student_name, ' ', 1)),
             student_time_zone, alumnus_time_zone, expires_at, answered, decline_reason,
             CASE WHEN booked THEN meeting_at END,
             CASE WHEN booked THEN meeting_at + meeting_length END,
             CASE WHEN booked AND modality = 'IN_PERSON' THEN employer || ', ' || location END,
             CASE WHEN booked AND modality = 'VIDEO' THEN 'https://meet.example/' || left(replace(id::text, '-', ''), 12) END,
             -- A conference line, not the alum's own number: not every alum shares contact details.
             CASE WHEN booked AND modality = 'PHONE' THEN '+1-555-0100 ext. ' || (1000 + h3 % 9000) END,
             CASE WHEN booked AND modality = 'IN_PERSON' THEN 'Check in at the front desk and ask for ' || first_name || '.' END,
             closed_at, close_reason, created_at, coalesce(closed_at, answered, created_at)
      FROM final
    ), ins_proposed AS (
      -- Two or three times; the first is the one a booked request was accepted at, as the booking marks it.
      INSERT INTO proposed_times (institution_id, request_id, starts_at, ends_at, proposed_by, kind, status, created_at)
      SELECT ${inst}, f.id, f.meeting_at + make_interval(days => p.i),
             f.meeting_at + make_interval(days => p.i) + f.meeting_length, 'STUDENT', 'REQUEST',
             CASE WHEN f.state = 'REQUESTED' THEN 'OPEN' WHEN f.booked AND p.i = 0 THEN 'CHOSEN' ELSE 'SUPERSEDED' END,
             f.created_at
      FROM final f CROSS JOIN LATERAL generate_series(0, 1 + (f.h4 / 10000 % 2)::int) AS p(i)
    )
    INSERT INTO request_events (institution_id, request_id, actor_id, from_state, to_state, reason, at)
    SELECT ${inst}, f.id, e.actor_id, e.from_state, e.to_state, e.reason, e.at
    FROM final f CROSS JOIN LATERAL (VALUES
      (f.student_id, NULL::text, 'REQUESTED'::text, NULL::text, f.created_at),
      (CASE WHEN f.booked OR f.state = 'DECLINED' THEN f.alumnus_id WHEN f.state = 'WITHDRAWN' THEN f.student_id END,
       'REQUESTED',
       CASE WHEN f.booked THEN 'ACCEPTED' WHEN f.state IN ('DECLINED', 'WITHDRAWN', 'EXPIRED') THEN f.state END,
       CASE WHEN f.state IN ('DECLINED', 'WITHDRAWN') THEN coalesce(f.decline_reason, f.close_reason) END,
       coalesce(f.answered, f.closed_at)),
      (CASE f.state WHEN 'COMPLETED' THEN f.student_id ELSE f.alumnus_id END,
       'ACCEPTED',
       CASE WHEN f.state IN ('COMPLETED', 'NO_SHOW', 'CANCELLED') THEN f.state END,
       f.close_reason,
       f.closed_at)
    ) AS e(actor_id, from_state, to_state, reason, at)
    WHERE e.to_state IS NOT NULL`;
}

/**
 * The people requests are drawn from, numbered 0..n-1, in analyzed temporary tables: the planner
 * misjudges these filters under RLS as one row and would otherwise loop over them per request.
 */
async function preparePeople(manager: EntityManager, institutionId: string): Promise<{ students: number; alumni: number }> {
  await manager.query(
    `CREATE TEMP TABLE request_students ON COMMIT DROP AS
     SELECT (row_number() OVER (ORDER BY m.external_id, m.id) - 1)::int AS n, m.id, i.display_name AS name, sp.major,
            coalesce(phrase.text, 'a few fields') AS field_phrase
     FROM memberships m
     JOIN identities i ON i.id = m.identity_id
     JOIN student_profiles sp ON sp.institution_id = m.institution_id AND sp.membership_id = m.id
     LEFT JOIN LATERAL (
       SELECT string_agg(lower(cf.name), ' and ' ORDER BY f.ord) AS text
       FROM unnest(sp.fields) WITH ORDINALITY AS f(id, ord) JOIN career_fields cf ON cf.id = f.id
     ) phrase ON true
     WHERE ${STUDENTS("$1::uuid")}`,
    [institutionId],
  );
  await manager.query(
    `CREATE TEMP TABLE request_alumni ON COMMIT DROP AS
     SELECT (row_number() OVER (ORDER BY m.external_id, m.id) - 1)::int AS n, m.id,
            split_part(i.display_name, ' ', 1) AS first_name, ap.title, ap.employer, ap.location, ap.time_zone,
            CASE WHEN cardinality(ap.modalities) = 0 THEN '{VIDEO}' ELSE ap.modalities END AS modalities
     FROM memberships m JOIN identities i ON i.id = m.identity_id JOIN alumni_profiles ap ON ap.institution_id = m.institution_id AND ap.membership_id = m.id
     WHERE ${ALUMNI("$1::uuid")}`,
    [institutionId],
  );
  await manager.query(`ANALYZE request_students, request_alumni`);
  const [counts] = (await manager.query(
    `SELECT (SELECT count(*)::int FROM request_students) AS students, (SELECT count(*)::int FROM request_alumni) AS alumni`,
  )) as Array<{ students: number; alumni: number }>;
  return counts;
}

async function planInstitution(
  manager: EntityManager,
  institutionId: string,
  requests: number,
  now: Date,
  salt: number,
): Promise<RequestPlan | string> {
  const counts = await preparePeople(manager, institutionId);
  if (counts.alumni === 0 || counts.students === 0) return "no contactable alumni or consenting students";
  const activeStudents = Math.max(1, Math.floor(counts.students * ACTIVE_STUDENT_SHARE));
  const perAlum = Math.ceil(requests / counts.alumni);
  if (perAlum > activeStudents) {
    throw new Error(
      `bulk seed: ${requests} requests need ${perAlum} per alum, more than the ${activeStudents} active students; add students`,
    );
  }
  const spanDays = Math.max(MIN_SPAN_DAYS, perAlum * MIN_DAYS_BETWEEN);
  return {
    institutionId,
    requests,
    alumni: counts.alumni,
    activeStudents,
    period: (spanDays * DAY) / perAlum,
    start: new Date(now.getTime() - spanDays * DAY * 1000),
    now,
    salt,
  };
}

/**
 * One follow-up per completed request, as the conversations module keeps them: most students thank
 * within a few days, some only after a reminder, some never; fewer send the later update.
 */
const FOLLOW_UPS_SQL = `
  WITH done AS MATERIALIZED (
    SELECT r.id, r.student_id, r.closed_at AS completed_at,
           r.closed_at + make_interval(hours => 24 * i.thank_you_days) AS thank_you_due_at,
           r.closed_at + make_interval(hours => 24 * i.follow_up_days) AS update_due_at,
           hashint8extended(row_number() OVER (ORDER BY r.closed_at, r.id), 41) & 9223372036854775807 AS h
    FROM interview_requests r JOIN institutions i ON i.id = r.institution_id
    WHERE r.institution_id = $1::uuid AND r.state = 'COMPLETED'
  ), thanked AS MATERIALIZED (
    SELECT d.*,
           CASE WHEN d.h % 100 < 80 THEN d.completed_at + make_interval(secs => 7200 + (d.h / 100 % 1000) / 1000.0 * 4 * ${DAY}) END
             AS thank_you_at,
           CASE WHEN d.h % 100 < 80 THEN d.completed_at + make_interval(secs => (d.h / 100000 % 1000) / 1000.0 * 1.4 * extract(epoch FROM d.update_due_at - d.completed_at)) END
             AS update_at
    FROM done d
  ), shaped AS MATERIALIZED (
    SELECT t.*,
           CASE WHEN t.thank_you_at <= $2::timestamptz THEN t.thank_you_at END AS thank_you_sent_at,
           CASE WHEN t.thank_you_at <= $2::timestamptz THEN
             CASE WHEN t.h / 1000 % 100 < 85 THEN true WHEN t.h / 1000 % 100 < 95 THEN false END END AS may_contact_again
    FROM thanked t
  )
  INSERT INTO follow_ups
    (request_id, institution_id, student_id, completed_at, thank_you_due_at, thank_you_sent_at, thank_you_reminded_at,
     may_contact_again, update_due_at, update_sent_at, update_reminded_at, created_at, updated_at)
  SELECT s.id, $1::uuid, s.student_id, s.completed_at, s.thank_you_due_at, s.thank_you_sent_at,
         -- Reminded a day before the thank-you was due, when it had not been sent by then.
         CASE WHEN s.thank_you_due_at - interval '1 day' <= $2::timestamptz
                   AND (s.thank_you_sent_at IS NULL OR s.thank_you_sent_at > s.thank_you_due_at - interval '1 day')
              THEN greatest(s.completed_at, s.thank_you_due_at - interval '1 day') END,
         s.may_contact_again, s.update_due_at, u.update_sent_at,
         CASE WHEN s.update_due_at <= $2::timestamptz AND s.may_contact_again IS DISTINCT FROM false
                   AND (u.update_sent_at IS NULL OR u.update_sent_at > s.update_due_at)
              THEN s.update_due_at END,
         s.completed_at,
         greatest(s.completed_at, s.thank_you_sent_at, u.update_sent_at)
  FROM shaped s
  CROSS JOIN LATERAL (
    SELECT CASE WHEN s.may_contact_again AND s.h / 100 % 100 < 45 AND s.update_at <= $2::timestamptz THEN s.update_at END AS update_sent_at
  ) u`;

async function tableExists(dataSource: DataSource, table: string): Promise<boolean> {
  const [{ found }] = (await dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS found`, [`public.${table}`])) as Array<{
    found: boolean;
  }>;
  return found;
}

/**
 * Interview requests with their proposed times, history and follow-ups, for the benchmarks:
 * `requests` in total, spread over the given institutions, each in its own transaction.
 * Skips, saying so, when the table does not exist.
 */
export async function seedRequests(
  dataSource: DataSource,
  opts: {
    requests: number;
    institutionIds: string[];
    log?: (message: string) => void;
    now?: Date;
    concurrency?: number;
  },
): Promise<number> {
  const log = opts.log ?? (() => {});
  if (opts.requests <= 0) return 0;
  if (!(await tableExists(dataSource, "interview_requests"))) {
    log("requests skipped: interview_requests table does not exist yet");
    return 0;
  }
  const withFollowUps = await tableExists(dataSource, "follow_ups");
  const now = opts.now ?? new Date();
  const shares = institutionShares(opts.requests, opts.institutionIds.length);
  const jobs = opts.institutionIds.map((institutionId, k) => ({ institutionId, k, requests: shares[k] }));
  let written = 0;
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const { institutionId, k, requests } = jobs[next++];
      if (requests === 0) continue;
      const t0 = Date.now();
      const outcome = await tenantTransaction(dataSource, { institutionId }, async (manager) => {
        const plan = await planInstitution(manager, institutionId, requests, now, (k + 1) * 104_729);
        if (typeof plan === "string") return plan;
        for (let from = 0; from < requests; from += CHUNK) {
          const q = new Params(
            {
              ...plan,
              from,
              to: Math.min(requests, from + CHUNK) - 1,
              declineReasons: DECLINE_REASONS,
              withdrawReasons: WITHDRAW_REASONS,
              cancelReasons: CANCEL_REASONS,
            },
            {
              institutionId: "uuid",
              alumni: "int",
              activeStudents: "int",
              period: "float8",
              start: "timestamptz",
              now: "timestamptz",
              from: "int",
              to: "int",
            },
          );
          await manager.query(requestsSql(q), q.values);
        }
        if (withFollowUps) await manager.query(FOLLOW_UPS_SQL, [institutionId, now]);
        return requests;
      });
      if (typeof outcome === "string") {
        log(`requests skipped for institution ${institutionId}: ${outcome}`);
        continue;
      }
      written += outcome;
      log(`institution ${k + 1} of ${jobs.length}: ${outcome} requests in ${Date.now() - t0} ms`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 2, jobs.length)) }, worker));
  return written;
}
