import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { MeetingTimer } from "./MeetingTimer";

const MINUTE = 60_000;

/** The timer as the meeting view holds it: the start time in state. */
function Harness({ initial = null }: { initial?: number | null }) {
  const [startedAt, setStartedAt] = useState<number | null>(initial);
  return <MeetingTimer startedAt={startedAt} onStart={setStartedAt} onReset={() => setStartedAt(null)} />;
}

const politeRegion = () => {
  const region = screen.getAllByRole("status").find((el) => el.getAttribute("aria-live") === "polite");
  if (!region) throw new Error("no polite live region");
  return region;
};

beforeEach(() => {
  jest.useFakeTimers();
  jest.setSystemTime(new Date("2026-12-08T15:00:00Z"));
});
afterEach(() => jest.useRealTimers());

describe("the meeting timer", () => {
  test("starts when the student asks, counts whole minutes, and says a gentle note only at 20 and at 30 minutes", async () => {
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    render(<Harness />);
    expect(screen.queryByTestId("minutes-used")).toBeNull();
    expect(politeRegion().textContent).toBe("");

    await user.click(screen.getByRole("button", { name: "Start the timer" }));
    expect(screen.getByTestId("minutes-used").textContent).toBe("0 minutes used of 30");

    // The clock moves every second; what the live region says changes only at 20 and at 30 minutes.
    const region = politeRegion();
    const changes: Array<{ second: number; text: string }> = [];
    let last = region.textContent;
    for (let second = 1; second <= 35 * 60; second++) {
      act(() => jest.advanceTimersByTime(1_000));
      if (second === 60) expect(screen.getByTestId("minutes-used").textContent).toBe("1 minute used of 30");
      if (second === 19 * 60 + 59) expect(screen.getByTestId("minutes-used").textContent).toBe("19 minutes used of 30");
      if (region.textContent !== last) {
        last = region.textContent;
        changes.push({ second, text: last ?? "" });
      }
    }
    expect(politeRegion()).toBe(region);
    expect(screen.getByTestId("minutes-used").textContent).toBe("35 minutes used of 30");
    expect(changes).toEqual([
      { second: 20 * 60, text: "20 minutes have passed: a good moment to ask your most important remaining question." },
      { second: 30 * 60, text: "30 minutes have passed: time to thank them and ask who else you should talk to." },
    ]);
  });

  test("a timer started earlier (kept through a reload) resumes from its start, and resets", async () => {
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    render(<Harness initial={Date.now() - 23 * MINUTE} />);
    expect(screen.getByTestId("minutes-used").textContent).toBe("23 minutes used of 30");
    expect(politeRegion().textContent).toContain("20 minutes have passed");
    await user.click(screen.getByRole("button", { name: "Reset the timer" }));
    expect(screen.queryByTestId("minutes-used")).toBeNull();
    expect(politeRegion().textContent).toBe("");
    expect(screen.getByRole("button", { name: "Start the timer" })).toBeTruthy();
  });
});
