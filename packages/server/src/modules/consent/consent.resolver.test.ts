import { tenantTransaction } from "../../db/tenant-transaction";
import { useTestDatabase } from "../../test/database";
import {
  buildAdmin,
  buildAdvisor,
  buildAlumnus,
  buildConsent,
  buildConsentText,
  buildInstitution,
  buildStudent,
} from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { ConsentKind } from "./consent-kind.enum";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const TEXTS = `{ consentTexts { kind version body } }`;
const MINE = `{ myConsents { id kind active givenAt withdrawnAt text { kind version body } } }`;
const GIVE = `mutation($kind: ConsentKind!) { giveConsent(kind: $kind) { id kind active withdrawnAt text { version } } }`;
const WITHDRAW = `mutation($kind: ConsentKind!) { withdrawConsent(kind: $kind) { id kind active withdrawnAt } }`;
const PUBLISH = `mutation($kind: ConsentKind!, $body: String!) { publishConsentText(kind: $kind, body: $body) { id kind version body createdAt } }`;

const ALUMNUS_KINDS = [ConsentKind.ALUMNUS_LISTED, ConsentKind.ALUMNUS_CONTACT, ConsentKind.ALUMNUS_SHARE_CONTACT];
const STUDENT_KINDS = [ConsentKind.STUDENT_SHARE_WITH_ALUMNI, ConsentKind.STUDENT_SHARE_WITH_ADVISORS];

async function publishAll(institution: { id: string }) {
  for (const kind of [...ALUMNUS_KINDS, ...STUDENT_KINDS]) await buildConsentText(db(), institution, kind);
}

describe("consentTexts", () => {
  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(TEXTS))).toBe("UNAUTHENTICATED");
  });

  it("shows students the student kinds, alumni the alumni kinds, and staff every kind", async () => {
    const institution = await buildInstitution(db());
    await publishAll(institution);
    const kindsFor = async (build: typeof buildStudent) =>
      (await server.gql(TEXTS, {}, await server.signIn(await build(db(), { institution })))).data!.consentTexts.map(
        (t: { kind: string }) => t.kind,
      );
    expect(await kindsFor(buildStudent)).toEqual(STUDENT_KINDS);
    expect(await kindsFor(buildAlumnus)).toEqual(ALUMNUS_KINDS);
    expect(await kindsFor(buildAdvisor)).toEqual([...ALUMNUS_KINDS, ...STUDENT_KINDS]);
    expect(await kindsFor(buildAdmin)).toEqual([...ALUMNUS_KINDS, ...STUDENT_KINDS]);
  });

  it("shows nothing of another institution's texts", async () => {
    await publishAll(await buildInstitution(db()));
    const token = await server.signIn(await buildAdmin(db()));
    expect((await server.gql(TEXTS, {}, token)).data!.consentTexts).toEqual([]);
  });

  it("returns only the latest version of each kind", async () => {
    const institution = await buildInstitution(db());
    await buildConsentText(db(), institution, "STUDENT_SHARE_WITH_ADVISORS", "first");
    await buildConsentText(db(), institution, "STUDENT_SHARE_WITH_ADVISORS", "second");
    const token = await server.signIn(await buildStudent(db(), { institution }));
    expect((await server.gql(TEXTS, {}, token)).data!.consentTexts).toEqual([
      { kind: "STUDENT_SHARE_WITH_ADVISORS", version: 2, body: "second" },
    ]);
  });
});

