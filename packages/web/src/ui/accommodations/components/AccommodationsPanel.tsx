import "../accommodations-messages";
import { useMutation, useQuery } from "@apollo/client/react";
import { useState, type FormEvent } from "react";
import { t } from "../../../i18n";
import { describeError } from "../../../lib/errors";
import { formatDate, formatDateTime } from "../../../lib/time";
import { Alert, useAnnouncer } from "../../Alert";
import { Button } from "../../Button";
import { RequestAccommodationsDocument } from "../graphql/RequestAccommodations.generated";
import { SetAccommodationsDocument, type SetAccommodationsMutation } from "../graphql/SetAccommodations.generated";
import { NO_ACCOMMODATIONS, toInput, type AccommodationChoice } from "../types";
import { AccommodationFields, needLabel } from "./AccommodationFields";

export interface AccommodationsPanelProps {
  requestId: string;
  /** The viewer's side of the request. */
  side: "STUDENT" | "ALUMNUS";
  otherName: string;
  /** Whether the viewer may still say what they need (the request is open or booked). */
  editable: boolean;
  /** The open proposed times (or the booked time), ISO: the lead time is judged against them. */
  times: string[];
}

type TooSoon = NonNullable<SetAccommodationsMutation["setAccommodations"]["tooSoon"]>;

/** On a request's page: what the other participant needs (each view is recorded by the server), and what the viewer needs. */
export function AccommodationsPanel({ requestId, side, otherName, editable, times }: AccommodationsPanelProps) {
  const { data, error } = useQuery(RequestAccommodationsDocument, { variables: { requestId } });
  const [save, saving] = useMutation(SetAccommodationsDocument, { refetchQueries: [RequestAccommodationsDocument] });
  const [draft, setDraft] = useState<AccommodationChoice | null>(null);
  const [tooSoon, setTooSoon] = useState<TooSoon | null>(null);
  const [announcement, say] = useAnnouncer();
  const rows = data?.requestAccommodations ?? [];
  const mine = rows.find((r) => r.side === side);
  const theirs = rows.find((r) => r.side !== side);
  const value: AccommodationChoice =
    draft ?? (mine ? { needs: mine.needs, other: mine.other ?? "", share: mine.sharedWithAdvisors } : NO_ACCOMMODATIONS);

  async function onSave(event: FormEvent) {
    event.preventDefault();
    if (saving.loading) return;
    try {
      const input = toInput(requestId, side, value);
      const { data: saved } = await save({ variables: { input } });
      setTooSoon(saved?.setAccommodations.tooSoon ?? null);
      setDraft(null);
      say(input.needs.length > 0 ? t("accommodations.saved", { name: otherName }) : t("accommodations.cleared"), "info");
    } catch (e) {
      say(describeError(e).message, "error");
    }
  }

  if (error) return <Alert tone="error">{t("accommodations.loadFailed")}</Alert>;
  if (!data) return null;
  return (
    <>
      {theirs && (
        <section className="card" aria-labelledby="their-needs-heading">
          <h2 id="their-needs-heading">{t("accommodations.theirs", { name: otherName })}</h2>
          <p>{t("accommodations.theirsIntro", { name: otherName })}</p>
          <ul>
            {theirs.needs.map((n) => (
              <li key={n}>{n === "OTHER" && theirs.other ? `${needLabel(n)}: ${theirs.other}` : needLabel(n)}</li>
            ))}
          </ul>
        </section>
      )}
      {editable && (
        <section className="card" aria-labelledby="my-needs-heading">
          <h2 id="my-needs-heading">{t("accommodations.heading")}</h2>
          <form className="form" noValidate onSubmit={onSave} aria-labelledby="my-needs-heading">
            <AccommodationFields value={value} onChange={setDraft} side={side} otherName={otherName} times={times} />
            <Alert announcementKey={announcement?.n} tone={announcement?.tone}>
              {announcement?.message}
            </Alert>
            {tooSoon && (
              <div role="status">
                <p>{t("accommodations.leadTime", { days: tooSoon.leadDays, date: formatDate(tooSoon.notBefore) })}</p>
                {tooSoon.laterTimes.length > 0 ? (
                  <>
                    <p>{t("accommodations.laterTimes")}</p>
                    <ul>
                      {tooSoon.laterTimes.map((iso) => (
                        <li key={iso}>{formatDateTime(iso)}</li>
                      ))}
                    </ul>
                  </>
                ) : (
                  <p>{t("accommodations.noLaterTimes", { date: formatDate(tooSoon.notBefore) })}</p>
                )}
              </div>
            )}
            <div className="actions">
              <Button type="submit" variant="secondary" busyLabel={saving.loading ? t("accommodations.saving") : null}>
                {t("accommodations.save")}
              </Button>
            </div>
          </form>
        </section>
      )}
    </>
  );
}
