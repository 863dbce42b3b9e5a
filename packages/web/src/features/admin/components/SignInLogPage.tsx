import { useQuery } from "@apollo/client/react";
import { Link } from "react-router-dom";
import { Loading } from "../../../ui/Loading";
import { PageHeading } from "../../../ui/PageHeading";
import { EmptyState, ErrorState } from "../../../ui/StateMessages";
import { SignInLogDocument } from "../graphql/SignInLog.generated";
import { formatTimestamp } from "../../../lib/time";

const METHODS: Record<string, string> = {
  OIDC: "OpenID Connect",
  SAML: "SAML",
  PASSWORD: "Password",
  EMAIL_LINK: "Email link",
  PASSWORD_RESET: "Password reset",
  CONFIGURATION: "Configuration",
};
const OUTCOMES: Record<string, string> = { SUCCEEDED: "Signed in", FAILED: "Refused", TESTED: "Test", CHANGED: "Changed" };

/** Every sign-in, refusal (and why) and campus sign-in change in the institution, newest first. */
export function SignInLogPage() {
  const { data, loading, error, refetch } = useQuery(SignInLogDocument, { variables: { first: 200 }, fetchPolicy: "cache-and-network" });
  return (
    <div className="page">
      <PageHeading title="Sign-in log">Sign-in log</PageHeading>
      <p className="lede">
        Sign-ins, refusals with their reason, tests and changes to <Link to="/admin/sign-in">campus sign-in</Link>, newest first.
      </p>
      {error && !data ? (
        <ErrorState error={error} title="We couldn't load the sign-in log" onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label="Loading the sign-in log…" />
      ) : data.signInLog.length === 0 ? (
        <EmptyState title="Nothing logged yet">
          <p>Sign-ins and changes will appear here.</p>
        </EmptyState>
      ) : (
        <div className="table-wrap" role="region" aria-label="Sign-in log" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Outcome</th>
                <th scope="col">Who</th>
                <th scope="col">Provider</th>
                <th scope="col">Why, or what changed</th>
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
