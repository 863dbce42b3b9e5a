import { randomUUID } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { tenantTransaction } from "../db/tenant-transaction";
import { hashPassword } from "../modules/accounts/passwords";
import { BENCH_INSTITUTIONS, BENCH_LOCATIONS, EMPLOYERS, EXPERIENCES, FIRST_NAMES, LAST_NAMES, MODALITY_SETS } from "./bench-data";
import { seedRequests } from "./bulk-requests";
import { Params, hashOf, indexInto, institutionShares, pick } from "./bulk-sql";
import { CONSENT_KINDS, consentTextBodies } from "./consent-texts";
import { DEMO_INSTITUTIONS, DUAL_ALUMNUS } from "./demo-data";
import { DEMO_PASSWORD, topicsPhrase } from "./demo-seed";

export interface BulkSeedOptions {
  institutions: number;
  /** Totals across all institutions. */
  alumni: number;
  students: number;
  requests: number;
  log?: (message: string) => void;
  /** Institutions seeded at once, one connection each. PostgreSQL does the work, so match the cores. */
  concurrency?: number;
}

export interface BulkSeedResult {
  institutions: number;
  alumni: number;
  students: number;
  advisors: number;
  admins: number;
  requests: number;
  elapsedMs: number;
}

/** Bench accounts sign in with the demo password, so load tests can act as anyone. */
export const BENCH_PASSWORD = DEMO_PASSWORD;
export const BENCH_EMAIL_DOMAIN = "bench.example";
export { seedRequests };

/** Rows per INSERT … SELECT; large enough to be set-based, small enough to keep the trigger queue modest. */
const CHUNK = 25_000;
const STUDENTS_PER_ADVISOR = 250;
const SEEDED_TABLES = [
  "identities",
  "institutions",
  "memberships",
  "student_profiles",
  "alumni_profiles",
  "consent_texts",
  "consent_grants",
  "consent_withdrawals",
  "interview_requests",
  "proposed_times",
  "request_events",
  "follow_ups",
];
const PARAM_TYPES = { institutionId: "uuid", advisors: "uuid[]", from: "int", to: "int" };

export { spread, institutionShares, FLAGSHIP_SHARE } from "./bulk-sql";

export function benchInstitution(k: number): { name: string; slug: string; timeZone: string } {
  const base = BENCH_INSTITUTIONS[k % BENCH_INSTITUTIONS.length];
  const round = Math.floor(k / BENCH_INSTITUTIONS.length);
  return round === 0 ? base : { name: `${base.name} ${round + 1}`, slug: `${base.slug}-${round + 1}`, timeZone: base.timeZone };
}

interface Vocabulary {
  firstNames: string[];
  lastNames: string[];
  careerTitles: string[];
  careerIndustries: string[];
  careerFields: string[];
  careerTopics: string[];
  careerTopicPhrases: string[];
  careerMajors: string[];
  employers: string[];
  locations: string[];
  timeZones: string[];
  areaCodes: string[];
  modalitySets: string[];
  studentMajors: string[];
  studentFields: string[];
  studentIndustries: string[];
  studentFieldPhrases: string[];
  experiences: string[];
}

/** Careers and student interests come from the hand-written demo people, so the two read alike. */
async function vocabulary(dataSource: DataSource): Promise<Vocabulary> {
  const fieldNames = new Map<string, string>(
    ((await dataSource.query(`SELECT id, name FROM career_fields`)) as Array<{ id: string; name: string }>).map((r) => [r.id, r.name]),
  );
  const careers = new Map<string, { title: string; industry: string; fields: string[]; topics: string[]; major: string }>();
  for (const a of [...DEMO_INSTITUTIONS.flatMap((i) => i.alumni), { ...DUAL_ALUMNUS, major: "Public Health" }]) {
    careers.set(`${a.title}|${a.industry}`, a);
  }
  const students = DEMO_INSTITUTIONS.flatMap((i) => i.students);
  const phrase = (ids: string[]) => ids.map((id) => (fieldNames.get(id) ?? id).toLowerCase()).join(" and ");
  const list = [...careers.values()];
  return {
    firstNames: FIRST_NAMES,
    lastNames: LAST_NAMES,
    careerTitles: list.map((c) => c.title),
    careerIndustries: list.map((c) => c.industry),
    careerFields: list.map((c) => c.fields.join(",")),
    careerTopics: list.map((c) => c.topics.join("|")),
    careerTopicPhrases: list.map((c) => topicsPhrase(c.topics)),
    careerMajors: list.map((c) => c.major),
    // Employers are chosen within the career's industry, so titles and employers stay plausible.
    employers: list.map((c) => (EMPLOYERS[c.industry] ?? ["Independent"]).join("|")),
    locations: BENCH_LOCATIONS.map((l) => l[0]),
    timeZones: BENCH_LOCATIONS.map((l) => l[1]),
    areaCodes: BENCH_LOCATIONS.map((l) => l[2]),
    modalitySets: MODALITY_SETS,
    studentMajors: students.map((s) => s.major),
    studentFields: students.map((s) => s.fields.join(",")),
    studentIndustries: students.map((s) => s.industries.join(",")),
    studentFieldPhrases: students.map((s) => phrase(s.fields)),
    experiences: EXPERIENCES,
  };
}

