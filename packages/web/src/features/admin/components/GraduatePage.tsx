import "../admin.css";
import { useApolloClient, useMutation } from "@apollo/client/react";
import { useRef, useState, type FormEvent, type RefObject } from "react";
import { describeError } from "../../../lib/errors";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Checkbox } from "../../../ui/Checkbox";
import { Loading } from "../../../ui/Loading";
import { InputField } from "../../../ui/NativeFields";
import { PageHeading } from "../../../ui/PageHeading";
import { EmptyState } from "../../../ui/StateMessages";
import {
  GraduateStudentsDocument,
  GraduationCandidatesDocument,
  type GraduateStudentsMutation,
  type GraduationCandidatesQuery,
} from "../graphql/Graduation.generated";
import { t } from "../../../i18n";
import "../graduation-messages";

type Candidate = GraduationCandidatesQuery["graduationCandidates"][number];
type Result = GraduateStudentsMutation["graduateStudents"];

/** A class year the API takes. */
const isYear = (value: string) => /^\d{4}$/.test(value.trim()) && Number(value) >= 1900 && Number(value) <= 2200;

/**
 * Admin → Graduate (issue 13, ADR 0032): choose a class year's students (everyone chosen, each can be left out), see
 * what graduating does, confirm, and read the result with each problem and its code.
 */
export function GraduatePage() {
  const [year, setYear] = useState(() => String(new Date().getFullYear()));
  const [yearError, setYearError] = useState<string | undefined>();
  const [list, setList] = useState<{ year: number; students: Candidate[] } | null>(null);
  const [loadingYear, setLoadingYear] = useState<number | null>(null);
  const [status, say] = useAnnouncer();
  const client = useApolloClient();
  const yearInput = useRef<HTMLInputElement>(null);

  async function show(event: FormEvent) {
    event.preventDefault();
    if (!isYear(year)) {
      setYearError(t("admin.graduate.classYearInvalid"));
      yearInput.current?.focus();
      return;
    }
    setYearError(undefined);
    const classYear = Number(year);
    setLoadingYear(classYear);
    try {
      const answer = await client.query({ query: GraduationCandidatesDocument, variables: { classYear }, fetchPolicy: "no-cache" });
      setList({ year: classYear, students: answer.data?.graduationCandidates ?? [] });
    } catch (failure) {
      setList(null);
      say(t("admin.graduate.loadFailed", { year: classYear, error: describeError(failure).message }), "error");
    } finally {
      setLoadingYear(null);
    }
  }

  return (
    <div className="page">
      <PageHeading title={t("admin.graduate.title")}>{t("admin.graduate.title")}</PageHeading>
      <p>{t("admin.graduate.intro")}</p>
      <form className="form card" noValidate onSubmit={(e) => void show(e)} aria-label={t("admin.graduate.chooseLabel")}>
        <InputField
          name="classYear"
          inputRef={yearInput}
          label={t("admin.graduate.classYear")}
          description={t("admin.graduate.classYearHelp")}
          type="number"
          min={1900}
          max={2200}
          value={year}
          errorMessage={yearError}
          isRequired
          onChange={setYear}
        />
        <div className="actions">
          <Button type="submit" busyLabel={loadingYear ? t("admin.graduate.loading", { year: loadingYear }) : null}>
            {t("admin.graduate.show")}
          </Button>
        </div>
      </form>
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      {loadingYear && !list && <Loading label={t("admin.graduate.loading", { year: loadingYear })} />}
      {list && <ClassList key={list.year} year={list.year} students={list.students} />}
      <p>{t("admin.graduate.autoLink")}</p>
    </div>
  );
}

