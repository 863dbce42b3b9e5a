import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
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

interface FocusKey {
  /** The first day of the week the cell is in. */
  week: string;
  /** The row's time of day ("" for the row of a week with no open times). */
  time: string;
  col: number;
}

/** Where the focus key is in this week's rows, or the week's first chosen or open time when it is not there. */
function positionOf(key: FocusKey | null, week: Week, rows: readonly { time: string }[], selected: readonly string[]): Position {
  if (key && key.week === week.days[0]) {
    const row = rows.findIndex((r) => r.time === key.time);
    if (row >= 0) return { row, col: Math.min(key.col, 6) };
  }
  const first = firstFocus(week, selected);
  return { row: Math.min(first.row, rows.length - 1), col: first.col };
}

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
  // Focus is kept as a cell's identity (the week, the row's time of day, the day), not as indices: when the week's
  // times arrive or change, rows come and go, and the cell keeps its place by what it is. A cell that no longer
  // exists (another week, a time gone) gives way to the week's first chosen or open time.
  const [focusKey, setFocusKey] = useState<FocusKey | null>(null);
  const at = positionOf(focusKey, week, rows, selected);
  const setFocus = (to: Position) => setFocusKey({ week: week.days[0], time: rows[to.row].time, col: to.col });
  const table = useRef<HTMLTableElement>(null);
  const cells = useRef(new Map<string, HTMLTableCellElement>());
  /** A key asked for focus to move (arrows, Home/End, PageUp/PageDown): the next render puts it on the cell. */
  const wantFocus = useRef(false);
  /** The cell that last had focus while focus was in the grid; null once focus has gone elsewhere. */
  const hadFocus = useRef<HTMLElement | null>(null);

  // After every render: focus goes where a key sent it, and back into the grid when the render removed the cell
  // that had it (the week's times arriving redraw the rows; the browser would leave focus on the page itself).
  useLayoutEffect(() => {
    const cell = cells.current.get(`${at.row}:${at.col}`);
    const lost = hadFocus.current !== null && !hadFocus.current.isConnected && !table.current?.contains(document.activeElement);
    if (!cell || !(wantFocus.current || lost)) return;
    wantFocus.current = false;
    if (document.activeElement !== cell) cell.focus();
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
    else if (move.kind === "week") {
      // The week shown next starts at its first chosen or open time, and so does this one if it comes back.
      setFocusKey(null);
      onWeekStep(move.by);
    } else {
      // Pinned where it is: choosing or unchoosing a time must not move focus to the week's first chosen time.
      setFocus(at);
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
      onFocus={(event) => (hadFocus.current = event.target)}
      onBlur={(event) => {
        const next = event.relatedTarget as Node | null;
        if (next) {
          if (!table.current?.contains(next)) hadFocus.current = null;
          return;
        }
        // Focus went to no element: a cell removed by a render (kept, so the render puts focus back), or a click
        // on the page outside any control (let go: the grid does not take focus back later).
        const left = event.target;
        queueMicrotask(() => {
          if (left.isConnected && hadFocus.current === left) hadFocus.current = null;
        });
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
              const onFocus = () => (!focused || focusKey === null) && setFocus({ row: r, col: c });
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
