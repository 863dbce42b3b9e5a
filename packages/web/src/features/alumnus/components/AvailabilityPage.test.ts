import { windowProblems } from "./AvailabilityPage";

const row = (key: string, weekday: string, startTime: string, endTime: string) => ({ key, weekday, startTime, endTime });

describe("checking weekly windows as they are typed", () => {
  test("windows that touch are fine; an end before the start and overlaps are named", () => {
    expect(windowProblems([row("a", "1", "09:00", "11:00"), row("b", "1", "11:00", "12:00"), row("c", "2", "09:00", "00:00")])).toEqual({});
    expect(windowProblems([row("a", "1", "11:00", "09:00")])).toEqual({ a: "The end must be after the start." });
    expect(windowProblems([row("a", "3", "09:00", "11:00"), row("b", "3", "10:30", "12:00")])).toEqual({
      b: "This overlaps another window on Wednesday.",
    });
    expect(windowProblems([row("a", "3", "", "11:00")])).toEqual({ a: "Enter a start and an end time." });
  });
});
