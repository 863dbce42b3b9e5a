import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { ViewerContext, type Viewer } from "./auth/viewer";
import { clearAllDrafts, draftKey } from "./drafts";
import { useSavedDraft } from "./use-saved-draft";

const member = (identityId: string, institutionId: string): Viewer => ({
  __typename: "Me",
  institutionId,
  roles: ["STUDENT"],
  identity: { __typename: "Identity", id: identityId, email: `${identityId}@example.edu`, displayName: identityId, locale: null },
  memberships: [],
});

function draftAs(viewer: Viewer | null) {
  const wrapper = ({ children }: { children: ReactNode }) => <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
  return renderHook(() => useSavedDraft("notes:r1", () => ({ advice: "", shared: false })), { wrapper });
}

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});

describe("useSavedDraft, the one draft hook", () => {
  test("keeps what is typed for the signed-in member in this institution, and offers it back", () => {
    const first = draftAs(member("ava", "northfield"));
    act(() => first.result.current.update({ advice: "Talk to designers weekly." }));
    expect(JSON.parse(sessionStorage.getItem(draftKey({ identityId: "ava", institutionId: "northfield" }, "notes:r1")) ?? "{}")).toEqual({
      advice: "Talk to designers weekly.",
      shared: false,
    });
    first.unmount();

    const again = draftAs(member("ava", "northfield"));
    expect(again.result.current.values).toEqual({ advice: "Talk to designers weekly.", shared: false });
    expect(again.result.current.restored).toBe(true);
  });

  test("never shows one member's draft to another person, nor in another institution", () => {
    const ava = draftAs(member("ava", "northfield"));
    act(() => ava.result.current.update({ advice: "Private words." }));
    ava.unmount();

    for (const other of [member("ben", "northfield"), member("ava", "lakeside")]) {
      const view = draftAs(other);
      expect(view.result.current).toMatchObject({ values: { advice: "" }, restored: false });
      view.unmount();
    }
  });

  test("drops the draft once saved, and reset starts afresh without one", () => {
    const draft = draftAs(member("ava", "northfield"));
    act(() => draft.result.current.update((current) => ({ shared: !current.shared })));
    act(() => draft.result.current.reset({ advice: "From the server.", shared: true }));
    expect(draft.result.current).toMatchObject({ values: { advice: "From the server.", shared: true }, restored: false });
    expect(sessionStorage.length).toBe(0);
  });
});

test("signing out drops every draft, the old localStorage ones too, and nothing else", () => {
  sessionStorage.setItem(draftKey({ identityId: "ava", institutionId: "northfield" }, "request:a1"), "{}");
  sessionStorage.setItem(draftKey(null, "accept:r1"), "{}");
  localStorage.setItem("infoview.draft.ava.northfield.request.a1", "{}");
  localStorage.setItem("infoview.session", "{}");
  clearAllDrafts();
  expect(sessionStorage.length).toBe(0);
  expect(Object.keys(localStorage)).toEqual(["infoview.session"]);
});
