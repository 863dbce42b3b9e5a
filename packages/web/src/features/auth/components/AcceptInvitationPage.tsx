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

const VALIDATORS = {
  displayName: (value: string) =>
    validateRequired(value, "Enter your name as you'd like others to see it.") ??
    (value.trim().length > 120 ? "Use at most 120 characters." : null),
  password: validateNewPassword,
};

const MESSAGES = {
  INVALID_CREDENTIALS: "You already have an Infoview account with this email. Enter that account's password to accept.",
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
          <PageHeading title="Invitation link incomplete">This invitation link is incomplete</PageHeading>
          <p>
            The link is missing its invitation code. Open the link from your invitation email again, or copy the whole address into your
            browser.
          </p>
          <p>
            Already set up? <Link to="/sign-in">Sign in</Link>.
          </p>
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
      const message = tokenProblem ? "This invitation link is not valid. Ask your career center for a new one." : described.message;
      setFailure((previous) => ({ message, attempt: (previous?.attempt ?? 0) + 1 }));
    }
  }

  return (
    <div className="auth-layout">
      <div className="card auth-card">
        <PageHeading title="Accept your invitation">Join Infoview</PageHeading>
        <p className="lede">Your career center has invited you. Choose how your name appears and set a password to finish.</p>
        <Alert announcementKey={failure?.attempt}>{failure?.message}</Alert>
        <form className="form" noValidate onSubmit={onSubmit}>
          <TextField {...form.fieldProps("displayName")} label="Your name" autoComplete="name" isRequired inputRef={refs.displayName} />
          <div className="field-with-action">
            <TextField
              {...form.fieldProps("password")}
              label="Password"
              type={showPassword ? "text" : "password"}
              autoComplete="new-password"
              description={`At least ${MIN_PASSWORD_LENGTH} characters. If you already have an Infoview account, enter its password.`}
              isRequired
              inputRef={refs.password}
            />
            <ToggleButton className="button button-quiet button-small" isSelected={showPassword} onChange={setShowPassword}>
              Show password
            </ToggleButton>
          </div>
          <Button type="submit" busyLabel={loading ? "Setting up your account…" : null} wide>
            Accept and continue
          </Button>
        </form>
        <p className="fine-print">
          Already accepted? <Link to="/sign-in">Sign in</Link>.
        </p>
      </div>
    </div>
  );
}
