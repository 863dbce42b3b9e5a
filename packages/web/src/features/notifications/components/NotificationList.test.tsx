import "../messages";
import type { MockLink } from "@apollo/client/testing";
import { MockedProvider } from "@apollo/client/testing/react";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { MarkAllNotificationsReadDocument } from "../graphql/MarkAllNotificationsRead.generated";
import { MarkNotificationsReadDocument } from "../graphql/MarkNotificationsRead.generated";
import { MyNotificationsDocument, type MyNotificationsQuery } from "../graphql/MyNotifications.generated";
import { NotificationList } from "./NotificationList";

type Node = MyNotificationsQuery["myNotifications"]["edges"][number]["node"];
const node = (id: string, extra: Partial<Node>): Node => ({
  __typename: "InAppNotification",
  id,
  kind: "NEW_REQUEST",
  event: "CREATED",
  side: "ALUMNUS",
  requestId: `req-${id}`,
  otherName: "Maya Okafor",
  link: `/alumni/requests/req-${id}`,
  createdAt: "2026-12-07T15:00:00.000Z",
  readAt: null,
  ...extra,
});

const page = (nodes: Node[]): MyNotificationsQuery => ({
  myNotifications: {
    __typename: "InAppNotificationConnection",
    edges: nodes.map((n) => ({ __typename: "InAppNotificationEdge", cursor: `c-${n.id}`, node: n })),
    pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: nodes.length ? `c-${nodes.at(-1)!.id}` : null },
  },
});

const list = (nodes: Node[]): MockLink.MockedResponse => ({
  request: { query: MyNotificationsDocument, variables: { first: 10 } },
  result: { data: page(nodes) },
});

const FIRST = [
  node("n1", {}),
  node("n2", { kind: "MEETING_CHANGES", event: "CANCELLED", side: "STUDENT", otherName: null, readAt: "2026-12-07T16:00:00.000Z" }),
];

describe("the notification centre's list", () => {
  test("words each item from its event and the other person's name, and marks the unread ones", async () => {
    render(
      <MockedProvider mocks={[list(FIRST)]}>
        <MemoryRouter>
          <NotificationList onNavigate={() => {}} />
        </MemoryRouter>
      </MockedProvider>,
    );
    const created = await screen.findByRole("link", { name: /Maya Okafor asked you for a conversation/ });
    expect(created.getAttribute("href")).toBe("/alumni/requests/req-n1");
    expect(created.textContent).toContain("Unread");
    // No name (the other person is gone): "Someone"; already read: no marker.
    const cancelled = screen.getByRole("link", { name: /Your meeting with Someone was cancelled/ });
    expect(cancelled.textContent).not.toContain("Unread");
  });

  test("words the reminders and nudges too, each leading to the request on the person's side", async () => {
    const nudges = [
      node("r1", { kind: "MEETING_REMINDERS", event: "MEETING_REMINDER", side: "STUDENT", link: "/student/conversations/req-r1" }),
      node("r2", { kind: "MEETING_CHECKS", event: "MEETING_CHECK" }),
      node("r3", { kind: "FOLLOW_UPS", event: "THANK_YOU_DUE", side: "STUDENT", link: "/student/conversations/req-r3" }),
      node("r4", { kind: "FOLLOW_UPS", event: "UPDATE_DUE", side: "STUDENT", link: "/student/conversations/req-r4" }),
      node("r5", { kind: "EXPIRY_REMINDERS", event: "EXPIRY_REMINDER" }),
    ];
    render(
      <MockedProvider mocks={[list(nudges)]}>
        <MemoryRouter>
          <NotificationList onNavigate={() => {}} />
        </MemoryRouter>
      </MockedProvider>,
    );
    const reminder = await screen.findByRole("link", { name: /Your conversation with Maya Okafor is coming up/ });
    expect(reminder.getAttribute("href")).toBe("/student/conversations/req-r1");
    screen.getByRole("link", { name: /Did your conversation with Maya Okafor happen\? Tell us/ });
    screen.getByRole("link", { name: /Time to thank Maya Okafor for your conversation/ });
    screen.getByRole("link", { name: /Time to send Maya Okafor an update/ });
    screen.getByRole("link", { name: /Maya Okafor's request expires soon without an answer/ });
  });

  test("opening an item marks it read and closes the panel", async () => {
    const calls: string[] = [];
    const mocks: MockLink.MockedResponse[] = [
      list(FIRST),
      {
        request: { query: MarkNotificationsReadDocument, variables: { ids: ["n1"] } },
        result: () => {
          calls.push("markRead:n1");
          return { data: { markNotificationsRead: 0 } };
        },
      },
      list([node("n1", { readAt: "2026-12-07T17:00:00.000Z" }), FIRST[1]]),
    ];
    const navigated: string[] = [];
    const user = userEvent.setup();
    render(
      <MockedProvider mocks={mocks}>
        <MemoryRouter>
          <NotificationList onNavigate={() => navigated.push("closed")} />
        </MemoryRouter>
      </MockedProvider>,
    );
    await user.click(await screen.findByRole("link", { name: /Maya Okafor asked you/ }));
    expect(navigated).toEqual(["closed"]);
    await screen.findByText((_, el) => el?.tagName === "A" && !el.textContent?.includes("Unread") && !!el.textContent?.includes("Maya"));
    expect(calls).toEqual(["markRead:n1"]);
  });

  test("Mark all read says so when done", async () => {
    const mocks: MockLink.MockedResponse[] = [
      list(FIRST),
      { request: { query: MarkAllNotificationsReadDocument }, result: { data: { markAllNotificationsRead: 0 } } },
      list(FIRST.map((n) => ({ ...n, readAt: "2026-12-07T17:00:00.000Z" }))),
    ];
    const user = userEvent.setup();
    render(
      <MockedProvider mocks={mocks}>
        <MemoryRouter>
          <NotificationList onNavigate={() => {}} />
        </MemoryRouter>
      </MockedProvider>,
    );
    const markAll = await screen.findByRole("button", { name: "Mark all read" });
    expect(screen.getAllByText(/^Unread/)).toHaveLength(1);
    await user.click(markAll);
    await screen.findByText("All notifications marked read.");
    expect(screen.queryAllByText(/^Unread/)).toHaveLength(0);
  });
});
