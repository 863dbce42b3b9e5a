import type { DataSource } from "typeorm";
import { tenantTransaction } from "../db/tenant-transaction";
import { verifyPassword } from "../modules/accounts/passwords";
import { useFreshDatabase } from "../test/database";
import { BENCH_EMAIL_DOMAIN, bulkSeed, seedRequests } from "./bulk-seed";
import { DEMO_PASSWORD, DEMO_SIGN_INS, seedDemo } from "./demo-seed";

async function identityId(ds: DataSource, email: string): Promise<string> {
  const rows: Array<{ id: string }> = await tenantTransaction(ds, { institutionId: null }, (m) =>
    m.query(`SELECT id FROM identities WHERE email = $1`, [email]),
  );
  if (rows.length !== 1) throw new Error(`no identity ${email}`);
  return rows[0].id;
}

/** Reads as the app role would: institutions are found through a member, never by bypassing RLS. */
async function institutionsOf(ds: DataSource, email: string): Promise<Array<{ id: string; slug: string; name: string }>> {
  const id = await identityId(ds, email);
  return tenantTransaction(ds, { institutionId: null, identityId: id }, (m) =>
    m.query(`SELECT id, slug, name FROM institutions ORDER BY slug`),
  );
}

async function inInstitution<T>(ds: DataSource, institutionId: string, sql: string): Promise<T[]> {
  return tenantTransaction(ds, { institutionId }, (m) => m.query(sql, [institutionId]));
}

