import type { MockLink } from "@apollo/client/testing";
import { MockedProvider } from "@apollo/client/testing/react";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { GraphQLError } from "graphql";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { draftKey } from "../../../lib/drafts";
import { ViewerContext, type Viewer } from "../../../lib/auth/viewer";
import { AlumnusProfileDocument } from "../graphql/AlumnusProfile.generated";
import { CheckRequestMessageDocument } from "../graphql/CheckRequestMessage.generated";
import { OpenSlotsDocument } from "../graphql/OpenSlots.generated";
import { QuestionBankDocument } from "../graphql/QuestionBank.generated";
import { RequestInterviewDocument } from "../graphql/RequestInterview.generated";
import { RequestTemplateDocument } from "../graphql/RequestTemplate.generated";
import { WeekOpenSlotsDocument } from "../graphql/WeekOpenSlots.generated";
import { RequestComposerPage } from "./RequestComposerPage";

const viewer: Viewer = {
  __typename: "Me",
  institutionId: "inst-1",
  roles: ["STUDENT"],
  identity: { __typename: "Identity", id: "ident-1", email: "ava@northfield.example", displayName: "Ava Thompson", locale: null },
  memberships: [],
};
const DRAFT_KEY = draftKey({ identityId: "ident-1", institutionId: "inst-1" }, "request:a1");
const TEMPLATE = "Dear Samuel, I'm Ava, a Computer Science junior. Could we talk for 20 minutes about how you got into UX research?";
const JOB_ASK = "Could you share my resume with your hiring manager?";
const any = () => true;

const profile: MockLink.MockedResponse = {
  request: { query: AlumnusProfileDocument, variables: { membershipId: "a1" } },
  maxUsageCount: Number.POSITIVE_INFINITY,
  result: {
    data: {
      alumnusProfile: {
        __typename: "AlumnusProfile",
        membershipId: "a1",
        displayName: "Samuel Lindqvist",
        title: "UX Researcher",
        employer: "Lumen Labs",
        industry: "technology",
        fields: [],
        location: "Minneapolis, MN",
        classYear: 2016,
        topics: [],
        modalities: ["VIDEO", "PHONE"],
        paused: false,
        firstGeneration: false,
        bio: "",
        major: "Psychology",
        timeZone: "America/Chicago",
        monthlyCapacity: 4,
      },
    },
  },
};

const template: MockLink.MockedResponse = {
  request: { query: RequestTemplateDocument, variables: { alumnusId: "a1" } },
  maxUsageCount: Number.POSITIVE_INFINITY,
  result: {
    data: {
      requestTemplate: {
        __typename: "RequestTemplate",
        message: TEMPLATE,
        meetingMinutes: 30,
        sections: {
          __typename: "RequestTemplateSections",
          whoIAm: "Ava, CS junior",
          whoReferredMe: null,
          whyThisPerson: "UX research at Lumen Labs",
          whatIWantToLearn: "How you got started",
          theAsk: "20 minutes",
        },
      },
    },
  },
};

/** The server's Rule #1 check, reduced to the one phrase these tests use. */
const ruleOneCheck: MockLink.MockedResponse = {
  request: { query: CheckRequestMessageDocument, variables: any },
  maxUsageCount: Number.POSITIVE_INFINITY,
  result: (variables: { text: string }) => {
    const start = variables.text.indexOf("share my resume");
    const flagged = start >= 0;
    return {
      data: {
        checkRequestMessage: {
          __typename: "RuleOneCheck",
          flagged,
          guidance: flagged ? ["Ask what they look for in a résumé instead of asking them to pass yours on."] : [],
          matches: flagged
            ? [
                {
                  __typename: "RuleOneMatch",
                  category: "RESUME_FORWARD",
                  phrase: "share my resume",
                  excerpt: "…you share my resume with…",
                  start,
                  end: start + 15,
                },
              ]
            : [],
        },
      },
    };
  },
};