describe("giveConsent", () => {
  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(GIVE, { kind: "ALUMNUS_LISTED" }))).toBe("UNAUTHENTICATED");
  });

  it("is refused to advisors and admins, and for a kind of another role", async () => {
    const institution = await buildInstitution(db());
    await publishAll(institution);
    const advisor = await server.signIn(await buildAdvisor(db(), { institution }));
    const admin = await server.signIn(await buildAdmin(db(), { institution }));
    const student = await server.signIn(await buildStudent(db(), { institution }));
    const alumnus = await server.signIn(await buildAlumnus(db(), { institution }));
    expect(errorCode(await server.gql(GIVE, { kind: "STUDENT_SHARE_WITH_ADVISORS" }, advisor))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(GIVE, { kind: "ALUMNUS_LISTED" }, admin))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(GIVE, { kind: "ALUMNUS_LISTED" }, student))).toBe("FORBIDDEN");
    expect(errorCode(await server.gql(GIVE, { kind: "STUDENT_SHARE_WITH_ALUMNI" }, alumnus))).toBe("FORBIDDEN");
    expect((await server.gql(MINE, {}, student)).data!.myConsents).toEqual([]);
    expect((await server.gql(MINE, {}, alumnus)).data!.myConsents).toEqual([]);
  });

  it("cannot use another institution's text", async () => {
    await publishAll(await buildInstitution(db()));
    const token = await server.signIn(await buildAlumnus(db()));
    expect(errorCode(await server.gql(GIVE, { kind: "ALUMNUS_LISTED" }, token))).toBe("CONSENT_TEXT_MISSING");
  });

  it("refuses with CONSENT_TEXT_MISSING while no text of that kind is published", async () => {
    const institution = await buildInstitution(db());
    await buildConsentText(db(), institution, "ALUMNUS_CONTACT");
    const token = await server.signIn(await buildAlumnus(db(), { institution }));
    const result = await server.gql(GIVE, { kind: "ALUMNUS_LISTED" }, token);
    expect(errorCode(result)).toBe("CONSENT_TEXT_MISSING");
    expect(result.errors![0].message).toMatch(/not published/);
  });

  it("records agreement to the latest version, and giving it again changes nothing", async () => {
    const institution = await buildInstitution(db());
    await buildConsentText(db(), institution, "ALUMNUS_LISTED", "v1");
    await buildConsentText(db(), institution, "ALUMNUS_LISTED", "v2");
    const token = await server.signIn(await buildAlumnus(db(), { institution }));
    const first = await server.gql(GIVE, { kind: "ALUMNUS_LISTED" }, token);
    expect(first.data!.giveConsent).toMatchObject({ kind: "ALUMNUS_LISTED", active: true, withdrawnAt: null, text: { version: 2 } });
    const again = await server.gql(GIVE, { kind: "ALUMNUS_LISTED" }, token);
    expect(again.data!.giveConsent.id).toBe(first.data!.giveConsent.id);
    expect((await server.gql(MINE, {}, token)).data!.myConsents).toHaveLength(1);
  });

  it("moves an active agreement to a newly published version without a gap", async () => {
    const institution = await buildInstitution(db());
    await buildConsentText(db(), institution, "STUDENT_SHARE_WITH_ALUMNI", "v1");
    const token = await server.signIn(await buildStudent(db(), { institution }));
    const old = (await server.gql(GIVE, { kind: "STUDENT_SHARE_WITH_ALUMNI" }, token)).data!.giveConsent;
    await buildConsentText(db(), institution, "STUDENT_SHARE_WITH_ALUMNI", "v2");
    const renewed = (await server.gql(GIVE, { kind: "STUDENT_SHARE_WITH_ALUMNI" }, token)).data!.giveConsent;
    expect(renewed).toMatchObject({ active: true, text: { version: 2 } });
    expect(renewed.id).not.toBe(old.id);
    const history = (await server.gql(MINE, {}, token)).data!.myConsents;
    expect(history.map((c: { text: { version: number }; active: boolean }) => [c.text.version, c.active])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(history[1].withdrawnAt <= history[0].givenAt).toBe(true);
  });

  it("keeps one active consent when the same consent is given twice at once", async () => {
    const institution = await buildInstitution(db());
    await buildConsentText(db(), institution, "ALUMNUS_CONTACT");
    const token = await server.signIn(await buildAlumnus(db(), { institution }));
    const results = await Promise.all([1, 2, 3].map(() => server.gql(GIVE, { kind: "ALUMNUS_CONTACT" }, token)));
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined]);
    expect(new Set(results.map((r) => r.data!.giveConsent.id)).size).toBe(1);
  });
});

