import { useQuery } from "@apollo/client/react";
import { lazy, Suspense, useState } from "react";
import { Loading } from "../../../ui/QueryState";
import { TextField } from "../../../ui/TextField";
import { OpenSlotsDocument } from "../graphql/OpenSlots.generated";
import { localInputToIso } from "../../../lib/time";
import { TwoZoneLabel } from "../../../ui/TwoZoneLabel";
import { t } from "../../../i18n";

// The week grid, its words and styles arrive after the composer, in their own chunk.
const SlotWeekGrid = lazy(() => import("./SlotWeekGrid").then((m) => ({ default: m.SlotWeekGrid })));

export const MAX_TIMES = 3;
const DAYS_AHEAD = 14;

/**
 * Up to three times to propose. When the alum has published availability, the student picks from
 * their open slots; otherwise the student suggests times. Every time shows in the student's zone,
 * with the alum's beside it.
 */
export function TimePicker({
  alumnusId,
  alumnusName,
  alumnusZone,
  myZone,
  slotTimes,
  onSlotTimesChange,
  manualTimes,
  onManualTimesChange,
  errorMessage,
}: {
  alumnusId: string;
  alumnusName: string;
  alumnusZone: string;
  myZone: string;
  slotTimes: string[];
  onSlotTimesChange: (times: string[]) => void;
  manualTimes: string[];
  onManualTimesChange: (times: string[]) => void;
  errorMessage?: string;
}) {
  const [range] = useState(() => {
    const from = new Date(Date.now() + 60_000);
    return { from: from.toISOString(), to: new Date(from.getTime() + DAYS_AHEAD * 86_400_000).toISOString() };
  });
  const { data, loading, error } = useQuery(OpenSlotsDocument, { variables: { alumnusId, ...range } });
  const slots = data?.openSlots.slots ?? [];

  if (loading && !data) return <Loading label={t("student.time.loading", { name: alumnusName })} />;

  if (slots.length > 0) {
    return (
      <Suspense fallback={<Loading label={t("student.time.loading", { name: alumnusName })} />}>
        <SlotWeekGrid
          alumnusId={alumnusId}
          firstSlot={slots[0].startsAt}
          label={t("student.time.pick", { max: MAX_TIMES, zone: myZone.replace(/_/g, " ") })}
          selected={slotTimes.filter((time) => Date.parse(time) > Date.now())}
          onChange={onSlotTimesChange}
          max={MAX_TIMES}
          myZone={myZone}
          theirZone={alumnusZone}
          theirName={alumnusName}
          errorMessage={errorMessage}
        />
      </Suspense>
    );
  }

  return (
    <fieldset className="manual-times">
      <legend className="field-label">{t("student.time.suggest", { max: MAX_TIMES })}</legend>
      <p className="field-description">
        {error ? t("student.time.noCalendar", { name: alumnusName }) : t("student.time.noSlots", { name: alumnusName })}{" "}
        {t("student.time.yourZone", { zone: myZone.replace(/_/g, " ") })}
      </p>
      {[0, 1, 2].map((i) => {
        const iso = localInputToIso(manualTimes[i] ?? "");
        return (
          <div key={i} className="manual-time">
            <TextField
              label={t("student.time.label", { n: i + 1, optional: i === 0 ? "no" : "yes" })}
              type="datetime-local"
              value={manualTimes[i] ?? ""}
              onChange={(v) => {
                const next = [...manualTimes];
                next[i] = v;
                onManualTimesChange(next);
              }}
              errorMessage={i === 0 ? errorMessage : undefined}
            />
            {iso && (
              <p className="fine-print">
                <TwoZoneLabel iso={iso} myZone={myZone} theirZone={alumnusZone} theirName={alumnusName} />
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