const noSlots: MockLink.MockedResponse = {
  request: { query: OpenSlotsDocument, variables: any },
  maxUsageCount: Number.POSITIVE_INFINITY,
  result: { data: { openSlots: { __typename: "OpenSlotPage", slots: [] } } },
};

const bank: MockLink.MockedResponse = {
  request: { query: QuestionBankDocument },
  maxUsageCount: Number.POSITIVE_INFINITY,
  result: {
    data: {
      questionBank: [
        {
          __typename: "QuestionBankTheme",
          id: "path",
          label: "Career path",
          description: "How they got here",
          questions: [
            { __typename: "BankQuestion", id: "q1", text: "How did you get started in this field?", closed: false },
            { __typename: "BankQuestion", id: "q2", text: "Do you enjoy your work?", closed: true },
          ],
        },
      ],
    },
  },
};

const ruleOneRefusal: MockLink.MockedResponse = {
  request: { query: RequestInterviewDocument, variables: any },
  result: { errors: [new GraphQLError("Reword it", { extensions: { code: "RULE_ONE_CONFIRMATION_REQUIRED" } })] },
};

/** Four open times with the alum, one more than a request may propose. */
const FOUR_SLOTS = ["2099-03-16T14:00:00.000Z", "2099-03-17T14:00:00.000Z", "2099-03-18T14:00:00.000Z", "2099-03-19T14:00:00.000Z"];
const fourSlots: MockLink.MockedResponse = {
  request: { query: OpenSlotsDocument, variables: any },
  maxUsageCount: Number.POSITIVE_INFINITY,
  result: {
    data: {
      openSlots: {
        __typename: "OpenSlotPage",
        slots: FOUR_SLOTS.map((startsAt) => ({
          __typename: "OpenSlot",
          startsAt,
          endsAt: new Date(Date.parse(startsAt) + 30 * 60_000).toISOString(),
          localLabel: startsAt,
          timeZone: "America/Chicago",
        })),
      },
    },
  },
};

/** The same four, as the week grid asks for them (a week at a time). */
const fourSlotsThisWeek: MockLink.MockedResponse = {
  request: { query: WeekOpenSlotsDocument, variables: any },
  maxUsageCount: Number.POSITIVE_INFINITY,
  result: {
    data: {
      openSlots: {
        __typename: "OpenSlotPage",
        slots: FOUR_SLOTS.map((startsAt) => ({
          __typename: "OpenSlot",
          startsAt,
          endsAt: new Date(Date.parse(startsAt) + 30 * 60_000).toISOString(),
        })),
      },
    },
  },
};

/** Accepts any request and keeps what was sent, so a test can read the proposed times. */
function recordingSend(sent: Array<{ input: { proposedTimes: string[] } }>): MockLink.MockedResponse {
  return {
    request: {
      query: RequestInterviewDocument,
      variables: (variables: { input: { proposedTimes: string[] } }) => {
        sent.push(variables);
        return true;
      },
    },
    maxUsageCount: Number.POSITIVE_INFINITY,
    result: {
      data: {
        requestInterview: {
          __typename: "InterviewRequest",
          id: "r-new",
          state: "REQUESTED",
          alumnusId: "a1",
          alumnusName: "Samuel Lindqvist",
          alumnusTimeZone: "America/Chicago",
          studentTimeZone: "UTC",
          modality: "VIDEO",
          createdAt: "2099-03-01T12:00:00.000Z",
          updatedAt: "2099-03-01T12:00:00.000Z",
          expiresAt: "2099-03-15T12:00:00.000Z",
          meetingStartsAt: null,
          meetingEndsAt: null,
        },
      },
    },
  };
}

function renderComposer(extra: MockLink.MockedResponse[] = []) {
  render(
    <MockedProvider mocks={[...extra, profile, template, ruleOneCheck, noSlots, bank]}>
      <ViewerContext.Provider value={viewer}>
        <MemoryRouter initialEntries={["/student/alumni/a1/request"]}>
          <Routes>
            <Route path="/student/alumni/:alumnusId/request" element={<RequestComposerPage />} />
            <Route path="/student/conversations/:requestId" element={<p>Conversation page</p>} />
          </Routes>
        </MemoryRouter>
      </ViewerContext.Provider>
    </MockedProvider>,
  );
  return userEvent.setup({ delay: null });
}

