import type { MockLink } from "@apollo/client/testing";
import { MockedProvider } from "@apollo/client/testing/react";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { ViewerContext, type Viewer } from "../../../lib/auth/viewer";
import { CheckRequestMessageDocument } from "../graphql/CheckRequestMessage.generated";
import { OnboardingDocument } from "../graphql/Onboarding.generated";
import { OnboardingPage } from "./OnboardingPage";

const viewer: Viewer = {
  __typename: "Me",
  institutionId: "inst-1",
  roles: ["STUDENT"],
  identity: { __typename: "Identity", id: "ident-pitch", email: "mia@northfield.example", displayName: "Mia Novak", locale: null },
  memberships: [],
};

const onboarding: MockLink.MockedResponse = {
  request: { query: OnboardingDocument },
  maxUsageCount: Number.POSITIVE_INFINITY,
  result: {
    data: {
      consentTexts: [],
      myConsents: [],
      myStudentProfile: {
        __typename: "StudentProfile",
        membershipId: "m1",
        displayName: "Mia Novak",
        major: null,
        classYear: null,
        pitch: "",
        fields: [],
        industries: [],
        locations: [],
        firstGeneration: false,
      },
      careerFields: [],
      industries: [],
    },
  },
};

// The server's Rule #1 checker, as far as this test needs it: "a job" reads as asking for one.
const checked: string[] = [];
const ruleOneCheck: MockLink.MockedResponse = {
  request: { query: CheckRequestMessageDocument, variables: () => true },
  maxUsageCount: Number.POSITIVE_INFINITY,
  result: (variables: { text: string }) => {
    checked.push(variables.text);
    const start = variables.text.indexOf("a job");
    const flagged = start >= 0;
    return {
      data: {
        checkRequestMessage: {
          __typename: "RuleOneCheck",
          flagged,
          guidance: flagged ? ["Ask how people found their roles instead of asking for one."] : [],
          matches: flagged
            ? [{ __typename: "RuleOneMatch", category: "JOB_ASK", phrase: "a job", excerpt: "…for a job at…", start, end: start + 5 }]
            : [],
        },
      },
    };
  },
};

function renderPage() {
  return render(
    <MockedProvider mocks={[onboarding, ruleOneCheck]}>
      <ViewerContext.Provider value={viewer}>
        <MemoryRouter>
          <OnboardingPage />
        </MemoryRouter>
      </ViewerContext.Provider>
    </MockedProvider>,
  );
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  checked.length = 0;
});

describe("Help me write it: the guided pitch builder beside the pitch field", () => {
  it("opens from the keyboard, previews the sentences, and Use this pitch fills the field, which stays editable", async () => {
    const user = userEvent.setup();
    renderPage();
    const pitch = await screen.findByLabelText(/Your background pitch/);
    expect(screen.queryByTestId("pitch-builder")).toBeNull();

    const toggle = screen.getByRole("button", { name: "Help me write it" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    act(() => toggle.focus());
    await user.keyboard("{Enter}");
    const builder = await screen.findByTestId("pitch-builder");
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    expect((within(builder).getByRole("button", { name: "Use this pitch" }) as HTMLButtonElement).disabled).toBe(true);
    expect(within(builder).getByText("Fill in any of the fields above to see your pitch here.")).toBeTruthy();
    expect(within(builder).queryByText(/replaces what is in the pitch field/)).toBeNull();

    await user.type(within(builder).getByLabelText("Who you are"), "a second-year biology student");
    await user.type(within(builder).getByLabelText("What you want to learn"), "how researchers chose their path.");
    const written =
      "I'm a second-year biology student. I'd like to learn how researchers chose their path. " +
      "I'd be grateful for your perspective and advice.";
    expect(within(screen.getByTestId("pitch-preview")).getByText(written)).toBeTruthy();
    await within(builder).findByText("Your message asks for information and advice. Good.");
    expect(checked).toContain(written);

    await user.click(within(builder).getByRole("button", { name: "Use this pitch" }));
    expect((pitch as HTMLTextAreaElement).value).toBe(written);
    expect(document.activeElement).toBe(pitch);
    expect(screen.queryByTestId("pitch-builder")).toBeNull();
    expect(await screen.findByText("Your pitch is in the field: edit it as you like, then save your profile.")).toBeTruthy();

    await user.type(pitch, " Thanks!");
    expect((pitch as HTMLTextAreaElement).value).toBe(`${written} Thanks!`);

    // With something in the field, the builder says Use this pitch replaces it.
    await user.click(screen.getByRole("button", { name: "Help me write it" }));
    const again = await screen.findByTestId("pitch-builder");
    await user.type(within(again).getByLabelText("Related experience"), "tutoring");
    expect(within(again).getByText("Use this pitch replaces what is in the pitch field now; you can still edit it there.")).toBeTruthy();
  });

  it("warns with Rule #1 in the preview when a part reads as asking for a job", async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole("button", { name: "Help me write it" }));
    const builder = await screen.findByTestId("pitch-builder");
    await user.type(within(builder).getByLabelText("Organizations or roles you are curious about"), "a job at Acme");
    const guidance = await within(builder).findByTestId("rule-one-guidance");
    expect(within(guidance).getByText("a job")).toBeTruthy();
    expect(within(guidance).getByText("Ask how people found their roles instead of asking for one.")).toBeTruthy();

    await user.click(within(builder).getByRole("button", { name: "Close the helper" }));
    await waitFor(() => expect(screen.queryByTestId("pitch-builder")).toBeNull());
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Help me write it" }));
    expect((screen.getByLabelText(/Your background pitch/) as HTMLTextAreaElement).value).toBe("");
  });
});
