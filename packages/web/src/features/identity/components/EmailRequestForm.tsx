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

const KINDS = {
  link: {
    title: "Email me a sign-in link",
    lede: "We'll email you a link that signs you in once, within 15 minutes. No password needed.",
    submit: "Email me a link",
    busy: "Sending…",
    done: "If that address belongs to an Infoview account, a sign-in link is on its way. It works once, for 15 minutes.",
    document: RequestSignInLinkDocument,
  },
  reset: {
    title: "Forgot your password?",
    lede: "We'll email you a link to choose a new password.",
    submit: "Email me a reset link",
    busy: "Sending…",
    done: "If that address belongs to an Infoview account, a link to choose a new password is on its way. It works once, for 30 minutes.",
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
        TOO_MANY_EMAILS: "We sent several emails to this address just now. Wait 15 minutes, then try again.",
      });
      form.setServerErrors(described.fields);
      setFailure((previous) => ({ message: described.message, attempt: (previous?.attempt ?? 0) + 1 }));
    }
  }

  return (
    <AuthCard title={text.title} heading={text.title}>
      {sent ? (
        <p role="status">{text.done}</p>
      ) : (
        <>
          <p className="lede">{text.lede}</p>
          <Alert announcementKey={failure?.attempt}>{failure?.message}</Alert>
          <form className="form" noValidate onSubmit={onSubmit}>
            <TextField
              {...form.fieldProps("email")}
              label="Email"
              type="email"
              inputMode="email"
              autoComplete="username"
              isRequired
              inputRef={emailRef}
            />
            <Button type="submit" busyLabel={loading ? text.busy : null} wide>
              {text.submit}
            </Button>
          </form>
        </>
      )}
      <p className="fine-print">
        <Link to="/sign-in">Back to sign-in</Link>
      </p>
    </AuthCard>
  );
}

export const SignInLinkPage = () => <EmailRequestForm kind="link" />;
export const ForgotPasswordPage = () => <EmailRequestForm kind="reset" />;
