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
import { t } from "../../../i18n";

const MESSAGES = { EMAIL_TOKEN_INVALID: () => t("identity.reset.invalid") };

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
    <AuthCard title={t("identity.resetPassword.chooseANewPassword")} heading={t("identity.resetPassword.chooseANewPassword")}>
      {!token ? (
        <Alert>{t("identity.resetPassword.thisLinkIsIncomplete")}</Alert>
      ) : done ? (
        <p role="status">{t("identity.resetPassword.yourPasswordIsChanged")}</p>
      ) : (
        <>
          <Alert announcementKey={failure?.attempt}>{failure?.message}</Alert>
          <form className="form" noValidate onSubmit={onSubmit}>
            <TextField
              {...form.fieldProps("password")}
              label={t("identity.resetPassword.newPassword")}
              description={t("identity.resetPassword.atLeast10Characters")}
              type="password"
              autoComplete="new-password"
              isRequired
              inputRef={passwordRef}
            />
            <Button type="submit" busyLabel={loading ? t("identity.resetPassword.saving") : null} wide>
              {t("identity.resetPassword.setNewPassword")}
            </Button>
          </form>
        </>
      )}
      <p className="fine-print">
        <Link to="/sign-in">{t("identity.resetPassword.backToSignIn")}</Link> ·{" "}
        <Link to="/forgot-password">{t("identity.resetPassword.askForANew")}</Link>
      </p>
    </AuthCard>
  );
}
