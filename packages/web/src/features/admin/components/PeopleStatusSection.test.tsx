import type { MockLink } from "@apollo/client/testing";
import { MockedProvider } from "@apollo/client/testing/react";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { AdminDeactivatePeopleDocument, AdminPeopleDocument, AdminReactivatePeopleDocument } from "../graphql/Admin.generated";
import { describeStatusResult } from "../people-status";
import { PEOPLE_PAGE_SIZE, PeopleStatusSection } from "./PeopleStatusSection";

// React Aria's Modal asks CSS.supports(), which jsdom lacks.
if (!("CSS" in globalThis)) Object.assign(globalThis, { CSS: { supports: () => false, escape: (value: string) => value } });

const person = (membershipId: string, displayName: string, o: { role?: "STUDENT" | "ALUMNUS"; deactivatedAt?: string } = {}) => ({
  __typename: "Person" as const,
  membershipId,
  role: o.role ?? "STUDENT",
  externalId: `X-${membershipId}`,
  displayName,
  email: `${membershipId}@example.edu`,
  activated: true,
  active: !o.deactivatedAt,
  deactivatedAt: o.deactivatedAt ?? null,
});

const rosterPage = (
  variables: Record<string, unknown>,
  nodes: ReturnType<typeof person>[],
  next: string | null = null,
): MockLink.MockedResponse => ({
  request: { query: AdminPeopleDocument, variables: { kind: null, first: PEOPLE_PAGE_SIZE, ...variables } },
  result: {
    data: {
      people: {
        __typename: "PersonConnection",
        edges: nodes.map((node) => ({ __typename: "PersonEdge", cursor: node.membershipId, node })),
        pageInfo: { __typename: "PageInfo", endCursor: next ?? nodes.at(-1)?.membershipId ?? null, hasNextPage: Boolean(next) },
      },
    },
  },
});

const roster = (...nodes: ReturnType<typeof person>[]) => rosterPage({}, nodes);

const statusResult = (o: Partial<{ changed: number; unchanged: number; requestsClosed: number; errors: object[] }>) => ({
  __typename: "PeopleStatusResult",
  changed: 0,
  unchanged: 0,
  requestsClosed: 0,
  errors: [],
  ...o,
});

function renderSection(mocks: MockLink.MockedResponse[]) {
  render(
    <MockedProvider mocks={mocks}>
      <MemoryRouter>
        <PeopleStatusSection />
      </MemoryRouter>
    </MockedProvider>,
  );
}

