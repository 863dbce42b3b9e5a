import { useTestDatabase } from "../../test/database";
import { buildAlumnus, buildStudent, type BuiltMember } from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { CHECK_MESSAGE, JOB_ASK, sendWith, TEMPLATE } from "./requests.fixtures";
import { asInstitution, buildContactableAlumnus, buildSharingStudent, institutionOf } from "../../test/request-kit";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const send = sendWith(() => server);

const countRequests = async (student: BuiltMember) =>
  (
    await asInstitution(db(), student.institutionId, `SELECT count(*)::int AS n FROM interview_requests WHERE student_id = $1`, [
      student.membershipId,
    ])
  )[0].n;

describe("the request template", () => {
  it("prefills the message from the student's pitch and the alum's work, with the referrer and a 20–30 minute ask", async () => {
    const alum = await buildContactableAlumnus(db(), { displayName: "Grace Hopper" });
    const student = await buildSharingStudent(db(), institutionOf(alum));
    await asInstitution(
      db(),
      student.institutionId,
      `UPDATE student_profiles SET pitch = 'I love turning messy data into decisions.' WHERE membership_id = $1`,
      [student.membershipId],
    );
    const referrer = await buildAlumnus(db(), { institution: institutionOf(alum), displayName: "Alan Turing" });
    const result = await server.gql(TEMPLATE, { a: alum.membershipId, r: referrer.membershipId }, await server.signIn(student));
    expect(result.errors).toBeUndefined();
    const t = result.data!.requestTemplate;
    expect(t.message).toMatch(/^Dear Grace,/);
    expect(t.sections.whoIAm).toContain("I love turning messy data into decisions.");
    expect(t.sections.whoReferredMe).toBe("Alan Turing suggested I get in touch with you.");
    expect(t.sections.whyThisPerson).toContain("Data Scientist at Acme Analytics");
    expect(t.sections.theAsk).toContain("20–30 minutes");
    expect(t.meetingMinutes).toBe(30);
  });

  it("is refused for an alum who does not accept requests", async () => {
    const alum = await buildContactableAlumnus(db(), { contact: false });
    const student = await buildSharingStudent(db(), institutionOf(alum));
    expect(errorCode(await server.gql(TEMPLATE, { a: alum.membershipId }, await server.signIn(student)))).toBe("CONSENT_REQUIRED");
  });
});

describe("Rule #1: information, never a job", () => {
  it("gives live guidance on a draft", async () => {
    const student = await buildStudent(db());
    const result = await server.gql(CHECK_MESSAGE, { t: JOB_ASK }, await server.signIn(student));
    const check = result.data!.checkRequestMessage;
    expect(check.flagged).toBe(true);
    expect(check.matches.map((m: { category: string }) => m.category)).toEqual(expect.arrayContaining(["JOB"]));
    expect(check.guidance.length).toBeGreaterThan(0);
  });

  it("words the suggestions for the field of the alum written to, live and in the refusal", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const [{ field }] = await asInstitution(
      db(),
      alum.institutionId,
      `SELECT lower(cf.name) AS field FROM alumni_profiles p JOIN career_fields cf ON cf.id = p.fields[1] WHERE p.membership_id = $1`,
      [alum.membershipId],
    );
    const checkFor = `query($t: String!, $a: ID) { checkRequestMessage(text: $t, alumnusId: $a) { flagged guidance } }`;
    const token = await server.signIn(student);
    const live = (await server.gql(checkFor, { t: JOB_ASK, a: alum.membershipId }, token)).data!.checkRequestMessage;
    expect(live.guidance.join(" ")).toContain(`how you got into ${field}`);
    const generic = (await server.gql(checkFor, { t: JOB_ASK }, token)).data!.checkRequestMessage;
    expect(generic.guidance.join(" ")).toContain("how you got into your field");
    const refused = await send(student, alum, { message: JOB_ASK });
    expect((refused.errors![0].extensions!.guidance as string[]).join(" ")).toContain(`how you got into ${field}`);
    // Someone who is not an alum here is not a field to word anything for.
    expect(errorCode(await server.gql(checkFor, { t: JOB_ASK, a: student.membershipId }, token))).toBe("NOT_FOUND");
  });

  it("sends a flagged message back with the matches and guidance, creates nothing, and counts the flag", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const result = await send(student, alum, { message: JOB_ASK });
    expect(errorCode(result)).toBe("RULE_ONE_CONFIRMATION_REQUIRED");
    const ext = result.errors![0].extensions!;
    expect((ext.matches as Array<{ phrase: string }>).map((m) => m.phrase).join(" ")).toMatch(/looking for a job/i);
    expect((ext.guidance as string[]).length).toBeGreaterThan(0);
    expect(await countRequests(student)).toBe(0);
    const flags = await asInstitution(
      db(),
      student.institutionId,
      `SELECT outcome, categories, alumnus_id FROM rule_one_flags WHERE student_id = $1`,
      [student.membershipId],
    );
    expect(flags).toEqual([{ outcome: "RETURNED", categories: expect.arrayContaining(["JOB"]), alumnus_id: alum.membershipId }]);
  });

  it("sends the message once the student rewords it", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    expect(errorCode(await send(student, alum, { message: JOB_ASK }))).toBe("RULE_ONE_CONFIRMATION_REQUIRED");
    const reworded = await send(student, alum, {
      message: "Hi! I'm a junior studying economics. I'd love to hear how you got into data science and who else I might talk to.",
    });
    expect(reworded.errors).toBeUndefined();
    expect(reworded.data!.requestInterview).toMatchObject({ state: "REQUESTED", ruleOneFlagged: false, ruleOneConfirmed: false });
  });

  it("sends the message as written when the student confirms it asks for information only, and records that", async () => {
    const alum = await buildContactableAlumnus(db());
    const student = await buildSharingStudent(db(), institutionOf(alum));
    const confirmed = await send(student, alum, { message: JOB_ASK, confirmInformationOnly: true });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.requestInterview).toMatchObject({ state: "REQUESTED", ruleOneFlagged: true, ruleOneConfirmed: true });
    const flags = await asInstitution(db(), student.institutionId, `SELECT outcome, request_id FROM rule_one_flags WHERE student_id = $1`, [
      student.membershipId,
    ]);
    expect(flags).toEqual([{ outcome: "CONFIRMED", request_id: confirmed.data!.requestInterview.id }]);
  });
});
