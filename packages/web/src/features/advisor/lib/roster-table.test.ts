import { ariaSort, DEFAULT_SORT, isFiltered, NO_FILTERS, nextSort, orderedNeeds, rosterVariables } from "./roster-table";

describe("the students table's order", () => {
  test("a new column starts in its natural direction; the same column turns around", () => {
    expect(nextSort(DEFAULT_SORT, "NAME")).toEqual({ sort: "NAME", direction: "DESC" });
    expect(nextSort(DEFAULT_SORT, "CLASS_YEAR")).toEqual({ sort: "CLASS_YEAR", direction: "ASC" });
    expect(nextSort(DEFAULT_SORT, "LAST_ACTIVITY")).toEqual({ sort: "LAST_ACTIVITY", direction: "DESC" });
    expect(nextSort({ sort: "LAST_ACTIVITY", direction: "DESC" }, "LAST_ACTIVITY")).toEqual({ sort: "LAST_ACTIVITY", direction: "ASC" });
    expect(nextSort({ sort: "LAST_ACTIVITY", direction: "ASC" }, "NEEDS_ACTION")).toEqual({ sort: "NEEDS_ACTION", direction: "DESC" });
  });

  test("only the sorted column carries aria-sort", () => {
    const order = { sort: "NEEDS_ACTION", direction: "DESC" } as const;
    expect(ariaSort(order, "NEEDS_ACTION")).toBe("descending");
    expect(ariaSort(order, "NAME")).toBeUndefined();
    expect(ariaSort(DEFAULT_SORT, "NAME")).toBe("ascending");
  });

  test("needs-action badges read in the dashboard's order, whatever order they come in", () => {
    expect(orderedNeeds(["INACTIVE", "REQUEST_EXPIRING"])).toEqual(["REQUEST_EXPIRING", "INACTIVE"]);
    expect(orderedNeeds([])).toEqual([]);
  });
});

describe("the students table's filters", () => {
  test("become the query's variables: a trimmed name, a class year, needs action, and the viewer's caseload", () => {
    expect(
      rosterVariables({ search: "  maya ", classYear: "2027", needsActionOnly: true, mineOnly: true }, DEFAULT_SORT, "adv-1", 50),
    ).toEqual({
      first: 50,
      sort: "NAME",
      direction: "ASC",
      search: "maya",
      classYear: 2027,
      needsActionOnly: true,
      advisorMembershipId: "adv-1",
    });
  });

  test("leave out what is empty, and 'my caseload' for someone who is not an advisor", () => {
    expect(rosterVariables({ ...NO_FILTERS, search: "   ", mineOnly: true }, DEFAULT_SORT, null, 20)).toMatchObject({
      search: null,
      classYear: null,
      needsActionOnly: false,
      advisorMembershipId: null,
    });
    expect(isFiltered(NO_FILTERS)).toBe(false);
    expect(isFiltered({ ...NO_FILTERS, search: "  " })).toBe(false);
    expect(isFiltered({ ...NO_FILTERS, classYear: "2026" })).toBe(true);
  });
});
