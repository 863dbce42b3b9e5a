import { Navigate } from "react-router-dom";
import { currentInstitutionName, useViewer } from "../../../lib/auth/viewer";
import { landingPath } from "../../../lib/role-areas";
import { PageHeading } from "../../../ui/PageHeading";
import { t } from "../../../i18n";

/**
 * "/" is not a page of its own: each person lands on their work (students on their overview, alumni
 * on their inbox, advisors on their dashboard, admins on People). Only someone with no role at this
 * institution stays here, told so.
 */
export function HomePage() {
  const viewer = useViewer();
  const landing = landingPath(viewer.roles);
  if (landing) return <Navigate to={landing} replace />;
  return (
    <div className="page">
      <PageHeading title={t("home.noRole.title")}>{t("home.noRole.title")}</PageHeading>
      <p>{t("home.noRole.body", { institution: currentInstitutionName(viewer) })}</p>
    </div>
  );
}
