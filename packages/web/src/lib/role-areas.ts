import type { Role } from "../graphql/types.generated";
import { t, type MessageId } from "../i18n";

/** One area of the app per role: where it lives, and how it is named and summed up (in the reader's language). */
export interface RoleArea {
  role: Role;
  path: string;
  navLabel: string;
  title: string;
  summary: string;
}

type Ids = [nav: MessageId, title: MessageId, summary: MessageId];
const AREAS: Array<{ role: Role; path: string; ids: Ids }> = [
  { role: "STUDENT", path: "/student", ids: ["ui.area.student.nav", "ui.area.student.title", "ui.area.student.summary"] },
  { role: "ALUMNUS", path: "/alumni", ids: ["ui.area.alumnus.nav", "ui.area.alumnus.title", "ui.area.alumnus.summary"] },
  { role: "ADVISOR", path: "/advisor", ids: ["ui.area.advisor.nav", "ui.area.advisor.title", "ui.area.advisor.summary"] },
  { role: "ADMIN", path: "/admin", ids: ["ui.area.admin.nav", "ui.area.admin.title", "ui.area.admin.summary"] },
];

const area = ({ role, path, ids: [nav, title, summary] }: (typeof AREAS)[number]): RoleArea => ({
  role,
  path,
  get navLabel() {
    return t(nav);
  },
  get title() {
    return t(title);
  },
  get summary() {
    return t(summary);
  },
});

export const ROLE_AREAS: RoleArea[] = AREAS.map(area);

export const areaFor = (role: Role): RoleArea => ROLE_AREAS.find((a) => a.role === role) as RoleArea;

/** Where each role's work is: the page a person lands on after signing in. */
const LANDING: Record<Role, string> = { STUDENT: "/student", ALUMNUS: "/alumni", ADVISOR: "/advisor", ADMIN: "/admin/people" };

/** The landing page of a person's first role (in the usual role order), or null with no role here. */
export function landingPath(roles: readonly Role[]): string | null {
  const first = ROLE_AREAS.find((a) => roles.includes(a.role));
  return first ? LANDING[first.role] : null;
}
