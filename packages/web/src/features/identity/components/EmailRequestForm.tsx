import { useMutation } from "@apollo/client/react";
import { useRef, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { describeError } from "../../../lib/errors";
import { useFieldValidation } from "../../../lib/use-field-validation";
import { validateEmail } from "../../../lib/validation";
import { Alert } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { TextField } from "../../../ui/TextField";
import { RequestPasswordResetDocument } from "../graphql/RequestPasswordReset.generated";
import { RequestSignInLinkDocument } from "../graphql/RequestSignInLink.generated";
import { AuthCard } from "./AuthCard";
import { t } from "../../../i18n";

const KINDS = {
  link: {
    title: "identity.request.link.title",
    lede: "identity.request.link.lede",
    submit: "identity.request.link.submit",
    busy: "identity.request.sending",
    done: "identity.request.link.done",
    document: RequestSignInLinkDocument,
  },
  reset: {
    title: "identity.request.reset.title",
    lede: "identity.request.reset.lede",
    submit: "identity.request.reset.submit",
    busy: "identity.request.sending",
    done: "identity.request.reset.done",
    document: RequestPasswordResetDocument,
  },
} as const;

/** Asks for an address and emails a sign-in or reset link; the answer never says whether the address has an account. */
export function EmailRequestForm({ kind }: { kind: keyof typeof KINDS }) {
  const text = KINDS[kind];
  const [send, { loading }] = useMutation(text.document);
  const form = useFieldValidation({ email: "" }, { email: validateEmail });
  const [sent, setSent] = useState(false);
  const [failure, setFailure] = useState<{ message: string; attempt: number } | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    if (form.validateAll()) {
      emailRef.current?.focus();
      return;
    }
    try {
      await send({ variables: { email: form.values.email.trim() } });
      setSent(true);
    } catch (error) {
      const described = describeError(error, {
        TOO_MANY_EMAILS: () => t("identity.request.tooMany"),
      });
      form.setServerErrors(described.fields);
      setFailure((previous) => ({ message: described.message, attempt: (previous?.attempt ?? 0) + 1 }));
    }
  }

  return (
    <AuthCard title={t(text.title)} heading={t(text.title)}>
      {sent ? (
        <p role="status">{t(text.done)}</p>
      ) : (
        <>
          <p className="lede">{t(text.lede)}</p>
          <Alert announcementKey={failure?.attempt}>{failure?.message}</Alert>
          <form className="form" noValidate onSubmit={onSubmit}>
            <TextField
              {...form.fieldProps("email")}
              label={t("identity.emailRequestForm.email")}
              type="email"
              inputMode="email"
              autoComplete="username"
              isRequired
              inputRef={emailRef}
            />
            <Button type="submit" busyLabel={loading ? t(text.busy) : null} wide>
              {t(text.submit)}
            </Button>
          </form>
        </>
      )}
      <p className="fine-print">
        <Link to="/sign-in">{t("identity.emailRequestForm.backToSignIn")}</Link>
      </p>
    </AuthCard>
  );
}

export const SignInLinkPage = () => <EmailRequestForm kind="link" />;
export const ForgotPasswordPage = () => <EmailRequestForm kind="reset" />;
