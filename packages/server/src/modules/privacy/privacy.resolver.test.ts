import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { tenantTransaction } from "../../db/tenant-transaction";
import { asOwnerIn } from "../../test/request-kit";
import { useTestDatabase } from "../../test/database";
import { buildAdmin, buildAdvisor, buildAlumnus, buildInstitution, buildStudent, type BuiltMember } from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { recordAudit } from "../audit";
import { buildRequest, tokenCache } from "../conversations/conversations.fixtures";
import { createFileMailer } from "../notifications/mailer";
import { decodeMail, normalizeMailText } from "./privacy.service";

const db = useTestDatabase();
const dataDir = mkdtempSync(path.join(os.tmpdir(), "infoview-erase-"));
let server: TestServer;
let token: (member: BuiltMember) => Promise<string>;
beforeAll(async () => {
  server = await startTestServer(db(), { ACCESS_TOKEN_TTL_SECONDS: "7200", DATA_DIR: dataDir });
  token = tokenCache((member) => server.signIn(member));
});
afterAll(() => server.close());

const DAY = 24 * 3600_000;
const MY_ARCHIVE = `{ myDataArchive { filename contentType bytes base64 } }`;
const PERSON_ARCHIVE = `query($id: ID!) { personDataArchive(membershipId: $id) { filename bytes base64 } }`;
const ERASE = `mutation($id: ID!) { erasePerson(membershipId: $id) }`;
const REQUEST_ERASURE = `mutation { requestAccountErasure { requestedAt dueAt } }`;
const CANCEL_ERASURE = `mutation { cancelAccountErasure { requestedAt dueAt } }`;
const MY_ERASURE = `{ myAccountErasure { requestedAt dueAt } }`;

const unzip = (base64: string): Record<string, string> =>
  Object.fromEntries(Object.entries(unzipSync(Buffer.from(base64, "base64"))).map(([name, bytes]) => [name, strFromU8(bytes)]));

async function ok(member: BuiltMember, query: string, variables: Record<string, unknown> = {}) {
  const result = await server.gql(query, variables, await token(member));
  expect(result.errors).toBeUndefined();
  return result.data!;
}

const rand = () => Math.random().toString(36).slice(2, 8);

describe("myDataArchive", () => {
  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(MY_ARCHIVE))).toBe("UNAUTHENTICATED");
  });

  it.each(["STUDENT", "ALUMNUS", "ADVISOR", "ADMIN"] as const)("gives a %s a zip with identity.json, data.json and CSVs", async (role) => {
    const institution = await buildInstitution(db());
    const build = { STUDENT: buildStudent, ALUMNUS: buildAlumnus, ADVISOR: buildAdvisor, ADMIN: buildAdmin }[role];
    const displayName = `Export ${role} ${rand()}`;
    const member = await build(db(), { institution, displayName });
    const archive = (await ok(member, MY_ARCHIVE)).myDataArchive;
    expect(archive).toMatchObject({
      contentType: "application/zip",
      filename: expect.stringMatching(/^infoview-data-\d{4}-\d{2}-\d{2}\.zip$/),
    });
    const files = unzip(archive.base64);
    expect(Buffer.from(archive.base64, "base64").length).toBe(archive.bytes);
    expect(JSON.parse(files["identity.json"]).identity).toMatchObject({ email: member.email, displayName });
    const folder = Object.keys(files).find((f) => f.endsWith("/data.json"))!;
    const data = JSON.parse(files[folder]);
    expect(data.memberships).toEqual([expect.objectContaining({ id: member.membershipId, role })]);
    expect(files[folder.replace("data.json", "memberships.csv")]).toContain(member.membershipId);
  });

  it("covers every institution of a person, with the alum's requests received and a student's notes", async () => {
    const school = await buildInstitution(db());
    const other = await buildInstitution(db());
    const alum = await buildAlumnus(db(), { institution: school });
    const sameAlumElsewhere = await buildAlumnus(db(), { institution: other, identityId: alum.identityId, email: alum.email });
    const student = await buildStudent(db(), { institution: school, displayName: "Requesting Student" });
    const request = await buildRequest(db(), student, alum, { state: "REQUESTED" });
    const files = unzip((await ok(alum, MY_ARCHIVE)).myDataArchive.base64);
    const folders = Object.keys(files).filter((f) => f.endsWith("/data.json"));
    expect(folders).toHaveLength(2);
    const docs = folders.map((f) => JSON.parse(files[f]));
    const ids = docs.flatMap((d) => d.memberships.map((ms: { id: string }) => ms.id)).sort();
    expect(ids).toEqual([alum.membershipId, sameAlumElsewhere.membershipId].sort());
    const received = docs.flatMap((d) => d.alumnus.requestsReceived);
    expect(received).toEqual([expect.objectContaining({ id: request.id, studentName: "Requesting Student" })]);
    expect(Object.keys(files).some((f) => f.endsWith("alumnus-requestsReceived.csv"))).toBe(true);
  });
});

