import type { Loaders } from "./loaders";
import type { Services } from "../services";

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

export interface Context {
  viewer: Viewer | null;
  requestId: string;
  services: Services;
  loaders: Loaders;
}

export function hasRole(viewer: Viewer | null, ...roles: Role[]): viewer is Viewer {
  return !!viewer && roles.some((r) => viewer.roles.includes(r));
}
