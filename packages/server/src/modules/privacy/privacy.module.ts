import { PrivacyResolver } from "./privacy.resolver";
import { RetentionResolver } from "./retention.resolver";

/**
 * Data rights (issue 13, ADR 0022): each person's archive of what is held about them, admins' data-subject exports,
 * and erasure (asked for with a grace period, or by an admin at once), with the erasure job; retention (ADR 0027).
 */
export const privacyModule = {
  entities: [],
  resolvers: [PrivacyResolver, RetentionResolver],
} as const;
