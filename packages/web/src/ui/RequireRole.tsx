import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import type { Role } from "../graphql/types.generated";
import { PageHeading } from "./PageHeading";
import { currentInstitutionName, useViewer } from "../lib/auth/viewer";
import { areaFor } from "../lib/role-areas";
import { t } from "../i18n";

/** Shows the area only to people with the role; everyone else reads why, and where to go instead. */
export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const viewer = useViewer();
  if (viewer.roles.includes(role)) return <>{children}</>;
  const area = areaFor(role);
  return (
    <div className="page">
      <PageHeading title={area.title}>{t("ui.requireRole.thisAreaIsnT")}</PageHeading>
      <p className="lede">{t("ui.requireRole.body", { role, institution: currentInstitutionName(viewer) })}</p>
      <p>
        <Link to="/">{t("ui.requireRole.backToYourHome")}</Link>
      </p>
    </div>
  );
}
