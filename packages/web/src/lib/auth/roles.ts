import type { Role } from "../../graphql/types.generated";
import { translatedLabels } from "../../i18n";

/** How each role is named to people. */
export const ROLE_LABELS: Record<Role, string> = translatedLabels({
  STUDENT: "ui.role.student",
  ALUMNUS: "ui.role.alumnus",
  ADVISOR: "ui.role.advisor",
  ADMIN: "ui.role.admin",
});

/** The order roles are listed in, from the people the platform serves outward. */
export const ROLE_ORDER: Role[] = ["STUDENT", "ALUMNUS", "ADVISOR", "ADMIN"];

export const sortRoles = (roles: readonly Role[]): Role[] => ROLE_ORDER.filter((role) => roles.includes(role));
