import type { DataSource } from "typeorm";
import { buildAdmin, type BuiltInstitution, type BuiltMember } from "../../test/factories";
import type { TestServer } from "../../test/test-server";

export interface KeyFixture {
  admin: BuiltMember;
  adminToken: string;
  institutionId: string;
  key: string;
  keyId: string;
}

/** An admin (in a new institution unless given) and an API key with the scopes (GraphQL names, e.g. PEOPLE_WRITE). */
export async function buildApiKey(
  server: TestServer,
  ds: DataSource,
  scopes: string[],
  institution?: BuiltInstitution,
): Promise<KeyFixture> {
  const admin = await buildAdmin(ds, institution ? { institution } : {});
  const adminToken = await server.signIn(admin);
  const result = await server.gql(
    `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }`,
    { input: { name: "Test integration", scopes } },
    adminToken,
  );
  if (!result.data?.createApiKey) throw new Error(`createApiKey failed: ${JSON.stringify(result.errors)}`);
  return {
    admin,
    adminToken,
    institutionId: admin.institutionId,
    key: result.data.createApiKey.secret,
    keyId: result.data.createApiKey.apiKey.id,
  };
}
