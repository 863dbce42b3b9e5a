import { matchReasons, type ReasonContext } from "./match-reasons";
import { pitchKeywords, pitchWordsByStem, scoreCandidate, type CandidateSignals, type StudentSignals } from "./scoring";

const NOW = new Date("2026-03-10T12:00:00Z");

const alum = (o: Partial<CandidateSignals> = {}): CandidateSignals => ({
  alumnusId: "00000000-0000-4000-8000-000000000001",
  fields: ["law"],
  industry: "legal-services",
  major: "History",
  location: "Boston, MA",
  classYear: null,
  title: "Attorney",
  topics: [],
  firstGeneration: false,
  monthlyCapacity: 4,
  weeklyWindows: 0,
  answered: 0,
  unanswered: 0,
  recentLoad: 0,
  loadAt: NOW,
  ...o,
});

/** The student as the service builds them: signals from the profile, the pitch's words kept as written. */
function reasonsFor(
  profile: {
    pitch?: string;
    fields?: string[];
    industries?: string[];
    major?: string | null;
    classYear?: number | null;
    locations?: string[];
    firstGeneration?: boolean;
  },
  candidate: CandidateSignals,
  extra: Partial<Pick<ReasonContext, "openSlots" | "suggestedBy">> = {},
) {
  const pitch = profile.pitch ?? "";
  const student: StudentSignals = {
    fields: profile.fields ?? ["data-science"],
    industries: profile.industries ?? ["technology"],
    major: profile.major === undefined ? "Economics" : profile.major,
    classYear: profile.classYear === undefined ? 2027 : profile.classYear,
    locations: profile.locations ?? ["Chicago, IL"],
    firstGeneration: profile.firstGeneration ?? false,
    keywords: pitchKeywords(pitch),
  };
  const { parts } = scoreCandidate(student, candidate, NOW);
  return matchReasons(parts, {
    fieldName: (id) => id.replace("-", " "),
    industryName: (id) => id,
    openSlots: extra.openSlots ?? 0,
    suggestedBy: extra.suggestedBy ?? null,
    candidate,
    student: { ...student, pitchWords: pitchWordsByStem(pitch) },
  });
}

describe("matchReasons", () => {
  it("quotes what matched on both sides, strongest reasons first", () => {
    const candidate = alum({
      fields: ["data-science"],
      industry: "technology",
      major: "economics ",
      location: "Chicago, IL",
      classYear: 2024,
      firstGeneration: true,
      answered: 5,
      topics: ["Machine learning"],
    });
    const reasons = reasonsFor({ pitch: "Machine learning in health care", firstGeneration: true }, candidate, {
      openSlots: 2,
      suggestedBy: "Pat Lee",
    });
    expect(reasons).toEqual([
      { kind: "SUGGESTED", text: "Suggested by your advisor Pat Lee", studentTerms: [], alumnusTerms: [] },
      {
        kind: "FIELD",
        text: "Works in data science — a field you are exploring",
        studentTerms: ["data science"],
        alumnusTerms: ["data science"],
      },
      {
        kind: "INDUSTRY",
        text: "Works in the technology industry — one you are exploring",
        studentTerms: ["technology"],
        alumnusTerms: ["technology"],
      },
      {
        kind: "KEYWORDS",
        text: "Your pitch says “Machine” and “learning”; their profile says “Machine learning”",
        studentTerms: ["Machine", "learning"],
        alumnusTerms: ["Machine learning"],
      },
      { kind: "MAJOR", text: "Same major (economics)", studentTerms: ["Economics"], alumnusTerms: ["economics"] },
      {
        kind: "LOCATION",
        text: "Based in Chicago, IL — you named “Chicago, IL”",
        studentTerms: ["Chicago, IL"],
        alumnusTerms: ["Chicago, IL"],
      },
      { kind: "CLASS_YEAR", text: "Class of 2024 — close to your 2027", studentTerms: ["2027"], alumnusTerms: ["2024"] },
      { kind: "AVAILABILITY", text: "2 open slots in the next 14 days", studentTerms: [], alumnusTerms: [] },
      { kind: "RESPONSIVE", text: "Usually answers requests", studentTerms: [], alumnusTerms: [] },
      { kind: "FIRST_GENERATION", text: "Also a first-generation graduate", studentTerms: [], alumnusTerms: [] },
    ]);
  });

  it("never gives a brand reason to a pitch without brand: it quotes the pitch's own word that matched", () => {
    const candidate = alum({ topics: ["Brand management", "Retail"], title: "Brand Director" });
    const pitch = "I am curious about product management in consumer goods.";
    const reasons = reasonsFor({ pitch }, candidate);
    const keywords = reasons.filter((r) => r.kind === "KEYWORDS");
    expect(keywords).toHaveLength(1);
    expect(keywords[0].studentTerms).toEqual(["management"]);
    expect(keywords[0].alumnusTerms).toEqual(["Brand management"]);
    expect(keywords[0].text).toBe("Your pitch says “management”; their profile says “Brand management”");
    // Every quoted word of the student's is in the pitch; "brand" is never put in the student's mouth.
    for (const reason of reasons) {
      for (const term of reason.kind === "KEYWORDS" ? reason.studentTerms : []) expect(pitch.toLowerCase()).toContain(term.toLowerCase());
      expect(reason.studentTerms.join(" ").toLowerCase()).not.toContain("brand");
    }
  });

  it("says nothing about the pitch when no word of it matched, however close the topics sound", () => {
    const candidate = alum({ topics: ["Brand management", "Marketing strategy"], title: "Brand Director" });
    const reasons = reasonsFor({ pitch: "Curious how hospitals use data to plan staffing." }, candidate);
    expect(reasons.find((r) => r.kind === "KEYWORDS")).toBeUndefined();
    expect(reasons.map((r) => r.text).join(" ")).not.toMatch(/pitch/i);
    expect(reasonsFor({ pitch: "" }, candidate).find((r) => r.kind === "KEYWORDS")).toBeUndefined();
  });

  it("quotes a stemmed match in the student's own spelling", () => {
    const candidate = alum({ topics: ["Interview preparation"] });
    const [reason] = reasonsFor({ pitch: "Practising INTERVIEWS for consulting" }, candidate);
    expect(reason).toMatchObject({ kind: "KEYWORDS", studentTerms: ["INTERVIEWS"], alumnusTerms: ["Interview preparation"] });
  });

  it("says nothing it cannot back up: no slots, few answers, far class years, one-sided first-generation", () => {
    const candidate = alum({ classYear: 1995, firstGeneration: true, answered: 2 });
    expect(reasonsFor({}, candidate)).toEqual([]);
  });

  it("names several shared fields together, with the student's place as they wrote it", () => {
    const candidate = alum({ fields: ["data-science", "product-management"], location: "chicago" });
    const reasons = reasonsFor({ fields: ["data-science", "product-management"], locations: ["Chicago, IL"] }, candidate, { openSlots: 1 });
    expect(reasons.map(({ kind, text }) => ({ kind, text }))).toEqual([
      { kind: "FIELD", text: "Works in data science and product management — fields you are exploring" },
      { kind: "LOCATION", text: "Based in chicago — you named “Chicago, IL”" },
      { kind: "AVAILABILITY", text: "1 open slot in the next 14 days" },
    ]);
  });
});
