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
      <h2 id="suggest-heading">Suggest alumni</h2>
      <p>Alumni who fit {studentName} best, with the reasons. A suggestion shows first in their matches, with your note.</p>
      <TextField
        label="Search alumni"
        type="search"
        value={search}
        onChange={setSearch}
        description="Name, employer, job title or topic."
      />
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
      {error && !data ? (
        <ErrorState error={error} title="We couldn't load matching alumni" onRetry={() => void refetch()} />
      ) : !data ? (
        loading && <Loading label="Finding alumni…" />
      ) : matches.length === 0 ? (
        <EmptyState title="No alumni match right now">
          <p>Only alumni who take requests and have time this month are listed. Try another search.</p>
        </EmptyState>
      ) : (
        <ul className="item-list" aria-label="Matching alumni">
          {matches.map((match) => (
            <li key={match.alumnus.membershipId} className="item match">
              <p className="item-title">
                {match.alumnus.displayName}
                {match.suggested && <span className="tag"> Suggested</span>}
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
                <Button variant="secondary" onPress={() => setChosen(match)} aria-label={`Suggest ${match.alumnus.displayName}`}>
                  {match.suggested ? "Change the note" : "Suggest"}
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
    { note: (v) => (String(v).length > 1000 ? `Keep the note to 1000 characters (${String(v).length - 1000} too many).` : null) },
  );
  const [suggest, { loading }] = useMutation(SuggestAlumnusDocument);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (form.validateAll()) return;
    try {
      await suggest({ variables: { studentMembershipId, alumnusMembershipId, note: form.values.note.trim() || null } });
      form.clear();
      onDone(`You suggested ${match.alumnus.displayName}.`, "info");
    } catch (failure) {
      onDone(`${describeError(failure).message} Your note is kept.`, "error");
    }
  }

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-label={`Suggest ${match.alumnus.displayName}`}>
      <TextAreaField
        {...form.fieldProps("note")}
        label="A note for the student (optional)"
        description="Why this alum; up to 1000 characters."
        rows={3}
      />
      <div className="actions">
        <Button type="submit" busyLabel={loading ? "Suggesting…" : null}>
          Suggest {match.alumnus.displayName}
        </Button>
        <Button variant="quiet" onPress={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
