import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { useMutation } from "@apollo/client/react";
import { useRef, useState, type FormEvent } from "react";
import { Link, Navigate, useLocation, useParams } from "react-router-dom";
import { describeError } from "../../../lib/errors";
import { useFieldValidation } from "../../../lib/use-field-validation";
import { validateEmail, validateRequired } from "../../../lib/validation";
import { Alert } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { PageHeading } from "../../../ui/PageHeading";
import { TextField } from "../../../ui/TextField";
import { CampusSignInButtons } from "./CampusSignInButtons";
import { authStore, useStoredSession } from "../../../lib/auth/auth-store";
import { SignInDocument } from "../graphql/SignIn.generated";
import { useSessionActions } from "../../../lib/auth/use-session-actions";
import { t } from "../../../i18n";

const VALIDATORS = {
  email: validateEmail,
  password: (value: string) => validateRequired(value, t("auth.signIn.passwordRequired")),
};

/** Where to go after signing in: back to the page that asked, never off-site. */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === "string" && from.startsWith("/") && !from.startsWith("//") && !from.startsWith("/sign-in") ? from : "/";
}

export function SignInPage() {
  const session = useStoredSession();
  const location = useLocation();
  // /i/<slug>: the institution's own sign-in URL offers its campus sign-in at once.
  const { slug } = useParams();
  const [ssoSlug, setSsoSlug] = useState<string | null>(null);
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
      // An institution that requires campus sign-in for this person: offer its button.
      if (described.code === "SSO_REQUIRED" && CombinedGraphQLErrors.is(error)) {
        const required = error.errors[0]?.extensions?.institutionSlug;
        setSsoSlug(typeof required === "string" ? required : null);
      }
      setFailure((previous) => ({ message: described.message, attempt: (previous?.attempt ?? 0) + 1 }));
    }
  }

  return (
    <div className="auth-layout">
      <div className="card auth-card">
        <PageHeading title={t("auth.signIn.signIn")}>{t("auth.signIn.signInToInfoview")}</PageHeading>
        <p className="lede">{t("auth.signIn.shortConversationsWithAlumni")}</p>
        {authStore.endReason() === "expired" && !failure && <Alert tone="info">{t("auth.signIn.yourSessionEndedPlease")}</Alert>}
        <Alert announcementKey={failure?.attempt}>{failure?.message}</Alert>
        <form className="form" noValidate onSubmit={onSubmit}>
          <TextField
            {...form.fieldProps("email")}
            label={t("auth.signIn.email")}
            type="email"
            inputMode="email"
            autoComplete="username"
            isRequired
            inputRef={refs.email}
          />
          {/* The email comes first: its domain (or /i/<slug>) says which campus sign-in applies. */}
          <CampusSignInButtons email={form.values.email} slug={ssoSlug ?? slug ?? null} returnTo={returnPath(location.state)} />
          <TextField
            {...form.fieldProps("password")}
            label={t("auth.signIn.password")}
            type="password"
            autoComplete="current-password"
            isRequired
            inputRef={refs.password}
          />
          <Button type="submit" busyLabel={loading ? t("auth.signIn.signingIn") : null} wide>
            {t("auth.signIn.signIn")}
          </Button>
        </form>
        <p className="fine-print">
          <Link to="/sign-in/email">{t("auth.signIn.emailMeASign")}</Link> ·{" "}
          <Link to="/forgot-password">{t("auth.signIn.forgotYourPassword")}</Link>
        </p>
        <p className="fine-print">{t("auth.signIn.newToInfoviewYour")}</p>
      </div>
    </div>
  );
}
