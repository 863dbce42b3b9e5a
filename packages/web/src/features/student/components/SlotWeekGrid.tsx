import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { useLocale } from "../../../i18n";
import WeekGridPicker from "../../../ui/week-grid/WeekGridPicker";
import { weekOf, weekQueryRange, weekStartsOnFor } from "../../../ui/week-grid/week-grid";
import { WeekOpenSlotsDocument } from "../graphql/WeekOpenSlots.generated";

/** The alum's open slots a week at a time, in the week grid (loaded lazily by TimePicker). */
export function SlotWeekGrid({
  alumnusId,
  firstSlot,
  ...picker
}: {
  alumnusId: string;
  /** The alum's first open slot: the week shown first. */
  firstSlot: string;
  selected: string[];
  onChange: (times: string[]) => void;
  max: number;
  myZone: string;
  theirZone: string;
  theirName: string;
  label: string;
  errorMessage?: string;
}) {
  const { locale } = useLocale();
  const [weekStart, setWeekStart] = useState(() => weekOf(firstSlot, picker.myZone, weekStartsOnFor(locale)));
  const [range, setRange] = useState(() => weekQueryRange(weekStart));
  const { data, previousData, loading } = useQuery(WeekOpenSlotsDocument, { variables: { alumnusId, ...range } });
  const slots = (data ?? previousData)?.openSlots.slots ?? [];
  return (
    <WeekGridPicker
      {...picker}
      slots={slots}
      loading={loading && !data}
      weekStart={weekStart}
      onWeekChange={(start) => {
        setWeekStart(start);
        setRange(weekQueryRange(start));
      }}
    />
  );
}
