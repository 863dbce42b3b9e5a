import { useApolloClient } from "@apollo/client/react";
import { useCallback } from "react";
import { Link } from "react-router-dom";
import { VerifyEmailDocument } from "../graphql/VerifyEmail.generated";
import { TokenLandingPage } from "./TokenLandingPage";

const MESSAGES = {
  EMAIL_TOKEN_INVALID: "This verification link has expired or was already used. Add the address again to get a new one.",
  EMAIL_TAKEN: "That address already belongs to another account.",
};

/** Where an address's verification link lands. */
export function VerifyEmailPage() {
  const client = useApolloClient();
  const run = useCallback(
    async (token: string) => {
      await client.mutate({ mutation: VerifyEmailDocument, variables: { token } });
      return (
        <>
          <p role="status">Your address is confirmed. You can now use it to sign in, or make it your primary address.</p>
          <p>
            <Link to="/account">Your account</Link>
          </p>
        </>
      );
    },
    [client],
  );
  return (
    <TokenLandingPage
      title="Confirm your address"
      heading="Confirm your address"
      param="token"
      busyLabel="Confirming…"
      messages={MESSAGES}
      run={run}
    />
  );
}
