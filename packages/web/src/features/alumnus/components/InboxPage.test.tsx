import type { MockLink } from "@apollo/client/testing";
import { MockedProvider } from "@apollo/client/testing/react";
import { GraphQLError } from "graphql";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import type { Viewer } from "../../../lib/auth/viewer";
import { ViewerContext } from "../../../lib/auth/viewer";
import { MyConsentStateDocument } from "../graphql/Consents.generated";
import { AlumnusInboxDocument } from "../graphql/Inbox.generated";
import { AcceptRequestDocument, IncomingRequestsDocument } from "../graphql/Requests.generated";
import { InboxPage } from "./InboxPage";

const viewer: Viewer = {
  __typename: "Me",
  institutionId: "inst",
  roles: ["ALUMNUS"],
  identity: { __typename: "Identity", id: "i1", email: "jordan@example.org", displayName: "Jordan Reyes", locale: null },
  memberships: [
    {
      __typename: "MembershipSummary",
      id: "a1",
      role: "ALUMNUS",
      institutionId: "inst",
      institutionName: "Northfield",
      institutionSlug: "nf",
    },
  ],
};

const request = (id: string, studentName: string, alumnusId = "a1") => ({
  __typename: "InterviewRequest" as const,
  id,
  state: "REQUESTED",
  studentId: `s-${id}`,
  studentName,
  studentTimeZone: "America/Chicago",
  alumnusTimeZone: "America/New_York",
  alumnusId,
  modality: "PHONE",
  createdAt: "2026-03-01T12:00:00.000Z",
  expiresAt: "2099-03-15T12:00:00.000Z",
  meetingStartsAt: null,
  meetingEndsAt: null,
  ruleOneFlagged: false,
  messageSnippet:
    "Hello! I am a junior in economics, curious how people move from analysis into product work. I read your talk about the pricing team at Acme and…",
  studentSummary: { __typename: "StudentSummary" as const, major: "Economics", classYear: 2027, fields: ["Finance", "Data Science"] },
  proposedTimes: [
    {
      __typename: "ProposedTime" as const,
      id: `${id}-t1`,
      startsAt: "2099-03-10T14:00:00.000Z",
      endsAt: "2099-03-10T14:30:00.000Z",
      proposedBy: "STUDENT",
      status: "OPEN",
    },
    {
      __typename: "ProposedTime" as const,
      id: `${id}-t2`,
      startsAt: "2099-03-11T15:00:00.000Z",
      endsAt: "2099-03-11T15:30:00.000Z",
      proposedBy: "STUDENT",
      status: "OPEN",
    },
    {
      __typename: "ProposedTime" as const,
      id: `${id}-t3`,
      startsAt: "2099-03-12T15:00:00.000Z",
      endsAt: "2099-03-12T15:30:00.000Z",
      proposedBy: "STUDENT",
      status: "DECLINED",
    },
  ],
});

type Node = Omit<ReturnType<typeof request>, "studentSummary"> & { studentSummary: ReturnType<typeof request>["studentSummary"] | null };

const page = (...nodes: Node[]) => ({
  data: {
    myRequests: {
      __typename: "InterviewRequestConnection",
      edges: nodes.map((node) => ({ __typename: "InterviewRequestEdge", node })),
      pageInfo: { __typename: "PageInfo", endCursor: null, hasNextPage: false },
    },
  },
});

const requests = { query: AlumnusInboxDocument, variables: { first: 50 } };
const consents: MockLink.MockedResponse = {
  request: { query: MyConsentStateDocument },
  result: {
    data: {
      consentTexts: [],
      myConsents: [
        {
          __typename: "Consent",
          id: "c1",
          kind: "ALUMNUS_CONTACT",
          active: true,
          givenAt: "2026-01-01T00:00:00Z",
          text: { __typename: "ConsentText", id: "t1", version: 1 },
        },
      ],
    },
  },
};

test("a request arriving on the subscription appears and is announced, without the alum doing anything", async () => {
  const mocks: MockLink.MockedResponse[] = [
    // As a student the same person may have sent requests: only those received as an alum are listed.
    { request: requests, result: page(request("r0", "Someone they asked", "student-self")) },
    consents,
    {
      request: { query: IncomingRequestsDocument },
      result: {
        data: {
          incomingRequests: {
            __typename: "RequestNotification",
            id: "e1",
            kind: "CREATED",
            requestId: "r1",
            occurredAt: "2026-03-01T12:00:00Z",
          },
        },
      },
      delay: 50,
    },
    { request: requests, result: page(request("r1", "Maya Okafor"), request("r0", "Someone they asked", "student-self")) },
  ];
  render(
    <MockedProvider mocks={mocks}>
      <ViewerContext.Provider value={viewer}>
        <MemoryRouter>
          <InboxPage />
        </MemoryRouter>
      </ViewerContext.Provider>
    </MockedProvider>,
  );

  expect(await screen.findByText("No requests waiting")).toBeTruthy();
  expect(screen.queryByText("Someone they asked")).toBeNull();
  expect(await screen.findByRole("link", { name: "Maya Okafor" })).toBeTruthy();
  expect((await screen.findAllByText("New request from Maya Okafor.")).length).toBe(1);
  expect(screen.getByText(/Phone call · received/)).toBeTruthy();
});

function renderInbox(mocks: MockLink.MockedResponse[]) {
  render(
    <MockedProvider mocks={mocks}>
      <ViewerContext.Provider value={viewer}>
        <MemoryRouter>
          <InboxPage />
        </MemoryRouter>
      </ViewerContext.Provider>
    </MockedProvider>,
  );
}

