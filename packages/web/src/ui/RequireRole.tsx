import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import type { Role } from "../graphql/types.generated";
import { PageHeading } from "./PageHeading";
import { currentInstitutionName, useViewer } from "../lib/auth/viewer";
import { areaFor } from "../lib/role-areas";

const ROLE_PEOPLE: Record<Role, string> = {
  STUDENT: "students",
  ALUMNUS: "alumni volunteers",
  ADVISOR: "career advisors",
  ADMIN: "administrators",
};
const ROLE_PERSON: Record<Role, string> = {
  STUDENT: "a student",
  ALUMNUS: "an alumni volunteer",
  ADVISOR: "a career advisor",
  ADMIN: "an administrator",
};

/** Shows the area only to people with the role; everyone else reads why, and where to go instead. */
export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const viewer = useViewer();
  if (viewer.roles.includes(role)) return <>{children}</>;
  const area = areaFor(role);
  return (
    <div className="page">
      <PageHeading title={area.title}>This area isn't part of your account</PageHeading>
      <p className="lede">
        This area is for {ROLE_PEOPLE[role]} at {currentInstitutionName(viewer)}. If that should include you, ask your career center to
        invite you as {ROLE_PERSON[role]}.
      </p>
      <p>
        <Link to="/">Back to your home page</Link>
      </p>
    </div>
  );
}
