import "../identity.css";
import { useMutation, useQuery } from "@apollo/client/react";
import { useRef, useState, type FormEvent } from "react";
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
import { CalendarFeedSection } from "./CalendarFeedSection";
import { MakeEmailPrimaryDocument } from "../graphql/MakeEmailPrimary.generated";
import { MyAccountDocument } from "../graphql/MyAccount.generated";
import { RemoveEmailDocument } from "../graphql/RemoveEmail.generated";

const MESSAGES = {
  EMAIL_TAKEN: "That address already belongs to another account.",
  EMAIL_NOT_VERIFIED: "Confirm that address first: open the link we emailed to it.",
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
      say(`We emailed a confirmation link to ${email}. The address is used for nothing until you open it.`, "info");
    } catch (failure) {
      const described = describeError(failure, MESSAGES);
      form.setServerErrors(described.fields);
      setFormFailure((p) => ({ message: described.message, n: (p?.n ?? 0) + 1 }));
    }
  }

  return (
    <div className="page">
      <PageHeading title="Your account">Your account</PageHeading>
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      {error && !data ? (
        <ErrorState error={error} title="We couldn't load your account" onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label="Loading your account…" />
      ) : (
        <>
          <section aria-labelledby="emails-heading" className="card">
            <h2 id="emails-heading">Email addresses</h2>
            <p>Add a personal address before you graduate, confirm it, and make it your primary one to keep your account.</p>
            <ul className="email-list">
              {data.myEmails.map((e) => (
                <li key={e.email}>
                  <span className="break">{e.email}</span> — {e.primary ? "primary" : e.verified ? "confirmed" : "waiting for confirmation"}
                  {!e.primary && (
                    <span className="actions">
                      {e.verified && (
                        <Button
                          variant="quiet"
                          aria-label={`Make ${e.email} primary`}
                          onPress={() =>
                            void act(`${e.email} is now your primary address.`, () => makePrimary({ variables: { email: e.email } }))
                          }
                        >
                          Make primary
                        </Button>
                      )}
                      <Button
                        variant="quiet"
                        aria-label={`Remove ${e.email}`}
                        onPress={() => void act(`Removed ${e.email}.`, () => remove({ variables: { email: e.email } }))}
                      >
                        Remove
                      </Button>
                    </span>
                  )}
                </li>
              ))}
            </ul>
            <Alert announcementKey={formFailure?.n}>{formFailure?.message}</Alert>
            <form className="form" noValidate onSubmit={onAdd} aria-label="Add an email address">
              <TextField
                {...form.fieldProps("email")}
                label="Add an address"
                type="email"
                inputMode="email"
                autoComplete="email"
                inputRef={emailRef}
              />
              <Button type="submit" variant="secondary" busyLabel={adding.loading ? "Adding…" : null}>
                Add address
              </Button>
            </form>
          </section>
          <section aria-labelledby="methods-heading" className="card">
            <h2 id="methods-heading">How you sign in</h2>
            <ul>
              <li>{data.mySignInMethods.hasPassword ? "Email and password" : "No password set (use a sign-in link or campus sign-in)"}</li>
              <li>Sign-in link by email, to any confirmed address</li>
              {data.mySignInMethods.campusSignIn.map((c) => (
                <li key={c.providerId}>
                  Campus sign-in: {c.providerName} ({c.institutionName})
                </li>
              ))}
            </ul>
          </section>
          {meets && <CalendarFeedSection />}
        </>
      )}
    </div>
  );
}