describe("withdrawConsent", () => {
  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(WITHDRAW, { kind: "ALUMNUS_LISTED" }))).toBe("UNAUTHENTICATED");
  });

  it("is refused to advisors, and for a kind of another role", async () => {
    const institution = await buildInstitution(db());
    const alumnus = await buildAlumnus(db(), { institution });
    await buildConsent(db(), alumnus, "ALUMNUS_LISTED");
    expect(
      errorCode(await server.gql(WITHDRAW, { kind: "ALUMNUS_LISTED" }, await server.signIn(await buildAdvisor(db(), { institution })))),
    ).toBe("FORBIDDEN");
    expect(
      errorCode(await server.gql(WITHDRAW, { kind: "ALUMNUS_LISTED" }, await server.signIn(await buildStudent(db(), { institution })))),
    ).toBe("FORBIDDEN");
    const mine = (await server.gql(MINE, {}, await server.signIn(alumnus))).data!.myConsents;
    expect(mine).toEqual([expect.objectContaining({ kind: "ALUMNUS_LISTED", active: true })]);
  });

  it("withdraws only in the institution the viewer acts in", async () => {
    const first = await buildAlumnus(db());
    const otherSchool = await buildInstitution(db());
    const second = await buildAlumnus(db(), { institution: otherSchool, identityId: first.identityId });
    await buildConsent(db(), first, "ALUMNUS_LISTED");
    await buildConsent(db(), second, "ALUMNUS_LISTED");
    const inOther = await server.signIn({ ...first, institutionId: otherSchool.id });
    expect((await server.gql(WITHDRAW, { kind: "ALUMNUS_LISTED" }, inOther)).data!.withdrawConsent).toMatchObject({ active: false });
    const inFirst = await server.signIn(first);
    expect((await server.gql(MINE, {}, inFirst)).data!.myConsents).toEqual([expect.objectContaining({ active: true })]);
  });

  it("withdraws at once, returns null when nothing is active, and lets the person agree again later", async () => {
    const institution = await buildInstitution(db());
    await buildConsentText(db(), institution, "STUDENT_SHARE_WITH_ADVISORS");
    const student = await buildStudent(db(), { institution });
    const token = await server.signIn(student);
    await server.gql(GIVE, { kind: "STUDENT_SHARE_WITH_ADVISORS" }, token);
    const withdrawn = (await server.gql(WITHDRAW, { kind: "STUDENT_SHARE_WITH_ADVISORS" }, token)).data!.withdrawConsent;
    expect(withdrawn).toMatchObject({ kind: "STUDENT_SHARE_WITH_ADVISORS", active: false, withdrawnAt: expect.any(String) });
    const active = await tenantTransaction(db(), { institutionId: institution.id }, (m) =>
      server.services.consent.hasConsent(m, student.membershipId, ConsentKind.STUDENT_SHARE_WITH_ADVISORS),
    );
    expect(active).toBe(false);
    expect((await server.gql(WITHDRAW, { kind: "STUDENT_SHARE_WITH_ADVISORS" }, token)).data!.withdrawConsent).toBeNull();
    await server.gql(GIVE, { kind: "STUDENT_SHARE_WITH_ADVISORS" }, token);
    const history = (await server.gql(MINE, {}, token)).data!.myConsents;
    expect(history.map((c: { active: boolean }) => c.active)).toEqual([true, false]);
  });
});

describe("myConsents", () => {
  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(MINE))).toBe("UNAUTHENTICATED");
  });

  it("is empty for staff, who give no consents", async () => {
    const token = await server.signIn(await buildAdvisor(db()));
    expect((await server.gql(MINE, {}, token)).data!.myConsents).toEqual([]);
  });

  it("shows nothing given in another institution, even by the same person", async () => {
    const first = await buildAlumnus(db());
    const otherSchool = await buildInstitution(db());
    await buildAlumnus(db(), { institution: otherSchool, identityId: first.identityId });
    await buildConsent(db(), first, "ALUMNUS_LISTED");
    const inOther = await server.signIn({ ...first, institutionId: otherSchool.id });
    expect((await server.gql(MINE, {}, inOther)).data!.myConsents).toEqual([]);
  });

  it("lists the whole history, newest first, with the text each was given against", async () => {
    const institution = await buildInstitution(db());
    await buildConsentText(db(), institution, "ALUMNUS_LISTED", "Listed v1");
    await buildConsentText(db(), institution, "ALUMNUS_CONTACT", "Contact v1");
    const token = await server.signIn(await buildAlumnus(db(), { institution }));
    await server.gql(GIVE, { kind: "ALUMNUS_LISTED" }, token);
    await server.gql(GIVE, { kind: "ALUMNUS_CONTACT" }, token);
    await server.gql(WITHDRAW, { kind: "ALUMNUS_LISTED" }, token);
    const history = (await server.gql(MINE, {}, token)).data!.myConsents;
    expect(history).toEqual([
      expect.objectContaining({
        kind: "ALUMNUS_CONTACT",
        active: true,
        withdrawnAt: null,
        text: { kind: "ALUMNUS_CONTACT", version: 1, body: "Contact v1" },
      }),
      expect.objectContaining({
        kind: "ALUMNUS_LISTED",
        active: false,
        withdrawnAt: expect.any(String),
        text: { kind: "ALUMNUS_LISTED", version: 1, body: "Listed v1" },
      }),
    ]);
  });
});

