/**
 * Does the fairness term spread requests across alumni? A deterministic simulation: a synthetic institution
 * whose students crowd into a few popular fields, each student picking from their top five matches over
 * 60 days, with and without the fairness term. Run it with
 *   npm run build -w @infoview/server && node packages/server/dist/modules/matching/fairness-simulation.js
 * (docs/matching.md records its output); fairness.test.ts checks the effect holds.
 */
import { MATCH_WEIGHTS, rankCandidates, scoreCandidate, type CandidateSignals, type MatchWeights, type StudentSignals } from "./scoring";

export interface SimulationOptions {
  alumni: number;
  students: number;
  requestsPerStudent: number;
  days: number;
  seed: number;
  weights: MatchWeights;
}

export interface SimulationResult {
  requests: number;
  gini: number;
  /** Share of all requests that went to the 10% of alumni asked most. */
  top10Share: number;
  /** Share of alumni nobody asked. */
  neverAsked: number;
  /** Most requests any one alum received. */
  maxPerAlum: number;
  /** Mean score of the alum chosen, without the fairness term: how good the matches students took were. */
  meanMatchQuality: number;
}

export const DEFAULT_SIMULATION: Omit<SimulationOptions, "weights"> = {
  alumni: 300,
  students: 1200,
  requestsPerStudent: 2,
  days: 60,
  seed: 20260310,
};

/** Mulberry32: small, fast, and the same numbers on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Gini coefficient of non-negative counts: 0 when everyone gets the same, towards 1 when one gets all. */
export function gini(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const total = sorted.reduce((a, b) => a + b, 0);
  if (n === 0 || total === 0) return 0;
  const weighted = sorted.reduce((sum, v, i) => sum + (i + 1) * v, 0);
  return (2 * weighted) / (n * total) - (n + 1) / n;
}

const FIELDS = Array.from({ length: 20 }, (_, i) => `field-${i}`);
const INDUSTRIES = Array.from({ length: 15 }, (_, i) => `industry-${i}`);
const MAJORS = ["Economics", "Biology", "History", "Mathematics", "English", "Psychology", "Computer Science", "Art"];
const CITIES = ["Chicago, IL", "Boston, MA", "Denver, CO", "Austin, TX", "Seattle, WA", "Atlanta, GA"];
/** Selection probability for the 1st…5th match: most students take the first. */
const PICK = [0.4, 0.25, 0.15, 0.12, 0.08];
const ACCEPT_RATE = 0.6;
const DAY = 86_400_000;

