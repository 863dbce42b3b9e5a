import { graduationTask, TASK, type JobOutcomeEvent } from "../../jobs/tasks";
import { CRONTAB } from "../../jobs/runner";
import { leasesOf } from "../../jobs";
import { loadJobsConfig } from "../../jobs/jobs.config";
import { useTestDatabase } from "../../test/database";
import { buildAdmin, buildInstitution, buildStudent, type BuiltInstitution, type BuiltMember } from "../../test/factories";
import { asInstitution } from "../../test/request-kit";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const SETTINGS = `query { institution { autoGraduation graduationDay } }`;
const UPDATE = `mutation($input: UpdateInstitutionSettingsInput!) { updateInstitutionSettings(input: $input) { autoGraduation graduationDay } }`;
const THIS_YEAR = new Date().getUTCFullYear();

interface Campus {
  institution: BuiltInstitution;
  admin: BuiltMember;
  adminToken: string;
  /** Class of last year: their class year has ended whatever the graduation day. */
  graduate: BuiltMember;
  /** Class of next year: not yet. */
  junior: BuiltMember;
}

async function campus(): Promise<Campus> {
  const institution = await buildInstitution(db());
  const admin = await buildAdmin(db(), { institution });
  const graduate = await buildStudent(db(), { institution });
  const junior = await buildStudent(db(), { institution });
  for (const [student, year] of [
    [graduate, THIS_YEAR - 1],
    [junior, THIS_YEAR + 1],
  ] as const)
    await asInstitution(db(), institution.id, `UPDATE student_profiles SET class_year = $2, major = 'History' WHERE membership_id = $1`, [
      student.membershipId,
      year,
    ]);
  return { institution, admin, adminToken: await server.signIn(admin), graduate, junior };
}

/** The person's memberships here, and the outbox rows inviting them to volunteer. */
async function stateOf(c: Campus, student: BuiltMember) {
  const roles = await asInstitution(
    db(),
    c.institution.id,
    `SELECT role, deactivated_at IS NULL AS active FROM memberships WHERE identity_id = $1 AND institution_id = $2 ORDER BY role`,
    [student.identityId, c.institution.id],
  );
  const invitations = await asInstitution(
    db(),
    c.institution.id,
    `SELECT o.payload->>'membershipId' AS alum FROM outbox o JOIN memberships a ON a.id = (o.payload->>'membershipId')::uuid
      WHERE o.topic = 'graduation.volunteer_invitation' AND a.identity_id = $1`,
    [student.identityId],
  );
  return { roles: roles.map((r) => `${r.role}${r.active ? "" : " (deactivated)"}`), invitations: invitations.length };
}

function runTask(ids: string[]): Promise<JobOutcomeEvent[]> {
  const outcomes: JobOutcomeEvent[] = [];
  const task = graduationTask({
    scheduler: { institutionIds: async () => ids } as never,
    graduation: server.services.integrations.graduation,
    logger: { warn: jest.fn(), error: jest.fn() } as never,
    onOutcome: (event) => outcomes.push(event),
  });
  return (task({}, {} as never) as Promise<void>).then(() => outcomes);
}