function ClassList({ year, students }: { year: number; students: Candidate[] }) {
  const eligible = students.filter((s) => !s.alreadyAlumnus);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(eligible.map((s) => s.studentMembershipId)));
  const [result, setResult] = useState<{ result: Result; sent: Candidate[] } | null>(null);
  const [graduate, { loading }] = useMutation(GraduateStudentsDocument);
  const [status, say] = useAnnouncer();
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const inFlight = useRef(false);

  if (students.length === 0)
    return (
      <EmptyState title={t("admin.graduate.listTitle", { year })}>
        <p>{t("admin.graduate.nobody", { year })}</p>
      </EmptyState>
    );

  const picked = eligible.filter((s) => chosen.has(s.studentMembershipId));
  const withoutEmail = picked.filter((s) => !s.personalEmailVerified).length;
  const allChosen = picked.length === eligible.length && eligible.length > 0;
  // After confirming: each student sent, graduated or not (their row in `errors`).
  const failedRows = new Set(result?.result.errors.map((e) => e.row));
  const outcome = new Map(
    (result?.sent ?? []).map((s, row) => [
      s.studentMembershipId,
      failedRows.has(row) ? t("admin.graduate.notGraduated") : t("admin.graduate.graduated"),
    ]),
  );

  function toggle(id: string, on: boolean) {
    setChosen((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function confirm() {
    if (inFlight.current || picked.length === 0) return;
    inFlight.current = true;
    try {
      const answer = await graduate({ variables: { ids: picked.map((s) => s.studentMembershipId) } });
      if (!answer.data) throw new Error("no result");
      setResult({ result: answer.data.graduateStudents, sent: picked });
      setTimeout(() => resultHeading.current?.focus(), 0);
    } catch (failure) {
      say(t("admin.graduate.failed", { error: describeError(failure).message }), "error");
    } finally {
      inFlight.current = false;
    }
  }

  return (
    <>
      <section className="card" aria-labelledby="graduate-list-title">
        <h2 id="graduate-list-title">{t("admin.graduate.listTitle", { year })}</h2>
        <div className="table-wrap" role="region" aria-label={t("admin.graduate.tableLabel", { year })} tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">
              {t("admin.graduate.caption", { year, count: students.length, chosen: picked.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <Checkbox
                    isSelected={allChosen}
                    isIndeterminate={picked.length > 0 && !allChosen}
                    isDisabled={eligible.length === 0 || !!result}
                    onChange={(on) => setChosen(on ? new Set(eligible.map((s) => s.studentMembershipId)) : new Set())}
                  >
                    <span className="visually-hidden">{t("admin.graduate.chooseAll")}</span>
                  </Checkbox>
                </th>
                <th scope="col">{t("admin.graduate.name")}</th>
                <th scope="col">{t("admin.graduate.personalEmail")}</th>
                <th scope="col">{t("admin.graduate.status")}</th>
              </tr>
            </thead>
            <tbody>
              {students.map((s) => (
                <tr key={s.studentMembershipId}>
                  <td>
                    <Checkbox
                      isSelected={!s.alreadyAlumnus && chosen.has(s.studentMembershipId)}
                      isDisabled={s.alreadyAlumnus || !!result}
                      onChange={(on) => toggle(s.studentMembershipId, on)}
                    >
                      <span className="visually-hidden">{t("admin.graduate.chooseName", { name: s.displayName })}</span>
                    </Checkbox>
                  </td>
                  <th scope="row">
                    {s.displayName}
                    <span className="people-email break">{s.email}</span>
                  </th>
                  <td>{s.personalEmailVerified ? t("admin.graduate.emailVerified") : t("admin.graduate.emailMissing")}</td>
                  <td>
                    {result && outcome.has(s.studentMembershipId)
                      ? outcome.get(s.studentMembershipId)
                      : s.alreadyAlumnus
                        ? t("admin.graduate.alreadyAlum")
                        : chosen.has(s.studentMembershipId)
                          ? t("admin.graduate.willGraduate")
                          : t("admin.graduate.leftOut")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {!result && (
        <section className="card" aria-labelledby="graduate-preview-title">
          <h2 id="graduate-preview-title">{t("admin.graduate.previewTitle")}</h2>
          <p>
            <strong>{t("admin.graduate.previewCount", { count: picked.length })}</strong>
          </p>
          <ul>
            <li>{t("admin.graduate.previewMembership")}</li>
            <li>{t("admin.graduate.previewHistory")}</li>
            <li>{t("admin.graduate.previewInvitation")}</li>
            {withoutEmail > 0 && <li>{t("admin.graduate.previewNoEmail", { count: withoutEmail })}</li>}
            {students.length > eligible.length && (
              <li>{t("admin.graduate.previewSkipped", { count: students.length - eligible.length })}</li>
            )}
          </ul>
          <Alert tone={status?.tone} announcementKey={status?.n}>
            {status?.message}
          </Alert>
          <div className="actions">
            <Button
              isDisabled={picked.length === 0}
              onPress={() => void confirm()}
              busyLabel={loading ? t("admin.graduate.confirming") : null}
            >
              {t("admin.graduate.confirm", { count: picked.length })}
            </Button>
          </div>
        </section>
      )}
      {result && <ResultSection heading={resultHeading} result={result.result} sent={result.sent} />}
    </>
  );
}

function ResultSection({ heading, result, sent }: { heading: RefObject<HTMLHeadingElement | null>; result: Result; sent: Candidate[] }) {
  return (
    <section className="card" aria-labelledby="graduate-result-title">
      <h2 id="graduate-result-title" ref={heading} tabIndex={-1}>
        {t("admin.graduate.resultTitle")}
      </h2>
      <p role="status">{t("admin.graduate.resultCounts", { graduated: result.graduated, already: result.alreadyAlumni })}</p>
      {result.errors.length > 0 && (
        <div className="notice" role="region" aria-labelledby="graduate-problems-title">
          <h3 id="graduate-problems-title">{t("admin.graduate.problems")}</h3>
          <ul>
            {result.errors.map((e) => (
              <li key={`${e.row}-${e.code}`}>
                {t("admin.graduate.problem", { name: sent[e.row]?.displayName ?? String(e.row + 1), message: e.message, code: e.code })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
