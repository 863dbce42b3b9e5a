import { useMutation, useQuery } from "@apollo/client/react";
import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { describeError } from "../../../lib/errors";
import { formatCalendarDate } from "../../../lib/time";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Loading } from "../../../ui/Loading";
import { InputField } from "../../../ui/NativeFields";
import { ErrorState } from "../../../ui/StateMessages";
import { AdminAcademicTermsDocument, SetAcademicTermsDocument } from "../graphql/AcademicTerms.generated";
import { t } from "../../../i18n";

interface TermDraft {
  key: number;
  name: string;
  startsOn: string;
}
type TermErrors = Record<number, { name?: string; startsOn?: string }>;

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime());

/** What the form can tell before sending: a name, a real day, no two terms starting the same day. */
export function checkTerms(terms: Array<Omit<TermDraft, "key">>): TermErrors {
  const errors: TermErrors = {};
  const starts = new Map<string, number>();
  terms.forEach((term, i) => {
    if (!term.name.trim()) errors[i] = { ...errors[i], name: t("admin.terms.enterName") };
    if (!isDay(term.startsOn)) errors[i] = { ...errors[i], startsOn: t("admin.terms.enterDate") };
    else if (starts.has(term.startsOn))
      errors[i] = { ...errors[i], startsOn: t("admin.terms.sameDay", { other: starts.get(term.startsOn)! + 1 }) };
    else starts.set(term.startsOn, i);
  });
  return errors;
}

/** The server's field errors ("terms.2.startsOn"), by row. */
function serverErrors(failure: unknown): TermErrors {
  const errors: TermErrors = {};
  if (!CombinedGraphQLErrors.is(failure)) return errors;
  const fields = (failure.errors[0]?.extensions?.fields ?? []) as Array<{ field: string; message: string }>;
  for (const { field, message } of fields) {
    const found = /terms\.(\d+)\.(name|startsOn)$/.exec(field);
    if (found) errors[Number(found[1])] = { ...errors[Number(found[1])], [found[2]]: message };
  }
  return errors;
}

/**
 * The academic calendar on the settings page: reports' "term" follows it (each term runs until the next starts).
 * Rows are edited in place and saved together; the server replaces the calendar as a whole.
 */
export function AcademicTermsSection() {
  const { data, loading, error, refetch } = useQuery(AdminAcademicTermsDocument);
  const [save, saving] = useMutation(SetAcademicTermsDocument);
  const [terms, setTerms] = useState<TermDraft[] | null>(null);
  const [errors, setErrors] = useState<TermErrors>({});
  const [status, say] = useAnnouncer();
  const next = useRef(0);
  const form = useRef<HTMLFormElement>(null);
  const draft = (name: string, startsOn: string): TermDraft => ({ key: next.current++, name, startsOn });

  useEffect(() => {
    if (data && terms === null) setTerms(data.academicTerms.map((term) => draft(term.name, term.startsOn)));
  }, [data, terms]);
  // After a check fails, focus goes to the first field in error, once the errors are on the page.
  useEffect(() => {
    form.current?.querySelector<HTMLElement>(`[aria-invalid="true"]`)?.focus();
  }, [errors]);

  if (error && !data) return <ErrorState error={error} title={t("admin.terms.couldNotLoad")} onRetry={() => void refetch()} />;
  if (!data || terms === null) return loading ? <Loading label={t("admin.terms.loading")} /> : null;

  const change = (key: number, patch: Partial<TermDraft>) =>
    setTerms(terms.map((term) => (term.key === key ? { ...term, ...patch } : term)));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const list = terms!.map(({ name, startsOn }) => ({ name: name.trim(), startsOn }));
    const found = checkTerms(list);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      const result = await save({ variables: { terms: list } });
      if (result.data) setTerms(result.data.setAcademicTerms.map((term) => draft(term.name, term.startsOn)));
      say(t("admin.terms.saved"), "info");
    } catch (failure) {
      setErrors(serverErrors(failure));
      say(t("admin.terms.notSaved", { error: describeError(failure).message }), "error");
    }
  }

  const ends = new Map(data.academicTerms.map((term) => [term.startsOn, term.endsOn]));
  return (
    <section className="card" aria-labelledby="terms-heading">
      <h2 id="terms-heading">{t("admin.terms.heading")}</h2>
      <p className="fine-print">{t("admin.terms.explain")}</p>
      <form ref={form} noValidate onSubmit={(event) => void onSubmit(event)} aria-labelledby="terms-heading">
        {terms.length === 0 && <p>{t("admin.terms.none")}</p>}
        <ol className="term-list">
          {terms.map((term, i) => {
            const end = ends.get(term.startsOn);
            return (
              <li key={term.key} data-row={i} className="term-row">
                <InputField
                  label={t("admin.terms.name", { n: i + 1 })}
                  value={term.name}
                  onChange={(name) => change(term.key, { name })}
                  errorMessage={errors[i]?.name}
                />
                <InputField
                  type="date"
                  label={t("admin.terms.startsOn", { n: i + 1 })}
                  value={term.startsOn}
                  onChange={(startsOn) => change(term.key, { startsOn })}
                  errorMessage={errors[i]?.startsOn}
                  description={end ? t("admin.terms.endsOn", { day: formatCalendarDate(end) }) : undefined}
                />
                <Button variant="secondary" onPress={() => setTerms(terms.filter((other) => other.key !== term.key))}>
                  {t("admin.terms.remove", { n: i + 1 })}
                </Button>
              </li>
            );
          })}
        </ol>
        <div className="actions">
          <Button variant="secondary" onPress={() => setTerms([...terms, draft("", "")])}>
            {t("admin.terms.add")}
          </Button>
          <Button type="submit" busyLabel={saving.loading ? t("admin.terms.saving") : null}>
            {t("admin.terms.save")}
          </Button>
        </div>
        <Alert tone={status?.tone} announcementKey={status?.n}>
          {status?.message}
        </Alert>
      </form>
    </section>
  );
}
