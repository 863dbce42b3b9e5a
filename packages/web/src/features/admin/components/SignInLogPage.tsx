import { useQuery } from "@apollo/client/react";
import { Link } from "react-router-dom";
import { Loading } from "../../../ui/Loading";
import { PageHeading } from "../../../ui/PageHeading";
import { EmptyState, ErrorState } from "../../../ui/StateMessages";
import { SignInLogDocument } from "../graphql/SignInLog.generated";
import { formatTimestamp } from "../../../lib/time";
import { rich, t, translatedLabels } from "../../../i18n";

const METHODS: Record<string, string> = {
  OIDC: "OpenID Connect",
  SAML: "SAML",
  ...translatedLabels({
    PASSWORD: "admin.signInLog.methodPassword",
    EMAIL_LINK: "admin.signInLog.methodEmailLink",
    PASSWORD_RESET: "admin.signInLog.methodPasswordReset",
    CONFIGURATION: "admin.signInLog.methodConfiguration",
  }),
};
const OUTCOMES: Record<string, string> = translatedLabels({
  SUCCEEDED: "admin.signInLog.outcomeSucceeded",
  FAILED: "admin.signInLog.outcomeFailed",
  TESTED: "admin.signInLog.outcomeTested",
  CHANGED: "admin.signInLog.outcomeChanged",
});

/** Every sign-in, refusal (and why) and campus sign-in change in the institution, newest first. */
export function SignInLogPage() {
  const { data, loading, error, refetch } = useQuery(SignInLogDocument, { variables: { first: 200 }, fetchPolicy: "cache-and-network" });
  return (
    <div className="page">
      <PageHeading title={t("admin.signInLog.signInLog")}>{t("admin.signInLog.signInLog")}</PageHeading>
      <p className="lede">{rich("admin.signInLog.signInsRefusals", { link: (chunks) => <Link to="/admin/sign-in">{chunks}</Link> })}</p>
      {error && !data ? (
        <ErrorState error={error} title={t("admin.signInLog.weCouldnT")} onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label={t("admin.signInLog.loadingTheSign")} />
      ) : data.signInLog.length === 0 ? (
        <EmptyState title={t("admin.signInLog.nothingLoggedYet")}>
          <p>{t("admin.signInLog.signInsAnd")}</p>
        </EmptyState>
      ) : (
        <div className="table-wrap" role="region" aria-label={t("admin.signInLog.signInLog")} tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("admin.signInLog.when")}</th>
                <th scope="col">{t("admin.signInLog.what")}</th>
                <th scope="col">{t("admin.signInLog.outcome")}</th>
                <th scope="col">{t("admin.signInLog.who")}</th>
                <th scope="col">{t("admin.signInLog.provider")}</th>
                <th scope="col">{t("admin.signInLog.whyOrWhat")}</th>
              </tr>
            </thead>
            <tbody>
              {data.signInLog.map((e) => (
                <tr key={e.id}>
                  <td>{formatTimestamp(e.createdAt)}</td>
                  <td>{METHODS[e.method] ?? e.method}</td>
                  <td>{OUTCOMES[e.outcome] ?? e.outcome}</td>
                  <td>{e.personEmail ?? e.actorEmail ?? "—"}</td>
                  <td>{e.providerName ?? "—"}</td>
                  <td>
                    {e.reason && <code className="break">{e.reason}</code>}
                    {e.detail && <> {e.detail}</>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
