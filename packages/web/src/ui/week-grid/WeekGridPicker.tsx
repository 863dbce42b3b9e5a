import "./week-grid.css";
import "./week-grid-messages";
import { useId, useMemo, useState } from "react";
import { Button } from "../Button";
import { RadioGroup } from "../RadioGroup";
import { TwoZoneLabel } from "../TwoZoneLabel";
import { formatShortDate } from "../../lib/time";
import { t, useLocale } from "../../i18n";
import { WeekGrid } from "./WeekGrid";
import { addDays, buildWeek, toggleTime, weekOf, weekStartsOnFor, type Slot } from "./week-grid";

export interface WeekGridPickerProps {
  /** The open slots around the week shown (the grid keeps those that fall in it). */
  slots: readonly Slot[];
  loading?: boolean;
  /** The first day of the week shown, on the viewer's calendar ("2026-03-08"). */
  weekStart: string;
  onWeekChange: (weekStart: string) => void;
  /** The instants chosen (in any week), and how many may be. */
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  max: number;
  myZone: string;
  theirZone: string;
  theirName: string;
  /** What the grid is for: "Pick up to 3 times". */
  label: string;
  errorMessage?: string;
  /** How many weeks ahead one may go. */
  weeksAhead?: number;
}

/**
 * A week of open slots to choose from, like a booking page: days as columns, times as rows, on the viewer's clock
 * or the other person's (a toggle), with the other clock in every open cell; previous and next week; a count
 * of the times chosen, said aloud as it changes.
 */
export default function WeekGridPicker(props: WeekGridPickerProps) {
  const { slots, loading, weekStart, onWeekChange, selected, onChange, max, myZone, theirZone, theirName, label, errorMessage } = props;
  const { locale } = useLocale();
  const id = useId();
  const [shown, setShown] = useState<"mine" | "theirs">("mine");
  const shownZone = shown === "mine" ? myZone : theirZone;
  const otherZone = shown === "mine" ? theirZone : myZone;
  const week = useMemo(() => buildWeek(slots, weekStart, shownZone), [slots, weekStart, shownZone]);
  const firstWeek = weekOf(new Date().toISOString(), myZone, weekStartsOnFor(locale));
  const lastWeek = addDays(firstWeek, 7 * (props.weeksAhead ?? 12));
  const step = (by: -1 | 1) => {
    const next = addDays(weekStart, 7 * by);
    if (next >= firstWeek && next <= lastWeek) onWeekChange(next);
  };
  const toggle = (slot: Slot) => onChange(toggleTime(selected, slot.startsAt, max));
  const full = max > 1 && selected.length >= max;
  const count = max === 1 ? t("ui.weekGrid.countOne", { count: selected.length }) : t("ui.weekGrid.count", { count: selected.length, max });
  const zoneName = (zone: string) => zone.replace(/_/g, " ");
  const differ = myZone !== theirZone;

  return (
    <div className="week-grid-picker">
      <p id={`${id}-label`} className="field-label">
        {label}
      </p>
      {differ && (
        <RadioGroup
          label={t("ui.weekGrid.showIn")}
          orientation="horizontal"
          value={shown}
          onChange={(v) => setShown(v === "theirs" ? "theirs" : "mine")}
          options={[
            { id: "mine", name: t("ui.weekGrid.myZone", { zone: zoneName(myZone) }) },
            { id: "theirs", name: t("ui.weekGrid.theirZone", { name: theirName, zone: zoneName(theirZone) }) },
          ]}
        />
      )}
      <div className="week-grid-nav">
        <Button variant="secondary" onPress={() => step(-1)} isDisabled={weekStart <= firstWeek}>
          {t("ui.weekGrid.previousWeek")}
        </Button>
        <p className="week-grid-range" aria-live="polite">
          {t("ui.weekGrid.week", {
            start: formatShortDate(`${weekStart}T12:00:00Z`, "UTC", locale),
            end: formatShortDate(`${addDays(weekStart, 6)}T12:00:00Z`, "UTC", locale),
          })}
        </p>
        <Button variant="secondary" onPress={() => step(1)} isDisabled={weekStart >= lastWeek}>
          {t("ui.weekGrid.nextWeek")}
        </Button>
      </div>
      <p id={`${id}-help`} className="field-description">
        {t("ui.weekGrid.help")}
      </p>
      {loading ? (
        <p className="field-description">{t("ui.weekGrid.loading")}</p>
      ) : (
        week.rows.length === 0 && <p className="field-description">{t("ui.weekGrid.emptyWeek")}</p>
      )}
      <div className="week-grid-scroll">
        <WeekGrid
          week={week}
          shownZone={shownZone}
          otherZone={otherZone}
          otherName={shown === "mine" ? theirName : null}
          selected={selected}
          onToggle={toggle}
          onWeekStep={step}
          labelledBy={`${id}-label`}
          describedBy={`${id}-help`}
          locale={locale}
        />
      </div>
      <p role="status" className="week-grid-count">
        {full ? `${count}. ${t("ui.weekGrid.full", { max })}` : count}
      </p>
      {errorMessage && (
        <p className="field-error" role="alert">
          {errorMessage}
        </p>
      )}
      {selected.length > 0 && (
        <div className="week-grid-chosen-list">
          <p className="field-label">{t("ui.weekGrid.chosen")}</p>
          <ul>
            {selected.map((iso) => (
              <li key={iso}>
                <TwoZoneLabel iso={iso} myZone={myZone} theirZone={theirZone} theirName={theirName} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
