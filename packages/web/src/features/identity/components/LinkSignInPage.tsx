import { useApolloClient } from "@apollo/client/react";
import { useCallback } from "react";
import { useNavigate } from "react-router-dom";
import { useSessionActions } from "../../../lib/auth/use-session-actions";
import { SignInWithLinkDocument } from "../graphql/SignInWithLink.generated";
import { TokenLandingPage } from "./TokenLandingPage";
import { t } from "../../../i18n";

const MESSAGES = {
  EMAIL_TOKEN_INVALID: () => t("identity.link.invalid"),
  SSO_REQUIRED: () => t("identity.link.ssoRequired"),
};

/** Where an emailed sign-in link lands. */
export function LinkSignInPage() {
  const client = useApolloClient();
  const navigate = useNavigate();
  const { start } = useSessionActions();
  const run = useCallback(
    async (token: string) => {
      const { data } = await client.mutate({ mutation: SignInWithLinkDocument, variables: { token } });
      if (data) start(data.signInWithLink);
      navigate("/", { replace: true });
      return null;
    },
    [client, navigate, start],
  );
  return (
    <TokenLandingPage
      title={t("identity.linkSignIn.signingIn")}
      heading={t("identity.linkSignIn.signingYouIn")}
      param="token"
      busyLabel={t("identity.linkSignIn.signingYouIn2")}
      messages={MESSAGES}
      run={run}
    />
  );
}
