import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { t, useLocale } from "../../../i18n";
import WeekGridPicker from "../../../ui/week-grid/WeekGridPicker";
import { weekOf, weekQueryRange, weekStartsOnFor } from "../../../ui/week-grid/week-grid";
import { CounterOpenSlotsDocument } from "../graphql/CounterOpenSlots.generated";

/** The alum's own open slots a week at a time, to offer the student one other time (loaded lazily by RequestPage). */
export function CounterTimeGrid({
  alumnusId,
  myZone,
  studentZone,
  studentName,
  startsAt,
  onChange,
  errorMessage,
  label = t("alumnus.request.pickOtherTime"),
}: {
  alumnusId: string;
  myZone: string;
  studentZone: string;
  studentName: string;
  startsAt: string;
  onChange: (startsAt: string) => void;
  errorMessage?: string;
  /** What the grid is for (by default: offering the student one other time). */
  label?: string;
}) {
  const { locale } = useLocale();
  const [weekStart, setWeekStart] = useState(() => weekOf(startsAt || new Date().toISOString(), myZone, weekStartsOnFor(locale)));
  const [range, setRange] = useState(() => weekQueryRange(weekStart));
  const { data, previousData, loading } = useQuery(CounterOpenSlotsDocument, { variables: { alumnusId, ...range } });
  return (
    <WeekGridPicker
      slots={(data ?? previousData)?.openSlots.slots ?? []}
      loading={loading && !data}
      weekStart={weekStart}
      onWeekChange={(start) => {
        setWeekStart(start);
        setRange(weekQueryRange(start));
      }}
      selected={startsAt ? [startsAt] : []}
      onChange={(chosen) => onChange(chosen[0] ?? "")}
      max={1}
      myZone={myZone}
      theirZone={studentZone}
      theirName={studentName}
      label={label}
      errorMessage={errorMessage}
    />
  );
}