interface InstitutionPlan {
  ordinal: number;
  id: string;
  name: string;
  slug: string;
  timeZone: string;
  alumni: number;
  students: number;
  advisors: number;
}

async function insertStaff(manager: EntityManager, plan: InstitutionPlan, passwordHash: string): Promise<string[]> {
  // g = 0 is the admin, 1..n the advisors.
  const rows = (await manager.query(
    `WITH src AS MATERIALIZED (
       SELECT g, gen_random_uuid() AS identity_id, gen_random_uuid() AS membership_id
       FROM generate_series(0, $3::int) AS g
     ), ins_identities AS (
       INSERT INTO identities (id, email, password_hash, display_name)
       SELECT identity_id,
              CASE WHEN g = 0 THEN 'admin.' || $2::text ELSE 'advisor' || g || '.' || $2::text END || '@${BENCH_EMAIL_DOMAIN}',
              $4::text, CASE WHEN g = 0 THEN 'Career Center Director' ELSE 'Career Advisor ' || g END
       FROM src
     ), ins_memberships AS (
       INSERT INTO memberships (id, institution_id, identity_id, role)
       SELECT membership_id, $1::uuid, identity_id, CASE WHEN g = 0 THEN 'ADMIN' ELSE 'ADVISOR' END FROM src
     )
     SELECT array_agg(membership_id ORDER BY g) AS advisors FROM src WHERE g > 0`,
    [plan.id, plan.slug, plan.advisors, passwordHash],
  )) as Array<{ advisors: string[] }>;
  return rows[0].advisors;
}

function alumniSql(q: Params): string {
  return `
    WITH src AS MATERIALIZED (
      SELECT g, gen_random_uuid() AS identity_id, gen_random_uuid() AS membership_id,
             ${pick(q, "firstNames", 1)} AS first_name,
             ${pick(q, "lastNames", 2)} AS last_name,
             ${indexInto(q, "careerTitles", 3)} AS c,
             ${indexInto(q, "locations", 4)} AS l,
             ${hashOf(q, 0)} AS h
      FROM generate_series(${q.p("from")}::int, ${q.p("to")}::int) AS g
    ), people AS MATERIALIZED (
      SELECT src.*,
             ${q.p("careerTitles")}[c] AS title,
             (string_to_array(${q.p("employers")}[c], '|'))[1 + (h % cardinality(string_to_array(${q.p("employers")}[c], '|')))::int] AS employer,
             string_to_array(${q.p("careerTopics")}[c], '|') AS topics,
             ${q.p("careerTopicPhrases")}[c] AS topic_phrase,
             ${q.p("locations")}[l] AS location
      FROM src
    ), ins_identities AS (
      INSERT INTO identities (id, email, password_hash, display_name)
      SELECT identity_id, 'a' || g || '.' || ${q.p("slug")} || '@${BENCH_EMAIL_DOMAIN}', ${q.p("passwordHash")},
             first_name || ' ' || last_name
      FROM people
    ), ins_memberships AS (
      INSERT INTO memberships (id, institution_id, identity_id, role, external_id)
      SELECT membership_id, ${q.p("institutionId")}, identity_id, 'ALUMNUS', 'A' || lpad(g::text, 7, '0') FROM people
    ), ins_profiles AS (
      INSERT INTO alumni_profiles
        (membership_id, institution_id, employer, title, industry, fields, location, class_year, major, topics,
         modalities, monthly_capacity, paused, bio, time_zone, first_generation, contact_email, contact_phone)
      SELECT membership_id, ${q.p("institutionId")}, employer, title, ${q.p("careerIndustries")}[c],
             string_to_array(${q.p("careerFields")}[c], ','), location,
             -- Graduated within the last 45 years, fewer the further back, as on real volunteer rolls.
             extract(year FROM now())::int - floor(45 * (1 - sqrt(1 - (h % 10000) / 10000.0)))::int,
             CASE WHEN h % 4 = 0 THEN ${pick(q, "studentMajors", 5)} ELSE ${q.p("careerMajors")}[c] END,
             topics,
             string_to_array(${pick(q, "modalitySets", 6)}, ','),
             1 + (h % 8)::int,
             g % 25 = 3,
             title || ' at ' || employer || ' in ' || location || '. Happy to talk about ' || topic_phrase || '.',
             ${q.p("timeZones")}[l],
             h % 6 = 0,
             lower(regexp_replace(first_name || '.' || last_name, '[^A-Za-z.]', '', 'g')) || g || '@example.com',
             '+1-' || ${q.p("areaCodes")}[l] || '-555-' || lpad((100 + g % 100)::text, 4, '0')
      FROM people
    )
    -- Most alumni opted in fully; one in ten keeps contact details private; one in twenty has not opted in.
    INSERT INTO consent_grants (institution_id, membership_id, consent_text_id, kind)
    SELECT ${q.p("institutionId")}, people.membership_id, t.id, t.kind
    FROM people
    JOIN consent_texts t ON t.institution_id = ${q.p("institutionId")} AND t.kind = ANY (
      CASE WHEN g % 20 = 0 THEN '{}'::text[]
           WHEN g % 10 = 1 THEN '{ALUMNUS_LISTED,ALUMNUS_CONTACT}'::text[]
           ELSE '{ALUMNUS_LISTED,ALUMNUS_CONTACT,ALUMNUS_SHARE_CONTACT}'::text[] END)`;
}

