import { useTestDatabase } from "../../test/database";
import { buildAdmin, buildInstitution, buildStudent, type BuiltMember } from "../../test/factories";
import { asInstitution } from "../../test/request-kit";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const PROMPT = `query { graduationEmailPrompt { due graduatesOn } }`;
const REQUEST_LINK = `mutation($email: String!) { requestSignInLink(input: { email: $email }) }`;
const WITH_LINK = `mutation($token: String!) { signInWithLink(token: $token) { me { identity { email } roles } } }`;
const THIS_YEAR = new Date().getUTCFullYear();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The token in the newest email to `to` whose link goes to `path`. */
async function tokenMailedTo(to: string, path: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const mail = [...server.mailer.sent].reverse().find((m) => m.to === to && m.text.includes(path));
    const match = mail && new RegExp(`${path}#token=([\\w-]+)`).exec(mail.text);
    if (match) return match[1];
    await sleep(20);
  }
  throw new Error(`no ${path} email to ${to}`);
}

async function classOf(student: BuiltMember, year: number): Promise<void> {
  await asInstitution(db(), student.institutionId, `UPDATE student_profiles SET class_year = $2 WHERE membership_id = $1`, [
    student.membershipId,
    year,
  ]);
}

/** The roster's addresses (test.example) become campus ones: the institution signs people in through its IdP for that domain. */
async function campusSignIn(institutionId: string): Promise<void> {
  await asInstitution(
    db(),
    institutionId,
    `INSERT INTO identity_providers (institution_id, kind, name, email_domains, match_attribute, oidc_issuer, oidc_client_id)
     VALUES ($1, 'OIDC', 'Campus', '{test.example}', 'email', 'https://idp.test.example', 'infoview')`,
    [institutionId],
  );
}

describe("a personal email before graduation", () => {
  it("asks final-year students without a verified personal email, until they add and verify one; then, graduated, they sign in with it", async () => {
    const institution = await buildInstitution(db());
    const admin = await buildAdmin(db(), { institution });
    await campusSignIn(institution.id);
    // The class year ends on 1 January: next year's class within a year, the class after that not yet.
    await asInstitution(db(), institution.id, `UPDATE institutions SET graduation_day = '01-01' WHERE id = $1`, [institution.id]);
    const finalYear = await buildStudent(db(), { institution });
    const firstYear = await buildStudent(db(), { institution });
    await classOf(finalYear, THIS_YEAR + 1);
    await classOf(firstYear, THIS_YEAR + 2);
    const token = await server.signIn(finalYear);

    expect((await server.gql(PROMPT, {}, token)).data!.graduationEmailPrompt).toEqual({ due: true, graduatesOn: `${THIS_YEAR + 1}-01-01` });
    expect((await server.gql(PROMPT, {}, await server.signIn(firstYear))).data!.graduationEmailPrompt).toEqual({
      due: false,
      graduatesOn: `${THIS_YEAR + 2}-01-01`,
    });
    expect(errorCode(await server.gql(PROMPT, {}, await server.signIn(admin)))).toBe("FORBIDDEN");

    // Added but not verified: still asked. Verified through the emailed link: no longer.
    const personal = `final-year-${Date.now()}@mail.example`;
    await server.gql(`mutation($e: String!) { addEmail(input: { email: $e }) { email } }`, { e: personal }, token);
    expect((await server.gql(PROMPT, {}, token)).data!.graduationEmailPrompt.due).toBe(true);
    const verify = await tokenMailedTo(personal, "/verify-email");
    expect((await server.gql(`mutation($t: String!) { verifyEmail(token: $t) }`, { t: verify })).data).toEqual({ verifyEmail: true });
    expect((await server.gql(PROMPT, {}, token)).data!.graduationEmailPrompt.due).toBe(false);

    // Graduated: a sign-in link to the personal address signs the same person in, now an alum too.
    const graduated = await server.gql(
      `mutation($ids: [ID!]!) { graduateStudents(studentMembershipIds: $ids) { graduated } }`,
      { ids: [finalYear.membershipId] },
      await server.signIn(admin),
    );
    expect(graduated.data!.graduateStudents).toEqual({ graduated: 1 });
    await server.gql(REQUEST_LINK, { email: personal });
    const link = await tokenMailedTo(personal, "/sign-in/link");
    const signedIn = (await server.gql(WITH_LINK, { token: link })).data!.signInWithLink.me;
    expect(signedIn.identity.email).toBe(finalYear.email);
    expect([...signedIn.roles].sort()).toEqual(["ALUMNUS", "STUDENT"]);
  });

  it("asks a student whose class year has ended but who has not graduated yet, and nobody without a class year", async () => {
    const institution = await buildInstitution(db());
    await campusSignIn(institution.id);
    const late = await buildStudent(db(), { institution });
    const unknown = await buildStudent(db(), { institution });
    await classOf(late, THIS_YEAR - 1);
    await asInstitution(db(), institution.id, `UPDATE student_profiles SET class_year = NULL WHERE membership_id = $1`, [
      unknown.membershipId,
    ]);
    expect((await server.gql(PROMPT, {}, await server.signIn(late))).data!.graduationEmailPrompt).toEqual({
      due: true,
      graduatesOn: `${THIS_YEAR - 1}-06-15`,
    });
    expect((await server.gql(PROMPT, {}, await server.signIn(unknown))).data!.graduationEmailPrompt).toEqual({
      due: false,
      graduatesOn: null,
    });
  });
});
