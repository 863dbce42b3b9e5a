import { render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router-dom";
import type { AlumniResults_AlumnusProfileFragment } from "../graphql/AlumniResults_AlumnusProfile.generated";
import { AlumniResults } from "./AlumniResults";

const alum = (overrides: Partial<AlumniResults_AlumnusProfileFragment> = {}): AlumniResults_AlumnusProfileFragment => ({
  __typename: "AlumnusProfile",
  membershipId: "a1",
  displayName: "Samuel Lindqvist",
  title: "UX Researcher",
  employer: "Lumen Labs",
  industry: "technology",
  fields: ["ux-design"],
  location: "Minneapolis, MN",
  classYear: 2016,
  topics: [],
  modalities: ["VIDEO", "PHONE"],
  paused: false,
  firstGeneration: false,
  ...overrides,
});

const names = (kind: "field" | "industry", id: string) => (kind === "field" ? { "ux-design": "UX Design" }[id] : "Technology") ?? id;

function renderResults(rows: Parameters<typeof AlumniResults>[0]["rows"], referralId?: string) {
  render(
    <MemoryRouter>
      <AlumniResults rows={rows} nameOf={names} referralId={referralId} />
    </MemoryRouter>,
  );
  return screen.getByRole("list", { name: "Alumni found" });
}

describe("AlumniResults", () => {
  it("lists each alum with their work, a link to their page and field names", () => {
    const list = renderResults([{ alumnus: alum() }]);
    const link = within(list).getByRole("link", { name: "Samuel Lindqvist" });
    expect(link.getAttribute("href")).toBe("/student/alumni/a1");
    expect(list.textContent).toContain("UX Researcher at Lumen Labs");
    expect(within(list).getByRole("list", { name: "Samuel Lindqvist's fields" }).textContent).toBe("UX Design");
    expect(list.textContent).not.toContain("Why they fit");
  });

  it("shows why a match fits, whether an advisor suggested them, and their open times", () => {
    const list = renderResults([
      {
        alumnus: alum(),
        suggested: true,
        suggestion: { note: "She started where you are.", suggestedByName: "Alex Rivera" },
        reasons: [
          { kind: "SUGGESTED", text: "Suggested by your advisor Alex Rivera", studentTerms: [], alumnusTerms: [] },
          {
            kind: "FIELD",
            text: "Works in ux design — a field you are exploring",
            studentTerms: ["ux design"],
            alumnusTerms: ["ux design"],
          },
          { kind: "AVAILABILITY", text: "3 open slots in the next 14 days", studentTerms: [], alumnusTerms: [] },
        ],
        openSlotsNext14Days: 3,
      },
    ]);
    expect(within(list).getByText("Suggested for you")).toBeTruthy();
    expect(list.textContent).toContain("Alex Rivera suggested them: “She started where you are.”");
    expect(
      within(list)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(expect.arrayContaining(["Suggested by your advisor Alex Rivera", "Works in ux design — a field you are exploring"]));
    // Open times are said once, at the foot of the card, not again as a reason.
    expect(list.textContent).toContain("3 open times in the next two weeks");
    expect(list.textContent).not.toContain("open slots");
  });

  it("quotes what matched: the pitch's own words and the alum's topics, and nothing about the pitch without them", () => {
    const list = renderResults([
      {
        alumnus: alum({ displayName: "Priya Brand" }),
        reasons: [
          {
            kind: "KEYWORDS",
            text: "Your pitch says “management”; their profile says “Brand management”",
            studentTerms: ["management"],
            alumnusTerms: ["Brand management"],
          },
          { kind: "LOCATION", text: "…", studentTerms: ["Chicago, IL"], alumnusTerms: ["Chicago"] },
          {
            kind: "KEYWORDS",
            text: "Talks about Brand management — close to your pitch",
            studentTerms: [],
            alumnusTerms: ["Brand management"],
          },
        ],
      },
    ]);
    const reasons = within(list)
      .getAllByRole("listitem")
      .map((li) => li.textContent);
    expect(reasons).toContain("Your pitch says “management”; their profile says “Brand management”");
    expect(reasons).toContain("Based in Chicago — you named “Chicago, IL”");
    expect(list.textContent).not.toContain("close to your pitch");
  });

  it("shows initials, and marks an alum the student already wrote to with a link to the conversation", () => {
    const list = renderResults([{ alumnus: alum({ displayName: "élodie de la Cruz" }), openRequestId: "req-7" }]);
    expect(list.querySelector(".avatar")?.textContent).toBe("ÉC");
    expect(within(list).getByText("You wrote to them")).toBeTruthy();
    expect(within(list).getByRole("link", { name: "See your conversation with élodie de la Cruz" }).getAttribute("href")).toBe(
      "/student/conversations/req-7",
    );
  });

  it("carries a referral being followed up to the alum's page", () => {
    const list = renderResults([{ alumnus: alum() }], "r9");
    expect(within(list).getByRole("link", { name: "Samuel Lindqvist" }).getAttribute("href")).toBe("/student/alumni/a1?referral=r9");
  });
});