describe("automatic graduation at the end of the class year", () => {
  it("is off by default: the daily task graduates nobody", async () => {
    const a = await campus();
    expect((await server.gql(SETTINGS, {}, a.adminToken)).data!.institution).toEqual({ autoGraduation: false, graduationDay: "06-15" });
    expect(await runTask([a.institution.id])).toEqual([
      { task: TASK.graduation, institutionId: a.institution.id, outcome: "done", detail: { graduated: null } },
    ]);
    expect(await stateOf(a, a.graduate)).toEqual({ roles: ["STUDENT"], invitations: 0 });
  });

  it("once on, graduates the students whose class year has ended, once; running again changes nothing; another institution is untouched", async () => {
    const a = await campus();
    const b = await campus();
    const on = await server.gql(UPDATE, { input: { autoGraduation: true, graduationDay: "05-20" } }, a.adminToken);
    expect(on.data!.updateInstitutionSettings).toEqual({ autoGraduation: true, graduationDay: "05-20" });
    // Audited like every other setting, with the values before and after.
    const audit = await server.gql(
      `query { auditLog(filter: { action: "institution.settings_changed" }) { edges { node { before after } } } }`,
      {},
      a.adminToken,
    );
    // before and after are JSON text over GraphQL.
    const changes = audit.data!.auditLog.edges.map((e: { node: { before: string; after: string } }) => ({
      before: JSON.parse(e.node.before),
      after: JSON.parse(e.node.after),
    }));
    expect(changes).toEqual([
      { before: { autoGraduation: false, graduationDay: "06-15" }, after: { autoGraduation: true, graduationDay: "05-20" } },
    ]);

    const first = await runTask([a.institution.id, b.institution.id]);
    expect(first).toEqual([
      { task: TASK.graduation, institutionId: a.institution.id, outcome: "done", detail: { graduated: 1 } },
      { task: TASK.graduation, institutionId: b.institution.id, outcome: "done", detail: { graduated: null } },
    ]);
    expect(await stateOf(a, a.graduate)).toEqual({ roles: ["ALUMNUS", "STUDENT"], invitations: 1 });
    expect(await stateOf(a, a.junior)).toEqual({ roles: ["STUDENT"], invitations: 0 });
    expect(await stateOf(b, b.graduate)).toEqual({ roles: ["STUDENT"], invitations: 0 });
    const [profile] = await asInstitution(
      db(),
      a.institution.id,
      `SELECT p.class_year, p.major FROM alumni_profiles p JOIN memberships ms ON ms.id = p.membership_id WHERE ms.identity_id = $1`,
      [a.graduate.identityId],
    );
    expect(profile).toEqual({ class_year: THIS_YEAR - 1, major: "History" });
    const [entry] = await asInstitution(
      db(),
      a.institution.id,
      `SELECT actor_kind, subject_membership_id FROM audit_log WHERE action = 'student.graduated' AND institution_id = $1`,
      [a.institution.id],
    );
    expect(entry).toEqual({ actor_kind: "SYSTEM", subject_membership_id: a.graduate.membershipId });

    // The same day again (another replica, a retry): the day is claimed, nothing runs.
    expect(await runTask([a.institution.id])).toEqual([
      { task: TASK.graduation, institutionId: a.institution.id, outcome: "done", detail: { graduated: null } },
    ]);
    // Even with the claim gone (a new day), nobody graduates twice and nobody is invited twice.
    await asInstitution(db(), a.institution.id, `UPDATE institutions SET graduation_ran_on = NULL WHERE id = $1`, [a.institution.id]);
    expect(await runTask([a.institution.id])).toEqual([
      { task: TASK.graduation, institutionId: a.institution.id, outcome: "done", detail: { graduated: 0 } },
    ]);
    expect(await stateOf(a, a.graduate)).toEqual({ roles: ["ALUMNUS", "STUDENT"], invitations: 1 });
  });

  it("ends the class year on the graduation day, in the institution's time zone", async () => {
    const a = await campus();
    // This year's class, with the graduation day tomorrow, then today (the institution's local date).
    await asInstitution(db(), a.institution.id, `UPDATE student_profiles SET class_year = $2 WHERE membership_id = $1`, [
      a.junior.membershipId,
      THIS_YEAR,
    ]);
    const [local] = await asInstitution(
      db(),
      a.institution.id,
      `SELECT to_char((now() AT TIME ZONE time_zone)::date, 'YYYY-MM-DD') AS today, to_char((now() AT TIME ZONE time_zone)::date + 1, 'MM-DD') AS tomorrow
         FROM institutions WHERE id = $1`,
      [a.institution.id],
    );
    if (!local.today.startsWith(String(THIS_YEAR))) return; // the institution's New Year's Eve while UTC is already in the new year
    await server.gql(UPDATE, { input: { autoGraduation: true, graduationDay: local.tomorrow } }, a.adminToken);
    if (local.tomorrow !== "01-01") {
      await runTask([a.institution.id]);
      expect(await stateOf(a, a.junior)).toEqual({ roles: ["STUDENT"], invitations: 0 });
    }
    await server.gql(UPDATE, { input: { graduationDay: local.today.slice(5) } }, a.adminToken);
    await asInstitution(db(), a.institution.id, `UPDATE institutions SET graduation_ran_on = NULL WHERE id = $1`, [a.institution.id]);
    await runTask([a.institution.id]);
    expect(await stateOf(a, a.junior)).toEqual({ roles: ["ALUMNUS", "STUDENT"], invitations: 1 });
  });

  it("refuses a graduation day that is no day, and non-admins", async () => {
    const a = await campus();
    for (const graduationDay of ["6-15", "13-01", "02-30"])
      expect(errorCode(await server.gql(UPDATE, { input: { graduationDay } }, a.adminToken))).toBe("BAD_USER_INPUT");
    expect(errorCode(await server.gql(UPDATE, { input: { autoGraduation: true } }, await server.signIn(a.graduate)))).toBe("FORBIDDEN");
    expect((await server.gql(SETTINGS, {}, a.adminToken)).data!.institution).toEqual({ autoGraduation: false, graduationDay: "06-15" });
  });

  it("is on the crontab hourly, one job at a time across replicas (a job key, no backfill), with a lease", () => {
    expect(CRONTAB.filter((item) => item.task === TASK.graduation)).toEqual([
      expect.objectContaining({ match: "53 * * * *", options: { backfillPeriod: 0, maxAttempts: 1, jobKey: TASK.graduation } }),
    ]);
    expect(leasesOf(loadJobsConfig({}))[TASK.graduation]).toBeGreaterThan(0);
  });
});
