import { tenantTransaction } from "../../db/tenant-transaction";
import { useTestDatabase } from "../../test/database";
import type { buildInstitution } from "../../test/factories";
import { buildAdmin, buildAdvisor } from "../../test/factories";
import { errorCode, startTestServer, type TestServer } from "../../test/test-server";

const db = useTestDatabase();
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer(db());
});
afterAll(() => server.close());

const CREATE = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id name scopes lastUsedAt revokedAt } } }`;
const LIST = `{ apiKeys { id name scopes lastUsedAt revokedAt rotatedAt } }`;
const ROTATE = `mutation($id: ID!) { rotateApiKey(id: $id) { secret apiKey { id rotatedAt } } }`;
const REVOKE = `mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }`;

async function adminToken(institution = undefined as Awaited<ReturnType<typeof buildInstitution>> | undefined) {
  const admin = await buildAdmin(db(), institution ? { institution } : {});
  return { admin, token: await server.signIn(admin) };
}

async function createKey(token: string, scopes = ["PEOPLE_READ"]) {
  const result = await server.gql(CREATE, { input: { name: "SIS sync", scopes } }, token);
  expect(result.errors).toBeUndefined();
  return result.data!.createApiKey as { secret: string; apiKey: { id: string; name: string; scopes: string[] } };
}

describe("API keys", () => {
  it("creates a key whose secret is shown once and stored only as a hash", async () => {
    const { admin, token } = await adminToken();
    const created = await createKey(token, ["PEOPLE_READ", "WEBHOOKS_MANAGE"]);
    expect(created.secret).toMatch(/^ivk_[0-9a-f-]{36}_[0-9a-f-]{36}_[A-Za-z0-9_-]{43}$/);
    expect(created.apiKey).toMatchObject({ name: "SIS sync", scopes: ["PEOPLE_READ", "WEBHOOKS_MANAGE"] });
    const stored: Array<{ secret_hash: string }> = await tenantTransaction(db(), { institutionId: admin.institutionId }, (m) =>
      m.query(`SELECT secret_hash FROM api_keys WHERE id = $1`, [created.apiKey.id]),
    );
    expect(stored[0].secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(created.secret.split("_").at(-1));
    const list = await server.gql(LIST, {}, token);
    expect(list.data!.apiKeys).toEqual([expect.objectContaining({ id: created.apiKey.id, lastUsedAt: null, revokedAt: null })]);
    expect(JSON.stringify(list)).not.toContain("secret");
  });

  it("authenticates with the key, records the last use at most once a minute, and refuses person-only operations", async () => {
    const { admin, token } = await adminToken();
    const { secret, apiKey } = await createKey(token);
    const asKey = await server.gql(`{ me { institutionId } }`, {}, secret);
    expect(errorCode(asKey)).toBe("API_KEY_NOT_ALLOWED");
    const lastUsed = async () => {
      const rows: Array<{ last_used_at: Date | null }> = await tenantTransaction(db(), { institutionId: admin.institutionId }, (m) =>
        m.query(`SELECT last_used_at FROM api_keys WHERE id = $1`, [apiKey.id]),
      );
      return rows[0].last_used_at;
    };
    const first = await lastUsed();
    expect(first).not.toBeNull();
    await server.gql(`{ me { institutionId } }`, {}, secret);
    expect(await lastUsed()).toEqual(first);
    // A key may not manage keys, even the admin's own.
    expect(errorCode(await server.gql(LIST, {}, secret))).toBe("API_KEY_NOT_ALLOWED");
  });

  it("treats a wrong, malformed or revoked key as no credentials at all", async () => {
    const { token } = await adminToken();
    const { secret, apiKey } = await createKey(token);
    const wrong = secret.slice(0, -4) + (secret.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(errorCode(await server.gql(LIST, {}, wrong))).toBe("UNAUTHENTICATED");
    expect(errorCode(await server.gql(LIST, {}, "ivk_nonsense"))).toBe("UNAUTHENTICATED");
    const revoked = await server.gql(REVOKE, { id: apiKey.id }, token);
    expect(revoked.data!.revokeApiKey.revokedAt).toBeTruthy();
    expect(errorCode(await server.gql(`{ me { institutionId } }`, {}, secret))).toBe("UNAUTHENTICATED");
    expect(errorCode(await server.gql(REVOKE, { id: apiKey.id }, token))).toBe("NOT_FOUND");
  });

  it("rotates a key: the new secret works, the old one stops at once", async () => {
    const { token } = await adminToken();
    const { secret, apiKey } = await createKey(token);
    const rotated = await server.gql(ROTATE, { id: apiKey.id }, token);
    expect(rotated.errors).toBeUndefined();
    const next = rotated.data!.rotateApiKey.secret as string;
    expect(next).not.toBe(secret);
    expect(errorCode(await server.gql(`{ me { institutionId } }`, {}, secret))).toBe("UNAUTHENTICATED");
    expect(errorCode(await server.gql(`{ me { institutionId } }`, {}, next))).toBe("API_KEY_NOT_ALLOWED");
  });

  it("rejects an empty scope list with BAD_USER_INPUT", async () => {
    const { token } = await adminToken();
    const result = await server.gql(CREATE, { input: { name: "Nothing", scopes: [] } }, token);
    expect(errorCode(result)).toBe("BAD_USER_INPUT");
  });

  describe("access", () => {
    it("requires sign-in", async () => {
      expect(errorCode(await server.gql(LIST))).toBe("UNAUTHENTICATED");
      expect(errorCode(await server.gql(CREATE, { input: { name: "x", scopes: ["PEOPLE_READ"] } }))).toBe("UNAUTHENTICATED");
    });

    it("is for admins only", async () => {
      const advisor = await buildAdvisor(db());
      const token = await server.signIn(advisor);
      expect(errorCode(await server.gql(LIST, {}, token))).toBe("FORBIDDEN");
      expect(errorCode(await server.gql(CREATE, { input: { name: "x", scopes: ["PEOPLE_READ"] } }, token))).toBe("FORBIDDEN");
    });

    it("never shows or changes another institution's keys", async () => {
      const { token: mine } = await adminToken();
      const { token: theirs } = await adminToken();
      const { apiKey } = await createKey(theirs);
      expect((await server.gql(LIST, {}, mine)).data!.apiKeys).toEqual([]);
      expect(errorCode(await server.gql(REVOKE, { id: apiKey.id }, mine))).toBe("NOT_FOUND");
      expect(errorCode(await server.gql(ROTATE, { id: apiKey.id }, mine))).toBe("NOT_FOUND");
    });
  });
});