function studentsSql(q: Params): string {
  return `
    WITH src AS MATERIALIZED (
      SELECT g, gen_random_uuid() AS identity_id, gen_random_uuid() AS membership_id,
             ${pick(q, "firstNames", 1)} AS first_name,
             ${pick(q, "lastNames", 2)} AS last_name,
             ${indexInto(q, "studentMajors", 3)} AS i,
             extract(year FROM now())::int + 1 + (g % 4)::int AS class_year,
             ${hashOf(q, 0)} AS h
      FROM generate_series(${q.p("from")}::int, ${q.p("to")}::int) AS g
    ), people AS MATERIALIZED (
      SELECT src.*, ${q.p("studentMajors")}[i] AS major, ${q.p("studentFieldPhrases")}[i] AS field_phrase FROM src
    ), ins_identities AS (
      INSERT INTO identities (id, email, password_hash, display_name)
      SELECT identity_id, 's' || g || '.' || ${q.p("slug")} || '@${BENCH_EMAIL_DOMAIN}', ${q.p("passwordHash")},
             first_name || ' ' || last_name
      FROM people
    ), ins_memberships AS (
      INSERT INTO memberships (id, institution_id, identity_id, role, external_id)
      SELECT membership_id, ${q.p("institutionId")}, identity_id, 'STUDENT', 'S' || lpad(g::text, 7, '0') FROM people
    ), ins_profiles AS (
      INSERT INTO student_profiles
        (membership_id, institution_id, major, class_year, fields, industries, locations, pitch, first_generation, advisor_id)
      SELECT membership_id, ${q.p("institutionId")}, major, class_year,
             string_to_array(${q.p("studentFields")}[i], ','),
             string_to_array(${q.p("studentIndustries")}[i], ','),
             ARRAY[${pick(q, "locations", 4)}],
             format('I''m a %s major in the class of %s, exploring %s. %s I''d like to hear how people got started and what they wish they had known as students.',
                    major, class_year, field_phrase, ${pick(q, "experiences", 7)}),
             h % 5 = 0,
             -- A few students have no advisor yet, as after a mid-year import.
             CASE WHEN g % 50 = 7 THEN NULL ELSE ${q.p("advisors")}[1 + (g % cardinality(${q.p("advisors")}))] END
      FROM people
    )
    -- Nearly every student shares with alumni and advisors; a few have not yet agreed to advisors.
    INSERT INTO consent_grants (institution_id, membership_id, consent_text_id, kind)
    SELECT ${q.p("institutionId")}, people.membership_id, t.id, t.kind
    FROM people
    JOIN consent_texts t ON t.institution_id = ${q.p("institutionId")} AND t.kind = ANY (
      CASE WHEN g % 40 = 9 THEN '{STUDENT_SHARE_WITH_ALUMNI}'::text[]
           ELSE '{STUDENT_SHARE_WITH_ALUMNI,STUDENT_SHARE_WITH_ADVISORS}'::text[] END)`;
}

