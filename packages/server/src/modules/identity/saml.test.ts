import { buildAdmin, buildInstitution, buildStudent, type BuiltInstitution, type BuiltMember } from "../../test/factories";
import { useTestDatabase } from "../../test/database";
import { IDP_KEY, ROGUE_KEY, SamlTestIdp, SP_KEY, wrapSignature, type ResponseOptions } from "../../test/saml-test-idp";
import { sessionCount, startSsoTestServer } from "../../test/sso-kit";
import { TestBrowser } from "../../test/test-browser";
import { errorCode, type TestServer } from "../../test/test-server";

const db = useTestDatabase();

const COMPLETE = `mutation($code: String!) { completeCampusSignIn(code: $code) { accessToken me { identity { email } roles } } }`;

describe("SAML campus sign-in with a Shibboleth-shaped test IdP", () => {
  const idp = new SamlTestIdp();
  let server: TestServer;
  let institution: BuiltInstitution;
  let admin: BuiltMember;
  let student: BuiltMember;
  let adminToken: string;
  let providerId: string;
  let spEntityId: string;

  beforeAll(async () => {
    server = await startSsoTestServer(db());
    institution = await buildInstitution(db());
    admin = await buildAdmin(db(), { institution });
    student = await buildStudent(db(), { institution, externalId: "ava@northfield.edu" });
    adminToken = await server.signIn(admin);
    const added = await server.gql(
      `mutation($input: AddIdentityProviderInput!) { addIdentityProvider(input: $input) { id spEntityId callbackUrl samlIdpEntityId hasSpPrivateKey } }`,
      {
        input: {
          kind: "SAML",
          name: "Northfield Shibboleth",
          samlMetadataXml: idp.metadata(),
          samlSpPrivateKey: SP_KEY.key,
          samlSpCertificate: SP_KEY.cert,
        },
      },
      adminToken,
    );
    if (added.errors) throw new Error(JSON.stringify(added.errors));
    ({ id: providerId, spEntityId } = added.data!.addIdentityProvider);
    expect(added.data!.addIdentityProvider).toMatchObject({ samlIdpEntityId: idp.entityId, hasSpPrivateKey: true });
    const on = await server.gql(
      `mutation($id: ID!) { setIdentityProviderEnabled(id: $id, enabled: true) { enabled } }`,
      { id: providerId },
      adminToken,
    );
    expect(on.errors).toBeUndefined();
  });

  afterAll(async () => {
    await server?.close();
  });

  /** Our redirect to the IdP, and the AuthnRequest in it. */
  async function start(browser = new TestBrowser()) {
    const response = await browser.request(`${server.url}/sso/${providerId}/start`);
    expect(response.status).toBe(302);
    return { browser, request: idp.readRequest(response.headers.get("location")!) };
  }

  async function post(browser: TestBrowser, xml: string, relayState: string | null) {
    const response = await browser.request(`${server.url}/sso/${providerId}/saml/acs`, { form: idp.form(xml, relayState) });
    const body = response.status === 303 ? "" : await response.text();
    return { response, body, location: response.headers.get("location") };
  }

  const options = (request: ResponseOptions["request"], more: Partial<ResponseOptions> = {}): ResponseOptions => ({
    request,
    audience: spEntityId,
    attributes: { eduPersonPrincipalName: "ava@northfield.edu", mail: "ava@northfield.edu", displayName: "Ava Thompson" },
    ...more,
  });

  it("publishes our SP metadata at a stable URL, with the ACS and our certificate", async () => {
    const response = await fetch(spEntityId);
    expect(response.status).toBe(200);
    const xml = await response.text();
    expect(xml).toContain(`entityID="${spEntityId}"`);
    expect(xml).toContain(`${server.url}/sso/${providerId}/saml/acs`);
    expect(xml).toContain(SP_KEY.cert.split("\n")[1].slice(0, 40));
    expect(xml).not.toContain("PRIVATE KEY");
  });

  it.each(["assertion", "response", "both"] as const)(
    "signs the roster student in from a response with a signed %s (matched by eduPersonPrincipalName)",
    async (sign) => {
      const { browser, request } = await start();
      const { response, location } = await post(browser, idp.responseXml(options(request, { sign })), request.relayState);
      expect(response.status).toBe(303);
      const code = new URLSearchParams(new URL(location!).hash.slice(1)).get("code")!;
      const done = await server.gql(COMPLETE, { code });
      expect(done.data!.completeCampusSignIn.me).toMatchObject({ identity: { email: student.email }, roles: ["STUDENT"] });
    },
  );

  describe("refuses, with a stable code and no session left behind", () => {
    const refused = async (xml: (request: ResponseOptions["request"]) => string, code: string) => {
      const before = await sessionCount(db(), student.identityId);
      const codesBefore = await server.services.identity.sso["deps"].dataSource.query(`SELECT count(*)::int AS n FROM sign_in_codes`);
      const { browser, request } = await start();
      const { response, body } = await post(browser, xml(request), request.relayState);
      expect(response.status).toBe(400);
      expect(body).toContain(code);
      expect(await sessionCount(db(), student.identityId)).toBe(before);
      const codesAfter = await server.services.identity.sso["deps"].dataSource.query(`SELECT count(*)::int AS n FROM sign_in_codes`);
      expect(codesAfter[0].n).toBe(codesBefore[0].n);
    };

    it("an unsigned response", () => refused((r) => idp.responseXml(options(r, { sign: "none" })), "SSO_SIGNATURE_INVALID"));
    it("an assertion signed with another key", () =>
      refused((r) => idp.responseXml(options(r, { key: ROGUE_KEY })), "SSO_SIGNATURE_INVALID"));
    it("a response signed with another key", () =>
      refused((r) => idp.responseXml(options(r, { sign: "response", key: ROGUE_KEY })), "SSO_SIGNATURE_INVALID"));
    it("an assertion changed after it was signed", () =>
      refused((r) => idp.responseXml(options(r)).replace("ava@northfield.edu", "mallory@northfield.edu"), "SSO_SIGNATURE_INVALID"));

    it.each(["XSW3", "XSW4", "XSW5", "XSW6", "XSW7", "XSW8"])("XML signature wrapping %s (signed assertion)", (variant) =>
      refused((r) => wrapSignature(idp.responseXml(options(r)), variant, "mallory@northfield.edu"), "SSO_SIGNATURE_INVALID"),
    );
    it.each(["XSW1", "XSW2"])("XML signature wrapping %s (signed response)", (variant) =>
      refused(
        (r) => wrapSignature(idp.responseXml(options(r, { sign: "response" })), variant, "mallory@northfield.edu"),
        "SSO_SIGNATURE_INVALID",
      ),
    );

    it("an expired assertion (past NotOnOrAfter plus 60 s of clock skew)", () =>
      refused(
        (r) => idp.responseXml(options(r, { notBefore: new Date(Date.now() - 600_000), notOnOrAfter: new Date(Date.now() - 61_000) })),
        "SSO_ASSERTION_EXPIRED",
      ));
    it("an assertion not valid yet (NotBefore beyond 60 s of clock skew)", () =>
      refused((r) => idp.responseXml(options(r, { notBefore: new Date(Date.now() + 120_000) })), "SSO_ASSERTION_EXPIRED"));
    it("a wrong audience", () =>
      refused((r) => idp.responseXml(options(r, { audience: "https://other-sp.example/sp" })), "SSO_AUDIENCE_MISMATCH"));
    it("a wrong recipient", () =>
      refused((r) => idp.responseXml(options(r, { recipient: "https://other-sp.example/acs" })), "SSO_RECIPIENT_MISMATCH"));
    it("an InResponseTo we never sent", () =>
      refused((r) => idp.responseXml(options(r, { inResponseTo: "_never-sent" })), "SSO_UNSOLICITED"));
    it("a DTD with an external entity", () =>
      refused(
        (r) =>
          `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>` +
          idp.responseXml(options(r)).replace("ava@northfield.edu", "&x;"),
        "SSO_XML_FORBIDDEN",
      ));
  });

  it("accepts an assertion just inside the 60 s clock skew", async () => {
    const { browser, request } = await start();
    const { response } = await post(
      browser,
      idp.responseXml(options(request, { notBefore: new Date(Date.now() + 30_000) })),
      request.relayState,
    );
    expect(response.status).toBe(303);
  });

  it("refuses a replayed assertion, kept in PostgreSQL", async () => {
    const { browser, request } = await start();
    const xml = idp.responseXml(options(request));
    expect((await post(browser, xml, request.relayState)).response.status).toBe(303);
    const before = await sessionCount(db(), student.identityId);
    const again = await post(browser, xml, request.relayState);
    expect(again.response.status).toBe(400);
    expect(again.body).toContain("SSO_REPLAYED");
    expect(await sessionCount(db(), student.identityId)).toBe(before);
    const log = await server.gql(`{ signInLog { method outcome reason } }`, {}, adminToken);
    expect(log.data!.signInLog[0]).toMatchObject({ method: "SAML", outcome: "FAILED", reason: "SSO_REPLAYED" });
  });

  it("refuses metadata with a DOCTYPE, and a provider without a signing certificate", async () => {
    const add = `mutation($input: AddIdentityProviderInput!) { addIdentityProvider(input: $input) { id } }`;
    const withDtd = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "x">]>${idp.metadata()}`;
    expect(errorCode(await server.gql(add, { input: { kind: "SAML", name: "X", samlMetadataXml: withDtd } }, adminToken))).toBe(
      "IDP_CONFIG_INVALID",
    );
    const noCert = idp.metadata().replace(/<md:KeyDescriptor[\s\S]*?<\/md:KeyDescriptor>/, "");
    expect(errorCode(await server.gql(add, { input: { kind: "SAML", name: "X", samlMetadataXml: noCert } }, adminToken))).toBe(
      "IDP_CONFIG_INVALID",
    );
    expect(IDP_KEY.cert).toContain("CERTIFICATE");
  });
});
