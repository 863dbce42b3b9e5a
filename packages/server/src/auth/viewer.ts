/**
 * Who is asking, and what they may do: the person-and-permissions types every layer reads. Built only by the HTTP
 * layer from a verified token or API key (http/server.ts); imports nothing, so anything may import it.
 */
export const ROLES = ["STUDENT", "ALUMNUS", "ADVISOR", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

/** A signed-in person acting in one institution; built only from a verified token. */
export interface Viewer {
  identityId: string;
  institutionId: string;
  sessionId: string;
  roles: Role[];
  /** Membership id per role held in this institution. */
  memberships: Partial<Record<Role, string>>;
}

/** What an institution's API key may do; every operation a key may call declares one (see graphql/access.ts). */
export const SCOPES = [
  "people:read",
  "people:write",
  "requests:read",
  "reports:read",
  "webhooks:manage",
  "audit:read",
  "consents:read",
] as const;
export type Scope = (typeof SCOPES)[number];

/** An integration acting for one institution with an API key: no person, only the key's scopes. */
export interface ApiKeyPrincipal {
  keyId: string;
  institutionId: string;
  scopes: Scope[];
}

export function hasRole(viewer: Viewer | null, ...roles: Role[]): viewer is Viewer {
  return !!viewer && roles.some((r) => viewer.roles.includes(r));
}
