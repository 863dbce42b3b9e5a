import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { ViewerContext, type Viewer } from "../../../lib/auth/viewer";
import { prepKey } from "../lib/meeting-prep";
import { useMeetingPrep } from "./useMeetingPrep";

const member = (identityId: string): Viewer => ({
  __typename: "Me",
  institutionId: "northfield",
  roles: ["STUDENT"],
  identity: { __typename: "Identity", id: identityId, email: `${identityId}@example.edu`, displayName: identityId, locale: null },
  memberships: [],
});

function prepAs(viewer: Viewer, requestId: string) {
  const wrapper = ({ children }: { children: ReactNode }) => <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
  return renderHook(() => useMeetingPrep(requestId), { wrapper });
}

beforeEach(() => localStorage.clear());

describe("useMeetingPrep", () => {
  test("remembers the ticks and the timer for the request, through a new page, for the same person only", () => {
    const first = prepAs(member("ava"), "r1");
    act(() => first.result.current.tick("checklist", "lookUp", true));
    act(() => first.result.current.tick("checklist", "wear", true));
    act(() => first.result.current.tick("checklist", "lookUp", false));
    act(() => first.result.current.tick("asked", "q1", true));
    act(() => first.result.current.startTimer(42_000));
    first.unmount();

    expect(JSON.parse(localStorage.getItem(prepKey({ identityId: "ava", institutionId: "northfield" }, "r1")) ?? "null")).toEqual({
      checklist: ["wear"],
      asked: ["q1"],
      timerStartedAt: 42_000,
    });
    const again = prepAs(member("ava"), "r1");
    expect(again.result.current.record).toEqual({ checklist: ["wear"], asked: ["q1"], timerStartedAt: 42_000 });
    act(() => again.result.current.resetTimer());
    expect(again.result.current.record.timerStartedAt).toBeNull();

    expect(prepAs(member("ava"), "r2").result.current.record.checklist).toEqual([]);
    expect(prepAs(member("noah"), "r1").result.current.record.checklist).toEqual([]);
  });
});