// Seeds act on a whole database ("only when empty"), so each suite gets its own clone of the template.
describe("seedDemo", () => {
  const db = useFreshDatabase("demo_seed");
  let first: { seeded: boolean };
  let institutions: Array<{ id: string; slug: string; name: string }>;

  beforeAll(async () => {
    first = await seedDemo(db());
    institutions = await institutionsOf(db(), "dual.alum@example.org");
  });

  it("creates Northfield University and Lakeside College in an empty database", () => {
    expect(first).toEqual({ seeded: true });
    expect(institutions.map((i) => [i.slug, i.name])).toEqual([
      ["lakeside", "Lakeside College"],
      ["northfield", "Northfield University"],
    ]);
  });

  it("gives each institution one admin, two advisors, ten students and about twenty-five alumni", async () => {
    for (const inst of institutions) {
      const rows = await inInstitution<{ role: string; n: number }>(
        db(),
        inst.id,
        `SELECT role, count(*)::int AS n FROM memberships WHERE institution_id = $1 GROUP BY role ORDER BY role`,
      );
      expect({ slug: inst.slug, roles: Object.fromEntries(rows.map((r) => [r.role, r.n])) }).toEqual({
        slug: inst.slug,
        roles: { ADMIN: 1, ADVISOR: 2, ALUMNUS: 25, STUDENT: 10 },
      });
    }
  });

  it("gives every student a pitch, explored fields and industries, an advisor and both student consents", async () => {
    for (const inst of institutions) {
      const problems = await inInstitution<{ email: string; problem: string }>(
        db(),
        inst.id,
        `SELECT i.email, p.problem FROM memberships m JOIN identities i ON i.id = m.identity_id
         LEFT JOIN student_profiles s ON s.membership_id = m.id
         LEFT JOIN memberships adv ON adv.id = s.advisor_id
         CROSS JOIN LATERAL (VALUES
           (CASE WHEN s.membership_id IS NULL THEN 'no profile' END),
           (CASE WHEN length(s.pitch) < 100 THEN 'short pitch' END),
           (CASE WHEN cardinality(s.fields) = 0 OR cardinality(s.industries) = 0 THEN 'nothing explored' END),
           (CASE WHEN adv.role IS DISTINCT FROM 'ADVISOR' THEN 'no advisor' END),
           (CASE WHEN (SELECT array_agg(c.kind ORDER BY c.kind) FROM consents c
                        WHERE c.membership_id = m.id AND c.withdrawn_at IS NULL)
                      IS DISTINCT FROM ARRAY['STUDENT_SHARE_WITH_ADVISORS','STUDENT_SHARE_WITH_ALUMNI']
                 THEN 'consents missing' END)) AS p(problem)
         WHERE m.institution_id = $1 AND m.role = 'STUDENT' AND p.problem IS NOT NULL`,
      );
      expect(problems).toEqual([]);
    }
  });

  it("links every consent to the version 1 text of its kind, one text per kind", async () => {
    for (const inst of institutions) {
      const texts = await inInstitution<{ kind: string; version: number }>(
        db(),
        inst.id,
        `SELECT kind, version FROM consent_texts WHERE institution_id = $1 ORDER BY kind`,
      );
      expect(texts).toEqual(
        ["ALUMNUS_CONTACT", "ALUMNUS_LISTED", "ALUMNUS_SHARE_CONTACT", "STUDENT_SHARE_WITH_ADVISORS", "STUDENT_SHARE_WITH_ALUMNI"].map(
          (kind) => ({ kind, version: 1 }),
        ),
      );
      const [{ mismatched }] = await inInstitution<{ mismatched: number }>(
        db(),
        inst.id,
        `SELECT count(*)::int AS mismatched FROM consents c JOIN consent_texts t ON t.id = c.consent_text_id
          WHERE c.institution_id = $1 AND t.kind <> c.kind`,
      );
      expect(mismatched).toBe(0);
    }
  });

  it("mixes alumni who opted in fully, who keep contact details private, who have not opted in, and who paused", async () => {
    for (const inst of institutions) {
      const rows = await inInstitution<{ consents: string; paused: boolean; n: number }>(
        db(),
        inst.id,
        `SELECT coalesce((SELECT string_agg(c.kind, ',' ORDER BY c.kind) FROM consents c
                           WHERE c.membership_id = m.id AND c.withdrawn_at IS NULL), '') AS consents,
                a.paused, count(*)::int AS n
           FROM memberships m JOIN alumni_profiles a ON a.membership_id = m.id
          WHERE m.institution_id = $1 AND m.role = 'ALUMNUS'
          GROUP BY 1, 2`,
      );
      const count = (consents: string, paused?: boolean) =>
        rows.filter((r) => r.consents === consents && (paused === undefined || r.paused === paused)).reduce((n, r) => n + r.n, 0);
      const all = "ALUMNUS_CONTACT,ALUMNUS_LISTED,ALUMNUS_SHARE_CONTACT";
      expect(rows.reduce((n, r) => n + r.n, 0)).toBe(25);
      expect(count(all)).toBeGreaterThanOrEqual(18);
      expect(count("ALUMNUS_CONTACT,ALUMNUS_LISTED")).toBe(3);
      expect(count("")).toBe(1);
      expect(count(all, true)).toBe(2);
    }
  });

  it("fills every alum's career details and contact email and phone", async () => {
    for (const inst of institutions) {
      const [row] = await inInstitution<{ incomplete: number; fields: number; industries: number }>(
        db(),
        inst.id,
        `SELECT count(*) FILTER (WHERE employer IS NULL OR title IS NULL OR industry IS NULL OR location IS NULL
                                   OR class_year IS NULL OR major IS NULL OR cardinality(fields) = 0
                                   OR cardinality(topics) = 0 OR contact_email IS NULL OR contact_phone IS NULL
                                   OR bio = '')::int AS incomplete,
                (SELECT count(DISTINCT f)::int FROM alumni_profiles, unnest(fields) f WHERE institution_id = $1) AS fields,
                count(DISTINCT industry)::int AS industries
           FROM alumni_profiles WHERE institution_id = $1`,
      );
      expect(row.incomplete).toBe(0);
      expect(row.fields).toBeGreaterThanOrEqual(15);
      expect(row.industries).toBeGreaterThanOrEqual(12);
    }
  });

  it("makes the dual alum one identity with an ALUMNUS membership in each institution", async () => {
    const id = await identityId(db(), "dual.alum@example.org");
    const memberships: Array<{ slug: string; role: string }> = await tenantTransaction(db(), { institutionId: null, identityId: id }, (m) =>
      m.query(
        `SELECT i.slug, m.role FROM memberships m JOIN institutions i ON i.id = m.institution_id
            WHERE m.identity_id = $1 ORDER BY i.slug`,
        [id],
      ),
    );
    expect(memberships).toEqual([
      { slug: "lakeside", role: "ALUMNUS" },
      { slug: "northfield", role: "ALUMNUS" },
    ]);
  });

  it("lets every listed demo sign-in use the demo password in the role and institution it claims", async () => {
    const [{ hashes, hash }] = await tenantTransaction(db(), { institutionId: null }, (m) =>
      m.query(`SELECT count(DISTINCT password_hash)::int AS hashes, min(password_hash) AS hash FROM identities`),
    );
    expect(hashes).toBe(1);
    await expect(verifyPassword(hash, DEMO_PASSWORD)).resolves.toBe(true);
    for (const signIn of DEMO_SIGN_INS) {
      const id = await identityId(db(), signIn.email);
      const rows: Array<{ slug: string }> = await tenantTransaction(db(), { institutionId: null, identityId: id }, (m) =>
        m.query(
          `SELECT i.slug FROM memberships m JOIN institutions i ON i.id = m.institution_id WHERE m.identity_id = $1 AND m.role = $2`,
          [id, signIn.role],
        ),
      );
      expect({ ...signIn, found: rows.map((r) => r.slug).includes(signIn.institution) }).toEqual({ ...signIn, found: true });
    }
  });

  it("does nothing when run again", async () => {
    const count = () => tenantTransaction(db(), { institutionId: null }, (m) => m.query(`SELECT count(*)::int AS n FROM identities`));
    const before = await count();
    await expect(seedDemo(db())).resolves.toEqual({ seeded: false });
    expect(await count()).toEqual(before);
    expect(await institutionsOf(db(), "dual.alum@example.org")).toEqual(institutions);
  });
});

