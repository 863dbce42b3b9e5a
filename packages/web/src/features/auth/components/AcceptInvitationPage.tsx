import { useMutation } from "@apollo/client/react";
import { useRef, useState, type FormEvent } from "react";
import { ToggleButton } from "react-aria-components";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { describeError } from "../../../lib/errors";
import { useFieldValidation } from "../../../lib/use-field-validation";
import { MIN_PASSWORD_LENGTH, validateNewPassword, validateRequired } from "../../../lib/validation";
import { Alert } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { PageHeading } from "../../../ui/PageHeading";
import { TextField } from "../../../ui/TextField";
import { AcceptInvitationDocument } from "../graphql/AcceptInvitation.generated";
import { useSessionActions } from "../../../lib/auth/use-session-actions";
import { rich, t } from "../../../i18n";

const VALIDATORS = {
  displayName: (value: string) =>
    validateRequired(value, t("auth.invite.nameRequired")) ?? (value.trim().length > 120 ? t("auth.invite.nameTooLong") : null),
  password: validateNewPassword,
};

const MESSAGES = {
  INVALID_CREDENTIALS: () => t("auth.invite.existingAccount"),
};

export function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const token = params.get("token")?.trim() ?? "";
  const navigate = useNavigate();
  const { start } = useSessionActions();
  const [accept, { loading }] = useMutation(AcceptInvitationDocument);
  const form = useFieldValidation({ displayName: "", password: "" }, VALIDATORS);
  const [showPassword, setShowPassword] = useState(false);
  const [failure, setFailure] = useState<{ message: string; attempt: number } | null>(null);
  const refs = { displayName: useRef<HTMLInputElement>(null), password: useRef<HTMLInputElement>(null) };

  if (!token) {
    return (
      <div className="auth-layout">
        <div className="card auth-card">
          <PageHeading title={t("auth.acceptInvitation.invitationLinkIncomplete")}>
            {t("auth.acceptInvitation.thisInvitationLinkIs")}
          </PageHeading>
          <p>{t("auth.acceptInvitation.theLinkIsMissing")}</p>
          <p>{rich("auth.invite.alreadySetUp", { link: (chunks) => <Link to="/sign-in">{chunks}</Link> })}</p>
        </div>
      </div>
    );
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (loading) return;
    const invalid = form.validateAll();
    if (invalid) {
      refs[invalid].current?.focus();
      return;
    }
    try {
      const { data } = await accept({
        variables: { input: { token, displayName: form.values.displayName.trim(), password: form.values.password } },
      });
      if (!data) return;
      start(data.acceptInvitation);
      navigate("/", { replace: true });
    } catch (error) {
      const described = describeError(error, MESSAGES);
      const { token: tokenProblem, ...fields } = described.fields;
      form.setServerErrors(fields);
      const message = tokenProblem ? t("auth.invite.linkInvalid") : described.message;
      setFailure((previous) => ({ message, attempt: (previous?.attempt ?? 0) + 1 }));
    }
  }

  return (
    <div className="auth-layout">
      <div className="card auth-card">
        <PageHeading title={t("auth.acceptInvitation.acceptYourInvitation")}>{t("auth.acceptInvitation.joinInfoview")}</PageHeading>
        <p className="lede">{t("auth.acceptInvitation.yourCareerCenterHas")}</p>
        <Alert announcementKey={failure?.attempt}>{failure?.message}</Alert>
        <form className="form" noValidate onSubmit={onSubmit}>
          <TextField
            {...form.fieldProps("displayName")}
            label={t("auth.acceptInvitation.yourName")}
            autoComplete="name"
            isRequired
            inputRef={refs.displayName}
          />
          <div className="field-with-action">
            <TextField
              {...form.fieldProps("password")}
              label={t("auth.acceptInvitation.password")}
              type={showPassword ? "text" : "password"}
              autoComplete="new-password"
              description={t("auth.invite.passwordHint", { min: MIN_PASSWORD_LENGTH })}
              isRequired
              inputRef={refs.password}
            />
            <ToggleButton className="button button-quiet button-small" isSelected={showPassword} onChange={setShowPassword}>
              {t("auth.acceptInvitation.showPassword")}
            </ToggleButton>
          </div>
          <Button type="submit" busyLabel={loading ? t("auth.acceptInvitation.settingUpYourAccount") : null} wide>
            {t("auth.acceptInvitation.acceptAndContinue")}
          </Button>
        </form>
        <p className="fine-print">{rich("auth.invite.alreadyAccepted", { link: (chunks) => <Link to="/sign-in">{chunks}</Link> })}</p>
      </div>
    </div>
  );
}
