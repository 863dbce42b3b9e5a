import { MODALITY_LABELS } from "../../../lib/labels";
import { browserTimeZone } from "../../../lib/time";
import { TwoZoneLabel } from "../../../ui/TwoZoneLabel";
import type { ConversationRequest } from "../lib/conversation";
import { t } from "../../../i18n";

/** The times still on the table, on the student's clock with the alum's beside it. */
export function ProposedTimes({ request }: { request: ConversationRequest }) {
  const zone = browserTimeZone();
  const times = request.proposedTimes.filter((t) => t.status !== "SUPERSEDED");
  if (times.length === 0) return null;
  return (
    <section className="card" aria-labelledby="times-heading">
      <h2 id="times-heading">{t("student.proposedTimes.timesProposed")}</h2>
      <ul>
        {times.map((time) => (
          <li key={time.id}>
            <TwoZoneLabel iso={time.startsAt} myZone={zone} theirZone={request.alumnusTimeZone} theirName={request.alumnusName} />
            {time.proposedBy === "ALUMNUS" && t("student.proposedTimes.theirSuggestion")}
          </li>
        ))}
      </ul>
      <p className="fine-print">{t("student.proposedTimes.note", { how: MODALITY_LABELS[request.modality] })}</p>
    </section>
  );
}
