import type { ApiKeyPrincipal, Viewer } from "../../auth/viewer";
import { unauthenticated } from "../../graphql/errors";

/** Who is acting, for operations open to both admins (signed in) and API keys: the institution and, for people, the membership. */
export interface Actor {
  institutionId: string;
  apiKeyId: string | null;
  membershipId: string | null;
}

/** From the resolver's context (graphql/context.ts), which this does not import: services use Actor, and the context imports them. */
export function actorOf(context: { apiKey?: ApiKeyPrincipal | null; viewer: Viewer | null }): Actor {
  if (context.apiKey) return { institutionId: context.apiKey.institutionId, apiKeyId: context.apiKey.keyId, membershipId: null };
  const viewer = context.viewer;
  if (!viewer) throw unauthenticated();
  return { institutionId: viewer.institutionId, apiKeyId: null, membershipId: viewer.memberships.ADMIN ?? null };
}
