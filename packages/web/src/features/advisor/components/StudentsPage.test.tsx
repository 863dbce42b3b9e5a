import type { MockLink } from "@apollo/client/testing";
import { MockedProvider } from "@apollo/client/testing/react";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { ViewerContext, type Viewer } from "../../../lib/auth/viewer";
import { AdvisorAssignAdvisorDocument, AdvisorCaseloadAdvisorsDocument, AdvisorStudentRosterDocument } from "../graphql/Students.generated";
import { StudentsPage } from "./StudentsPage";

const viewer: Viewer = {
  __typename: "Me",
  institutionId: "inst",
  roles: ["ADVISOR"],
  identity: { __typename: "Identity", id: "i1", email: "sam@example.edu", displayName: "Sam Advisor", locale: null },
  memberships: [
    {
      __typename: "MembershipSummary",
      id: "adv-1",
      role: "ADVISOR",
      institutionId: "inst",
      institutionName: "Northfield",
      institutionSlug: "nf",
    },
  ],
};

const student = (membershipId: string, displayName: string, o: Partial<Record<string, unknown>> = {}) => ({
  __typename: "StudentRosterRow" as const,
  membershipId,
  displayName,
  sharesWithAdvisors: true,
  classYear: 2027,
  major: null as string | null,
  lastActivityAt: null as string | null,
  needsAction: [] as string[] | null,
  advisorMembershipId: null as string | null,
  advisorName: null as string | null,
  ...o,
});

const BASE = {
  first: 50,
  search: null,
  classYear: null,
  needsActionOnly: false,
  advisorMembershipId: null,
  sort: "NAME",
  direction: "ASC",
};

function roster(variables: Record<string, unknown>, nodes: ReturnType<typeof student>[]): MockLink.MockedResponse {
  return {
    request: { query: AdvisorStudentRosterDocument, variables: { ...BASE, ...variables } },
    result: {
      data: {
        studentRoster: {
          __typename: "StudentRosterConnection",
          edges: nodes.map((node) => ({ __typename: "StudentRosterEdge", node })),
          pageInfo: { __typename: "PageInfo", endCursor: null, hasNextPage: false },
          classYears: [2026, 2027],
        },
      },
    },
  };
}

const ana = student("s1", "Ana Adams", { needsAction: ["INACTIVE", "THANK_YOU_OVERDUE"], advisorName: "Sam Advisor" });
const dee = student("s2", "Dee Dunn", { sharesWithAdvisors: false, classYear: null, needsAction: null });

function renderPage(mocks: MockLink.MockedResponse[]) {
  render(
    <MockedProvider mocks={mocks}>
      <ViewerContext.Provider value={viewer}>
        <MemoryRouter>
          <StudentsPage />
        </MemoryRouter>
      </ViewerContext.Provider>
    </MockedProvider>,
  );
  return userEvent.setup();
}

const rowNames = () =>
  within(screen.getByRole("table"))
    .getAllByRole("rowheader")
    .map((cell) => within(cell).getByRole("link").textContent);

