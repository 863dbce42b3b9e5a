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
import { rich, t, type MessageId } from "../../../i18n";

const KINDS: Array<{ kind: ConsentKind; label: MessageId; why: MessageId }> = [
  { kind: "ALUMNUS_LISTED", label: "alumnus.consent.listedLabel", why: "alumnus.consent.listedWhy" },
  { kind: "ALUMNUS_CONTACT", label: "alumnus.consent.contactLabel", why: "alumnus.consent.contactWhy" },
  { kind: "ALUMNUS_SHARE_CONTACT", label: "alumnus.consent.shareLabel", why: "alumnus.consent.shareWhy" },
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
      say(t("alumnus.consent.yourChoicesAre"));
    } catch (failure) {
      say(t("alumnus.consent.stillTicked", { error: describeError(failure).message }), "error");
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="page">
      <PageHeading title={t("alumnus.consent.consent")}>{t("alumnus.consent.whatYouAgree")}</PageHeading>
      <p className="lede">
        {rich("alumnus.consent.threeChoicesDecide", {
          profile: (chunks) => <Link to="/alumni/profile">{chunks}</Link>,
          free: (chunks) => <Link to="/alumni/availability">{chunks}</Link>,
        })}
      </p>
      {error && !data ? (
        <ErrorState error={error} title={t("alumnus.consent.weCouldnT")} onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label={t("alumnus.consent.loadingYourChoices")} />
      ) : (
        <form className="form card" noValidate onSubmit={onSubmit} aria-label={t("alumnus.consent.yourConsentChoices")}>
          {KINDS.map(({ kind, label, why }) => {
            const text = data.consentTexts.find((c) => c.kind === kind);
            return (
              <div key={kind} className="consent">
                <CheckboxField
                  label={t(label)}
                  checked={Boolean(choices[kind])}
                  disabled={!text}
                  onChange={(checked) => setChoices((c) => ({ ...c, [kind]: checked }))}
                  description={
                    <>
                      <span>{t(why)}</span>
                      {text ? (
                        <details className="consent-text">
                          <summary>{t("alumnus.consent.readTheFull", { version: text.version })}</summary>
                          <p>{text.body}</p>
                        </details>
                      ) : (
                        <span> {t("alumnus.consent.yourCareerCenter")}</span>
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
            <Button type="submit" busyLabel={saving ? t("alumnus.consent.saving") : null}>
              {t("alumnus.consent.saveMyChoices")}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
