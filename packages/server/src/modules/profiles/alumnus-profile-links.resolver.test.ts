import { tenantTransaction } from "../../db/tenant-transaction";
import { useTestDatabase } from "../../test/database";
import { buildAlumnus, buildConsent, buildInstitution, buildStudent } from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const LINKS = `linkedinUrl websiteUrl`;
const MINE = `{ myAlumnusProfile { ${LINKS} } }`;
const UPDATE = `mutation($input: UpdateAlumnusProfileInput!) { updateMyAlumnusProfile(input: $input) { ${LINKS} bio } }`;
const ONE = `query($id: ID!) { alumnusProfile(membershipId: $id) { displayName ${LINKS} } }`;

describe("an alum's profile links (LinkedIn and a web page)", () => {
  it("are saved trimmed, shown to a student with the profile, and removed by an empty value or null", async () => {
    const institution = await buildInstitution(db());
    const alumnus = await buildAlumnus(db(), { institution, displayName: "Linked Person" });
    await buildConsent(db(), alumnus, "ALUMNUS_LISTED");
    const token = await server.signIn(alumnus);
    const saved = await server.gql(
      UPDATE,
      { input: { linkedinUrl: " https://www.linkedin.com/in/linked-person ", websiteUrl: "https://linked.example.org/about" } },
      token,
    );
    expect(saved.errors).toBeUndefined();
    expect(saved.data!.updateMyAlumnusProfile).toMatchObject({
      linkedinUrl: "https://www.linkedin.com/in/linked-person",
      websiteUrl: "https://linked.example.org/about",
    });

    const student = await server.signIn(await buildStudent(db(), { institution }));
    expect((await server.gql(ONE, { id: alumnus.membershipId }, student)).data!.alumnusProfile).toEqual({
      displayName: "Linked Person",
      linkedinUrl: "https://www.linkedin.com/in/linked-person",
      websiteUrl: "https://linked.example.org/about",
    });

    // Omitted: unchanged. Empty or null: removed.
    expect((await server.gql(UPDATE, { input: { bio: "Hello." } }, token)).data!.updateMyAlumnusProfile.websiteUrl).toBe(
      "https://linked.example.org/about",
    );
    const cleared = await server.gql(UPDATE, { input: { linkedinUrl: "  ", websiteUrl: null } }, token);
    expect(cleared.data!.updateMyAlumnusProfile).toMatchObject({ linkedinUrl: null, websiteUrl: null });
    expect((await server.gql(MINE, {}, token)).data!.myAlumnusProfile).toEqual({ linkedinUrl: null, websiteUrl: null });
  });

  it.each([
    ["linkedinUrl", "http://www.linkedin.com/in/someone"],
    ["linkedinUrl", "https://www.example.com/in/someone"],
    ["linkedinUrl", "https://notlinkedin.com/in/someone"],
    ["linkedinUrl", "linkedin.com/in/someone"],
    ["websiteUrl", "javascript:alert(1)"],
    ["websiteUrl", "ftp://files.example.org"],
    ["websiteUrl", "https://user:secret@example.org"],
    ["websiteUrl", "https://localhost/page"],
    ["websiteUrl", "https://example.org/a page"],
    ["websiteUrl", `https://example.org/${"x".repeat(500)}`],
    ["websiteUrl", "not a link"],
  ])("refuses %s = %j with PROFILE_LINK_INVALID naming the field, and keeps what was there", async (field, value) => {
    const token = await server.signIn(await buildAlumnus(db()));
    await server.gql(UPDATE, { input: { linkedinUrl: "https://linkedin.com/in/kept", websiteUrl: "https://kept.example.org" } }, token);
    const result = await server.gql(UPDATE, { input: { [field]: value, bio: "Not saved either." } }, token);
    expect(errorCode(result)).toBe("PROFILE_LINK_INVALID");
    expect(result.errors![0].extensions!.field).toBe(field);
    expect(result.errors![0].message).toMatch(/link/);
    expect((await server.gql(MINE, {}, token)).data!.myAlumnusProfile).toEqual({
      linkedinUrl: "https://linkedin.com/in/kept",
      websiteUrl: "https://kept.example.org",
    });
  });

  it("are held to https by the database too, whoever writes", async () => {
    const alumnus = await buildAlumnus(db());
    await expect(
      tenantTransaction(db(), { institutionId: alumnus.institutionId }, (m) =>
        m.query(`UPDATE alumni_profiles SET website_url = 'http://plain.example.org' WHERE membership_id = $1`, [alumnus.membershipId]),
      ),
    ).rejects.toThrow(/alumni_profiles_website_url_https/);
  });
});