describe("myDataExport", () => {
  it("answers alumni and staff too (the rule is every signed-in person)", async () => {
    const institution = await buildInstitution(db());
    for (const member of [
      await buildAlumnus(db(), { institution }),
      await buildAdvisor(db(), { institution }),
      await buildAdmin(db(), { institution }),
    ]) {
      const data = JSON.parse((await ok(member, `{ myDataExport }`)).myDataExport);
      expect(data.memberships).toEqual([expect.objectContaining({ id: member.membershipId, role: member.role })]);
    }
  });
});

describe("personDataArchive", () => {
  it("gives an admin one person of their institution, and records it in the audit log", async () => {
    const institution = await buildInstitution(db());
    const admin = await buildAdmin(db(), { institution });
    const student = await buildStudent(db(), { institution, displayName: "Subject Person" });
    const files = unzip((await ok(admin, PERSON_ARCHIVE, { id: student.membershipId })).personDataArchive.base64);
    const data = JSON.parse(files[Object.keys(files).find((f) => f.endsWith("/data.json"))!]);
    expect(data.person).toEqual({ displayName: "Subject Person", email: student.email });
    expect(data.memberships).toEqual([expect.objectContaining({ id: student.membershipId, role: "STUDENT" })]);
    const audit = await tenantTransaction(db(), { institutionId: institution.id }, (m) =>
      m.query(`SELECT action, actor_membership_id, subject_membership_id FROM audit_log WHERE action = 'person.exported'`),
    );
    expect(audit).toEqual([
      { action: "person.exported", actor_membership_id: admin.membershipId, subject_membership_id: student.membershipId },
    ]);
  });

  it("refuses a person of another institution (code and row-level security) and non-admins", async () => {
    const admin = await buildAdmin(db());
    const elsewhere = await buildStudent(db());
    expect(errorCode(await server.gql(PERSON_ARCHIVE, { id: elsewhere.membershipId }, await token(admin)))).toBe("PERSON_NOT_FOUND");
    expect(errorCode(await server.gql(ERASE, { id: elsewhere.membershipId }, await token(admin)))).toBe("PERSON_NOT_FOUND");
    // Row-level security alone: in the admin's institution's transaction the other membership is not there.
    const seen = await tenantTransaction(db(), { institutionId: admin.institutionId }, (m) =>
      m.query(`SELECT id FROM memberships WHERE id = $1`, [elsewhere.membershipId]),
    );
    expect(seen).toEqual([]);
    const advisor = await buildAdvisor(db(), { institution: { id: elsewhere.institutionId } as never });
    expect(errorCode(await server.gql(PERSON_ARCHIVE, { id: elsewhere.membershipId }, await token(advisor)))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(ERASE, { id: elsewhere.membershipId }, await token(advisor)))).toBe("FORBIDDEN");
  });
});