async function seedInstitution(dataSource: DataSource, plan: InstitutionPlan, vocab: Vocabulary, passwordHash: string): Promise<void> {
  await tenantTransaction(dataSource, { institutionId: plan.id }, async (manager) => {
    await manager.query(`INSERT INTO institutions (id, slug, name, time_zone) VALUES ($1, $2, $3, $4)`, [
      plan.id,
      plan.slug,
      plan.name,
      plan.timeZone,
    ]);
    const bodies = consentTextBodies(plan.name);
    await manager.query(
      `INSERT INTO consent_texts (institution_id, kind, version, body) SELECT $1::uuid, kind, 1, body FROM unnest($2::text[], $3::text[]) AS t(kind, body)`,
      [plan.id, [...CONSENT_KINDS], CONSENT_KINDS.map((k) => bodies[k])],
    );
    const advisors = await insertStaff(manager, plan, passwordHash);
    const common = {
      ...vocab,
      institutionId: plan.id,
      slug: plan.slug,
      passwordHash,
      salt: plan.ordinal * 7_368_787,
    };
    for (let from = 1; from <= plan.alumni; from += CHUNK) {
      const q = new Params({ ...common, from, to: Math.min(plan.alumni, from + CHUNK - 1) }, PARAM_TYPES);
      await manager.query(alumniSql(q), q.values);
    }
    for (let from = 1; from <= plan.students; from += CHUNK) {
      const q = new Params({ ...common, advisors, from, to: Math.min(plan.students, from + CHUNK - 1) }, PARAM_TYPES);
      await manager.query(studentsSql(q), q.values);
    }
  });
}

/** Large, realistic data for benchmarks, written set-based inside PostgreSQL, one institution per transaction. */
export async function bulkSeed(dataSource: DataSource, opts: BulkSeedOptions): Promise<BulkSeedResult> {
  const log = opts.log ?? (() => {});
  const started = Date.now();
  for (const [name, value] of Object.entries({
    institutions: opts.institutions,
    alumni: opts.alumni,
    students: opts.students,
    requests: opts.requests,
  })) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`bulk seed: ${name} must be a whole number, got ${value}`);
  }
  if (opts.institutions < 1) throw new Error("bulk seed: institutions must be at least 1");

  const existing = (await dataSource.query(`SELECT count(*)::int AS n FROM identities WHERE email LIKE $1`, [
    `%@${BENCH_EMAIL_DOMAIN}`,
  ])) as Array<{ n: number }>;
  if (existing[0].n > 0) {
    throw new Error(`bulk seed: this database already holds ${existing[0].n} bench accounts; seed a fresh database`);
  }

  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const vocab = await vocabulary(dataSource);
  const alumni = institutionShares(opts.alumni, opts.institutions);
  const students = institutionShares(opts.students, opts.institutions);
  const plans: InstitutionPlan[] = alumni.map((_, k) => ({
    ordinal: k,
    id: randomUUID(),
    ...benchInstitution(k),
    alumni: alumni[k],
    students: students[k],
    advisors: Math.max(2, Math.round(students[k] / STUDENTS_PER_ADVISOR)),
  }));

  let next = 0;
  const worker = async () => {
    while (next < plans.length) {
      const plan = plans[next++];
      const t0 = Date.now();
      await seedInstitution(dataSource, plan, vocab, passwordHash);
      log(`${plan.slug}: ${plan.alumni} alumni, ${plan.students} students, ${plan.advisors} advisors in ${Date.now() - t0} ms`);
    }
  };
  const concurrency = Math.max(1, Math.min(opts.concurrency ?? 2, plans.length));
  await Promise.all(Array.from({ length: concurrency }, worker));

  const requests = await seedRequests(dataSource, {
    requests: opts.requests,
    institutionIds: plans.map((p) => p.id),
    log,
    concurrency,
  });

  // Fresh statistics and visibility maps, so benchmarks start from a steady state rather than a cold load.
  const t0 = Date.now();
  const [{ tables }] = (await dataSource.query(
    `SELECT string_agg(quote_ident(t), ', ') AS tables FROM unnest($1::text[]) AS t WHERE to_regclass(quote_ident(t)) IS NOT NULL`,
    [SEEDED_TABLES],
  )) as Array<{ tables: string }>;
  await dataSource.query(`VACUUM (ANALYZE) ${tables}`);
  log(`vacuum analyze in ${Date.now() - t0} ms`);

  return {
    institutions: plans.length,
    alumni: opts.alumni,
    students: opts.students,
    advisors: plans.reduce((n, p) => n + p.advisors, 0),
    admins: plans.length,
    requests,
    elapsedMs: Date.now() - started,
  };
}
