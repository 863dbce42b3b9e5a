import { Link } from "react-router-dom";
import { currentInstitutionName, institutionsOf, useViewer } from "../../../lib/auth/viewer";
import { ROLE_LABELS, sortRoles } from "../../../lib/auth/roles";
import { areaFor } from "../../../lib/role-areas";
import { PageHeading } from "../../../ui/PageHeading";
import { t } from "../../../i18n";

/** Who you are, where, and as what; and the areas open to you. */
export function HomePage() {
  const viewer = useViewer();
  const institution = currentInstitutionName(viewer);
  const roles = sortRoles(viewer.roles);
  const others = institutionsOf(viewer).filter((i) => i.id !== viewer.institutionId);

  return (
    <div className="page">
      <p className="eyebrow">{institution}</p>
      <PageHeading title={t("home.home.home")}>{t("home.welcome", { name: viewer.identity.displayName })}</PageHeading>

      <section className="card" aria-labelledby="account-heading">
        <h2 id="account-heading">{t("home.home.yourAccount")}</h2>
        <dl className="details">
          <div>
            <dt>{t("home.home.name")}</dt>
            <dd>{viewer.identity.displayName}</dd>
          </div>
          <div>
            <dt>{t("home.home.email")}</dt>
            <dd>{viewer.identity.email}</dd>
          </div>
          <div>
            <dt>{t("home.home.institution")}</dt>
            <dd>{institution}</dd>
          </div>
          <div>
            <dt>{roles.length === 1 ? t("home.home.role") : t("home.home.roles")}</dt>
            <dd>
              <ul className="tags" aria-label={t("home.rolesAt", { institution })}>
                {roles.map((role) => (
                  <li key={role} className="tag">
                    {ROLE_LABELS[role]}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        </dl>
        {others.length > 0 && <p className="fine-print">{t("home.alsoBelong", { institutions: others.map((o) => o.name).join(", ") })}</p>}
      </section>

      <section aria-labelledby="areas-heading">
        <h2 id="areas-heading">{t("home.home.whereToGo")}</h2>
        <ul className="area-list">
          {roles.map((role) => {
            const area = areaFor(role);
            return (
              <li key={role}>
                <Link to={area.path} className="area-link card">
                  <span className="area-link-title">{area.title}</span>
                  <span className="area-link-summary">{area.summary}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
