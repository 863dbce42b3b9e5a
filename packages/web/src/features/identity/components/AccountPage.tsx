import "../identity.css";
import { useMutation, useQuery } from "@apollo/client/react";
import { useRef, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { describeError } from "../../../lib/errors";
import { useFieldValidation } from "../../../lib/use-field-validation";
import { validateEmail } from "../../../lib/validation";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Loading } from "../../../ui/Loading";
import { PageHeading } from "../../../ui/PageHeading";
import { ErrorState } from "../../../ui/StateMessages";
import { TextField } from "../../../ui/TextField";
import { useViewer } from "../../../lib/auth/viewer";
import { AddEmailDocument } from "../graphql/AddEmail.generated";
import { AccountSummary } from "./AccountSummary";
import { CalendarFeedSection } from "./CalendarFeedSection";
import { DataRightsSection } from "./DataRightsSection";
import { MakeEmailPrimaryDocument } from "../graphql/MakeEmailPrimary.generated";
import { MyAccountDocument } from "../graphql/MyAccount.generated";
import { RemoveEmailDocument } from "../graphql/RemoveEmail.generated";
import { t } from "../../../i18n";

const MESSAGES = {
  EMAIL_TAKEN: () => t("identity.emailTaken"),
  EMAIL_NOT_VERIFIED: () => t("identity.account.confirmFirst"),
};

/** The person's own addresses (add a personal one, verify it, make it primary) and how they can sign in. */
export function AccountPage() {
  const { data, loading, error, refetch } = useQuery(MyAccountDocument);
  const viewer = useViewer();
  const meets = viewer.memberships.some((m) => m.institutionId === viewer.institutionId && (m.role === "STUDENT" || m.role === "ALUMNUS"));
  const [status, say] = useAnnouncer();
  const [add, adding] = useMutation(AddEmailDocument, { refetchQueries: ["MyAccount", "Me"] });
  const [makePrimary] = useMutation(MakeEmailPrimaryDocument, { refetchQueries: ["MyAccount", "Me"] });
  const [remove] = useMutation(RemoveEmailDocument, { refetchQueries: ["MyAccount"] });
  const form = useFieldValidation({ email: "" }, { email: validateEmail });
  const emailRef = useRef<HTMLInputElement>(null);
  const [formFailure, setFormFailure] = useState<{ message: string; n: number } | null>(null);

  const act = async (done: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
      say(done, "info");
    } catch (failure) {
      say(describeError(failure, MESSAGES).message);
    }
  };

  async function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (form.validateAll()) {
      emailRef.current?.focus();
      return;
    }
    const email = form.values.email.trim();
    try {
      await add({ variables: { email } });
      form.fieldProps("email").onChange("");
      say(t("identity.account.confirmationSent", { email }), "info");
    } catch (failure) {
      const described = describeError(failure, MESSAGES);
      form.setServerErrors(described.fields);
      setFormFailure((p) => ({ message: described.message, n: (p?.n ?? 0) + 1 }));
    }
  }

  return (
    <div className="page">
      <PageHeading title={t("identity.account.yourAccount")}>{t("identity.account.yourAccount")}</PageHeading>
      <AccountSummary />
      <p>
        <Link to="/notifications">{t("identity.account.notificationsLink")}</Link>
      </p>
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      {error && !data ? (
        <ErrorState error={error} title={t("identity.account.weCouldnTLoad")} onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label={t("identity.account.loadingYourAccount")} />
      ) : (
        <>
          <section aria-labelledby="emails-heading" className="card">
            <h2 id="emails-heading">{t("identity.account.emailAddresses")}</h2>
            <p>{t("identity.account.addAPersonalAddress")}</p>
            <ul className="email-list">
              {data.myEmails.map((e) => (
                <li key={e.email}>
                  <span className="break">{e.email}</span> —{" "}
                  {e.primary
                    ? t("identity.account.primary")
                    : e.verified
                      ? t("identity.account.confirmed")
                      : t("identity.account.waitingForConfirmation")}
                  {!e.primary && (
                    <span className="actions">
                      {e.verified && (
                        <Button
                          variant="quiet"
                          aria-label={t("identity.account.makePrimaryLabel", { email: e.email })}
                          onPress={() =>
                            void act(t("identity.account.nowPrimary", { email: e.email }), () =>
                              makePrimary({ variables: { email: e.email } }),
                            )
                          }
                        >
                          {t("identity.account.makePrimary")}
                        </Button>
                      )}
                      <Button
                        variant="quiet"
                        aria-label={t("identity.account.removeLabel", { email: e.email })}
                        onPress={() =>
                          void act(t("identity.account.removed", { email: e.email }), () => remove({ variables: { email: e.email } }))
                        }
                      >
                        {t("identity.account.remove")}
                      </Button>
                    </span>
                  )}
                </li>
              ))}
            </ul>
            <Alert announcementKey={formFailure?.n}>{formFailure?.message}</Alert>
            <form className="form" noValidate onSubmit={onAdd} aria-label={t("identity.account.addAnEmailAddress")}>
              <TextField
                {...form.fieldProps("email")}
                label={t("identity.account.addAnAddress")}
                type="email"
                inputMode="email"
                autoComplete="email"
                inputRef={emailRef}
              />
              <Button type="submit" variant="secondary" busyLabel={adding.loading ? t("identity.account.adding") : null}>
                {t("identity.account.addAddress")}
              </Button>
            </form>
          </section>
          <section aria-labelledby="methods-heading" className="card">
            <h2 id="methods-heading">{t("identity.account.howYouSignIn")}</h2>
            <ul>
              <li>{data.mySignInMethods.hasPassword ? t("identity.account.emailAndPassword") : t("identity.account.noPasswordSetUse")}</li>
              <li>{t("identity.account.signInLinkBy")}</li>
              {data.mySignInMethods.campusSignIn.map((c) => (
                <li key={c.providerId}>
                  {t("identity.account.campusMethod", { provider: c.providerName, institution: c.institutionName })}
                </li>
              ))}
            </ul>
          </section>
          {meets && <CalendarFeedSection />}
          <DataRightsSection />
        </>
      )}
    </div>
  );
}
