import type { MockLink } from "@apollo/client/testing";
import { MockedProvider } from "@apollo/client/testing/react";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { GraphQLError } from "graphql";
import { MemoryRouter } from "react-router-dom";
import type { Role } from "../../../graphql/types.generated";
import { ViewerContext, type Viewer } from "../../../lib/auth/viewer";
import { MyNotificationPreferencesDocument } from "../graphql/MyNotificationPreferences.generated";
import type { NotificationsPage_NotificationSettingsFragment as Settings } from "../graphql/NotificationsPage_NotificationSettings.generated";
import { UpdateMyNotificationPreferencesDocument } from "../graphql/UpdateMyNotificationPreferences.generated";
import { NotificationsPage } from "./NotificationsPage";

const viewerWith = (roles: Role[]): Viewer => ({
  __typename: "Me",
  institutionId: "inst-1",
  roles,
  identity: { __typename: "Identity", id: "ident-1", email: "sam@northfield.example", displayName: "Sam Rivera", locale: null },
  memberships: [],
});

type Pref = Settings["preferences"][number];
const pref = (kind: Pref["kind"], choices: Pref["choices"], extra: Partial<Pref> = {}): Pref => ({
  __typename: "NotificationPreference",
  kind,
  email: choices[0],
  inApp: false,
  choices,
  canTurnOff: true,
  lockedReason: null,
  canWait: true,
  hasInApp: false,
  institutionDefault: choices[0],
  ...extra,
});

const SETTINGS: Settings = {
  __typename: "NotificationSettings",
  timeZone: "America/Chicago",
  quietStart: null,
  quietEnd: null,
  digestWeekday: 1,
  digestHour: 8,
  preferences: [
    pref("NEW_REQUEST", ["IMMEDIATE", "DAILY_DIGEST", "WEEKLY_DIGEST", "OFF"], { inApp: true, hasInApp: true }),
    pref("REQUEST_ANSWERS", ["IMMEDIATE", "OFF"], { inApp: true, hasInApp: true }),
    pref("FOLLOW_UPS", ["IMMEDIATE", "DAILY_DIGEST", "WEEKLY_DIGEST", "OFF"]),
    pref("ADVISOR_LISTS", ["DAILY_DIGEST", "WEEKLY_DIGEST", "OFF"], { email: "WEEKLY_DIGEST" }),
    pref("MEETING_CHANGES", ["IMMEDIATE"], {
      canTurnOff: false,
      canWait: false,
      inApp: true,
      hasInApp: true,
      lockedReason: "A meeting that is cancelled or moved changes your calendar and someone's plans: you always hear about it at once.",
    }),
  ],
};

const load: MockLink.MockedResponse = {
  request: { query: MyNotificationPreferencesDocument },
  maxUsageCount: Number.POSITIVE_INFINITY,
  result: { data: { myNotificationPreferences: SETTINGS } },
};

type Input = Record<string, unknown> & { preferences?: Array<{ kind: string; email: string; inApp: boolean }> };

function refusing(code: string, extensions: Record<string, unknown> = {}, sent: Input[] = []): MockLink.MockedResponse {
  return {
    request: {
      query: UpdateMyNotificationPreferencesDocument,
      variables: (variables: { input: Input }) => {
        sent.push(variables.input);
        return true;
      },
    },
    result: { errors: [new GraphQLError("refused", { extensions: { code, ...extensions } })] },
  };
}

function renderPage(roles: Role[], mocks: MockLink.MockedResponse[] = []) {
  render(
    <MockedProvider mocks={[load, ...mocks]}>
      <ViewerContext.Provider value={viewerWith(roles)}>
        <MemoryRouter initialEntries={["/notifications"]}>
          <NotificationsPage />
        </MemoryRouter>
      </ViewerContext.Provider>
    </MockedProvider>,
  );
  return userEvent.setup({ delay: null });
}

const radioNames = (group: HTMLElement) =>
  within(group)
    .getAllByRole("radio")
    .map((r) => r.closest("label")?.textContent?.trim());

