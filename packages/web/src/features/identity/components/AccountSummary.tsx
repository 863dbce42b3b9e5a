import { currentInstitutionName, institutionsOf, useViewer } from "../../../lib/auth/viewer";
import { ROLE_LABELS, sortRoles } from "../../../lib/auth/roles";
import { t } from "../../../i18n";

/** Who you are, where, and as what: what the old home page showed, kept with the rest of the account. */
export function AccountSummary() {
  const viewer = useViewer();
  const institution = currentInstitutionName(viewer);
  const roles = sortRoles(viewer.roles);
  const others = institutionsOf(viewer).filter((i) => i.id !== viewer.institutionId);
  return (
    <section className="card" aria-labelledby="summary-heading">
      <h2 id="summary-heading">{t("identity.summary.heading")}</h2>
      <dl className="details">
        <div>
          <dt>{t("identity.summary.name")}</dt>
          <dd>{viewer.identity.displayName}</dd>
        </div>
        <div>
          <dt>{t("identity.summary.email")}</dt>
          <dd>{viewer.identity.email}</dd>
        </div>
        <div>
          <dt>{t("identity.summary.institution")}</dt>
          <dd>{institution}</dd>
        </div>
        <div>
          <dt>{t("identity.summary.roles", { count: roles.length })}</dt>
          <dd>
            <ul className="tags" aria-label={t("identity.summary.rolesAt", { institution })}>
              {roles.map((role) => (
                <li key={role} className="tag">
                  {ROLE_LABELS[role]}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
      {others.length > 0 && (
        <p className="fine-print">{t("identity.summary.alsoBelong", { institutions: others.map((o) => o.name).join(", ") })}</p>
      )}
    </section>
  );
}
