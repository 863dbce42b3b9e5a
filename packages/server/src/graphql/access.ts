import { Authorized, type AuthChecker } from "type-graphql";
import type { Context, Role } from "./context";
import { forbidden, unauthenticated } from "./errors";

/** Who may call an operation: anyone, any signed-in member, or members holding one of the roles. */
export type AccessRule = "PUBLIC" | "SIGNED_IN" | Role;

/**
 * Declares who may call a query, mutation or field. Every operation carries one;
 * the access snapshot test lists them all so a permission change is a reviewed diff.
 */
export function Access(...rules: [AccessRule, ...AccessRule[]]): MethodDecorator & PropertyDecorator {
  return Authorized(...rules);
}

export const authChecker: AuthChecker<Context, AccessRule> = ({ context }, rules) => {
  if (rules.includes("PUBLIC")) return true;
  const viewer = context.viewer;
  if (!viewer) throw unauthenticated();
  if (rules.includes("SIGNED_IN")) return true;
  if (rules.some((rule) => viewer.roles.includes(rule as Role))) return true;
  throw forbidden();
};
