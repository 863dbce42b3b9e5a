import { useMutation } from "@apollo/client/react";
import { useRef, useState, type FormEvent } from "react";
import { Navigate, useLocation } from "react-router-dom";
import { describeError } from "../../../lib/errors";
import { useFieldValidation } from "../../../lib/use-field-validation";
import { validateEmail, validateRequired } from "../../../lib/validation";
import { Alert } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { PageHeading } from "../../../ui/PageHeading";
import { TextField } from "../../../ui/TextField";
import { authStore, useStoredSession } from "../../../lib/auth/auth-store";
import { SignInDocument } from "../graphql/SignIn.generated";
import { useSessionActions } from "../../../lib/auth/use-session-actions";

const VALIDATORS = {
  email: validateEmail,
  password: (value: string) => validateRequired(value, "Enter your password."),
};

/** Where to go after signing in: back to the page that asked, never off-site. */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === "string" && from.startsWith("/") && !from.startsWith("//") && !from.startsWith("/sign-in") ? from : "/";
}

export function SignInPage() {
  const session = useStoredSession();
  const location = useLocation();
  const { start } = useSessionActions();
  const [signIn, { loading }] = useMutation(SignInDocument);
  const form = useFieldValidation({ email: "", password: "" }, VALIDATORS);
  const [failure, setFailure] = useState<{ message: string; attempt: number } | null>(null);
  const refs = { email: useRef<HTMLInputElement>(null), password: useRef<HTMLInputElement>(null) };

  if (session) return <Navigate to={returnPath(location.state)} replace />;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const invalid = form.validateAll();
    if (invalid) {
      refs[invalid].current?.focus();
      return;
    }
    try {
      const { data } = await signIn({ variables: { input: { email: form.values.email.trim(), password: form.values.password } } });
      if (data) start(data.signIn);
    } catch (error) {
      const described = describeError(error);
      form.setServerErrors(described.fields);
      setFailure((previous) => ({ message: described.message, attempt: (previous?.attempt ?? 0) + 1 }));
    }
  }

  return (
    <div className="auth-layout">
      <div className="card auth-card">
        <PageHeading title="Sign in">Sign in to Infoview</PageHeading>
        <p className="lede">Short conversations with alumni about the work they do, arranged through your career center.</p>
        {authStore.endReason() === "expired" && !failure && <Alert tone="info">Your session ended. Please sign in again.</Alert>}
        <Alert announcementKey={failure?.attempt}>{failure?.message}</Alert>
        <form className="form" noValidate onSubmit={onSubmit}>
          <TextField
            {...form.fieldProps("email")}
            label="Email"
            type="email"
            inputMode="email"
            autoComplete="username"
            isRequired
            inputRef={refs.email}
          />
          <TextField
            {...form.fieldProps("password")}
            label="Password"
            type="password"
            autoComplete="current-password"
            isRequired
            inputRef={refs.password}
          />
          <Button type="submit" busyLabel={loading ? "Signing in…" : null} wide>
            Sign in
          </Button>
        </form>
        <p className="fine-print">
          New to Infoview? Your career center sends you an invitation by email. Open its link to set up your account.
        </p>
      </div>
    </div>
  );
}
