import { Authorized, type AuthChecker } from "type-graphql";
import type { Role, Scope } from "../auth/viewer";
import type { Context } from "./context";
import { AppError, forbidden, unauthenticated } from "./errors";

/** Who may call an operation: anyone, any signed-in member, members holding one of the roles, or API keys holding a scope. */
export type AccessRule = "PUBLIC" | "SIGNED_IN" | Role | `scope:${Scope}`;

/** The API key scopes an operation accepts, given as the last argument of @Access. */
export interface ScopeRule {
  scopes: [Scope, ...Scope[]];
}

/**
 * Declares who may call a query, mutation or field. Every operation carries one;
 * the access snapshot test lists them all so a permission change is a reviewed diff.
 * A signed-in person is checked against the roles; an API key only against the scopes —
 * an operation that declares no scope cannot be called with a key.
 *
 *   @Access("ADMIN", { scopes: ["people:write"] })
 */
export function Access(...rules: [AccessRule | ScopeRule, ...Array<AccessRule | ScopeRule>]): MethodDecorator & PropertyDecorator {
  const flat = rules.flatMap((rule): AccessRule[] => (typeof rule === "string" ? [rule] : rule.scopes.map((s) => `scope:${s}` as const)));
  return Authorized(...flat);
}

const SCOPE_PREFIX = "scope:";

export const authChecker: AuthChecker<Context, AccessRule> = ({ context }, rules) => {
  if (rules.includes("PUBLIC")) return true;
  const apiKey = context.apiKey;
  if (apiKey) {
    const accepted = rules.filter((r) => r.startsWith(SCOPE_PREFIX)).map((r) => r.slice(SCOPE_PREFIX.length) as Scope);
    if (accepted.some((scope) => apiKey.scopes.includes(scope))) return true;
    throw accepted.length === 0
      ? new AppError("API_KEY_NOT_ALLOWED", "This operation cannot be called with an API key; sign in as a person instead.")
      : new AppError("SCOPE_MISSING", `This API key lacks the scope this operation needs: ${accepted.join(" or ")}.`, {
          requiredScopes: accepted,
        });
  }
  const viewer = context.viewer;
  if (!viewer) throw unauthenticated();
  if (rules.includes("SIGNED_IN")) return true;
  if (rules.some((rule) => !rule.startsWith(SCOPE_PREFIX) && viewer.roles.includes(rule as Role))) return true;
  throw forbidden();
};
