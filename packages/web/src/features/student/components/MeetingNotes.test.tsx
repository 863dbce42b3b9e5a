import type { MockLink } from "@apollo/client/testing";
import { MockedProvider } from "@apollo/client/testing/react";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { draftKey } from "../../../lib/drafts";
import { ViewerContext, type Viewer } from "../../../lib/auth/viewer";
import { SaveNotesDocument } from "../graphql/SaveNotes.generated";
import { AUTOSAVE_DELAY_MS, MeetingNotes } from "./MeetingNotes";

const viewer: Viewer = {
  __typename: "Me",
  institutionId: "inst-1",
  roles: ["STUDENT"],
  identity: { __typename: "Identity", id: "ident-1", email: "ava@northfield.example", displayName: "Ava Thompson", locale: null },
  memberships: [],
};
const DRAFT = draftKey({ identityId: "ident-1", institutionId: "inst-1" }, "meeting-notes:r1");

function saved(advice: string, calls: string[]): MockLink.MockedResponse {
  return {
    request: { query: SaveNotesDocument, variables: { requestId: "r1", input: { advice } } },
    result: () => {
      calls.push(advice);
      return {
        data: {
          saveNotes: {
            __typename: "ConversationNote",
            requestId: "r1",
            advice,
            takeaways: "",
            nextStep: "",
            newQuestions: [],
            sharedWithAdvisor: false,
            updatedAt: "2026-12-08T15:00:00Z",
          },
        },
      };
    },
  };
}

function renderNotes(mocks: MockLink.MockedResponse[], started: boolean, savedAdvice = "") {
  return render(
    <MockedProvider mocks={mocks}>
      <ViewerContext.Provider value={viewer}>
        <MeetingNotes requestId="r1" savedAdvice={savedAdvice} started={started} />
      </ViewerContext.Provider>
    </MockedProvider>,
  );
}

beforeEach(() => {
  sessionStorage.clear();
  jest.useFakeTimers();
});
afterEach(() => jest.useRealTimers());

describe("notes as you go", () => {
  test("are saved once typing pauses, once, with the notes API; the draft kept on the device is dropped", async () => {
    const calls: string[] = [];
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    renderNotes([saved("Talk to the research team", calls)], true);
    expect(screen.getByTestId("notes-state").textContent).toBe("All notes saved.");

    await user.type(screen.getByRole("textbox", { name: "Advice they gave" }), "Talk to the research team");
    expect(screen.getByTestId("notes-state").textContent).toBe("Changes not saved yet.");
    expect(JSON.parse(sessionStorage.getItem(DRAFT) ?? "{}")).toEqual({ advice: "Talk to the research team" });
    act(() => jest.advanceTimersByTime(AUTOSAVE_DELAY_MS - 100));
    expect(calls).toEqual([]);

    await act(async () => {
      jest.advanceTimersByTime(200);
      await jest.runOnlyPendingTimersAsync();
    });
    expect(calls).toEqual(["Talk to the research team"]);
    expect(screen.getByTestId("notes-state").textContent).toBe("All notes saved.");
    expect(sessionStorage.getItem(DRAFT)).toBeNull();

    await act(async () => {
      await jest.advanceTimersByTimeAsync(10 * AUTOSAVE_DELAY_MS);
    });
    expect(calls).toHaveLength(1);
  });

  test("before the meeting's start time, wait on the device and say so politely", async () => {
    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    renderNotes([], false);
    await user.type(screen.getByRole("textbox", { name: "Advice they gave" }), "Early thoughts");
    await act(async () => {
      await jest.advanceTimersByTimeAsync(5 * AUTOSAVE_DELAY_MS);
    });
    expect(screen.getByTestId("notes-state").textContent).toBe("Kept on this device until the meeting starts.");
    const said = screen.getAllByRole("status").map((el) => el.textContent);
    expect(said).toContain("Notes are saved once the meeting's start time has come; until then they are kept on this device.");
    expect(JSON.parse(sessionStorage.getItem(DRAFT) ?? "{}")).toEqual({ advice: "Early thoughts" });
  });
});
