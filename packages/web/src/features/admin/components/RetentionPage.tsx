import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import { useRef, useState, type FormEvent } from "react";
import { describeError } from "../../../lib/errors";
import { formatDate, formatNumber } from "../../../lib/time";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Loading } from "../../../ui/Loading";
import { InputField } from "../../../ui/NativeFields";
import { PageHeading } from "../../../ui/PageHeading";
import { ErrorState } from "../../../ui/StateMessages";
import {
  RetentionPreviewDocument,
  RetentionSettingsDocument,
  UpdateRetentionSettingsDocument,
  type RetentionPreviewQuery,
  type Retention_SettingsFragment,
} from "../graphql/Retention.generated";
import { t, type MessageId } from "../../../i18n";
import "../retention-messages";

type Name = keyof Omit<Retention_SettingsFragment, "__typename">;

/** The four rules: field, range, and whether empty (keep forever) is allowed. */
const FIELDS: ReadonlyArray<{ name: Name; min: number; max: number; keep: boolean; label: MessageId; help: MessageId }> = [
  {
    name: "deactivatedMonths",
    min: 1,
    max: 240,
    keep: true,
    label: "admin.retention.deactivatedMonths",
    help: "admin.retention.deactivatedMonthsHelp",
  },
  { name: "messagesYears", min: 1, max: 30, keep: true, label: "admin.retention.messagesYears", help: "admin.retention.messagesYearsHelp" },
  {
    name: "deliveredDays",
    min: 1,
    max: 3650,
    keep: true,
    label: "admin.retention.deliveredDays",
    help: "admin.retention.deliveredDaysHelp",
  },
  { name: "auditYears", min: 1, max: 30, keep: false, label: "admin.retention.auditYears", help: "admin.retention.auditYearsHelp" },
];

/** Each kind the dry run counts, in words. */
const KIND_LABELS: Record<string, MessageId> = {
  DEACTIVATED_PEOPLE: "admin.retention.kind.DEACTIVATED_PEOPLE",
  REQUEST_MESSAGES: "admin.retention.kind.REQUEST_MESSAGES",
  NOTES: "admin.retention.kind.NOTES",
  OUTBOX_ROWS: "admin.retention.kind.OUTBOX_ROWS",
  WEBHOOK_DELIVERIES: "admin.retention.kind.WEBHOOK_DELIVERIES",
  AUDIT_ENTRIES: "admin.retention.kind.AUDIT_ENTRIES",
};

type Values = Record<Name, string>;
type Counts = RetentionPreviewQuery["retentionPreview"]["counts"];

const toValues = (s: Retention_SettingsFragment): Values =>
  Object.fromEntries(FIELDS.map((f) => [f.name, s[f.name] == null ? "" : String(s[f.name])])) as Values;

/** A field's problem, or null: empty (or 0) keeps forever where allowed; otherwise a whole number in range. */
function problem(field: (typeof FIELDS)[number], raw: string): string | null {
  const value = raw.trim();
  if (field.keep && (value === "" || value === "0")) return null;
  const ok = /^\d+$/.test(value) && Number(value) >= field.min && Number(value) <= field.max;
  return ok ? null : t("admin.retention.outOfRange", { min: field.min, max: field.max, keep: field.keep ? "yes" : "no" });
}

/** The values as the API takes them: empty is 0 (keep forever). */
const toInput = (values: Values) => Object.fromEntries(FIELDS.map((f) => [f.name, Number(values[f.name].trim() || 0)]));

/** Admin → Retention: the institution's retention rules, with a dry run of what they would remove now (ADR 0027). */
export function RetentionPage() {
  const { data, error, loading, refetch } = useQuery(RetentionSettingsDocument);
  return (
    <div className="page">
      <PageHeading title={t("admin.retention.title")}>{t("admin.retention.title")}</PageHeading>
      <p>{t("admin.retention.intro")}</p>
      {error && !data ? (
        <ErrorState error={error} title={t("admin.retention.loadFailed")} onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label={t("admin.retention.loading")} />
      ) : (
        <RetentionForm settings={data.retentionSettings} />
      )}
    </div>
  );
}