const acceptInput = { requestId: "r1", proposedTimeId: "r1-t2", meetingPhone: "+1 555 0100" };
const acceptedResult = {
  data: {
    acceptRequest: {
      ...request("r1", "Maya Okafor"),
      state: "ACCEPTED",
      meetingStartsAt: "2099-03-11T15:00:00.000Z",
      meetingEndsAt: "2099-03-11T15:30:00.000Z",
      meetingLink: null,
      meetingLocation: null,
      meetingPhone: "+1 555 0100",
    },
  },
};

test("a card shows the start of the message and what the student shares: major, class year and fields", async () => {
  renderInbox([{ request: requests, result: page(request("r1", "Maya Okafor")) }, consents]);
  const card = (await screen.findByRole("link", { name: "Maya Okafor" })).closest("li")!;
  expect(card.textContent).toContain("curious how people move from analysis into product work");
  const facts = screen.getByRole("list", { name: "About the student" });
  expect([...facts.querySelectorAll("li")].map((li) => li.textContent)).toEqual(["Economics", "Class of 2027", "Finance", "Data Science"]);
  // Only the student's open times are offered, on the alum's clock (New York).
  const times = screen.getByRole("group", { name: /Accept one of their times \(your time, America\/New_York\)/ });
  expect([...times.querySelectorAll("button")].map((b) => b.textContent)).toEqual([
    expect.stringMatching(/Tue, Mar 10, 10:00 AM EDT/),
    expect.stringMatching(/Wed, Mar 11, 11:00 AM EDT/),
  ]);
});

test("a card without a shared profile shows no facts", async () => {
  renderInbox([{ request: requests, result: page({ ...request("r1", "Maya Okafor"), studentSummary: null }) }, consents]);
  await screen.findByRole("link", { name: "Maya Okafor" });
  expect(screen.queryByRole("list", { name: "About the student" })).toBeNull();
});

test("the alum accepts a time from the card with the keyboard: a confirm step, then the card says it is booked", async () => {
  const user = userEvent.setup();
  const sent: unknown[] = [];
  renderInbox([
    { request: requests, result: page(request("r1", "Maya Okafor")) },
    consents,
    {
      request: { query: AcceptRequestDocument, variables: (v: { input: unknown }) => (sent.push(v.input), true) },
      result: acceptedResult,
    },
  ]);
  await screen.findByRole("link", { name: "Maya Okafor" });
  const time = screen.getByRole("button", { name: /Wed, Mar 11, 11:00 AM EDT/ });
  time.focus();
  await user.keyboard("{Enter}");
  // Nothing is booked yet: the card asks first, and focus goes to the question.
  const question = await screen.findByText(/Accept Wed, Mar 11, 11:00 AM EDT with Maya Okafor\? This books the meeting/);
  await waitFor(() => expect(document.activeElement).toBe(question));
  expect(sent).toEqual([]);
  // Changing their mind takes them back to the time they chose.
  await user.tab();
  await user.tab();
  await user.tab();
  expect(document.activeElement?.textContent).toBe("Choose another time");
  await user.keyboard("{Enter}");
  const back = screen.getByRole("button", { name: /Wed, Mar 11, 11:00 AM EDT/ });
  await waitFor(() => expect(document.activeElement).toBe(back));
  // Chosen again (the keyboard path to the confirm step is shown above).
  await user.click(back);

  // A phone call needs the number: asked for in the card, as on the request page. (The confirm step is drawn after
  // the press: found, not got.)
  await user.click(await screen.findByRole("button", { name: "Accept and book" }));
  expect(await screen.findByText("Add the number the student should call.")).toBeTruthy();
  expect(document.activeElement).toBe(screen.getByRole("textbox", { name: "Number to call" }));
  expect(sent).toEqual([]);
  await user.type(screen.getByRole("textbox", { name: "Number to call" }), "+1 555 0100");
  await user.click(screen.getByRole("button", { name: "Accept and book" }));

  const done = await screen.findByText(/Accepted — Wed, Mar 11, 11:00 AM EDT\./);
  expect(sent).toEqual([acceptInput]);
  await waitFor(() => expect(document.activeElement).toBe(done));
  expect(screen.getByRole("link", { name: "See the request" }).getAttribute("href")).toBe("/alumni/requests/r1");
  expect(screen.queryByRole("button", { name: /Mar 10/ })).toBeNull();
});

test("a time already taken is said in the card, with focus on the message, and the alum can choose another", async () => {
  const user = userEvent.setup();
  renderInbox([
    { request: requests, result: page(request("r1", "Maya Okafor")) },
    consents,
    {
      request: { query: AcceptRequestDocument, variables: { input: acceptInput } },
      result: { errors: [new GraphQLError("The alum is already booked then.", { extensions: { code: "SLOT_TAKEN" } })] },
    },
  ]);
  await user.click(await screen.findByRole("button", { name: /Wed, Mar 11/ }));
  await user.type(await screen.findByRole("textbox", { name: "Number to call" }), "+1 555 0100");
  await user.click(screen.getByRole("button", { name: "Accept and book" }));
  const message = await screen.findByText(/You already have a meeting at that time\./);
  await waitFor(() => expect(document.activeElement).toBe(message));
  expect(message.getAttribute("role")).toBe("alert");
  expect(screen.queryByText(/Accepted —/)).toBeNull();
  await user.click(screen.getByRole("button", { name: "Choose another time" }));
  expect(screen.getByRole("button", { name: /Tue, Mar 10/ })).toBeTruthy();
});
