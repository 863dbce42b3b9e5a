import { useMutation, useQuery } from "@apollo/client/react";
import type { FormEvent } from "react";
import type { ConsentKind } from "../../../graphql/types.generated";
import { describeError } from "../../../lib/errors";
import { useDraftForm } from "../../../lib/use-saved-draft";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Loading } from "../../../ui/Loading";
import { TextAreaField } from "../../../ui/NativeFields";
import { PageHeading } from "../../../ui/PageHeading";
import { ErrorState } from "../../../ui/StateMessages";
import { AdminConsentTextsDocument, PublishConsentTextDocument, type AdminConsentTextsQuery } from "../graphql/Admin.generated";
import { formatDate } from "../../../lib/time";
import { t, translatedLabels } from "../../../i18n";

export const CONSENT_KIND_LABELS: Record<ConsentKind, string> = translatedLabels({
  ALUMNUS_LISTED: "admin.consentKind.alumnusListed",
  ALUMNUS_CONTACT: "admin.consentKind.alumnusContact",
  ALUMNUS_SHARE_CONTACT: "admin.consentKind.alumnusShareContact",
  STUDENT_SHARE_WITH_ALUMNI: "admin.consentKind.studentShareWithAlumni",
  STUDENT_SHARE_WITH_ADVISORS: "admin.consentKind.studentShareWithAdvisors",
});
const KINDS = Object.keys(CONSENT_KIND_LABELS) as ConsentKind[];

/** The texts people agree to: the current version of each, and publishing a new one. */
export function ConsentTextsPage() {
  const { data, loading, error, refetch } = useQuery(AdminConsentTextsDocument);
  return (
    <div className="page">
      <PageHeading title={t("admin.consentTexts.consentTexts")}>{t("admin.consentTexts.consentTexts")}</PageHeading>
      <p className="lede">{t("admin.consentTexts.publishedVersionsAre")}</p>
      {error && !data ? (
        <ErrorState error={error} title={t("admin.consentTexts.weCouldnT")} onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label={t("admin.consentTexts.loadingConsentTexts")} />
      ) : (
        KINDS.map((kind) => <ConsentTextEditor key={kind} kind={kind} current={data.consentTexts.find((c) => c.kind === kind)} />)
      )}
    </div>
  );
}

function ConsentTextEditor({ kind, current }: { kind: ConsentKind; current?: AdminConsentTextsQuery["consentTexts"][number] }) {
  const form = useDraftForm(
    `consent-text:${kind}`,
    { body: "" },
    {
      body: (v) =>
        !String(v).trim() ? t("admin.consentTexts.writeText") : String(v).length > 5000 ? t("admin.consentTexts.atMost5000") : null,
    },
  );
  const [publish, { loading }] = useMutation(PublishConsentTextDocument, { refetchQueries: [AdminConsentTextsDocument] });
  const [status, say] = useAnnouncer();
  const headingId = `consent-${kind}`;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (form.validateAll()) return;
    try {
      const result = await publish({ variables: { kind, body: form.values.body.trim() } });
      form.reset({ body: "" });
      say(t("admin.consentTexts.versionPublished", { version: result.data?.publishConsentText.version ?? "" }));
    } catch (failure) {
      say(t("admin.consentTexts.textKept", { error: describeError(failure).message }), "error");
    }
  }

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{CONSENT_KIND_LABELS[kind]}</h2>
      {current ? (
        <>
          <p className="fine-print">
            {t("admin.consentTexts.versionLine", { version: current.version, date: formatDate(current.createdAt) })}
          </p>
          <blockquote className="quote">{current.body}</blockquote>
        </>
      ) : (
        <p>{t("admin.consentTexts.noTextPublished")}</p>
      )}
      <form
        className="form"
        noValidate
        onSubmit={onSubmit}
        aria-label={t("admin.consentTexts.newVersionOf", { kind: CONSENT_KIND_LABELS[kind] })}
      >
        <TextAreaField
          {...form.fieldProps("body")}
          label={current ? t("admin.consentTexts.newVersion") : t("admin.consentTexts.firstVersion")}
          rows={4}
          description={t("admin.consentTexts.plainLanguageUp")}
        />
        <Alert tone={status?.tone} announcementKey={status?.n}>
          {status?.message}
        </Alert>
        <div className="actions">
          <Button type="submit" variant="secondary" busyLabel={loading ? t("admin.consentTexts.publishing") : null}>
            {t("admin.consentTexts.publishVersion", { version: current ? current.version + 1 : 1 })}
          </Button>
        </div>
      </form>
    </section>
  );
}