describe("publishConsentText", () => {
  it("is refused without signing in", async () => {
    expect(errorCode(await server.gql(PUBLISH, { kind: "ALUMNUS_LISTED", body: "x" }))).toBe("UNAUTHENTICATED");
  });

  it("is refused to advisors, students and alumni", async () => {
    const institution = await buildInstitution(db());
    for (const build of [buildAdvisor, buildStudent, buildAlumnus]) {
      const token = await server.signIn(await build(db(), { institution }));
      expect(errorCode(await server.gql(PUBLISH, { kind: "ALUMNUS_LISTED", body: "x" }, token))).toBe("FORBIDDEN");
    }
    const admin = await server.signIn(await buildAdmin(db(), { institution }));
    expect((await server.gql(TEXTS, {}, admin)).data!.consentTexts).toEqual([]);
  });

  it("publishes only in the admin's institution, numbering versions per institution", async () => {
    const institution = await buildInstitution(db());
    await buildConsentText(db(), institution, "ALUMNUS_LISTED");
    const otherAdmin = await server.signIn(await buildAdmin(db()));
    expect((await server.gql(PUBLISH, { kind: "ALUMNUS_LISTED", body: "Theirs" }, otherAdmin)).data!.publishConsentText.version).toBe(1);
    const ours = await server.signIn(await buildAlumnus(db(), { institution }));
    expect((await server.gql(TEXTS, {}, ours)).data!.consentTexts[0]).toMatchObject({
      version: 1,
      body: "Test consent text for ALUMNUS_LISTED.",
    });
  });

  it("publishes a new version, one more than the latest, leaving earlier consents on their version", async () => {
    const institution = await buildInstitution(db());
    const admin = await server.signIn(await buildAdmin(db(), { institution }));
    const alumnus = await server.signIn(await buildAlumnus(db(), { institution }));
    const v1 = (await server.gql(PUBLISH, { kind: "ALUMNUS_LISTED", body: "  List me.  " }, admin)).data!.publishConsentText;
    expect(v1).toMatchObject({ kind: "ALUMNUS_LISTED", version: 1, body: "List me." });
    await server.gql(GIVE, { kind: "ALUMNUS_LISTED" }, alumnus);
    const v2 = (await server.gql(PUBLISH, { kind: "ALUMNUS_LISTED", body: "List me, version two." }, admin)).data!.publishConsentText;
    expect(v2.version).toBe(2);
    expect((await server.gql(MINE, {}, alumnus)).data!.myConsents).toEqual([
      expect.objectContaining({ active: true, text: expect.objectContaining({ version: 1 }) }),
    ]);
    expect((await server.gql(TEXTS, {}, alumnus)).data!.consentTexts).toEqual([
      { kind: "ALUMNUS_LISTED", version: 2, body: "List me, version two." },
    ]);
  });

  it("gives concurrent publications distinct versions", async () => {
    const admin = await server.signIn(await buildAdmin(db()));
    const results = await Promise.all([1, 2, 3, 4].map((n) => server.gql(PUBLISH, { kind: "ALUMNUS_CONTACT", body: `Text ${n}` }, admin)));
    expect(results.map((r) => r.data!.publishConsentText.version).sort()).toEqual([1, 2, 3, 4]);
  });

  it.each([
    ["an empty body", ""],
    ["a blank body", "   "],
    ["a body over 5000 characters", "x".repeat(5001)],
  ])("refuses %s with BAD_USER_INPUT naming the field", async (_case, body) => {
    const admin = await server.signIn(await buildAdmin(db()));
    const result = await server.gql(PUBLISH, { kind: "ALUMNUS_CONTACT", body }, admin);
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
    expect(result.errors![0].extensions!.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: "body" })]));
  });
});
