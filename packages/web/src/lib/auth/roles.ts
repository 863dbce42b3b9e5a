import type { Role } from "../../graphql/types.generated";

/** How each role is named to people. */
export const ROLE_LABELS: Record<Role, string> = {
  STUDENT: "Student",
  ALUMNUS: "Alumni volunteer",
  ADVISOR: "Career advisor",
  ADMIN: "Administrator",
};

/** The order roles are listed in, from the people the platform serves outward. */
export const ROLE_ORDER: Role[] = ["STUDENT", "ALUMNUS", "ADVISOR", "ADMIN"];

export const sortRoles = (roles: readonly Role[]): Role[] => ROLE_ORDER.filter((role) => roles.includes(role));
