import type { MockLink } from "@apollo/client/testing";
import { MockedProvider } from "@apollo/client/testing/react";
import { render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import type { Viewer } from "../../../lib/auth/viewer";
import { ViewerContext } from "../../../lib/auth/viewer";
import { MyConsentStateDocument } from "../graphql/Consents.generated";
import { AlumnusRequestsDocument, IncomingRequestsDocument } from "../graphql/Requests.generated";
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
});

const page = (...nodes: ReturnType<typeof request>[]) => ({
  data: {
    myRequests: {
      __typename: "InterviewRequestConnection",
      edges: nodes.map((node) => ({ __typename: "InterviewRequestEdge", node })),
      pageInfo: { __typename: "PageInfo", endCursor: null, hasNextPage: false },
    },
  },
});

const requests = { query: AlumnusRequestsDocument, variables: { state: "REQUESTED", first: 50 } };
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
