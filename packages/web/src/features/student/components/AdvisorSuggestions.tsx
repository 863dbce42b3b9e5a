import { useMutation, useQuery } from "@apollo/client/react";
import { Link } from "react-router-dom";
import { describeError } from "../../../lib/errors";
import { formatDate } from "../../../lib/time";
import { t } from "../../../i18n";
import { Alert, useAnnouncer } from "../../../ui/Alert";
import { Button } from "../../../ui/Button";
import { DismissSuggestionDocument, MySuggestionsDocument } from "../graphql/Suggestions.generated";

/** Alumni the student's advisors suggested, with why; each can be opened or dismissed. Nothing shown when none. */
export function AdvisorSuggestions() {
  const { data } = useQuery(MySuggestionsDocument, { fetchPolicy: "cache-and-network" });
  const [dismiss] = useMutation(DismissSuggestionDocument, { refetchQueries: [MySuggestionsDocument], awaitRefetchQueries: true });
  const [status, say] = useAnnouncer();
  const suggestions = data?.mySuggestions ?? [];
  if (suggestions.length === 0) {
    return status ? (
      <Alert tone={status.tone} announcementKey={status.n}>
        {status.message}
      </Alert>
    ) : null;
  }

  async function dismissOne(id: string, name: string) {
    try {
      await dismiss({ variables: { suggestionId: id } });
      say(t("student.suggestions.dismissed", { name }));
    } catch (failure) {
      say(describeError(failure).message, "error");
    }
  }

  return (
    <section className="card" aria-labelledby="suggestions-heading">
      <h2 id="suggestions-heading">{t("student.suggestions.title")}</h2>
      <ul className="plain-list suggestion-list">
        {suggestions.map((s) => {
          const a = s.alumnus;
          const role = [a.title, a.employer].filter(Boolean).join(", ");
          return (
            <li key={s.id} className="suggestion">
              <p>
                <Link to={`/student/alumni/${a.membershipId}`}>{a.displayName}</Link>
                {role && <> — {role}</>}
              </p>
              <p className="fine-print">{t("student.suggestions.by", { name: s.suggestedByName, date: formatDate(s.createdAt) })}</p>
              {s.note && <blockquote className="quote">{s.note}</blockquote>}
              <Button
                variant="quiet"
                onPress={() => void dismissOne(s.id, a.displayName)}
                aria-label={t("student.suggestions.dismissOne", { name: a.displayName })}
              >
                {t("student.suggestions.dismiss")}
              </Button>
            </li>
          );
        })}
      </ul>
      <Alert tone={status?.tone} announcementKey={status?.n}>
        {status?.message}
      </Alert>
    </section>
  );
}
