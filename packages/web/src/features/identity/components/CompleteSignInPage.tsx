import { useApolloClient } from "@apollo/client/react";
import { useCallback } from "react";
import { useNavigate } from "react-router-dom";
import { useSessionActions } from "../../../lib/auth/use-session-actions";
import { CompleteCampusSignInDocument } from "../graphql/CompleteCampusSignIn.generated";
import { safeReturnPath } from "../hash-params";
import { TokenLandingPage } from "./TokenLandingPage";
import { t } from "../../../i18n";

const MESSAGES = {
  SIGN_IN_CODE_INVALID: () => t("identity.complete.codeInvalid"),
  SSO_REQUIRED: () => t("identity.complete.ssoRequired"),
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
    <TokenLandingPage
      title={t("identity.completeSignIn.signingIn")}
      heading={t("identity.completeSignIn.signingYouIn")}
      param="code"
      busyLabel={t("identity.completeSignIn.signingYouIn2")}
      messages={MESSAGES}
      run={run}
    />
  );
}
