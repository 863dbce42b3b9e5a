import { useApolloClient } from "@apollo/client/react";
import { useCallback } from "react";
import { useNavigate } from "react-router-dom";
import { useSessionActions } from "../../../lib/auth/use-session-actions";
import { CompleteCampusSignInDocument } from "../graphql/CompleteCampusSignIn.generated";
import { safeReturnPath } from "../hash-params";
import { TokenLandingPage } from "./TokenLandingPage";

const MESSAGES = {
  SIGN_IN_CODE_INVALID: "This campus sign-in has expired or was already completed. Please sign in again.",
  SSO_REQUIRED: "Your institution asks you to sign in with your campus account.",
};

/** Where campus sign-in comes back: trades the one-time code from the fragment for a session. */
export function CompleteSignInPage() {
  const client = useApolloClient();
  const navigate = useNavigate();
  const { start } = useSessionActions();
  const run = useCallback(
    async (code: string, params: URLSearchParams) => {
      const { data } = await client.mutate({ mutation: CompleteCampusSignInDocument, variables: { code } });
      if (data) start(data.completeCampusSignIn);
      navigate(safeReturnPath(params.get("returnTo")), { replace: true });
      return null;
    },
    [client, navigate, start],
  );
  return (
    <TokenLandingPage title="Signing in" heading="Signing you in" param="code" busyLabel="Signing you in…" messages={MESSAGES} run={run} />
  );
}