describe("bulkSeed", () => {
  const db = useFreshDatabase("bulk_seed");
  let result: Awaited<ReturnType<typeof bulkSeed>>;

  beforeAll(async () => {
    result = await bulkSeed(db(), { institutions: 2, alumni: 20, students: 30, requests: 60 });
  });

  async function benchInstitutions(): Promise<Array<{ id: string; slug: string }>> {
    const rows: Array<{ email: string }> = await tenantTransaction(db(), { institutionId: null }, (m) =>
      m.query(`SELECT email FROM identities WHERE email LIKE 'admin.%@${BENCH_EMAIL_DOMAIN}' ORDER BY email`),
    );
    return (await Promise.all(rows.map((r) => institutionsOf(db(), r.email)))).flat();
  }

  it("reports exactly the people and requests it was asked for", () => {
    expect(result).toMatchObject({ institutions: 2, alumni: 20, students: 30, admins: 2, advisors: 4, requests: 60 });
  });

  it("spreads alumni, students and requests evenly, each person with a profile", async () => {
    const insts = await benchInstitutions();
    expect(insts).toHaveLength(2);
    for (const inst of insts) {
      const [row] = await inInstitution<Record<string, number>>(
        db(),
        inst.id,
        `SELECT count(*) FILTER (WHERE role = 'ALUMNUS')::int AS alumni,
                count(*) FILTER (WHERE role = 'STUDENT')::int AS students,
                count(*) FILTER (WHERE role = 'ADVISOR')::int AS advisors,
                count(*) FILTER (WHERE role = 'ADMIN')::int AS admins,
                (SELECT count(*)::int FROM alumni_profiles WHERE institution_id = $1) AS alumni_profiles,
                (SELECT count(*)::int FROM student_profiles WHERE institution_id = $1 AND length(pitch) > 50) AS student_profiles,
                (SELECT count(*)::int FROM consent_texts WHERE institution_id = $1) AS consent_texts,
                (SELECT count(*)::int FROM interview_requests WHERE institution_id = $1) AS requests
           FROM memberships WHERE institution_id = $1`,
      );
      expect(row).toEqual({
        alumni: 10,
        students: 15,
        advisors: 2,
        admins: 1,
        alumni_profiles: 10,
        student_profiles: 15,
        consent_texts: 5,
        requests: 30,
      });
    }
    const [{ n }] = await tenantTransaction(db(), { institutionId: null }, (m) =>
      m.query(`SELECT count(*)::int AS n FROM identities WHERE email LIKE '%@${BENCH_EMAIL_DOMAIN}'`),
    );
    expect(n).toBe(20 + 30 + 2 + 4);
  });

  it("writes requests only between consenting students and listed, contactable, unpaused alumni", async () => {
    for (const inst of await benchInstitutions()) {
      const [row] = await inInstitution<Record<string, number>>(
        db(),
        inst.id,
        `SELECT count(*) FILTER (WHERE s.role <> 'STUDENT' OR a.role <> 'ALUMNUS')::int AS wrong_roles,
                count(*) FILTER (WHERE ap.paused)::int AS to_paused,
                count(*) FILTER (WHERE (SELECT count(*) FROM consents c WHERE c.membership_id = r.alumnus_id
                                          AND c.kind IN ('ALUMNUS_LISTED', 'ALUMNUS_CONTACT') AND c.withdrawn_at IS NULL) <> 2)::int AS without_consent,
                count(DISTINCT r.state)::int AS states
           FROM interview_requests r
           JOIN memberships s ON s.id = r.student_id
           JOIN memberships a ON a.id = r.alumnus_id
           JOIN alumni_profiles ap ON ap.membership_id = r.alumnus_id
          WHERE r.institution_id = $1`,
      );
      expect(row).toEqual({ wrong_roles: 0, to_paused: 0, without_consent: 0, states: expect.any(Number) });
      expect(row.states).toBeGreaterThanOrEqual(3);
    }
  });

  it("gives every request two or three proposed times and a history that ends in its state", async () => {
    for (const inst of await benchInstitutions()) {
      const problems = await inInstitution<{ id: string; state: string; proposed: number; last: string; first: string }>(
        db(),
        inst.id,
        `SELECT r.id, r.state,
                (SELECT count(*)::int FROM proposed_times p WHERE p.request_id = r.id) AS proposed,
                (SELECT e.to_state FROM request_events e WHERE e.request_id = r.id ORDER BY e.at DESC, e.id DESC LIMIT 1) AS last,
                (SELECT e.to_state FROM request_events e WHERE e.request_id = r.id ORDER BY e.at, e.id LIMIT 1) AS first
           FROM interview_requests r WHERE r.institution_id = $1`,
      );
      expect(problems.length).toBe(30);
      expect(problems.filter((p) => p.proposed < 2 || p.proposed > 3 || p.first !== "REQUESTED" || p.last !== p.state)).toEqual([]);
    }
  });

  it("books accepted requests at their chosen time and starts a follow-up for every completed one", async () => {
    for (const inst of await benchInstitutions()) {
      const [row] = await inInstitution<Record<string, number>>(
        db(),
        inst.id,
        `SELECT count(*) FILTER (WHERE r.state IN ('ACCEPTED', 'COMPLETED', 'NO_SHOW', 'CANCELLED')
                                   AND (SELECT count(*) FROM proposed_times p WHERE p.request_id = r.id AND p.status = 'CHOSEN'
                                          AND p.starts_at = r.meeting_starts_at) <> 1)::int AS unbooked,
                count(*) FILTER (WHERE (r.state = 'COMPLETED') <> EXISTS (SELECT 1 FROM follow_ups f WHERE f.request_id = r.id))::int
                  AS follow_ups_wrong
           FROM interview_requests r WHERE r.institution_id = $1`,
      );
      expect(row).toEqual({ unbooked: 0, follow_ups_wrong: 0 });
    }
  });

  it("refuses to seed a second time into the same database", async () => {
    await expect(bulkSeed(db(), { institutions: 1, alumni: 1, students: 1, requests: 0 })).rejects.toThrow(/fresh database/);
  });

  // Last: it drops the table from this suite's own database.
  it("skips requests, saying so, when the interview_requests table does not exist", async () => {
    await db().query(`DROP TABLE interview_requests CASCADE`);
    const messages: string[] = [];
    const ids = (await benchInstitutions()).map((i) => i.id);
    await expect(seedRequests(db(), { requests: 10, institutionIds: ids, log: (s) => messages.push(s) })).resolves.toBe(0);
    expect(messages).toEqual(["requests skipped: interview_requests table does not exist yet"]);
  });
});
