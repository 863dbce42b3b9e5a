import type { Context } from "../../graphql/context";
import { unauthenticated } from "../../graphql/errors";

/** Who is acting, for operations open to both admins (signed in) and API keys: the institution and, for people, the membership. */
export interface Actor {
  institutionId: string;
  apiKeyId: string | null;
  membershipId: string | null;
}

export function actorOf(context: Context): Actor {
  if (context.apiKey) return { institutionId: context.apiKey.institutionId, apiKeyId: context.apiKey.keyId, membershipId: null };
  const viewer = context.viewer;
  if (!viewer) throw unauthenticated();
  return { institutionId: viewer.institutionId, apiKeyId: null, membershipId: viewer.memberships.ADMIN ?? null };
}
