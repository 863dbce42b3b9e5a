import { newUniqueKey } from "../../../lib/ids";
import "../admin.css";
import { useApolloClient, useMutation } from "@apollo/client/react";
import { useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { Label, ProgressBar } from "react-aria-components";
import type { PersonKind } from "../../../graphql/types.generated";
import { describeError } from "../../../lib/errors";
import { useDraftForm } from "../../../lib/use-saved-draft";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { TextAreaField } from "../../../ui/NativeFields";
import { PageHeading } from "../../../ui/PageHeading";
import { RadioGroup } from "../../../ui/RadioGroup";
import { EmptyState } from "../../../ui/StateMessages";
import { columnsFor, csvProblem, rowCount, sampleCsv } from "../csv-import";
import {
  AdminImportPeopleCsvDocument,
  AdminImportProgressDocument,
  type AdminImportPeopleCsvMutation,
  type AdminImportProgressSubscription,
} from "../graphql/Integrations.generated";
import { t } from "../../../i18n";

type Progress = AdminImportProgressSubscription["importProgress"];
type Result = AdminImportPeopleCsvMutation["importPeopleCsv"];

const KIND_OPTIONS = () => [
  { id: "STUDENT", name: t("admin.import.kindStudents") },
  { id: "ALUMNUS", name: t("admin.import.kindAlumni") },
];
/** Time for the socket to start the progress subscription before the upload begins. */
const SUBSCRIBE_SETTLE_MS = 300;

/** Import students or alumni from a CSV file, with live progress and a per-row report of what to fix. */
export function ImportPage() {
  const client = useApolloClient();
  const form = useDraftForm(
    "people-import",
    { kind: "STUDENT" as PersonKind, csv: "", fileName: "" },
    { csv: (v, all) => csvProblem(all.kind, String(v)) },
  );
  const [upload] = useMutation(AdminImportPeopleCsvDocument);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [status, say] = useAnnouncer();
  const fileInput = useRef<HTMLInputElement>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    try {
      const text = await file.text();
      form.set("csv", text);
      form.set("fileName", file.name);
    } catch {
      say(t("admin.import.couldNotRead", { file: file.name }), "error");
    }
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (form.validateAll()) return;
    const importId = newUniqueKey();
    const { kind, csv } = form.values;
    setRunning(true);
    setResult(null);
    setProgress({
      __typename: "ImportProgress",
      importId,
      kind,
      total: rowCount(csv),
      processed: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      failed: 0,
      done: false,
    });
    const subscription = client.subscribe({ query: AdminImportProgressDocument, variables: { importId } }).subscribe({
      next: ({ data }) => {
        if (data?.importProgress) setProgress(data.importProgress);
      },
      error: () => {
        // Progress is a nicety: the upload's own answer still tells the outcome.
      },
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, SUBSCRIBE_SETTLE_MS));
      const answer = await upload({ variables: { kind, csv, importId } });
      const done = answer.data?.importPeopleCsv;
      if (done) {
        setResult(done);
        setProgress((p) => ({
          ...(p as Progress),
          total: done.total,
          processed: done.total,
          created: done.created,
          updated: done.updated,
          unchanged: done.unchanged,
          failed: done.errors.length,
          done: true,
        }));
        form.reset({ kind, csv: "", fileName: "" });
        if (fileInput.current) fileInput.current.value = "";
        say(
          t("admin.import.finished", {
            created: done.created,
            updated: done.updated,
            unchanged: done.unchanged,
            failed: done.errors.length,
          }),
          "info",
        );
        requestAnimationFrame(() => reportHeading.current?.focus());
      }
    } catch (failure) {
      setProgress(null);
      say(t("admin.import.nothingLost", { error: describeError(failure).message }), "error");
    } finally {
      subscription.unsubscribe();
      setRunning(false);
    }
  }

  const kind = form.values.kind;
  const sample = sampleCsv(kind);
  const percent = progress && progress.total > 0 ? Math.round((progress.processed / progress.total) * 100) : progress?.done ? 100 : 0;

  return (
    <div className="page">
      <PageHeading title={t("admin.import.importPeople")}>{t("admin.import.importStudentsAnd")}</PageHeading>
      <section className="card" aria-labelledby="format-heading">
        <h2 id="format-heading">{t("admin.import.theFile")}</h2>
        <p>{t("admin.import.aCSVFile")}</p>
        <p>{t("admin.import.columnsFor", { kind })}</p>
        <pre className="sample-csv" tabIndex={0} aria-label={t("admin.import.sampleCSV")}>
          {sample}
        </pre>
        <a
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(sample)}`}
          download={`infoview-${kind === "ALUMNUS" ? "alumni" : "students"}-sample.csv`}
        >
          {t("admin.import.downloadTheSample")}
        </a>
      </section>
      <form className="form card import-form" noValidate onSubmit={onSubmit} aria-label={t("admin.import.importPeople")}>
        <h2>{t("admin.import.import")}</h2>
        {form.restored && form.values.csv && <p className="notice">{t("admin.import.weKeptThe")}</p>}
        <RadioGroup
          label={t("admin.import.whoIsIn")}
          options={KIND_OPTIONS()}
          value={kind}
          onChange={(v) => form.set("kind", v as PersonKind)}
          orientation="horizontal"
        />
        <div className="field">
          <label htmlFor="import-file" className="field-label">
            {t("admin.import.csvFile")}
          </label>
          <span id="import-file-description" className="field-description">
            {form.values.fileName ? t("admin.import.chosen", { file: form.values.fileName }) : t("admin.import.orPasteThe")}
          </span>
          <input
            ref={fileInput}
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby="import-file-description"
            onChange={(e) => void onFile(e)}
          />
        </div>
        <TextAreaField
          {...form.fieldProps("csv")}
          onChange={(value) => {
            form.set("csv", value);
            form.set("fileName", "");
          }}
          label={t("admin.import.csvContents")}
          description={t("admin.import.firstLine", { columns: columnsFor(kind).join(",") })}
          rows={8}
        />
        <div className="actions">
          <Button type="submit" busyLabel={running ? t("admin.import.importing") : null}>
            {t("admin.import.importKind", { kind })}
          </Button>
        </div>
        <Alert tone={status?.tone} announcementKey={status?.n}>
          {status?.message}
        </Alert>
        {progress && (
          <ProgressBar className="progress" value={percent} aria-describedby="import-counts">
            {({ percentage, valueText }) => (
              <>
                <div className="progress-head">
                  <Label>{t("admin.import.importProgress")}</Label>
                  <span>{valueText}</span>
                </div>
                <div className="progress-track">
                  <div className="progress-fill" style={{ width: `${percentage ?? 0}%` }} />
                </div>
                <p id="import-counts" className="field-description">
                  {t("admin.import.counts", {
                    processed: progress.processed,
                    total: progress.total,
                    created: progress.created,
                    updated: progress.updated,
                    unchanged: progress.unchanged,
                    failed: progress.failed,
                  })}
                </p>
              </>
            )}
          </ProgressBar>
        )}
      </form>
      {result && (
        <section className="card" aria-labelledby="report-heading">
          <h2 id="report-heading" ref={reportHeading} tabIndex={-1}>
            {t("admin.import.rowsToFix")}
          </h2>
          {result.errors.length === 0 ? (
            <EmptyState title={t("admin.import.everyRowWas")}>
              <p>{t("admin.import.nothingToFix")}</p>
            </EmptyState>
          ) : (
            <>
              <p>{t("admin.import.theseRowsWere")}</p>
              <div className="table-wrap" role="region" aria-label={t("admin.import.rowsToFix")} tabIndex={0}>
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t("admin.import.line")}</th>
                      <th scope="col">{t("admin.import.externalId")}</th>
                      <th scope="col">{t("admin.import.column")}</th>
                      <th scope="col">{t("admin.import.problem")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.errors.map((e, i) => (
                      <tr key={`${e.row}-${e.field}-${i}`}>
                        <th scope="row">{e.row}</th>
                        <td>{e.externalId ?? "—"}</td>
                        <td>{e.field}</td>
                        <td>{e.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      )}
    </div>
  );
}
