import { useMutation, useQuery } from "@apollo/client/react";
import { useDeferredValue, useState, type FormEvent } from "react";
import { describeError } from "../../../lib/errors";
import { useDraftForm } from "../../../lib/use-saved-draft";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { Loading } from "../../../ui/Loading";
import { TextAreaField } from "../../../ui/NativeFields";
import { EmptyState, ErrorState } from "../../../ui/StateMessages";
import { TextField } from "../../../ui/TextField";
import { AdvisorStudentMatchesDocument, SuggestAlumnusDocument, type AdvisorStudentMatchesQuery } from "../graphql/Matching.generated";
import { t } from "../../../i18n";

type Match = AdvisorStudentMatchesQuery["alumniMatches"]["edges"][number]["node"];

/** The alumni who fit a student best, with the reasons, and suggesting one of them (with a note the student reads). */
export function SuggestAlumni({ studentMembershipId, studentName }: { studentMembershipId: string; studentName: string }) {
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search.trim());
  const { data, loading, error, refetch } = useQuery(AdvisorStudentMatchesDocument, {
    variables: { studentMembershipId, search: deferred || null, first: 10 },
  });
  const [chosen, setChosen] = useState<Match | null>(null);
  const [status, say] = useAnnouncer();
  const matches = data?.alumniMatches.edges.map((e) => e.node) ?? [];

  return (
    <section className="card" aria-labelledby="suggest-heading">
      <h2 id="suggest-heading">{t("advisor.suggestAlumni.suggestAlumni")}</h2>
      <p>{t("advisor.suggestAlumni.alumniWhoFit", { name: studentName })}</p>
      <TextField
        label={t("advisor.suggestAlumni.searchAlumni")}
        type="search"
        value={search}
        onChange={setSearch}
        description={t("advisor.suggestAlumni.nameEmployerJob")}
      />
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      {error && !data ? (
        <ErrorState error={error} title={t("advisor.suggestAlumni.weCouldnT")} onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label={t("advisor.suggestAlumni.findingAlumni")} />
      ) : matches.length === 0 ? (
        <EmptyState title={t("advisor.suggestAlumni.noAlumniMatch")}>
          <p>{t("advisor.suggestAlumni.onlyAlumniWho")}</p>
        </EmptyState>
      ) : (
        <ul className="item-list" aria-label={t("advisor.suggestAlumni.matchingAlumni")}>
          {matches.map((match) => (
            <li key={match.alumnus.membershipId} className="item match">
              <p className="item-title">
                {match.alumnus.displayName}
                {match.suggested && <span className="tag"> {t("advisor.suggestAlumni.suggested")}</span>}
              </p>
              <p className="item-meta">{[match.alumnus.title, match.alumnus.employer].filter(Boolean).join(" at ") || "—"}</p>
              <ul className="reasons">
                {match.reasons.map((reason) => (
                  <li key={reason.kind + reason.text}>{reason.text}</li>
                ))}
              </ul>
              {chosen?.alumnus.membershipId === match.alumnus.membershipId ? (
                <SuggestForm
                  studentMembershipId={studentMembershipId}
                  match={match}
                  onDone={(message, tone) => {
                    say(message, tone);
                    if (tone === "info") {
                      setChosen(null);
                      void refetch();
                    }
                  }}
                  onCancel={() => setChosen(null)}
                />
              ) : (
                <Button
                  variant="secondary"
                  onPress={() => setChosen(match)}
                  aria-label={t("advisor.suggestAlumni.suggestName", { name: match.alumnus.displayName })}
                >
                  {match.suggested ? t("advisor.suggestAlumni.changeTheNote") : t("advisor.suggestAlumni.suggest")}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SuggestForm({
  studentMembershipId,
  match,
  onDone,
  onCancel,
}: {
  studentMembershipId: string;
  match: Match;
  onDone: (message: string, tone: "error" | "info") => void;
  onCancel: () => void;
}) {
  const alumnusMembershipId = match.alumnus.membershipId;
  const form = useDraftForm(
    `suggest:${studentMembershipId}:${alumnusMembershipId}`,
    { note: match.suggestion?.note ?? "" },
    { note: (v) => (String(v).length > 1000 ? t("advisor.suggestAlumni.noteTooLong", { over: String(v).length - 1000 }) : null) },
  );
  const [suggest, { loading }] = useMutation(SuggestAlumnusDocument);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (form.validateAll()) return;
    try {
      await suggest({ variables: { studentMembershipId, alumnusMembershipId, note: form.values.note.trim() || null } });
      form.clear();
      onDone(t("advisor.suggestAlumni.youSuggested", { name: match.alumnus.displayName }), "info");
    } catch (failure) {
      onDone(t("advisor.suggestAlumni.noteKept", { error: describeError(failure).message }), "error");
    }
  }

  return (
    <form
      className="form"
      noValidate
      onSubmit={onSubmit}
      aria-label={t("advisor.suggestAlumni.suggestName", { name: match.alumnus.displayName })}
    >
      <TextAreaField
        {...form.fieldProps("note")}
        label={t("advisor.suggestAlumni.aNoteFor")}
        description={t("advisor.suggestAlumni.whyThisAlum")}
        rows={3}
      />
      <div className="actions">
        <Button type="submit" busyLabel={loading ? t("advisor.suggestAlumni.suggesting") : null}>
          {t("advisor.suggestAlumni.suggestName", { name: match.alumnus.displayName })}
        </Button>
        <Button variant="quiet" onPress={onCancel}>
          {t("advisor.suggestAlumni.cancel")}
        </Button>
      </div>
    </form>
  );
}
