import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import type { Role } from "../graphql/types.generated";
import { PageHeading } from "./PageHeading";
import { currentInstitutionName, useViewer } from "../lib/auth/viewer";
import { ROLE_LABELS } from "../lib/auth/roles";
import { areaFor } from "../lib/role-areas";

/** Shows the area only to people with the role; everyone else reads why, and where to go instead. */
export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const viewer = useViewer();
  if (viewer.roles.includes(role)) return <>{children}</>;
  const area = areaFor(role);
  return (
    <div className="page">
      <PageHeading title={area.title}>This area isn't part of your account</PageHeading>
      <p className="lede">
        {area.title} is for people who are {ROLE_LABELS[role].toLowerCase()}s at {currentInstitutionName(viewer)}. If that should include
        you, ask your career center to invite you in that role.
      </p>
      <p>
        <Link to="/">Back to your home page</Link>
      </p>
    </div>
  );
}
