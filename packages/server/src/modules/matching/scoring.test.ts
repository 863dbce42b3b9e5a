import {
  cityOf,
  loadRatio,
  MATCH_RULES,
  MATCH_WEIGHTS,
  matchingTopics,
  pitchKeywords,
  rankCandidates,
  responseRate,
  scoreCandidate,
  stem,
  type CandidateSignals,
  type StudentSignals,
} from "./scoring";

const NOW = new Date("2026-03-10T12:00:00Z");

const student = (o: Partial<StudentSignals> = {}): StudentSignals => ({
  fields: ["data-science"],
  industries: ["technology"],
  major: "Economics",
  classYear: 2027,
  locations: ["Chicago, IL"],
  firstGeneration: false,
  keywords: [],
  ...o,
});

let next = 0;
/** An alum who matches nothing about the default student, with an average history and no load. */
const alum = (o: Partial<CandidateSignals> = {}): CandidateSignals => ({
  alumnusId: `00000000-0000-4000-8000-${String(++next).padStart(12, "0")}`,
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

const order = (s: StudentSignals, candidates: CandidateSignals[], suggested: string[] = []) =>
  rankCandidates(s, candidates, new Set(suggested), NOW).map((r) => r.item.alumnusId);

describe("MATCH_WEIGHTS", () => {
  it("rewards a shared field more than an industry, and an industry more than a shared major", () => {
    expect(MATCH_WEIGHTS.field).toBeGreaterThan(MATCH_WEIGHTS.industry);
    expect(MATCH_WEIGHTS.industry).toBeGreaterThan(MATCH_WEIGHTS.major);
  });
});

describe("scoreCandidate", () => {
  it("gives an alum who shares nothing only the neutral responsiveness of someone with no history", () => {
    const { score, parts } = scoreCandidate(student(), alum(), NOW);
    expect(parts).toMatchObject({ fields: [], industry: false, major: false, location: false, availability: false, loadRatio: 0 });
    expect(score).toBeCloseTo(MATCH_WEIGHTS.responsiveness * 0.5);
  });

  it("adds each signal's weight", () => {
    const base = scoreCandidate(student(), alum(), NOW).score;
    const full = scoreCandidate(
      student({ firstGeneration: true }),
      alum({
        fields: ["data-science"],
        industry: "technology",
        major: " economics ",
        location: "chicago, il",
        classYear: 2027,
        weeklyWindows: 2,
        firstGeneration: true,
      }),
      NOW,
    );
    const W = MATCH_WEIGHTS;
    expect(full.score - base).toBeCloseTo(W.field + W.industry + W.major + W.location + W.classYear + W.availability + W.firstGeneration);
  });

  it("counts at most two shared fields", () => {
    const s = student({ fields: ["a", "b", "c"] });
    expect(scoreCandidate(s, alum({ fields: ["a", "b", "c"] }), NOW).score).toBeCloseTo(
      scoreCandidate(s, alum({ fields: ["a", "b"] }), NOW).score,
    );
    expect(scoreCandidate(s, alum({ fields: ["a", "b"] }), NOW).parts.fields).toEqual(["a", "b"]);
  });

  it("shares a first-generation background only when both said so", () => {
    expect(scoreCandidate(student({ firstGeneration: false }), alum({ firstGeneration: true }), NOW).parts.firstGeneration).toBe(false);
    expect(scoreCandidate(student({ firstGeneration: true }), alum({ firstGeneration: false }), NOW).parts.firstGeneration).toBe(false);
    expect(scoreCandidate(student({ firstGeneration: true }), alum({ firstGeneration: true }), NOW).parts.firstGeneration).toBe(true);
  });

  it("fades class-year closeness to nothing at fifteen years apart", () => {
    const closeness = (classYear: number) =>
      scoreCandidate(student({ classYear: 2027 }), alum({ classYear }), NOW).parts.classYearCloseness;
    expect(closeness(2027)).toBe(1);
    expect(closeness(2022)).toBeCloseTo(1 - 5 / MATCH_RULES.classYearSpan);
    expect(closeness(2012)).toBe(0);
    expect(closeness(1990)).toBe(0);
  });
});

describe("responsiveness and load", () => {
  it("starts a new alum at one half and moves with their answers", () => {
    expect(responseRate({ answered: 0, unanswered: 0 })).toBe(0.5);
    expect(responseRate({ answered: 8, unanswered: 0 })).toBe(0.9);
    expect(responseRate({ answered: 0, unanswered: 8 })).toBe(0.1);
  });

  it("halves the recent load every fourteen days and measures it against capacity, capped", () => {
    const twoWeeksAgo = new Date(NOW.getTime() - 14 * 86_400_000);
    expect(loadRatio({ recentLoad: 8, loadAt: NOW, monthlyCapacity: 4 }, NOW)).toBe(2);
    expect(loadRatio({ recentLoad: 8, loadAt: twoWeeksAgo, monthlyCapacity: 4 }, NOW)).toBeCloseTo(1);
    expect(loadRatio({ recentLoad: 100, loadAt: NOW, monthlyCapacity: 4 }, NOW)).toBe(MATCH_RULES.maxLoadRatio);
    expect(loadRatio({ recentLoad: 3, loadAt: NOW, monthlyCapacity: 0 }, NOW)).toBe(3);
  });
});

describe("keywords", () => {
  it("stems and drops short and common words", () => {
    expect(stem("interviews")).toBe("interview");
    expect(stem("interviewing")).toBe("interview");
    expect(pitchKeywords("I would like to learn about product management and interviews, and the data side.")).toEqual([
      "product",
      "management",
      "interview",
      "data",
      "side",
    ]);
  });

  it("finds the alum's topics and title that share a word with the pitch", () => {
    const keywords = pitchKeywords("Curious about product management and user research.");
    expect(matchingTopics(keywords, { topics: ["Product strategy", "Hiring", "User research methods"], title: "Engineer" })).toEqual([
      "Product strategy",
      "User research methods",
    ]);
    expect(matchingTopics([], { topics: ["Product strategy"], title: null })).toEqual([]);
  });

  it("compares locations by city", () => {
    expect(cityOf(" Chicago, IL ")).toBe("chicago");
    expect(cityOf(null)).toBeNull();
  });
});

describe("rankCandidates", () => {
  it("puts a shared field above a shared industry, and that above a shared major", () => {
    const field = alum({ fields: ["data-science"] });
    const industry = alum({ industry: "technology" });
    const major = alum({ major: "Economics" });
    const nothing = alum();
    expect(order(student(), [nothing, major, industry, field])).toEqual([field, industry, major, nothing].map((a) => a.alumnusId));
  });

  it("lets a busy alum drop below an equally good one who is asked less (the fairness term)", () => {
    const busy = alum({ fields: ["data-science"], recentLoad: 8, monthlyCapacity: 4 });
    const quiet = alum({ fields: ["data-science"], recentLoad: 0, monthlyCapacity: 4 });
    const weaker = alum({ industry: "technology" });
    expect(order(student(), [busy, weaker, quiet])).toEqual([quiet.alumnusId, weaker.alumnusId, busy.alumnusId]);
  });

  it("prefers an alum who answers over one whose requests expire, all else equal", () => {
    const answers = alum({ fields: ["data-science"], answered: 10, unanswered: 0 });
    const ignores = alum({ fields: ["data-science"], answered: 0, unanswered: 10 });
    expect(order(student(), [ignores, answers])).toEqual([answers.alumnusId, ignores.alumnusId]);
  });

  it("ranks published availability, a nearby city and keywords as tie-breakers between equal field matches", () => {
    const s = student({ keywords: pitchKeywords("I want to hear about machine learning careers.") });
    const plain = alum({ fields: ["data-science"] });
    const available = alum({ fields: ["data-science"], weeklyWindows: 3 });
    const keywords = alum({ fields: ["data-science"], topics: ["Machine learning"] });
    const local = alum({ fields: ["data-science"], location: "Chicago, IL" });
    expect(order(s, [plain, local, keywords, available])).toEqual([available, local, keywords, plain].map((a) => a.alumnusId));
  });

  it("puts advisor suggestions first, even when they score lower, and breaks ties by id", () => {
    const best = alum({ fields: ["data-science"], industry: "technology" });
    const suggested = alum();
    const [tieA, tieB] = [alum(), alum()];
    expect(order(student(), [tieB, best, tieA, suggested], [suggested.alumnusId])).toEqual([
      suggested.alumnusId,
      best.alumnusId,
      tieA.alumnusId,
      tieB.alumnusId,
    ]);
  });
});
