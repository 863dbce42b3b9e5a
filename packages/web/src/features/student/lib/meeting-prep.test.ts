import { checklistFor, EMPTY_PREP, loadPrep, prepKey, savePrep, withTick } from "./meeting-prep";
import { minutesUsed, timerStage } from "./meeting-timer";

beforeEach(() => localStorage.clear());

describe("the guides' checklist", () => {
  test("directions and parking only in person; what to wear for video and in person, not by phone", () => {
    expect(checklistFor("IN_PERSON")).toEqual(["lookUp", "questions", "notAJob", "wear", "directions", "onTime", "keepTime", "whoElse"]);
    expect(checklistFor("VIDEO")).toEqual(["lookUp", "questions", "notAJob", "wear", "onTime", "keepTime", "whoElse"]);
    expect(checklistFor("PHONE")).toEqual(["lookUp", "questions", "notAJob", "onTime", "keepTime", "whoElse"]);
  });

  test("a tick is added once and removed again", () => {
    expect(withTick([], "wear", true)).toEqual(["wear"]);
    expect(withTick(["wear"], "wear", true)).toEqual(["wear"]);
    expect(withTick(["lookUp", "wear"], "lookUp", false)).toEqual(["wear"]);
  });

  test("ticks are kept per person, institution and request, and read back", () => {
    const ava = prepKey({ identityId: "ava", institutionId: "northfield" }, "r1");
    savePrep(ava, { checklist: ["lookUp"], asked: ["q1"], timerStartedAt: 1_000 });
    expect(loadPrep(ava)).toEqual({ checklist: ["lookUp"], asked: ["q1"], timerStartedAt: 1_000 });
    expect(loadPrep(prepKey({ identityId: "ava", institutionId: "northfield" }, "r2"))).toEqual(EMPTY_PREP);
    expect(loadPrep(prepKey({ identityId: "noah", institutionId: "northfield" }, "r1"))).toEqual(EMPTY_PREP);
    expect(loadPrep(prepKey({ identityId: "ava", institutionId: "lakeside" }, "r1"))).toEqual(EMPTY_PREP);
  });

  test("anything unreadable kept under the key counts as nothing ticked", () => {
    const key = prepKey({ identityId: "ava", institutionId: "northfield" }, "r1");
    localStorage.setItem(key, "{not json");
    expect(loadPrep(key)).toEqual(EMPTY_PREP);
    localStorage.setItem(key, JSON.stringify({ checklist: ["wear", 3], asked: "q1", timerStartedAt: "soon" }));
    expect(loadPrep(key)).toEqual({ checklist: ["wear"], asked: [], timerStartedAt: null });
  });
});

describe("the meeting timer's rule", () => {
  test("whole minutes since the start, never negative, none before it starts", () => {
    expect(minutesUsed(null, 5_000)).toBeNull();
    expect(minutesUsed(0, 59_999)).toBe(0);
    expect(minutesUsed(0, 60_000)).toBe(1);
    expect(minutesUsed(10_000, 0)).toBe(0);
  });

  test("a gentle note at 20 minutes and another at 30", () => {
    expect(timerStage(null)).toBe("idle");
    expect(timerStage(0)).toBe("running");
    expect(timerStage(19)).toBe("running");
    expect(timerStage(20)).toBe("twenty");
    expect(timerStage(29)).toBe("twenty");
    expect(timerStage(30)).toBe("thirty");
    expect(timerStage(95)).toBe("thirty");
  });
});
