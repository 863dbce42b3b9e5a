import type { MockLink } from "@apollo/client/testing";
import { MockedProvider } from "@apollo/client/testing/react";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { AcceptRequestDocument, AlumnusRequestDetailDocument } from "../graphql/Requests.generated";
import { CounterOpenSlotsDocument } from "../graphql/CounterOpenSlots.generated";
import { zonedToIso } from "../../../lib/time";
import { addDays, weekOf } from "../../../ui/week-grid/week-grid";
import { RequestPage } from "./RequestPage";

const summary = {
  __typename: "InterviewRequest" as const,
  id: "r1",
  state: "REQUESTED",
  studentId: "s1",
  studentName: "Maya Okafor",
  studentTimeZone: "America/Chicago",
  alumnusTimeZone: "America/New_York",
  alumnusId: "a1",
  modality: "VIDEO",
  createdAt: "2026-03-01T12:00:00.000Z",
  expiresAt: "2026-03-15T12:00:00.000Z",
  meetingStartsAt: null,
  meetingEndsAt: null,
  ruleOneFlagged: false,
};

const detail: MockLink.MockedResponse = {
  request: { query: AlumnusRequestDetailDocument, variables: { id: "r1" } },
  result: {
    data: {
      interviewRequest: {
        ...summary,
        message: "Hello! I'd love to learn how you got into product design.",
        studentSummary: { __typename: "StudentSummary", major: "Graphic Design", classYear: 2027, fields: ["Design", "Marketing"] },
        questionsShared: true,
        questions: [{ __typename: "RequestQuestion", id: "q1", position: 1, text: "What surprised you most in your first year?" }],
        referredByName: null,
        declineReason: null,
        declineReferral: null,
        closeReason: null,
        meetingLink: null,
        meetingLocation: null,
        meetingPhone: null,
        inPersonNotes: null,
        proposedTimes: [
          {
            __typename: "ProposedTime",
            id: "t1",
            startsAt: "2026-03-10T14:00:00.000Z",
            endsAt: "2026-03-10T14:30:00.000Z",
            kind: "REQUEST",
            proposedBy: "STUDENT",
            status: "OPEN",
          },
          {
            __typename: "ProposedTime",
            id: "t2",
            startsAt: "2026-03-11T15:00:00.000Z",
            endsAt: "2026-03-11T15:30:00.000Z",
            kind: "REQUEST",
            proposedBy: "STUDENT",
            status: "OPEN",
          },
        ],
      },
    },
  },
};

const acceptInput = { requestId: "r1", proposedTimeId: "t2", meetingLink: "https://meet.example/maya" };
const networkDown: MockLink.MockedResponse = {
  request: { query: AcceptRequestDocument, variables: { input: acceptInput } },
  error: new TypeError("Failed to fetch"),
};
const accepted: MockLink.MockedResponse = {
  request: { query: AcceptRequestDocument, variables: { input: acceptInput } },
  result: {
    data: {
      acceptRequest: {
        ...summary,
        state: "ACCEPTED",
        meetingStartsAt: "2026-03-11T15:00:00.000Z",
        meetingEndsAt: "2026-03-11T15:30:00.000Z",
        meetingLink: "https://meet.example/maya",
        meetingLocation: null,
        meetingPhone: null,
      },
    },
  },
};

function renderPage(mocks: MockLink.MockedResponse[]) {
  render(
    <MockedProvider mocks={mocks}>
      <MemoryRouter initialEntries={["/alumni/requests/r1"]}>
        <Routes>
          <Route path="/alumni/requests/:requestId" element={<RequestPage />} />
          <Route path="/alumni/upcoming" element={<p>Upcoming page</p>} />
        </Routes>
      </MemoryRouter>
    </MockedProvider>,
  );
}

beforeEach(() => window.sessionStorage.clear());