describe("the advisors' students table", () => {
  test("shows needs-action badges in the dashboard's order, and 'Not shared' for what a student keeps to themselves", async () => {
    renderPage([roster({}, [ana, dee])]);
    const anaRow = (await screen.findByRole("rowheader", { name: /Ana Adams/ })).closest("tr") as HTMLElement;
    expect(
      within(anaRow)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["Thank-you overdue", "Inactive 21+ days"]);
    expect(within(anaRow).getByText("Sam Advisor")).toBeTruthy();
    const deeRow = screen.getByRole("rowheader", { name: /Dee Dunn/ }).closest("tr") as HTMLElement;
    expect(within(deeRow).getAllByText("Not shared")).toHaveLength(3);
    expect(within(deeRow).getByText("No advisor")).toBeTruthy();
  });

  test("sorts on the server when a header is chosen, and says so with aria-sort", async () => {
    const user = renderPage([
      roster({}, [ana, dee]),
      roster({ sort: "NEEDS_ACTION", direction: "DESC" }, [ana, dee]),
      roster({ sort: "NEEDS_ACTION", direction: "ASC" }, [dee, ana]),
    ]);
    await screen.findByRole("rowheader", { name: /Ana Adams/ });
    const header = (name: string) => screen.getByRole("columnheader", { name });
    expect(header("Name").getAttribute("aria-sort")).toBe("ascending");
    expect(header("Needs action").hasAttribute("aria-sort")).toBe(false);
    await user.click(within(header("Needs action")).getByRole("button"));
    expect(header("Needs action").getAttribute("aria-sort")).toBe("descending");
    expect(header("Name").hasAttribute("aria-sort")).toBe(false);
    await user.click(within(header("Needs action")).getByRole("button"));
    expect(header("Needs action").getAttribute("aria-sort")).toBe("ascending");
    await screen.findByText((_, el) => el?.tagName === "TBODY" && rowNames()[0] === "Dee Dunn");
    expect(rowNames()).toEqual(["Dee Dunn", "Ana Adams"]);
  });

  test("filters on the server: class year, needs action only, my caseload", async () => {
    const user = renderPage([
      roster({}, [ana, dee]),
      roster({ classYear: 2027 }, [ana, dee]),
      roster({ classYear: 2027, needsActionOnly: true }, [ana, dee]),
      roster({ classYear: 2027, needsActionOnly: true, advisorMembershipId: "adv-1" }, [ana]),
    ]);
    await screen.findByRole("rowheader", { name: /Dee Dunn/ });
    await user.selectOptions(screen.getByLabelText("Class year"), "2027");
    await user.click(screen.getByLabelText("Needs action only"));
    await user.click(screen.getByLabelText("My caseload only"));
    await screen.findByText((_, el) => el?.tagName === "TBODY" && rowNames().length === 1);
    expect(rowNames()).toEqual(["Ana Adams"]);
  });

  test("says nothing matches when a filter leaves no one", async () => {
    const user = renderPage([roster({}, [ana]), roster({ needsActionOnly: true }, [])]);
    await screen.findByRole("rowheader", { name: /Ana Adams/ });
    await user.click(screen.getByLabelText("Needs action only"));
    expect(await screen.findByText("No students match")).toBeTruthy();
  });

  test("assigns the ticked students to an advisor, one assignAdvisor each, and says so", async () => {
    const advisors = {
      request: { query: AdvisorCaseloadAdvisorsDocument },
      result: {
        data: { caseloadAdvisors: [{ __typename: "CaseloadAdvisor", membershipId: "adv-1", displayName: "Sam Advisor", students: 1 }] },
      },
    };
    const sent: string[] = [];
    const assign = (id: string): MockLink.MockedResponse => ({
      request: { query: AdvisorAssignAdvisorDocument, variables: { studentMembershipId: id, advisorMembershipId: "adv-1" } },
      result: () => {
        sent.push(id);
        return { data: { assignAdvisor: { __typename: "AdvisorAssignment", studentMembershipId: id, advisorMembershipId: "adv-1" } } };
      },
    });
    const user = renderPage([
      roster({}, [ana, dee]),
      advisors,
      assign("s1"),
      assign("s2"),
      roster({}, [ana, { ...dee, advisorMembershipId: "adv-1", advisorName: "Sam Advisor" }]),
      advisors,
    ]);
    await screen.findByRole("rowheader", { name: /Dee Dunn/ });
    expect(screen.queryByRole("form", { name: "Assign the selected students" })).toBeNull();
    await user.click(screen.getByLabelText("Select every student shown"));
    const form = screen.getByRole("form", { name: "Assign the selected students" });
    expect(within(form).getByText("2 students selected")).toBeTruthy();
    await within(form).findByRole("option", { name: "Sam Advisor (1 student)" }, { timeout: 5000 });
    await user.selectOptions(within(form).getByLabelText("Assign them to"), "adv-1");
    await user.click(within(form).getByRole("button", { name: "Assign" }));
    // Two mutations one after the other: more than findBy's default second on a loaded machine.
    expect(await screen.findByText("2 students are now on Sam Advisor's caseload.", undefined, { timeout: 5000 })).toBeTruthy();
    expect(sent).toEqual(["s1", "s2"]);
    expect(screen.queryByRole("form", { name: "Assign the selected students" })).toBeNull();
    // The table is read again with the new advisors (the second roster answer).
    await waitFor(() => expect(screen.getAllByText("No advisor")).toHaveLength(1), { timeout: 5000 });
  });
});