describe("requestAccountErasure", () => {
  it("sets a due date from the institution's grace period, can be cancelled, and the job erases it when due", async () => {
    const institution = await buildInstitution(db());
    await asOwnerIn(db(), { institutionId: institution.id }, (m) =>
      m.query(`UPDATE institutions SET erasure_grace_days = 3 WHERE id = $1`, [institution.id]),
    );
    const student = await buildStudent(db(), { institution });
    const asked = (await ok(student, REQUEST_ERASURE)).requestAccountErasure;
    const due = new Date(asked.dueAt).getTime() - new Date(asked.requestedAt).getTime();
    expect(Math.round(due / DAY)).toBe(3);
    expect((await ok(student, MY_ERASURE)).myAccountErasure.dueAt).toBe(asked.dueAt);
    const outbox = await tenantTransaction(db(), { institutionId: institution.id }, (m) =>
      m.query(`SELECT topic, payload FROM outbox WHERE topic = 'account.erasure_requested'`),
    );
    expect(outbox).toEqual([{ topic: "account.erasure_requested", payload: { membershipId: student.membershipId } }]);
    const plan = await server.services.notifications.deliverer.plan({
      id: "1",
      institutionId: institution.id,
      topic: "account.erasure_requested",
      payload: { membershipId: student.membershipId },
    } as never);
    expect(plan.emails).toEqual([
      expect.objectContaining({
        to: expect.objectContaining({ email: student.email }),
        subject: expect.stringContaining("will be deleted on"),
      }),
    ]);

    expect((await ok(student, CANCEL_ERASURE)).cancelAccountErasure).toEqual({ requestedAt: null, dueAt: null });
    expect(errorCode(await server.gql(CANCEL_ERASURE, {}, await token(student)))).toBe("ERASURE_NOT_PENDING");

    await ok(student, REQUEST_ERASURE);
    expect(await server.services.privacy.eraseDue(institution.id)).toBe(0); // not due yet
    await asOwnerIn(db(), { institutionId: institution.id }, (m) =>
      m.query(`UPDATE memberships SET erasure_due_at = now() - interval '1 minute' WHERE id = $1`, [student.membershipId]),
    );
    expect(await server.services.privacy.eraseDue(institution.id)).toBe(1);
    const [row] = await asOwnerIn(db(), { institutionId: institution.id }, (m) =>
      m.query(
        `SELECT ms.erased_at, idn.display_name, idn.email FROM memberships ms JOIN identities idn ON idn.id = ms.identity_id WHERE ms.id = $1`,
        [student.membershipId],
      ),
    );
    expect(row).toMatchObject({
      erased_at: expect.any(Date),
      display_name: "A former student",
      email: `erased-${student.membershipId}@erased.invalid`,
    });
    expect(errorCode(await server.gql(MY_ERASURE, {}, await token(student)))).toBe("UNAUTHENTICATED");
  });
});

describe("erasePerson", () => {
  it("is refused for the admin themself and for someone already erased", async () => {
    const institution = await buildInstitution(db());
    const admin = await buildAdmin(db(), { institution });
    expect(errorCode(await server.gql(ERASE, { id: admin.membershipId }, await token(admin)))).toBe("ERASE_SELF_REFUSED");
    const student = await buildStudent(db(), { institution });
    expect((await ok(admin, ERASE, { id: student.membershipId })).erasePerson).toBe(true);
    expect(errorCode(await server.gql(ERASE, { id: student.membershipId }, await token(admin)))).toBe("PERSON_ALREADY_ERASED");
  });

  it("leaves the alum's side whole with 'A former student', keeps counts, and tells the deletions feed and the audit log", async () => {
    const institution = await buildInstitution(db());
    const admin = await buildAdmin(db(), { institution });
    const externalId = `sis-${rand()}`;
    const student = await buildStudent(db(), { institution, externalId });
    const alum = await buildAlumnus(db(), { institution });
    const request = await buildRequest(db(), student, alum, { state: "COMPLETED", closedAt: new Date(Date.now() - DAY) });
    await ok(admin, ERASE, { id: student.membershipId });
    const received = JSON.parse((await ok(alum, `{ myDataExport }`)).myDataExport).alumnus.requestsReceived;
    expect(received).toEqual([
      expect.objectContaining({ id: request.id, studentName: "A former student", state: "COMPLETED", message: "[erased]" }),
    ]);
    await tenantTransaction(db(), { institutionId: institution.id }, async (m) => {
      expect(await m.query(`SELECT count(*)::int AS n FROM interview_requests WHERE student_id = $1`, [student.membershipId])).toEqual([
        { n: 1 },
      ]);
      expect(await m.query(`SELECT entity, role, external_id FROM deleted_records WHERE entity_id = $1`, [student.membershipId])).toEqual([
        { entity: "PERSON", role: "STUDENT", external_id: externalId },
      ]);
      expect(
        await m.query(
          `SELECT topic, payload->>'role' AS role FROM outbox WHERE topic = 'person.erased' AND payload->>'membershipId' = $1`,
          [student.membershipId],
        ),
      ).toEqual([{ topic: "person.erased", role: "STUDENT" }]);
      expect(
        await m.query(`SELECT actor_membership_id FROM audit_log WHERE action = 'person.erased' AND subject_membership_id = $1`, [
          student.membershipId,
        ]),
      ).toEqual([{ actor_membership_id: admin.membershipId }]);
    });
  });
});

/**
 * Every text, varchar, text[] and json/jsonb column of every table, read as the owner with the person's institution
 * and identity as tenant settings: which needles appear where. As a superuser (the embedded server) row-level
 * security hides nothing; as a plain owner (PostgreSQL 15 in CI) FORCE ROW LEVEL SECURITY shows the institution's
 * and the identity's rows, which is where everything of this person lives.
 */
