import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { formatShortDate, formatTimeOfDay, weekdayName, formatLongDay } from "../../lib/time";
import { t } from "../../i18n";
import { slotLabel } from "./slot-label";
import { dayOfWeek, firstFocus, keyMove, type Position, type Slot, type Week } from "./week-grid";

export interface WeekGridProps {
  week: Week;
  /** The zone the grid's rows are in, and the other person's (shown in each open cell when it differs). */
  shownZone: string;
  otherZone: string;
  /** The other person's name; null when the other clock is the viewer's own (the grid shows the other person's zone). */
  otherName: string | null;
  selected: readonly string[];
  onToggle: (slot: Slot) => void;
  onWeekStep: (by: -1 | 1) => void;
  labelledBy: string;
  describedBy: string;
  locale: string;
}

const dayIso = (day: string) => `${day}T12:00:00Z`;

/**
 * The grid itself (WAI-ARIA APG grid pattern): days as columns, times of day as rows, one tab stop (roving
 * tabindex); arrows, Home/End (Ctrl for the grid's corners), PageUp/PageDown for the week, Space/Enter to choose.
 * Every cell can take focus; a cell with no open slot is aria-disabled.
 */
export function WeekGrid({
  week,
  shownZone,
  otherZone,
  otherName,
  selected,
  onToggle,
  onWeekStep,
  labelledBy,
  describedBy,
  locale,
}: WeekGridProps) {
  const rows = week.rows.length > 0 ? week.rows : [{ time: "", cells: week.days.map(() => null) }];
  const [focus, setFocus] = useState<Position>(() => firstFocus(week, selected));
  const wantFocus = useRef(false);
  const table = useRef<HTMLTableElement>(null);
  /** Whether focus is in the grid: a cell removed with its week takes focus to the body without a blur to say so. */
  const focusWithin = useRef(false);
  const resetting = useRef(false);
  const cells = useRef(new Map<string, HTMLTableCellElement>());
  const at = { row: Math.min(focus.row, rows.length - 1), col: Math.min(focus.col, 6) };

  // A new week (PageUp/PageDown or the buttons), or this week's times arriving, starts at its first chosen or open time.
  const weekKey = `${week.days[0]}:${week.rows.length > 0}`;
  const lastWeek = useRef(weekKey);
  useEffect(() => {
    if (lastWeek.current === weekKey) return;
    lastWeek.current = weekKey;
    // Focus follows when it was in the grid (the week changed with PageUp/PageDown), even if its cell has gone.
    if (focusWithin.current) wantFocus.current = true;
    // The focus effect below runs in this same commit with the old position: it waits for the new one.
    resetting.current = true;
    setFocus(firstFocus(week, selected));
  }, [weekKey, week, selected]);

  useEffect(() => {
    if (resetting.current) {
      resetting.current = false;
      return;
    }
    if (!wantFocus.current) return;
    wantFocus.current = false;
    cells.current.get(`${at.row}:${at.col}`)?.focus();
  });

  const headers = useMemo(
    () =>
      week.days.map((day) => ({
        day,
        weekday: weekdayName(dayOfWeek(day), locale),
        date: formatShortDate(dayIso(day), "UTC", locale),
        long: formatLongDay(dayIso(day), "UTC", locale),
      })),
    [week.days, locale],
  );

  const onKeyDown = (event: KeyboardEvent) => {
    const move = keyMove(event.key, at, { rows: rows.length, cols: 7 }, event.ctrlKey || event.metaKey);
    if (move.kind === "none") return;
    event.preventDefault();
    wantFocus.current = true;
    if (move.kind === "focus") setFocus(move.to);
    else if (move.kind === "week") onWeekStep(move.by);
    else {
      const slot = rows[at.row].cells[at.col];
      if (slot) onToggle(slot);
    }
  };

  return (
    <table
      ref={table}
      role="grid"
      className="week-grid"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onKeyDown={onKeyDown}
      onFocus={() => (focusWithin.current = true)}
      onBlur={(event) => {
        if (event.relatedTarget && !table.current?.contains(event.relatedTarget as Node)) focusWithin.current = false;
      }}
    >
      <thead>
        <tr>
          <th scope="col" className="week-grid-corner">
            {t("ui.weekGrid.time")}
          </th>
          {headers.map((h) => (
            <th key={h.day} scope="col" abbr={h.long}>
              <span className="week-grid-weekday">{h.weekday}</span>
              <span className="week-grid-date">{h.date}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={row.time || "empty"}>
            <th scope="row" className="week-grid-time">
              {row.time ? formatTimeOfDay(row.time, locale) : t("ui.weekGrid.noTimes")}
            </th>
            {row.cells.map((slot, c) => {
              const focused = r === at.row && c === at.col;
              const key = `${r}:${c}`;
              const ref = (el: HTMLTableCellElement | null) => {
                if (el) cells.current.set(key, el);
                else cells.current.delete(key);
              };
              const onFocus = () => !focused && setFocus({ row: r, col: c });
              if (!slot) {
                const label = row.time
                  ? t("ui.weekGrid.closed", { day: headers[c].long, time: formatTimeOfDay(row.time, locale) })
                  : t("ui.weekGrid.closedDay", { day: headers[c].long });
                return (
                  <td
                    key={c}
                    ref={ref}
                    role="gridcell"
                    aria-disabled="true"
                    aria-label={label}
                    tabIndex={focused ? 0 : -1}
                    onFocus={onFocus}
                    className="week-grid-closed"
                  />
                );
              }
              const label = slotLabel(slot.startsAt, shownZone, otherZone, locale);
              const chosen = selected.includes(slot.startsAt);
              return (
                <td
                  key={c}
                  ref={ref}
                  role="gridcell"
                  aria-selected={chosen}
                  aria-label={
                    !label.theirs
                      ? label.mine
                      : otherName === null
                        ? t("ui.weekGrid.openMine", { time: label.mine, theirs: label.theirs })
                        : t("ui.weekGrid.openBoth", { time: label.mine, name: otherName, theirs: label.theirs })
                  }
                  tabIndex={focused ? 0 : -1}
                  onFocus={onFocus}
                  onClick={() => {
                    setFocus({ row: r, col: c });
                    onToggle(slot);
                  }}
                  className={chosen ? "week-grid-open week-grid-chosen" : "week-grid-open"}
                >
                  <span className="week-grid-mine">{label.myTime}</span>
                  {label.theirTime && (
                    <span className="week-grid-theirs" aria-hidden="true">
                      {otherName === null
                        ? t("ui.weekGrid.myTime", { time: label.theirTime })
                        : t("ui.weekGrid.theirTime", { name: otherName, time: label.theirTime })}
                    </span>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