describe("deactivating and reactivating people on the admin People page", () => {
  test("asks first, saying what happens, then shows the new state and announces it", async () => {
    let sent = 0;
    renderSection([
      roster(person("m1", "Sam Student"), person("m2", "Alex Alum", { role: "ALUMNUS", deactivatedAt: "2026-11-03T10:00:00Z" })),
      {
        request: { query: AdminDeactivatePeopleDocument, variables: { membershipIds: ["m1"] } },
        result: () => {
          sent += 1;
          return { data: { deactivatePeople: statusResult({ changed: 1, requestsClosed: 2 }) } };
        },
      },
    ]);
    const alexRow = (await screen.findByRole("rowheader", { name: /Alex Alum/ })).closest("tr") as HTMLElement;
    expect(within(alexRow).getByText("Deactivated since Nov 3, 2026")).toBeTruthy();
    const samRow = screen.getByRole("rowheader", { name: /Sam Student/ }).closest("tr") as HTMLElement;
    expect(within(samRow).getByText("Active")).toBeTruthy();

    await userEvent.click(screen.getByRole("button", { name: "Deactivate Sam Student" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Deactivate Sam Student?" });
    expect(within(dialog).getByText(/can no longer sign in/)).toBeTruthy();
    expect(within(dialog).getByText(/open requests are closed, and the other person in each is told/)).toBeTruthy();
    expect(within(dialog).getByText(/Nothing is erased/)).toBeTruthy();
    expect(within(dialog).getByText(/reactivate them at any time/)).toBeTruthy();

    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(sent).toBe(0);

    await userEvent.click(screen.getByRole("button", { name: "Deactivate Sam Student" }));
    await userEvent.click(within(await screen.findByRole("alertdialog")).getByRole("button", { name: "Deactivate Sam Student" }));
    expect(
      await screen.findByText(
        "Sam Student is deactivated: they can no longer sign in. 2 open requests were closed and the other side told.",
      ),
    ).toBeTruthy();
    expect(sent).toBe(1);
    expect(within(samRow).getByText(/^Deactivated since \w{3} \d{1,2}, \d{4}$/)).toBeTruthy();
    expect(within(samRow).getByRole("button", { name: "Reactivate Sam Student" })).toBeTruthy();
  });

  test("shows the people a bulk change left out, with the reason, and keeps them selected", async () => {
    renderSection([
      roster(
        person("m1", "Ben Student"),
        person("m2", "Cy Student"),
        person("m3", "Dee Student", { deactivatedAt: "2026-11-03T10:00:00Z" }),
      ),
      {
        request: { query: AdminDeactivatePeopleDocument, variables: { membershipIds: ["m1", "m2"] } },
        result: {
          data: {
            deactivatePeople: statusResult({
              changed: 1,
              errors: [
                {
                  __typename: "RowError",
                  row: 1,
                  field: "membershipIds",
                  code: "NOT_FOUND",
                  message: "No student or alum with this membership id here.",
                },
              ],
            }),
          },
        },
      },
    ]);
    await screen.findByRole("rowheader", { name: /Ben Student/ });
    expect((screen.getByRole("button", { name: "Deactivate selected" }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(screen.getByRole("checkbox", { name: "Select everyone shown" }));
    // Only the active ones can be deactivated; the deactivated one can be reactivated.
    expect(screen.getByRole("button", { name: "Reactivate selected (1)" })).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Deactivate selected (2)" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Deactivate 2 people?" });
    expect(within(dialog).getByText("Ben Student, Cy Student.")).toBeTruthy();
    await userEvent.click(within(dialog).getByRole("button", { name: "Deactivate 2 people" }));

    const alert = await screen.findByText("1 person deactivated. 1 person was not changed: see the list.");
    expect(alert.closest("[role=alert]")).toBeTruthy();
    const notChanged = screen.getByRole("region", { name: "Not changed" });
    expect(within(notChanged).getByText(/no longer a student or alum of this institution/)).toBeTruthy();
    expect(within(notChanged).getByText("Cy Student")).toBeTruthy();
    const rowOf = (name: RegExp) => screen.getByRole("rowheader", { name }).closest("tr") as HTMLElement;
    expect(within(rowOf(/Cy Student/)).getByText("Active")).toBeTruthy();
    expect(within(rowOf(/Ben Student/)).getByText(/^Deactivated since /)).toBeTruthy();
    expect((screen.getByRole("checkbox", { name: "Select Cy Student" }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole("checkbox", { name: "Select Ben Student" }) as HTMLInputElement).checked).toBe(false);
  });

  test("a failed request changes nothing on the page and says so", async () => {
    renderSection([
      roster(person("m3", "Dee Student", { deactivatedAt: "2026-11-03T10:00:00Z" })),
      {
        request: { query: AdminReactivatePeopleDocument, variables: { membershipIds: ["m3"] } },
        result: { errors: [{ message: "You don't have permission to do that.", extensions: { code: "FORBIDDEN" } }] as never },
      },
    ]);
    await userEvent.click(await screen.findByRole("button", { name: "Reactivate Dee Student" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Reactivate Dee Student?" });
    expect(within(dialog).getByText("Requests closed when they were deactivated stay closed.")).toBeTruthy();
    await userEvent.click(within(dialog).getByRole("button", { name: "Reactivate Dee Student" }));
    expect(await screen.findByText("You don't have permission to do that. Nobody was changed.")).toBeTruthy();
    expect(screen.getByText("Deactivated since Nov 3, 2026")).toBeTruthy();
  });
});

describe("finding someone on the roster", () => {
  test("loads more of the feed on request, filters by name, email or external id, and by roster", async () => {
    renderSection([
      rosterPage({}, [person("m1", "Ben Student")], "m1"),
      rosterPage({ after: "m1" }, [person("m2", "Ana Alum", { role: "ALUMNUS" })]),
      rosterPage({ kind: "ALUMNUS" }, [person("m2", "Ana Alum", { role: "ALUMNUS" })]),
    ]);
    await screen.findByRole("rowheader", { name: /Ben Student/ });
    expect(screen.queryByRole("rowheader", { name: /Ana Alum/ })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Load more people" }));
    expect(await screen.findByRole("rowheader", { name: /Ana Alum/ })).toBeTruthy();
    // Sorted by name, whatever order the feed gave.
    expect(screen.getAllByRole("rowheader").map((h) => h.textContent)).toEqual(["Ana Alumm2@example.edu", "Ben Studentm1@example.edu"]);
    expect(screen.queryByRole("button", { name: "Load more people" })).toBeNull();

    await userEvent.type(screen.getByLabelText("Find someone"), "x-m1");
    expect(await screen.findByText("1 shown", { exact: false })).toBeTruthy();
    expect(screen.queryByRole("rowheader", { name: /Ana Alum/ })).toBeNull();
    await userEvent.clear(screen.getByLabelText("Find someone"));
    await userEvent.type(screen.getByLabelText("Find someone"), "nobody");
    expect(await screen.findByText("Nobody matches")).toBeTruthy();
    await userEvent.clear(screen.getByLabelText("Find someone"));

    await userEvent.selectOptions(screen.getByLabelText("Show"), "Alumni");
    expect(await screen.findByRole("rowheader", { name: /Ana Alum/ })).toBeTruthy();
    expect(screen.queryByRole("rowheader", { name: /Ben Student/ })).toBeNull();
  });
});

describe("describeStatusResult", () => {
  const people = [
    { membershipId: "a", displayName: "Ana" },
    { membershipId: "b", displayName: "Ben" },
    { membershipId: "c", displayName: "Cy" },
  ];
  const result = (o: Partial<Parameters<typeof describeStatusResult>[2]>) => ({
    changed: 0,
    unchanged: 0,
    requestsClosed: 0,
    errors: [],
    ...o,
  });

  test("one person: changed, already so, or refused with the reason", () => {
    expect(describeStatusResult("deactivate", people.slice(0, 1), result({ changed: 1, requestsClosed: 1 })).message).toBe(
      "Ana is deactivated: they can no longer sign in. 1 open request was closed and the other side told.",
    );
    expect(describeStatusResult("reactivate", people.slice(0, 1), result({ unchanged: 1 })).message).toBe("Ana was already active.");
    const refused = describeStatusResult(
      "deactivate",
      people.slice(0, 1),
      result({ errors: [{ row: 0, code: "INVALID", message: "Bad id." }] }),
    );
    expect(refused).toEqual({
      message: "Ana was not deactivated: Bad id.",
      notChanged: [{ membershipId: "a", displayName: "Ana", message: "Bad id." }],
    });
  });

  test("several people: counts, and each person left out by the row the server names", () => {
    const described = describeStatusResult(
      "reactivate",
      people,
      result({ changed: 1, unchanged: 1, errors: [{ row: 2, code: "DUPLICATE_IN_BATCH", message: "Already given at index 0." }] }),
    );
    expect(described.message).toBe("1 person reactivated. 1 was already active. 1 person was not changed: see the list.");
    expect(described.notChanged).toEqual([{ membershipId: "c", displayName: "Cy", message: "they were listed twice." }]);
  });
});