async function scanDatabase(needles: string[], scope: { institutionId: string; identityId: string }): Promise<Record<string, string[]>> {
  const columns: Array<{ table_schema: string; table_name: string; column_name: string }> = await db().query(
    `SELECT c.table_schema, c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
        AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb') OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar')))`,
  );
  expect(columns.length).toBeGreaterThan(50);
  const lowered = needles.map((n) => n.toLowerCase());
  const escaped = needles.map((n) => JSON.stringify(n).slice(1, -1).toLowerCase());
  const hits: Record<string, string[]> = {};
  for (const c of columns) {
    const rows: Array<{ v: string }> = await asOwnerIn(db(), scope, (m) =>
      m.query(
        `SELECT v FROM unnest($1::text[]) v WHERE EXISTS (SELECT 1 FROM "${c.table_schema}"."${c.table_name}" x WHERE strpos(lower(x."${c.column_name}"::text), v) > 0)`,
        [[...lowered, ...escaped]],
      ),
    );
    for (const { v } of rows) {
      const needle = needles[lowered.indexOf(v)] ?? needles[escaped.indexOf(v)];
      (hits[needle] ??= []).push(`${c.table_name}.${c.column_name}`);
    }
  }
  return hits;
}

function scanMail(folder: string, needles: string[]): string[] {
  const texts = readdirSync(folder).map((f) => normalizeMailText(decodeMail(readFileSync(path.join(folder, f), "utf8"))));
  return needles.filter((n) => texts.some((t) => t.includes(normalizeMailText(n))));
}