test("the alum reads the pitch and questions, is told what to fix as they type, and loses nothing when the network fails", async () => {
  const user = userEvent.setup();
  renderPage([detail, networkDown, accepted]);

  await screen.findByRole("heading", { level: 1, name: "Request from Maya Okafor" });
  expect(screen.getByText("Hello! I'd love to learn how you got into product design.")).toBeTruthy();
  expect(screen.getByText("What surprised you most in your first year?")).toBeTruthy();
  // What the student's consent says is shared with the alum: major, class year and fields.
  expect(screen.getByText("Major").nextElementSibling?.textContent).toBe("Graphic Design");
  expect(screen.getByText("Class year").nextElementSibling?.textContent).toBe("2027");
  expect(screen.getByText("Fields they are exploring").nextElementSibling?.textContent).toBe("Design and Marketing");
  // Times in the alum's zone (New York), with the student's alongside.
  expect(screen.getByRole("radio", { name: /Wed, Mar 11, 11:00 AM EDT/ })).toBeTruthy();

  await user.click(screen.getByRole("button", { name: "Accept at this time" }));
  expect(await screen.findByText("Choose one of the times.")).toBeTruthy();
  expect(screen.getByText("Add the video call link.")).toBeTruthy();

  await user.click(screen.getByRole("radio", { name: /Mar 11/ }));
  await waitFor(() => expect(screen.queryByText("Choose one of the times.")).toBeNull());
  const link = screen.getByRole("textbox", { name: "Video call link" });
  await user.type(link, "meet.example");
  expect(screen.getByText("Use a link starting with https://.")).toBeTruthy();
  await user.clear(link);
  await user.type(link, "https://meet.example/maya");
  expect(screen.queryByText("Use a link starting with https://.")).toBeNull();

  await user.click(screen.getByRole("button", { name: "Accept at this time" }));
  expect(
    await screen.findByText(/We couldn't reach Infoview\. Check your connection and try again\. What you entered is kept\./),
  ).toBeTruthy();
  expect((screen.getByRole("textbox", { name: "Video call link" }) as HTMLInputElement).value).toBe("https://meet.example/maya");
  expect(JSON.parse(window.sessionStorage.getItem("infoview:draft:accept:r1") ?? "{}")).toMatchObject({
    proposedTimeId: "t2",
    meetingLink: "https://meet.example/maya",
  });

  await user.click(screen.getByRole("button", { name: "Accept at this time" }));
  expect(await screen.findByText("Upcoming page")).toBeTruthy();
  expect(window.sessionStorage.getItem("infoview:draft:accept:r1")).toBeNull();
});

test("the alum offers another time from a week of their open times, with the keyboard alone", async () => {
  const user = userEvent.setup();
  // Two open times on the last day of this week (New York's clock), 30 minutes apart.
  const saturday = addDays(weekOf(new Date().toISOString(), "America/New_York", 0), 6);
  const [first, second] = ["12:00", "12:30"].map((time) => zonedToIso(saturday, time, "America/New_York")!);
  const slots: MockLink.MockedResponse = {
    request: { query: CounterOpenSlotsDocument, variables: () => true },
    maxUsageCount: Number.POSITIVE_INFINITY,
    result: {
      data: {
        openSlots: {
          __typename: "OpenSlotPage",
          slots: [first, second].map((startsAt) => ({
            __typename: "OpenSlot",
            startsAt,
            endsAt: new Date(Date.parse(startsAt) + 30 * 60_000).toISOString(),
          })),
        },
      },
    },
  };
  const sent: unknown[] = [];
  const countered: MockLink.MockedResponse = {
    request: {
      query: AcceptRequestDocument,
      variables: (v: { input: unknown }) => {
        sent.push(v.input);
        return true;
      },
    },
    result: { data: { acceptRequest: { ...summary, meetingLink: null, meetingLocation: null, meetingPhone: null } } },
  };
  renderPage([detail, slots, countered, detail]);

  await screen.findByRole("heading", { level: 1, name: "Request from Maya Okafor" });
  await user.click(screen.getByRole("radio", { name: "None of these: offer another time" }));
  const grid = await screen.findByRole("grid", { name: "The time to offer instead, from your open times" });
  await waitFor(() => expect(grid.querySelectorAll('[role="gridcell"]:not([aria-disabled="true"])')).toHaveLength(2));

  // One tab stop: Tab reaches the grid on the first open time; arrows move, Space chooses.
  for (let i = 0; i < 20 && document.activeElement?.getAttribute("role") !== "gridcell"; i++) await user.tab();
  expect(document.activeElement?.getAttribute("aria-label")).toMatch(/12:00 PM EST \(for Maya Okafor: .*11:00 AM CST\)/);
  expect(grid.querySelectorAll('[tabindex="0"]')).toHaveLength(1);
  await user.keyboard("{ArrowDown}");
  expect(document.activeElement?.getAttribute("aria-label")).toMatch(/12:30 PM EST/);
  await user.keyboard(" ");
  expect(document.activeElement?.getAttribute("aria-selected")).toBe("true");
  expect(screen.getByText("Time chosen").getAttribute("role")).toBe("status");
  await user.keyboard("{ArrowUp}{Enter}");
  // One time may be offered: choosing another replaces it.
  expect(grid.querySelectorAll('[aria-selected="true"]')).toHaveLength(1);
  expect(document.activeElement?.getAttribute("aria-selected")).toBe("true");

  await user.type(screen.getByRole("textbox", { name: "Video call link" }), "https://meet.example/maya");
  await user.click(screen.getByRole("button", { name: "Accept at this time" }));
  expect(await screen.findByText(/You offered Maya Okafor another time/)).toBeTruthy();
  expect(sent).toEqual([{ requestId: "r1", startsAt: first, meetingLink: "https://meet.example/maya" }]);
});
