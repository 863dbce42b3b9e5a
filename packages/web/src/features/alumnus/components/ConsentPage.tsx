import { useMutation, useQuery } from "@apollo/client/react";
import { useEffect, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import type { ConsentKind } from "../../../graphql/types.generated";
import { describeError } from "../../../lib/errors";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Loading } from "../../../ui/Loading";
import { CheckboxField } from "../../../ui/NativeFields";
import { PageHeading } from "../../../ui/PageHeading";
import { ErrorState } from "../../../ui/StateMessages";
import { GiveConsentDocument, MyConsentStateDocument, WithdrawConsentDocument } from "../graphql/Consents.generated";

const KINDS: Array<{ kind: ConsentKind; label: string; why: string }> = [
  { kind: "ALUMNUS_LISTED", label: "Show me in the alumni directory", why: "Students and advisors can find you and see your profile." },
  { kind: "ALUMNUS_CONTACT", label: "Let students send me requests", why: "You decide on every request; nothing is booked without you." },
  {
    kind: "ALUMNUS_SHARE_CONTACT",
    label: "Share my email and phone once I accept",
    why: "Only with students whose requests you accepted.",
  },
];

/** Onboarding and privacy: the three things an alum agrees to, each with its published text. */
export function ConsentPage() {
  const { data, loading, error, refetch } = useQuery(MyConsentStateDocument);
  const [give] = useMutation(GiveConsentDocument);
  const [withdraw] = useMutation(WithdrawConsentDocument);
  const [choices, setChoices] = useState<Partial<Record<ConsentKind, boolean>>>({});
  const [saving, setSaving] = useState(false);
  const [status, say] = useAnnouncer();

  const active = (kind: ConsentKind) => Boolean(data?.myConsents.some((c) => c.kind === kind && c.active));
  useEffect(() => {
    if (data) setChoices(Object.fromEntries(KINDS.map(({ kind }) => [kind, data.myConsents.some((c) => c.kind === kind && c.active)])));
  }, [data]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    try {
      for (const { kind } of KINDS) {
        const wanted = Boolean(choices[kind]);
        if (wanted && !active(kind)) await give({ variables: { kind } });
        if (!wanted && active(kind)) await withdraw({ variables: { kind } });
      }
      await refetch();
      say("Your choices are saved.");
    } catch (failure) {
      say(`${describeError(failure).message} Your choices are still ticked; save again.`, "error");
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="page">
      <PageHeading title="Consent">What you agree to</PageHeading>
      <p className="lede">
        Three choices decide how students can reach you. You can change them at any time; a change takes effect at once. Then fill in{" "}
        <Link to="/alumni/profile">your profile</Link> and <Link to="/alumni/availability">when you're free</Link>.
      </p>
      {error && !data ? (
        <ErrorState error={error} title="We couldn't load your choices" onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label="Loading your choices…" />
      ) : (
        <form className="form card" noValidate onSubmit={onSubmit} aria-label="Your consent choices">
          {KINDS.map(({ kind, label, why }) => {
            const text = data.consentTexts.find((t) => t.kind === kind);
            return (
              <div key={kind} className="consent">
                <CheckboxField
                  label={label}
                  checked={Boolean(choices[kind])}
                  disabled={!text}
                  onChange={(checked) => setChoices((c) => ({ ...c, [kind]: checked }))}
                  description={
                    <>
                      <span>{why}</span>
                      {text ? (
                        <details className="consent-text">
                          <summary>Read the full text (version {text.version})</summary>
                          <p>{text.body}</p>
                        </details>
                      ) : (
                        <span> Your career center hasn't published this text yet, so it can't be agreed to.</span>
                      )}
                    </>
                  }
                />
              </div>
            );
          })}
          <Alert tone={status?.tone} announcementKey={status?.n}>
            {status?.message}
          </Alert>
          <div className="actions">
            <Button type="submit" busyLabel={saving ? "Saving…" : null}>
              Save my choices
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
