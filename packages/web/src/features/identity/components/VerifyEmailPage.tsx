import { useApolloClient } from "@apollo/client/react";
import { useCallback } from "react";
import { Link } from "react-router-dom";
import { VerifyEmailDocument } from "../graphql/VerifyEmail.generated";
import { TokenLandingPage } from "./TokenLandingPage";
import { t } from "../../../i18n";

const MESSAGES = {
  EMAIL_TOKEN_INVALID: () => t("identity.verify.invalid"),
  EMAIL_TAKEN: () => t("identity.emailTaken"),
};

/** Where an address's verification link lands. */
export function VerifyEmailPage() {
  const client = useApolloClient();
  const run = useCallback(
    async (token: string) => {
      await client.mutate({ mutation: VerifyEmailDocument, variables: { token } });
      return (
        <>
          <p role="status">{t("identity.verifyEmail.yourAddressIsConfirmed")}</p>
          <p>
            <Link to="/account">{t("identity.verifyEmail.yourAccount")}</Link>
          </p>
        </>
      );
    },
    [client],
  );
  return (
    <TokenLandingPage
      title={t("identity.verifyEmail.confirmYourAddress")}
      heading={t("identity.verifyEmail.confirmYourAddress")}
      param="token"
      busyLabel={t("identity.verifyEmail.confirming")}
      messages={MESSAGES}
      run={run}
    />
  );
}