const message = () => screen.findByRole("textbox", { name: "Message" }) as Promise<HTMLTextAreaElement>;

describe("RequestComposerPage", () => {
  beforeEach(() => sessionStorage.clear());

  it("starts from the template and guides the student live when the message asks for a job, until it is reworded", async () => {
    const user = renderComposer();
    const field = await message();
    await waitFor(() => expect(field.value).toBe(TEMPLATE));

    await user.click(field);
    await user.paste(` ${JOB_ASK}`);
    const guidance = await screen.findByTestId("rule-one-guidance");
    expect(guidance.textContent).toContain("Rule #1: ask for information, not a job");
    expect(guidance.textContent).toContain("share my resume");
    expect(guidance.textContent).toContain("Ask what they look for in a résumé");

    await user.clear(field);
    await user.paste(`${TEMPLATE} What do you wish you had known in your first year?`);
    await waitFor(() => expect(screen.queryByTestId("rule-one-guidance")).toBeNull());
    expect(screen.getByText("Your message asks for information and advice. Good.")).toBeTruthy();
  });

  it("keeps what is typed on this device, and offers it back after a reload", async () => {
    const user = renderComposer();
    const field = await message();
    await waitFor(() => expect(field.value).toBe(TEMPLATE));
    await user.click(field);
    await user.paste(" Thank you!");
    expect(JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? "{}").message).toBe(`${TEMPLATE} Thank you!`);
  });

  it("restores a saved draft instead of the template, and says so", async () => {
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ message: "My own words, kept from before.", modality: "PHONE" }));
    renderComposer();
    const field = await message();
    await waitFor(() => expect(field.value).toBe("My own words, kept from before."));
    expect(screen.getByText("We kept the draft you started earlier.")).toBeTruthy();
    expect((screen.getByRole("radio", { name: "Phone call" }) as HTMLInputElement).checked).toBe(true);
  });

  it("says what to fix when sent incomplete, starting with the first problem", async () => {
    const user = renderComposer();
    const field = await message();
    await waitFor(() => expect(field.value).toBe(TEMPLATE));
    await user.clear(field);
    await user.click(screen.getByRole("button", { name: "Send request" }));
    expect(await screen.findByText(/^Write a message/)).toBeTruthy();
    expect(screen.getByText("Propose at least one time.")).toBeTruthy();
    expect(screen.getByText("Choose how you'd like to meet.")).toBeTruthy();
    expect(document.activeElement).toBe(field);
  });

  it("flags yes/no questions in the bank and adds picked questions to the list", async () => {
    const user = renderComposer();
    await message();
    await user.click(screen.getByText("Question bank: ideas from your career center"));
    await screen.findByText("Do you enjoy your work?");
    expect(screen.getByText("Do you enjoy your work?").textContent).toContain("Yes/no question");
    await user.click(screen.getByRole("button", { name: "Add: How did you get started in this field?" }));
    expect(screen.getByRole("heading", { name: "Your questions (1 of 15)" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Added: How did you get started in this field?" })).toBeTruthy();
  });

  it("asks the student to reword or confirm when the server refuses a flagged message", async () => {
    sessionStorage.setItem(
      DRAFT_KEY,
      JSON.stringify({ message: `${TEMPLATE} ${JOB_ASK}`, modality: "VIDEO", manualTimes: ["2099-03-16T15:00"], idempotencyKey: "k1" }),
    );
    const user = renderComposer([ruleOneRefusal]);
    await message();
    await screen.findByTestId("rule-one-guidance");
    await user.click(screen.getByRole("button", { name: "Send request" }));
    expect(await screen.findByRole("checkbox", { name: /my message asks for information and advice only/ })).toBeTruthy();
    // The answer is beside the Send button and takes focus, not an alert at the top of the form.
    const block = await screen.findByTestId("rule-one-send");
    expect(block.getAttribute("role")).toBe("alert");
    expect(block.textContent).toContain("Not sent yet");
    await waitFor(() => expect(document.activeElement).toBe(block));
    expect(
      block.compareDocumentPosition(screen.getByRole("button", { name: "Send request" })) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it("lets at most three of the alum's open times be chosen, and sends only those three", async () => {
    const sent: Array<{ input: { proposedTimes: string[] } }> = [];
    const user = renderComposer([fourSlots, fourSlotsThisWeek, recordingSend(sent)]);
    await message();
    const grid = await screen.findByRole("grid", { name: /^Pick up to 3 times/ });
    const open = () =>
      within(grid)
        .getAllByRole("gridcell")
        .filter((cell) => cell.getAttribute("aria-disabled") !== "true");
    await waitFor(() => expect(open()).toHaveLength(4));
    for (const cell of open()) await user.click(cell);

    expect(open().map((cell) => cell.getAttribute("aria-selected"))).toEqual(["true", "true", "true", "false"]);
    // The count is a live region: a screen reader hears it change.
    expect(screen.getByText("3 of 3 times chosen. You chose 3: remove one to choose another.").getAttribute("role")).toBe("status");

    await user.click(screen.getByRole("radio", { name: "Video call" }));
    await user.click(screen.getByRole("button", { name: "Send request" }));
    expect(await screen.findByText("Conversation page")).toBeTruthy();
    expect(sent.map((v) => v.input.proposedTimes)).toEqual([FOUR_SLOTS.slice(0, 3)]);
  });

  it("refuses to send four proposed times, even from a draft that holds them", async () => {
    sessionStorage.setItem(
      DRAFT_KEY,
      JSON.stringify({ message: TEMPLATE, modality: "VIDEO", slotTimes: FOUR_SLOTS, idempotencyKey: "k4" }),
    );
    const sent: Array<{ input: { proposedTimes: string[] } }> = [];
    const user = renderComposer([fourSlots, fourSlotsThisWeek, recordingSend(sent)]);
    await screen.findByRole("grid", { name: /^Pick up to 3 times/ });
    await user.click(screen.getByRole("button", { name: "Send request" }));
    expect(await screen.findByText("Propose at most three times.")).toBeTruthy();
    expect(screen.queryByText("Conversation page")).toBeNull();
    expect(sent).toEqual([]);
  });

  it("asks a student under a FERPA directory block for consent with this request, and sends it once ticked", async () => {
    const refusal: MockLink.MockedResponse = {
      request: { query: RequestInterviewDocument, variables: any },
      result: { errors: [new GraphQLError("Tick the box", { extensions: { code: "DIRECTORY_CONSENT_REQUIRED" } })] },
    };
    const sent: Array<{ input: { proposedTimes: string[]; shareDirectoryInformation?: boolean } }> = [];
    const user = renderComposer([fourSlots, fourSlotsThisWeek, refusal, recordingSend(sent)]);
    await message();
    const grid = await screen.findByRole("grid", { name: /^Pick up to 3 times/ });
    const open = () =>
      within(grid)
        .getAllByRole("gridcell")
        .filter((cell) => cell.getAttribute("aria-disabled") !== "true");
    await waitFor(() => expect(open()).toHaveLength(4));
    await user.click(open()[0]);
    await user.click(screen.getByRole("radio", { name: "Video call" }));
    expect(screen.queryByRole("group", { name: "Sharing your directory information" })).toBeNull();
    await user.click(screen.getByRole("button", { name: "Send request" }));
    const consent = await screen.findByRole("group", { name: "Sharing your directory information" });
    await user.click(within(consent).getByRole("checkbox", { name: /I agree to share my name and profile with/ }));
    await user.click(screen.getByRole("button", { name: "Send request" }));
    expect(await screen.findByText("Conversation page")).toBeTruthy();
    expect(sent.map((v) => v.input.shareDirectoryInformation)).toEqual([true]);
  });
});