describe("the notification preferences page", () => {
  it("shows a student their kinds with only the choices each offers, and a locked kind disabled with the reason", async () => {
    renderPage(["STUDENT"]);
    const followUps = await screen.findByRole("group", { name: "Follow-ups" });
    expect(radioNames(followUps)).toEqual(["Right away", "Daily digest", "Weekly digest", "Off"]);
    expect(radioNames(screen.getByRole("group", { name: "Answers to requests" }))).toEqual(["Right away", "Off"]);
    expect(screen.queryByRole("group", { name: "New requests" })).toBeNull();
    expect(screen.queryByRole("group", { name: "Advisor lists" })).toBeNull();

    const changes = screen.getByRole("group", { name: "Meeting cancelled or moved" });
    expect((within(changes).getByRole("radio", { name: "Right away" }) as HTMLInputElement).disabled).toBe(true);
    expect((within(changes).getByRole("checkbox", { name: "Show in the app" }) as HTMLInputElement).disabled).toBe(true);
    expect(within(changes).getByText(/changes your calendar and someone's plans/)).toBeTruthy();
  });

  it("sends only the kinds shown that can be turned off, and says NOTIFICATION_LOCKED in words", async () => {
    const sent: Input[] = [];
    const user = renderPage(["ALUMNUS"], [refusing("NOTIFICATION_LOCKED", { kind: "MEETING_CHANGES" }, sent)]);
    const newRequests = await screen.findByRole("group", { name: "New requests" });
    await user.click(within(newRequests).getByRole("radio", { name: "Weekly digest" }));
    await user.click(screen.getByRole("button", { name: "Save preferences" }));
    expect(await screen.findByText(/That notification cannot be turned off/)).toBeTruthy();
    expect(sent).toHaveLength(1);
    expect(sent[0].preferences).toEqual([
      { kind: "NEW_REQUEST", email: "WEEKLY_DIGEST", inApp: true },
      { kind: "REQUEST_ANSWERS", email: "IMMEDIATE", inApp: true },
    ]);
    expect(sent[0]).toMatchObject({ clearQuietHours: true, timeZone: "America/Chicago", digestWeekday: 1, digestHour: 8 });
  });

  it("says NOTIFICATION_CHOICE_INVALID in words", async () => {
    const user = renderPage(["ALUMNUS"], [refusing("NOTIFICATION_CHOICE_INVALID", { choices: ["IMMEDIATE", "OFF"] })]);
    await screen.findByRole("group", { name: "New requests" });
    await user.click(screen.getByRole("button", { name: "Save preferences" }));
    expect(await screen.findByText(/does not offer that choice/)).toBeTruthy();
  });

  it("puts BAD_USER_INPUT beside the quiet hours field the server names", async () => {
    const sent: Input[] = [];
    const user = renderPage(
      ["ALUMNUS"],
      [
        refusing(
          "BAD_USER_INPUT",
          { fields: [{ field: "input.quietEnd", message: "a time HH:MM (00:00–23:59), given with quietStart" }] },
          sent,
        ),
      ],
    );
    await screen.findByRole("group", { name: "New requests" });
    await user.click(screen.getByRole("radio", { name: "Hold emails during these hours" }));
    expect(screen.getByText(/Emails that can wait are held from .+ until .+ the next morning\./)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Save preferences" }));
    expect(await screen.findByText("Some of the details need another look.")).toBeTruthy();
    expect(screen.getByText("a time HH:MM (00:00–23:59), given with quietStart")).toBeTruthy();
    expect(sent[0]).toMatchObject({ quietStart: "22:00", quietEnd: "07:00" });
    expect(sent[0].clearQuietHours).toBeUndefined();
  });

  it("refuses quiet hours that start and end at the same time without asking the server", async () => {
    const sent: Input[] = [];
    const user = renderPage(["ALUMNUS"], [refusing("BAD_USER_INPUT", {}, sent)]);
    await screen.findByRole("group", { name: "New requests" });
    await user.click(screen.getByRole("radio", { name: "Hold emails during these hours" }));
    const until = screen.getByLabelText("Until");
    await user.clear(until);
    await user.type(until, "22:00");
    await user.click(screen.getByRole("button", { name: "Save preferences" }));
    expect(await screen.findByText("The start and the end must differ.")).toBeTruthy();
    expect(sent).toEqual([]);
  });
});