describe("the scan: nothing of an erased person is left", () => {
  it("finds a student's name, addresses, phone and every text they wrote before erasure, and none after", async () => {
    const tag = rand();
    const institution = await buildInstitution(db());
    const admin = await buildAdmin(db(), { institution });
    const name = `Zelda Quist ${tag}`;
    const student = {
      ...(await buildStudent(db(), { institution, displayName: name, email: `zelda.${tag}@student.example` })),
      displayName: name,
    };
    const alum = await buildAlumnus(db(), { institution, displayName: `Alum Kept ${tag}` });
    const phone = `+1 555 01${tag.slice(0, 2).replace(/\D/g, "7")}${tag.length}`;
    const other = `zelda.${tag}@personal.example`;
    const owner = (sql: string, params: unknown[]) => asOwnerIn(db(), { institutionId: institution.id }, (m) => m.query(sql, params));
    await owner(`INSERT INTO identity_emails (identity_id, email, verified_at) VALUES ($1, $2, now())`, [student.identityId, other]);
    await owner(`UPDATE student_profiles SET pitch = $2, links = $3 WHERE membership_id = $1`, [
      student.membershipId,
      `I build bridges, pitch ${tag}`,
      [`https://zelda-${tag}.example/portfolio`],
    ]);
    const closedAt = new Date(Date.now() - 5 * DAY);
    const met = await buildRequest(db(), student, alum, { meetingStartsAt: new Date(closedAt.getTime() - 1800_000), closedAt });
    const message = `Hello, I am curious about bridges ${tag}; call me on ${phone}.`;
    await owner(`UPDATE interview_requests SET message = $2 WHERE id = $1`, [met.id, message]);
    const advice = `Build a portfolio ${tag}, then apply.`;
    const takeaways = `Takeaway: "learn SQL" ${tag}`;
    const nextStep = `Rewrite my portfolio intro ${tag}`;
    await ok(
      student,
      `mutation($id: ID!, $a: String, $t: String, $n: String) { saveNotes(requestId: $id, input: { advice: $a, takeaways: $t, nextStep: $n }) { requestId } }`,
      {
        id: met.id,
        a: advice,
        t: takeaways,
        n: nextStep,
      },
    );
    const suggested = { name: `Kim Park ${tag}`, role: `UX lead ${tag}`, howToReach: `kim.${tag}@example.org` };
    await ok(student, `mutation($id: ID!, $input: SuggestedNameInput!) { addSuggestedName(requestId: $id, input: $input) { id } }`, {
      id: met.id,
      input: suggested,
    });
    // The thank-you sent through Infoview keeps the student's own words.
    const thanks = `Thank you for the bridge stories ${tag}; I will rewrite my portfolio intro.`;
    await ok(student, `mutation($id: ID!, $text: String!) { sendThankYou(requestId: $id, text: $text) { requestId } }`, {
      id: met.id,
      text: thanks,
    });
    const entry = {
      name: `Grace Fair ${tag}`,
      organization: `Navy Lab ${tag}`,
      contactedOn: "2024-10-01",
      channel: "EVENT",
      notes: `Met at the fair ${tag}.`,
    };
    await ok(student, `mutation($input: AddContactLogEntryInput!) { addContactLogEntry(input: $input) { id } }`, { input: entry });
    const outcomeNote = `Got the internship ${tag}!`;
    await ok(student, `mutation($input: RecordOutcomeInput!) { recordOutcome(input: $input) { id } }`, {
      input: { kind: "OTHER", note: outcomeNote },
    });
    // An audit entry that quotes the address (as an invitation does), and an email waiting in the outbox about the student.
    await tenantTransaction(db(), { institutionId: institution.id }, async (m) => {
      await recordAudit(m, {
        institutionId: institution.id,
        actor: { kind: "PERSON", identityId: admin.identityId, membershipId: admin.membershipId },
        action: "membership.invited",
        target: { type: "invitation", id: null },
        after: { email: student.email, role: "STUDENT" },
      });
      await m.query(
        `INSERT INTO outbox (institution_id, topic, payload, available_at) VALUES ($1, 'request.created', $2, now() + interval '1 day')`,
        [institution.id, JSON.stringify({ requestId: met.id, studentId: student.membershipId, alumnusId: alum.membershipId })],
      );
    });
    // Mail already sent: to the student, and to the alum quoting the student's name and message; one unrelated.
    const mailFolder = path.join(dataDir, "mail");
    const mailer = createFileMailer(mailFolder);
    await mailer.send({
      to: student.email,
      subject: "Your request was sent",
      text: `Hi ${student.displayName}, your request is on its way.`,
      key: `a-${tag}`,
    });
    await mailer.send({
      to: alum.email,
      subject: `New request from ${student.displayName}`,
      text: `${student.displayName} writes:\n\n${message}\n\nReply in Infoview. ${"A long line to make the mailer wrap it. ".repeat(4)}`,
      key: `b-${tag}`,
    });
    await mailer.send({ to: alum.email, subject: "Unrelated", text: `Your availability is saved ${tag}.`, key: `c-${tag}` });

    // What they asked for to take part (their own words), and their notification choices.
    const accommodation = `A quiet room near the entrance ${tag}`;
    await owner(
      `INSERT INTO request_accommodations (institution_id, request_id, side, needs, other_text) VALUES ($1, $2, 'STUDENT', ARRAY['OTHER'], $3)`,
      [institution.id, met.id, accommodation],
    );
    await ok(
      student,
      `mutation($input: UpdateNotificationPreferencesInput!) { updateMyNotificationPreferences(input: $input) { digestHour } }`,
      { input: { timeZone: "America/New_York" } },
    );

    const needles = [
      accommodation,
      student.displayName,
      student.email,
      other,
      phone,
      message,
      advice,
      takeaways,
      nextStep,
      thanks,
      ...Object.values(suggested),
      entry.name,
      entry.organization,
      entry.notes,
      outcomeNote,
      `I build bridges, pitch ${tag}`,
    ];
    const scope = { institutionId: institution.id, identityId: student.identityId };
    const before = await scanDatabase(needles, scope);
    // The scan can fail: it sees every value while the person is there (each needle somewhere, mail too).
    for (const needle of needles) expect({ needle, found: (before[needle] ?? []).length > 0 }).toEqual({ needle, found: true });
    expect(before[student.email]).toEqual(expect.arrayContaining(["identities.email", "audit_log.after"]));
    expect(scanMail(mailFolder, [student.displayName, student.email, message]).sort()).toEqual(
      [student.displayName, student.email, message].sort(),
    );

    await ok(admin, ERASE, { id: student.membershipId });

    expect(await scanDatabase(needles, scope)).toEqual({});
    expect(scanMail(mailFolder, needles)).toEqual([]);
    expect(readdirSync(mailFolder).length).toBeGreaterThanOrEqual(1); // the unrelated message stays
    expect(
      readdirSync(mailFolder).some((f) => readFileSync(path.join(mailFolder, f), "utf8").includes(`Your availability is saved ${tag}`)),
    ).toBe(true);
    // The other side keeps its own record, with a placeholder name; the facts stay for reports.
    const received = JSON.parse((await ok(alum, `{ myDataExport }`)).myDataExport).alumnus.requestsReceived;
    expect(received).toEqual([expect.objectContaining({ id: met.id, studentName: "A former student", state: "COMPLETED" })]);
    const [{ n }] = await tenantTransaction(db(), { institutionId: institution.id }, (m) =>
      m.query(`SELECT count(*)::int AS n FROM follow_ups WHERE student_id = $1`, [student.membershipId]),
    );
    expect(n).toBe(1);
  });
});
