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

export const CONSENT_KIND_LABELS: Record<ConsentKind, string> = {
  ALUMNUS_LISTED: "Alumni: appear in the directory",
  ALUMNUS_CONTACT: "Alumni: receive requests",
  ALUMNUS_SHARE_CONTACT: "Alumni: share contact details",
  STUDENT_SHARE_WITH_ALUMNI: "Students: share profile with alumni",
  STUDENT_SHARE_WITH_ADVISORS: "Students: share with advisors",
};
const KINDS = Object.keys(CONSENT_KIND_LABELS) as ConsentKind[];

/** The texts people agree to: the current version of each, and publishing a new one. */
export function ConsentTextsPage() {
  const { data, loading, error, refetch } = useQuery(AdminConsentTextsDocument);
  return (
    <div className="page">
      <PageHeading title="Consent texts">Consent texts</PageHeading>
      <p className="lede">
        Published versions are never edited. Publishing a new version leaves earlier agreements tied to the text people agreed to; they are
        asked again next time.
      </p>
      {error && !data ? (
        <ErrorState error={error} title="We couldn't load the consent texts" onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label="Loading consent texts…" />
      ) : (
        KINDS.map((kind) => <ConsentTextEditor key={kind} kind={kind} current={data.consentTexts.find((t) => t.kind === kind)} />)
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
        !String(v).trim() ? "Write the text people agree to." : String(v).length > 5000 ? "Use at most 5000 characters." : null,
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
      say(`Version ${result.data?.publishConsentText.version ?? ""} is published.`);
    } catch (failure) {
      say(`${describeError(failure).message} Your text is kept.`, "error");
    }
  }

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{CONSENT_KIND_LABELS[kind]}</h2>
      {current ? (
        <>
          <p className="fine-print">
            Version {current.version}, published {formatDate(current.createdAt)}
          </p>
          <blockquote className="quote">{current.body}</blockquote>
        </>
      ) : (
        <p>No text published yet, so nobody can agree to this.</p>
      )}
      <form className="form" noValidate onSubmit={onSubmit} aria-label={`New version: ${CONSENT_KIND_LABELS[kind]}`}>
        <TextAreaField
          {...form.fieldProps("body")}
          label={current ? "New version" : "First version"}
          rows={4}
          description="Plain language; up to 5000 characters."
        />
        <Alert tone={status?.tone} announcementKey={status?.n}>
          {status?.message}
        </Alert>
        <div className="actions">
          <Button type="submit" variant="secondary" busyLabel={loading ? "Publishing…" : null}>
            Publish {current ? `version ${current.version + 1}` : "version 1"}
          </Button>
        </div>
      </form>
    </section>
  );
}
