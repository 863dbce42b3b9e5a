import { tenantTransaction } from "../../db/tenant-transaction";
import { useTestDatabase } from "../../test/database";
import {
  buildAdmin,
  buildAdvisor,
  buildAlumnus,
  buildInstitution,
  buildStudent,
  type BuiltInstitution,
  type BuiltMember,
} from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";
import { buildApiKey } from "../integrations/integrations.fixtures";
import { ConsentKind } from "./consent-kind.enum";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const RECORDS = `query($kind: ConsentKind!, $status: ConsentRecordStatus, $version: Int, $first: Int, $after: String) {
  consentRecords(kind: $kind, status: $status, version: $version, first: $first, after: $after) {
    edges { node { membershipId displayName role kind version givenAt withdrawnAt withdrawalReason inForce } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const COUNTS = `query($kind: ConsentKind) { consentVersionCounts(kind: $kind) { kind version active inForce replaced withdrawn } }`;
const GIVE = `mutation($kind: ConsentKind!) { giveConsent(kind: $kind) { id text { version } } }`;
const WITHDRAW = `mutation($kind: ConsentKind!) { withdrawConsent(kind: $kind) { id withdrawnAt withdrawalReason } }`;
const PUBLISH = `mutation($kind: ConsentKind!, $body: String!) { publishConsentText(kind: $kind, body: $body) { version } }`;
const REVIEW = `{ me { consentsToReview { kind version body } } }`;
const MINE = `{ myConsents { kind active inForce withdrawalReason text { version } } }`;
const SETTINGS = `mutation($policy: ConsentReviewPolicy!) { updateInstitutionSettings(input: { consentReviewPolicy: $policy }) { consentReviewPolicy } }`;

type Node = Record<string, any>;

async function records(token: string, variables: Record<string, unknown>): Promise<Node[]> {
  const result = await server.gql(RECORDS, variables, token);
  expect(result.errors).toBeUndefined();
  return result.data!.consentRecords.edges.map((e: { node: Node }) => e.node);
}

/** An institution with v1 of ALUMNUS_LISTED, three alumni who agreed to it, then v2, agreed to again by the first. */
async function ledger(): Promise<{ institution: BuiltInstitution; adminToken: string; alumni: BuiltMember[]; tokens: string[] }> {
  const institution = await buildInstitution(db());
  const adminToken = await server.signIn(await buildAdmin(db(), { institution }));
  await server.gql(PUBLISH, { kind: "ALUMNUS_LISTED", body: "List me, v1." }, adminToken);
  const alumni = await Promise.all([1, 2, 3].map(() => buildAlumnus(db(), { institution })));
  const tokens = await Promise.all(alumni.map((a) => server.signIn(a)));
  for (const token of tokens) expect((await server.gql(GIVE, { kind: "ALUMNUS_LISTED" }, token)).errors).toBeUndefined();
  await server.gql(WITHDRAW, { kind: "ALUMNUS_LISTED" }, tokens[2]);
  await server.gql(PUBLISH, { kind: "ALUMNUS_LISTED", body: "List me, v2." }, adminToken);
  await server.gql(GIVE, { kind: "ALUMNUS_LISTED" }, tokens[0]);
  return { institution, adminToken, alumni, tokens };
}

describe("consentRecords and consentVersionCounts", () => {
  it("are refused without signing in, to everyone but admins, and to keys without consents:read", async () => {
    const institution = await buildInstitution(db());
    expect(errorCode(await server.gql(RECORDS, { kind: "ALUMNUS_LISTED" }))).toBe("UNAUTHENTICATED");
    for (const build of [buildStudent, buildAlumnus, buildAdvisor]) {
      const token = await server.signIn(await build(db(), { institution }));
      expect(errorCode(await server.gql(RECORDS, { kind: "ALUMNUS_LISTED" }, token))).toBe("FORBIDDEN");
      expect(errorCode(await server.gql(COUNTS, {}, token))).toBe("FORBIDDEN");
    }
    const key = await buildApiKey(server, db(), ["PEOPLE_READ"]);
    expect(errorCode(await server.gql(RECORDS, { kind: "ALUMNUS_LISTED" }, key.key))).toBe("SCOPE_MISSING");
  });

  it("tell who holds a consent, at which version and since when; who withdrew; and every agreement", async () => {
    const { adminToken, alumni } = await ledger();
    const active = await records(adminToken, { kind: "ALUMNUS_LISTED" });
    expect(active.map((r) => [r.membershipId, r.version, r.withdrawnAt])).toEqual([
      [alumni[0].membershipId, 2, null],
      [alumni[1].membershipId, 1, null],
    ]);
    expect(active[0]).toMatchObject({ role: "ALUMNUS", kind: "ALUMNUS_LISTED", givenAt: expect.any(String), inForce: true });
    expect(await records(adminToken, { kind: "ALUMNUS_LISTED", version: 1 })).toEqual([
      expect.objectContaining({ membershipId: alumni[1].membershipId }),
    ]);
    // Replacing an agreement by one to a newer version is not a withdrawal.
    expect(await records(adminToken, { kind: "ALUMNUS_LISTED", status: "WITHDRAWN" })).toEqual([
      expect.objectContaining({ membershipId: alumni[2].membershipId, version: 1, withdrawalReason: "WITHDRAWN", inForce: false }),
    ]);
    const all = await records(adminToken, { kind: "ALUMNUS_LISTED", status: "ALL" });
    expect(all).toHaveLength(4);
    expect(all.filter((r) => r.withdrawalReason === "REPLACED")).toEqual([
      expect.objectContaining({ membershipId: alumni[0].membershipId, version: 1 }),
    ]);
    expect(await records(adminToken, { kind: "ALUMNUS_CONTACT", status: "ALL" })).toEqual([]);

    expect((await server.gql(COUNTS, { kind: "ALUMNUS_LISTED" }, adminToken)).data!.consentVersionCounts).toEqual([
      { kind: "ALUMNUS_LISTED", version: 2, active: 1, inForce: 1, replaced: 0, withdrawn: 0 },
      { kind: "ALUMNUS_LISTED", version: 1, active: 1, inForce: 1, replaced: 1, withdrawn: 1 },
    ]);
  });

  it("page with a cursor, and answer keys with consents:read in their own institution only", async () => {
    const { adminToken, alumni } = await ledger();
    const key = await buildApiKey(server, db(), ["CONSENTS_READ"]);
    expect(await records(key.key, { kind: "ALUMNUS_LISTED", status: "ALL" })).toEqual([]);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await server.gql(RECORDS, { kind: "ALUMNUS_LISTED", status: "ALL", first: 1, after }, adminToken)).data!
        .consentRecords;
      seen.push(...page.edges.map((e: { node: Node }) => `${e.node.membershipId}:${e.node.version}`));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
    expect(seen).toContain(`${alumni[0].membershipId}:2`);
    expect(errorCode(await server.gql(RECORDS, { kind: "ALUMNUS_LISTED", first: 501 }, adminToken))).toBe("BAD_USER_INPUT");
    expect(errorCode(await server.gql(RECORDS, { kind: "ALUMNUS_LISTED", version: 0 }, adminToken))).toBe("BAD_USER_INPUT");
  });
});

describe("a withdrawal is a new record", () => {
  it("keeps the agreement as it was and adds when and why it ended", async () => {
    const { tokens, institution, alumni } = await ledger();
    expect((await server.gql(MINE, {}, tokens[2])).data!.myConsents).toEqual([
      { kind: "ALUMNUS_LISTED", active: false, inForce: false, withdrawalReason: "WITHDRAWN", text: { version: 1 } },
    ]);
    expect((await server.gql(MINE, {}, tokens[0])).data!.myConsents).toEqual([
      { kind: "ALUMNUS_LISTED", active: true, inForce: true, withdrawalReason: null, text: { version: 2 } },
      { kind: "ALUMNUS_LISTED", active: false, inForce: false, withdrawalReason: "REPLACED", text: { version: 1 } },
    ]);
    const rows = await tenantTransaction(db(), { institutionId: institution.id }, (m) =>
      m.query(
        `SELECT (SELECT count(*)::int FROM consent_grants WHERE membership_id = ANY($1)) AS grants,
                (SELECT count(*)::int FROM consent_withdrawals WHERE membership_id = ANY($1)) AS withdrawals`,
        [alumni.map((a) => a.membershipId)],
      ),
    );
    expect(rows).toEqual([{ grants: 4, withdrawals: 2 }]);
  });
});

describe("reviewing a new version of a text", () => {
  it("asks the people who agreed to an older version, until they agree again or withdraw", async () => {
    const { tokens } = await ledger();
    // The first agreed to v2 already; the second holds v1; the third withdrew.
    expect((await server.gql(REVIEW, {}, tokens[0])).data!.me.consentsToReview).toEqual([]);
    expect((await server.gql(REVIEW, {}, tokens[1])).data!.me.consentsToReview).toEqual([
      { kind: "ALUMNUS_LISTED", version: 2, body: "List me, v2." },
    ]);
    expect((await server.gql(REVIEW, {}, tokens[2])).data!.me.consentsToReview).toEqual([]);
    await server.gql(GIVE, { kind: "ALUMNUS_LISTED" }, tokens[1]);
    expect((await server.gql(REVIEW, {}, tokens[1])).data!.me.consentsToReview).toEqual([]);
  });

  it("keeps the older agreement in force by default, and pauses it under the PAUSE policy until the person reviews", async () => {
    const { institution, adminToken, alumni, tokens } = await ledger();
    const holds = (member: BuiltMember) =>
      tenantTransaction(db(), { institutionId: institution.id }, (m) =>
        server.services.consent.hasConsent(m, member.membershipId, ConsentKind.ALUMNUS_LISTED),
      );
    const directory = async () =>
      (
        await server.gql(
          `{ alumniDirectory(first: 50) { edges { node { membershipId } } } }`,
          {},
          await server.signIn(await buildStudent(db(), { institution })),
        )
      )
        .data!.alumniDirectory.edges.map((e: { node: { membershipId: string } }) => e.node.membershipId)
        .sort();
    expect(await holds(alumni[1])).toBe(true);

    expect((await server.gql(SETTINGS, { policy: "PAUSE" }, adminToken)).data!.updateInstitutionSettings.consentReviewPolicy).toBe("PAUSE");
    expect(await holds(alumni[1])).toBe(false);
    expect(await holds(alumni[0])).toBe(true);
    expect((await server.gql(MINE, {}, tokens[1])).data!.myConsents).toEqual([
      { kind: "ALUMNUS_LISTED", active: true, inForce: false, withdrawalReason: null, text: { version: 1 } },
    ]);
    expect((await server.gql(COUNTS, { kind: "ALUMNUS_LISTED" }, adminToken)).data!.consentVersionCounts[1]).toMatchObject({
      version: 1,
      active: 1,
      inForce: 0,
    });
    const paused = await directory();
    expect(paused).toContain(alumni[0].membershipId);
    expect(paused).not.toContain(alumni[1].membershipId);

    // Reviewing (agreeing to v2) puts it back in force.
    await server.gql(GIVE, { kind: "ALUMNUS_LISTED" }, tokens[1]);
    expect(await holds(alumni[1])).toBe(true);
  });
});
