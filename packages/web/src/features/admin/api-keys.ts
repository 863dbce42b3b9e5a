import { gql, type TypedDocumentNode } from "@apollo/client";

/*
 * API keys as the integrations branch defines them. They are not in schema.graphql on this branch yet,
 * so codegen cannot type them: these documents and types are written by hand from that branch's schema.
 * When integrations land, move them to graphql/ApiKeys.graphql, run `npm run codegen`, and delete this.
 * Until then the page detects that the server lacks them and says so.
 */

export type ApiKeyScope = "PEOPLE_READ" | "PEOPLE_WRITE" | "REPORTS_READ" | "REQUESTS_READ" | "WEBHOOKS_MANAGE";

export const SCOPE_LABELS: Record<ApiKeyScope, string> = {
  PEOPLE_READ: "Read the roster of students and alumni",
  PEOPLE_WRITE: "Create and update students and alumni",
  REPORTS_READ: "Read reports",
  REQUESTS_READ: "Read interview requests",
  WEBHOOKS_MANAGE: "Manage webhooks",
};

export interface ApiKey {
  __typename?: "ApiKey";
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  rotatedAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

const KEY = `id name scopes createdAt rotatedAt revokedAt lastUsedAt`;

export const ApiKeysDocument: TypedDocumentNode<{ apiKeys: ApiKey[] }, Record<string, never>> = gql`
  query AdminApiKeys {
    apiKeys { ${KEY} }
  }
`;

export const CreateApiKeyDocument: TypedDocumentNode<
  { createApiKey: { apiKey: ApiKey; secret: string } },
  { input: { name: string; scopes: ApiKeyScope[] } }
> = gql`
  mutation AdminCreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) { secret apiKey { ${KEY} } }
  }
`;

export const RotateApiKeyDocument: TypedDocumentNode<{ rotateApiKey: { apiKey: ApiKey; secret: string } }, { id: string }> = gql`
  mutation AdminRotateApiKey($id: ID!) {
    rotateApiKey(id: $id) { secret apiKey { ${KEY} } }
  }
`;

export const RevokeApiKeyDocument: TypedDocumentNode<{ revokeApiKey: ApiKey }, { id: string }> = gql`
  mutation AdminRevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) { ${KEY} }
  }
`;
