import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { WeekGrid } from "./WeekGrid";
import { addDays, buildWeek, type Slot } from "./week-grid";

/** A 30-minute slot starting at an instant. */
const slot = (startsAt: string): Slot => ({ startsAt, endsAt: new Date(Date.parse(startsAt) + 30 * 60_000).toISOString() });

// Weeks starting Sunday 8 and Sunday 15 March 2026, shown in UTC.
const THIS_WEEK = "2026-03-08";
const NEXT_WEEK = addDays(THIS_WEEK, 7);
const monday10 = slot("2026-03-09T10:00:00.000Z");
const tuesday14 = slot("2026-03-10T14:00:00.000Z");
const tuesday10 = slot("2026-03-10T10:00:00.000Z");
const wednesday09 = slot("2026-03-11T09:00:00.000Z");
const nextMonday11 = slot("2026-03-16T11:00:00.000Z");

/** The grid as a page holds it: the week shown and the slots fetched are the page's, and arrive when they arrive. */
function Harness({ initialSlots, onWeek }: { initialSlots: Slot[]; onWeek?: (start: string) => void }) {
  const [slots, setSlots] = useState(initialSlots);
  const [start, setStart] = useState(THIS_WEEK);
  const [selected, setSelected] = useState<string[]>([]);
  harness.setSlots = setSlots;
  return (
    <>
      <p id="label">Pick up to 3 times</p>
      <p id="help">Arrows move, Space chooses</p>
      <WeekGrid
        week={buildWeek(slots, start, "UTC")}
        shownZone="UTC"
        otherZone="UTC"
        otherName="Hannah Schultz"
        selected={selected}
        onToggle={(s) => setSelected((now) => (now.includes(s.startsAt) ? now.filter((x) => x !== s.startsAt) : [...now, s.startsAt]))}
        onWeekStep={(by) => {
          const next = addDays(start, 7 * by);
          setStart(next);
          onWeek?.(next);
        }}
        labelledBy="label"
        describedBy="help"
        locale="en"
      />
      <button type="button">After the grid</button>
    </>
  );
}
const harness: { setSlots: (slots: Slot[]) => void } = { setSlots: () => {} };

const focusedCell = () => (document.activeElement?.getAttribute("role") === "gridcell" ? document.activeElement : null);
const tabStops = () => screen.getByRole("grid").querySelectorAll('[tabindex="0"]');

describe("the week grid keeps keyboard focus while its rows change", () => {
  it("keeps focus on the same time when rows are added above it", async () => {
    const user = userEvent.setup();
    render(<Harness initialSlots={[tuesday14]} />);
    await user.tab();
    const cell = focusedCell();
    expect(cell?.getAttribute("aria-label")).toMatch(/^Tue, Mar 10/);
    // Another open time earlier in the day arrives: a new first row.
    act(() => harness.setSlots([monday10, tuesday14]));
    expect(focusedCell()).toBe(cell);
    expect(tabStops()).toHaveLength(1);
    expect(tabStops()[0]).toBe(cell);
  });

  it("puts focus back in the grid when the row holding it goes away", async () => {
    const user = userEvent.setup();
    render(<Harness initialSlots={[monday10, tuesday14]} />);
    await user.tab();
    expect(focusedCell()?.getAttribute("aria-label")).toMatch(/^Mon, Mar 9,/);
    // The focused time is taken by someone else and disappears from the week.
    act(() => harness.setSlots([tuesday14, wednesday09]));
    const cell = focusedCell();
    expect(cell).not.toBeNull();
    expect(cell?.getAttribute("tabindex")).toBe("0");
    // Then the keyboard goes on working in the grid.
    await user.keyboard("{ArrowRight}");
    expect(focusedCell()).not.toBeNull();
    expect(focusedCell()).not.toBe(cell);
  });

  it("follows PageDown to a week whose times arrive later, and PageUp back to the chosen time", async () => {
    const user = userEvent.setup();
    const weeks: string[] = [];
    render(<Harness initialSlots={[monday10, tuesday10]} onWeek={(w) => weeks.push(w)} />);
    await user.tab();
    await user.keyboard("{ArrowRight}");
    const chosen = focusedCell();
    expect(chosen?.getAttribute("aria-label")).toMatch(/^Tue, Mar 10/);
    await user.keyboard(" ");
    expect(chosen?.getAttribute("aria-selected")).toBe("true");

    await user.keyboard("{PageDown}");
    expect(weeks).toEqual([NEXT_WEEK]);
    // Nothing fetched for the next week yet: focus is on its (closed) first cell.
    expect(focusedCell()?.getAttribute("aria-disabled")).toBe("true");
    // Its open times arrive and redraw every row: focus moves to the first open one.
    act(() => harness.setSlots([monday10, tuesday10, nextMonday11]));
    expect(focusedCell()?.getAttribute("aria-label")).toMatch(/^Mon, Mar 16/);

    await user.keyboard("{PageUp}");
    expect(weeks).toEqual([NEXT_WEEK, THIS_WEEK]);
    expect(focusedCell()?.getAttribute("aria-label")).toBe(chosen?.getAttribute("aria-label"));
    expect(focusedCell()?.getAttribute("aria-selected")).toBe("true");
  });

  it("does not take focus back after the person has left the grid", async () => {
    const user = userEvent.setup();
    render(<Harness initialSlots={[monday10, tuesday10]} />);
    await user.tab();
    await user.tab();
    const after = screen.getByRole("button", { name: "After the grid" });
    expect(document.activeElement).toBe(after);
    act(() => harness.setSlots([tuesday14]));
    expect(document.activeElement).toBe(after);
  });

  it("keeps focus on a time as it is chosen and unchosen", async () => {
    const user = userEvent.setup();
    render(<Harness initialSlots={[monday10, tuesday10]} />);
    await user.tab();
    await user.keyboard("{ArrowRight}");
    const cell = focusedCell();
    await user.keyboard(" ");
    await user.keyboard(" ");
    expect(focusedCell()).toBe(cell);
    expect(cell?.getAttribute("aria-selected")).toBe("false");
  });
});
