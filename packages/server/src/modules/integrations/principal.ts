import type { ApiKeyPrincipal, Viewer } from "../../auth/viewer";
import { unauthenticated } from "../../graphql/errors";
import type { AuditActor } from "../audit";

/** Who is acting, for operations open to both admins (signed in) and API keys: the institution and, for people, the membership. */
export interface Actor {
  institutionId: string;
  apiKeyId: string | null;
  membershipId: string | null;
  /** The person's identity, for the audit log; null for API keys. */
  identityId: string | null;
}

/** The audit log's actor for an integrations Actor: the API key, or the admin. */
export function auditActor(actor: Actor): AuditActor {
  if (actor.apiKeyId) return { kind: "API_KEY", apiKeyId: actor.apiKeyId };
  if (actor.identityId) return { kind: "PERSON", identityId: actor.identityId, membershipId: actor.membershipId };
  return { kind: "SYSTEM" };
}

/** From the resolver's context (graphql/context.ts), which this does not import: services use Actor, and the context imports them. */
export function actorOf(context: { apiKey?: ApiKeyPrincipal | null; viewer: Viewer | null }): Actor {
  if (context.apiKey)
    return { institutionId: context.apiKey.institutionId, apiKeyId: context.apiKey.keyId, membershipId: null, identityId: null };
  const viewer = context.viewer;
  if (!viewer) throw unauthenticated();
  return {
    institutionId: viewer.institutionId,
    apiKeyId: null,
    membershipId: viewer.memberships.ADMIN ?? null,
    identityId: viewer.identityId,
  };
}
