import {
  ACTORS,
  REQUEST_STATES,
  TERMINAL_STATES,
  TRANSITIONS,
  canTransition,
  checkAction,
  effectiveState,
  type Actor,
  type RequestAction,
  type RequestState,
} from "./request-state";

/** The product's life cycle, written out independently of the table under test. */
const ALLOWED: Record<string, Actor[]> = {
  "REQUESTED→ACCEPTED": ["ALUMNUS", "STUDENT"],
  "REQUESTED→DECLINED": ["ALUMNUS"],
  "REQUESTED→WITHDRAWN": ["STUDENT"],
  "REQUESTED→EXPIRED": ["SYSTEM"],
  "ACCEPTED→COMPLETED": ["STUDENT", "ALUMNUS"],
  "ACCEPTED→CANCELLED": ["STUDENT", "ALUMNUS"],
  "ACCEPTED→NO_SHOW": ["STUDENT", "ALUMNUS"],
};

const everyTriple = REQUEST_STATES.flatMap((from) => REQUEST_STATES.flatMap((to) => ACTORS.map((who) => [from, to, who] as const)));

describe("the request state machine", () => {
  it.each(everyTriple)("%s → %s by %s is allowed exactly when the life cycle says so", (from, to, who) => {
    expect(canTransition(from, to, who)).toBe(ALLOWED[`${from}→${to}`]?.includes(who) ?? false);
  });

  it("lets nothing leave a final state", () => {
    expect([...TERMINAL_STATES].sort()).toEqual(["CANCELLED", "COMPLETED", "DECLINED", "EXPIRED", "NO_SHOW", "WITHDRAWN"]);
    for (const from of TERMINAL_STATES) expect(TRANSITIONS.filter((t) => t.from === from)).toEqual([]);
  });

  const actions = [...new Set(TRANSITIONS.map((t) => t.action))];
  const everyAttempt = actions.flatMap((action) => REQUEST_STATES.flatMap((from) => ACTORS.map((actor) => [action, from, actor] as const)));

  it.each(everyAttempt)(
    "%s from %s by %s: allowed, wrong state or wrong actor",
    (action: RequestAction, from: RequestState, actor: Actor) => {
      const rule = TRANSITIONS.find((t) => t.action === action)!;
      const result = checkAction(action, from, actor);
      if (rule.from !== from) expect(result).toEqual({ ok: false, problem: "STATE", to: rule.to });
      else if (!rule.who.includes(actor)) expect(result).toEqual({ ok: false, problem: "ACTOR", to: rule.to });
      else expect(result).toEqual({ ok: true, to: rule.to });
    },
  );

  it("keeps the state for proposals and reschedules, which change the meeting, not the state", () => {
    for (const action of ["PROPOSE_TIME", "PROPOSE_RESCHEDULE", "CONFIRM_RESCHEDULE"] as const) {
      const t = TRANSITIONS.find((x) => x.action === action)!;
      expect(t.to).toBe(t.from);
    }
  });

  it("treats a request left unanswered past its expiry as expired, before the scheduler runs", () => {
    const now = new Date("2026-03-01T12:00:00Z");
    expect(effectiveState("REQUESTED", new Date("2026-03-01T11:59:59Z"), now)).toBe("EXPIRED");
    expect(effectiveState("REQUESTED", new Date("2026-03-01T12:00:01Z"), now)).toBe("REQUESTED");
    expect(effectiveState("ACCEPTED", new Date("2026-02-01T00:00:00Z"), now)).toBe("ACCEPTED");
  });
});