export function simulate(options: SimulationOptions): SimulationResult {
  const rand = random(options.seed);
  const int = (n: number) => Math.floor(rand() * n);
  // Zipf-like popularity: a few fields and industries draw most students (and many alumni).
  const skewed = <T>(items: T[]) => items[Math.min(items.length - 1, Math.floor(items.length * rand() ** 2.5))];
  const start = new Date("2026-01-01T00:00:00Z");

  const alumni: CandidateSignals[] = Array.from({ length: options.alumni }, (_, i) => {
    const answered = int(12);
    return {
      alumnusId: `alum-${String(i).padStart(5, "0")}`,
      fields: [...new Set([skewed(FIELDS), rand() < 0.5 ? skewed(FIELDS) : skewed(FIELDS)])].slice(0, 1 + int(2)),
      industry: skewed(INDUSTRIES),
      major: MAJORS[int(MAJORS.length)],
      location: CITIES[int(CITIES.length)],
      classYear: 1990 + int(35),
      title: null,
      topics: [],
      firstGeneration: rand() < 0.2,
      monthlyCapacity: [2, 3, 4, 5, 8][int(5)],
      weeklyWindows: rand() < 0.7 ? 1 + int(4) : 0,
      answered,
      unanswered: rand() < 0.3 ? int(6) : 0,
      recentLoad: 0,
      loadAt: start,
    };
  });
  const students: StudentSignals[] = Array.from({ length: options.students }, () => ({
    fields: [...new Set([skewed(FIELDS), skewed(FIELDS)])],
    industries: [skewed(INDUSTRIES)],
    major: MAJORS[int(MAJORS.length)],
    classYear: 2026 + int(4),
    locations: [CITIES[int(CITIES.length)]],
    firstGeneration: rand() < 0.2,
    keywords: [],
  }));

  // Each request happens on a random day; process them in time order.
  const events = students.flatMap((_, s) =>
    Array.from({ length: options.requestsPerStudent }, () => ({ s, at: start.getTime() + rand() * options.days * DAY })),
  );
  events.sort((a, b) => a.at - b.at);

  const received = new Map(alumni.map((a) => [a.alumnusId, 0]));
  /** Accepted meetings per alum per 30-day month (capacity, a hard filter). */
  const accepted = new Map<string, number>();
  const asked = students.map(() => new Set<string>());
  const decay = Math.LN2 / (14 * DAY);
  const quality = { ...options.weights, fairness: 0 };
  let qualitySum = 0;
  let requests = 0;

  for (const { s, at } of events) {
    const now = new Date(at);
    const month = Math.floor((at - start.getTime()) / (30 * DAY));
    const eligible = alumni.filter((a) => !asked[s].has(a.alumnusId) && (accepted.get(`${a.alumnusId}:${month}`) ?? 0) < a.monthlyCapacity);
    const top = rankCandidates(students[s], eligible, new Set(), now, options.weights).slice(0, PICK.length);
    if (top.length === 0) continue;
    let r = rand() * PICK.slice(0, top.length).reduce((a, b) => a + b, 0);
    let choice = 0;
    while (choice < top.length - 1 && r >= PICK[choice]) r -= PICK[choice++];
    const alum = top[choice].item;
    qualitySum += scoreCandidate(students[s], alum, now, quality).score;
    requests++;
    asked[s].add(alum.alumnusId);
    received.set(alum.alumnusId, (received.get(alum.alumnusId) ?? 0) + 1);
    // What the database triggers do: decay the load to now and add one.
    alum.recentLoad = alum.recentLoad * Math.exp(-decay * (at - alum.loadAt.getTime())) + 1;
    alum.loadAt = now;
    if (rand() < ACCEPT_RATE) {
      alum.answered++;
      accepted.set(`${alum.alumnusId}:${month}`, (accepted.get(`${alum.alumnusId}:${month}`) ?? 0) + 1);
    } else if (rand() < 0.5) {
      alum.answered++;
    } else {
      alum.unanswered++;
    }
  }

  const counts = [...received.values()].sort((a, b) => b - a);
  const top10 = counts.slice(0, Math.ceil(counts.length / 10)).reduce((a, b) => a + b, 0);
  return {
    requests,
    gini: gini(counts),
    top10Share: requests ? top10 / requests : 0,
    neverAsked: counts.filter((c) => c === 0).length / counts.length,
    maxPerAlum: counts[0] ?? 0,
    meanMatchQuality: requests ? qualitySum / requests : 0,
  };
}

/** With the weights as they are, and with the fairness term switched off. */
export function compareFairness(options: Omit<SimulationOptions, "weights"> = DEFAULT_SIMULATION) {
  return {
    withFairness: simulate({ ...options, weights: MATCH_WEIGHTS }),
    withoutFairness: simulate({ ...options, weights: { ...MATCH_WEIGHTS, fairness: 0 } }),
  };
}

const isMain = typeof require !== "undefined" && require.main === module;
if (isMain) {
  const { withFairness, withoutFairness } = compareFairness();
  const row = (name: string, r: SimulationResult) =>
    `| ${name} | ${r.requests} | ${r.gini.toFixed(3)} | ${(r.top10Share * 100).toFixed(1)}% | ${(r.neverAsked * 100).toFixed(1)}% | ${r.maxPerAlum} | ${r.meanMatchQuality.toFixed(2)} |`;
  console.log(
    [
      `${DEFAULT_SIMULATION.alumni} alumni, ${DEFAULT_SIMULATION.students} students × ${DEFAULT_SIMULATION.requestsPerStudent} requests over ${DEFAULT_SIMULATION.days} days, seed ${DEFAULT_SIMULATION.seed}`,
      "",
      "| fairness term | requests | Gini | top 10% of alumni get | never asked | most to one alum | mean match quality |",
      "| --- | --- | --- | --- | --- | --- | --- |",
      row(`off (0)`, withoutFairness),
      row(`on (${MATCH_WEIGHTS.fairness})`, withFairness),
    ].join("\n"),
  );
}