function RetentionForm({ settings }: { settings: Retention_SettingsFragment }) {
  const [values, setValues] = useState<Values>(() => toValues(settings));
  const [errors, setErrors] = useState<Partial<Record<Name, string>>>({});
  const [counts, setCounts] = useState<Counts | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [save, { loading: saving }] = useMutation(UpdateRetentionSettingsDocument);
  const client = useApolloClient();
  const [status, say] = useAnnouncer();
  const ref = useRef<HTMLFormElement>(null);

  function validate(): boolean {
    const found = Object.fromEntries(FIELDS.map((f) => [f.name, problem(f, values[f.name])]).filter(([, p]) => p)) as Partial<
      Record<Name, string>
    >;
    setErrors(found);
    const first = FIELDS.find((f) => found[f.name]);
    if (first) ref.current?.querySelector<HTMLElement>(`[name="${first.name}"]`)?.focus();
    return !first;
  }

  async function preview() {
    if (!validate()) return;
    setPreviewing(true);
    try {
      const result = await client.query({
        query: RetentionPreviewDocument,
        variables: { settings: toInput(values) },
        fetchPolicy: "no-cache",
      });
      setCounts(result.data?.retentionPreview.counts ?? null);
      say(t("admin.retention.previewReady"), "info");
    } catch (failure) {
      say(t("admin.retention.previewFailed", { error: describeError(failure).message }), "error");
    } finally {
      setPreviewing(false);
    }
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!validate()) return;
    try {
      const result = await save({ variables: { input: toInput(values) } });
      if (result.data) setValues(toValues(result.data.updateRetentionSettings));
      say(t("admin.retention.saved"), "info");
    } catch (failure) {
      const described = describeError(failure);
      say(t("admin.retention.saveFailed", { error: described.message }), "error");
    }
  }

  return (
    <>
      <form ref={ref} className="form card" noValidate onSubmit={onSubmit} aria-label={t("admin.retention.formLabel")}>
        {FIELDS.map((f) => (
          <InputField
            key={f.name}
            name={f.name}
            label={t(f.label)}
            description={t(f.help)}
            type="number"
            min={f.keep ? 0 : f.min}
            max={f.max}
            value={values[f.name]}
            errorMessage={errors[f.name]}
            isRequired={!f.keep}
            onChange={(value) => {
              setValues((v) => ({ ...v, [f.name]: value }));
              setCounts(null);
            }}
          />
        ))}
        <Alert tone={status?.tone} announcementKey={status?.n}>
          {status?.message}
        </Alert>
        <div className="actions">
          <Button
            type="button"
            variant="secondary"
            onPress={() => void preview()}
            busyLabel={previewing ? t("admin.retention.previewing") : null}
          >
            {t("admin.retention.preview")}
          </Button>
          <Button type="submit" busyLabel={saving ? t("admin.retention.saving") : null}>
            {t("admin.retention.save")}
          </Button>
        </div>
      </form>
      {counts && <PreviewTable counts={counts} />}
    </>
  );
}

function PreviewTable({ counts }: { counts: Counts }) {
  return (
    <section className="card" aria-labelledby="retention-preview-title">
      <h2 id="retention-preview-title">{t("admin.retention.previewTitle")}</h2>
      <p>{t("admin.retention.previewNote")}</p>
      <div className="table-wrap" role="region" aria-label={t("admin.retention.previewTable")} tabIndex={0}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("admin.retention.kind")}</th>
              <th scope="col">{t("admin.retention.count")}</th>
              <th scope="col">{t("admin.retention.oldest")}</th>
            </tr>
          </thead>
          <tbody>
            {counts.map((c) => (
              <tr key={c.kind}>
                <th scope="row">{KIND_LABELS[c.kind] ? t(KIND_LABELS[c.kind]) : c.kind}</th>
                <td>{formatNumber(c.count)}</td>
                <td>{c.oldest ? formatDate(c.oldest) : t("admin.retention.none")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
