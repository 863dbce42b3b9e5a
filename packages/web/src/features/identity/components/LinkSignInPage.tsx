import { useApolloClient } from "@apollo/client/react";
import { useCallback } from "react";
import { useNavigate } from "react-router-dom";
import { useSessionActions } from "../../../lib/auth/use-session-actions";
import { SignInWithLinkDocument } from "../graphql/SignInWithLink.generated";
import { TokenLandingPage } from "./TokenLandingPage";

const MESSAGES = {
  EMAIL_TOKEN_INVALID: "This sign-in link has expired or was already used. Ask for a new one.",
  SSO_REQUIRED: "Your institution asks you to sign in with your campus account. Use the button on the sign-in page.",
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
    <TokenLandingPage title="Signing in" heading="Signing you in" param="token" busyLabel="Signing you in…" messages={MESSAGES} run={run} />
  );
}
