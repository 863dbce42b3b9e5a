import { useMutation } from "@apollo/client/react";
import { useRef, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { describeError } from "../../../lib/errors";
import { useFieldValidation } from "../../../lib/use-field-validation";
import { validateNewPassword } from "../../../lib/validation";
import { Alert } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { TextField } from "../../../ui/TextField";
import { ResetPasswordDocument } from "../graphql/ResetPassword.generated";
import { takeHashParams } from "../hash-params";
import { AuthCard } from "./AuthCard";

const MESSAGES = { EMAIL_TOKEN_INVALID: "This reset link has expired or was already used. Ask for a new one." };

/** Where a reset link lands: choose a new password; every other session is signed out. */
export function ResetPasswordPage() {
  const [token] = useState(() => takeHashParams().get("token") ?? "");
  const [reset, { loading }] = useMutation(ResetPasswordDocument);
  const form = useFieldValidation({ password: "" }, { password: validateNewPassword });
  const [done, setDone] = useState(false);
  const [failure, setFailure] = useState<{ message: string; attempt: number } | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    if (form.validateAll()) {
      passwordRef.current?.focus();
      return;
    }
    try {
      await reset({ variables: { token, password: form.values.password } });
      setDone(true);
    } catch (error) {
      const described = describeError(error, MESSAGES);
      form.setServerErrors(described.fields);
      setFailure((previous) => ({ message: described.message, attempt: (previous?.attempt ?? 0) + 1 }));
    }
  }

  return (
    <AuthCard title="Choose a new password" heading="Choose a new password">
      {!token ? (
        <Alert>This link is incomplete. Open it again from the email, or ask for a new one.</Alert>
      ) : done ? (
        <p role="status">Your password is changed, and you are signed out everywhere else. Sign in with the new password.</p>
      ) : (
        <>
          <Alert announcementKey={failure?.attempt}>{failure?.message}</Alert>
          <form className="form" noValidate onSubmit={onSubmit}>
            <TextField
              {...form.fieldProps("password")}
              label="New password"
              description="At least 10 characters."
              type="password"
              autoComplete="new-password"
              isRequired
              inputRef={passwordRef}
            />
            <Button type="submit" busyLabel={loading ? "Saving…" : null} wide>
              Set new password
            </Button>
          </form>
        </>
      )}
      <p className="fine-print">
        <Link to="/sign-in">Back to sign-in</Link> · <Link to="/forgot-password">Ask for a new link</Link>
      </p>
    </AuthCard>
  );
}
