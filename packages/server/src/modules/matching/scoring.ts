/**
 * How alumni are ranked for a student: every weight and rule in one place (MATCH_WEIGHTS, MATCH_RULES),
 * the score in TypeScript (scoreCandidate), the same score minus keywords as SQL for choosing candidates
 * (candidateScoreSql); the reasons in plain words are in match-reasons.ts. docs/matching.md explains it.
 */

/** Points per signal. A match's score is the sum of weight × signal strength (each strength 0…1, or a count). */
export const MATCH_WEIGHTS = {
  /** Per career field the alum works in that the student explores (at most MATCH_RULES.maxFieldMatches count). */
  field: 3,
  /** The alum's industry is one the student explores. */
  industry: 2,
  /** Per keyword of the student's pitch found in the alum's topics or job title (at most maxKeywordMatches). */
  keyword: 0.75,
  /** Same major. */
  major: 1.5,
  /** The alum works in a place the student would like to live or work. */
  location: 1,
  /** × closeness of class years: 1 for the same year, falling to 0 at classYearSpan years apart. */
  classYear: 1,
  /** The alum publishes weekly availability (a cheap stand-in for open slots in the next 14 days). */
  availability: 1.5,
  /** × the alum's smoothed answer rate, (answered + 1) / (answered + expired + 2). */
  responsiveness: 1.5,
  /** Both the student and the alum say they are first-generation. */
  firstGeneration: 0.75,
  /** Subtracted × recent requests per unit of monthly capacity (capped at maxLoadRatio): spreads requests around. */
  fairness: 2,
} as const;

/** The shape of MATCH_WEIGHTS, for the fairness simulation's what-ifs. */
export type MatchWeights = { readonly [K in keyof typeof MATCH_WEIGHTS]: number };

export const MATCH_RULES = {
  maxFieldMatches: 2,
  maxKeywordMatches: 3,
  /** Only the student's first few explored fields are scored, so the query stays one size. */
  maxStudentFields: 5,
  classYearSpan: 15,
  /** "Close to your class year" is said up to this many years apart. */
  closeClassYears: 6,
  maxLoadRatio: 3,
  /** The recent-load counter halves every 14 days (the Matching migration's triggers use the same half-life). */
  loadHalfLifeDays: 14,
  /** An alum who declined this student is not offered to them again for this long. */
  declineCooldownDays: 90,
  /** Nor is one who let this student's request expire. */
  expiryCooldownDays: 30,
  /** How many candidates the SQL query hands to the final scoring; also the most matches a student can page through. */
  candidateLimit: 100,
  /** Open slots are counted over this many days. */
  availabilityDays: 14,
  /** "Usually answers" needs this many answered requests and this answer rate. */
  responsiveMinAnswered: 3,
  responsiveMinRate: 0.75,
} as const;

export type MatchReasonKind =
  | "SUGGESTED"
  | "FIELD"
  | "INDUSTRY"
  | "KEYWORDS"
  | "MAJOR"
  | "LOCATION"
  | "CLASS_YEAR"
  | "AVAILABILITY"
  | "RESPONSIVE"
  | "FIRST_GENERATION";

export const MATCH_REASON_KINDS: readonly MatchReasonKind[] = [
  "SUGGESTED",
  "FIELD",
  "INDUSTRY",
  "KEYWORDS",
  "MAJOR",
  "LOCATION",
  "CLASS_YEAR",
  "AVAILABILITY",
  "RESPONSIVE",
  "FIRST_GENERATION",
];

export interface StudentSignals {
  fields: string[];
  industries: string[];
  major: string | null;
  classYear: number | null;
  locations: string[];
  firstGeneration: boolean;
  /** Words of the pitch, see pitchKeywords. */
  keywords: string[];
}

export interface CandidateSignals {
  alumnusId: string;
  fields: string[];
  industry: string | null;
  major: string | null;
  location: string | null;
  classYear: number | null;
  title: string | null;
  topics: string[];
  firstGeneration: boolean;
  monthlyCapacity: number;
  weeklyWindows: number;
  answered: number;
  unanswered: number;
  /** The decaying request counter as stored, and when it was last brought up to date. */
  recentLoad: number;
  loadAt: Date;
}

export interface ScoreParts {
  fields: string[];
  industry: boolean;
  /** The alum's phrases that share a word with the pitch, and the words (stems) they share. */
  keywords: KeywordMatch[];
  major: boolean;
  location: boolean;
  classYearCloseness: number;
  availability: boolean;
  responseRate: number;
  firstGeneration: boolean;
  loadRatio: number;
}

export interface Scored {
  score: number;
  parts: ScoreParts;
}

const normal = (text: string | null | undefined): string | null => {
  const t = text?.trim().toLowerCase();
  return t ? t : null;
};

/** The city part of "Chicago, IL", lower-cased: what locations are compared by. */
export const cityOf = (location: string | null | undefined): string | null => normal(location?.split(",")[0]);

const STOP_WORDS = new Set(
  "about after also and are because been being between both but can could did does doing each from further have having here how into just like more most much only other over same should some such than that the their them then there these they this those through very want what when where which while who whom why will with would your yours year years student students really hope learn people work working know known".split(
    " ",
  ),
);

/** Crude stemming so "interviews" meets "interviewing": lower case, then common endings dropped. */
export function stem(word: string): string {
  const w = word.toLowerCase();
  for (const ending of ["ing", "ies", "es", "s", "ed"]) {
    if (w.length - ending.length >= 4 && w.endsWith(ending)) return w.slice(0, -ending.length);
  }
  return w;
}

const words = (text: string): string[] => text.toLowerCase().match(/[a-z][a-z+#-]{2,}/g) ?? [];

/** The pitch's meaningful words, stemmed, without repeats. */
export function pitchKeywords(pitch: string): string[] {
  return [
    ...new Set(
      words(pitch)
        .filter((w) => w.length >= 4 && !STOP_WORDS.has(w))
        .map(stem),
    ),
  ];
}

/** The pitch's meaningful words as the student wrote them, by stem (the first spelling of each): what a reason quotes. */
export function pitchWordsByStem(pitch: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const written of pitch.match(/[A-Za-z][A-Za-z+#-]{2,}/g) ?? []) {
    const w = written.toLowerCase();
    if (w.length < 4 || STOP_WORDS.has(w)) continue;
    const s = stem(w);
    if (!found.has(s)) found.set(s, written);
  }
  return found;
}

/** One of the alum's topics (or their job title) and the stemmed pitch keywords it shares. */
export interface KeywordMatch {
  phrase: string;
  stems: string[];
}

/** The alum's topics (and job title) that share a stemmed word with the student's keywords, with the stems shared. */
export function keywordMatches(keywords: string[], candidate: Pick<CandidateSignals, "topics" | "title">): KeywordMatch[] {
  if (keywords.length === 0) return [];
  const wanted = new Set(keywords);
  const phrases = [...candidate.topics, ...(candidate.title ? [candidate.title] : [])];
  return phrases.flatMap((phrase) => {
    const stems = [
      ...new Set(
        words(phrase)
          .filter((w) => !STOP_WORDS.has(w))
          .map(stem),
      ),
    ].filter((s) => wanted.has(s));
    return stems.length ? [{ phrase, stems }] : [];
  });
}

/** The alum's topics (and job title) that share a stemmed word with the student's keywords. */
export function matchingTopics(keywords: string[], candidate: Pick<CandidateSignals, "topics" | "title">): string[] {
  return keywordMatches(keywords, candidate).map((m) => m.phrase);
}

const DECAY_PER_MS = Math.LN2 / (MATCH_RULES.loadHalfLifeDays * 86_400_000);

/** Requests received recently (decayed) per unit of monthly capacity, capped. */
export function loadRatio(candidate: Pick<CandidateSignals, "recentLoad" | "loadAt" | "monthlyCapacity">, now: Date): number {
  const elapsed = Math.max(0, now.getTime() - candidate.loadAt.getTime());
  const load = candidate.recentLoad * Math.exp(-DECAY_PER_MS * elapsed);
  return Math.min(MATCH_RULES.maxLoadRatio, load / Math.max(1, candidate.monthlyCapacity));
}

export const responseRate = (c: Pick<CandidateSignals, "answered" | "unanswered">): number =>
  (c.answered + 1) / (c.answered + c.unanswered + 2);

/** The full score of one candidate for one student. Pure: the unit tests pin rankings with it. */
export function scoreCandidate(
  student: StudentSignals,
  candidate: CandidateSignals,
  now: Date,
  weights: MatchWeights = MATCH_WEIGHTS,
): Scored {
  const W = weights;
  const studentFields = student.fields.slice(0, MATCH_RULES.maxStudentFields);
  const fields = studentFields.filter((f) => candidate.fields.includes(f));
  const industry = candidate.industry !== null && student.industries.includes(candidate.industry);
  const keywords = keywordMatches(student.keywords, candidate).slice(0, MATCH_RULES.maxKeywordMatches);
  const major = normal(candidate.major) !== null && normal(candidate.major) === normal(student.major);
  const city = cityOf(candidate.location);
  const location = city !== null && student.locations.some((l) => cityOf(l) === city);
  const classYearCloseness =
    student.classYear !== null && candidate.classYear !== null
      ? Math.max(0, 1 - Math.abs(student.classYear - candidate.classYear) / MATCH_RULES.classYearSpan)
      : 0;
  const availability = candidate.weeklyWindows > 0;
  const rate = responseRate(candidate);
  const firstGeneration = student.firstGeneration && candidate.firstGeneration;
  const ratio = loadRatio(candidate, now);
  const score =
    W.field * Math.min(MATCH_RULES.maxFieldMatches, fields.length) +
    W.industry * +industry +
    W.keyword * keywords.length +
    W.major * +major +
    W.location * +location +
    W.classYear * classYearCloseness +
    W.availability * +availability +
    W.responsiveness * rate +
    W.firstGeneration * +firstGeneration -
    W.fairness * ratio;
  return {
    score,
    parts: {
      fields,
      industry,
      keywords,
      major,
      location,
      classYearCloseness,
      availability,
      responseRate: rate,
      firstGeneration,
      loadRatio: ratio,
    },
  };
}

/** Placeholders for SQL parameters: give a value, get "$n" back. */
export type SqlParam = (value: unknown) => string;

/**
 * The same score as scoreCandidate without the keyword term, as a SQL expression over `p` (alumni_profiles)
 * and `s` (alumnus_match_stats, LEFT JOINed), so the database can pick the top candidates in one query.
 */
export function candidateScoreSql(student: StudentSignals, now: Date, param: SqlParam): string {
  const W = MATCH_WEIGHTS;
  const R = MATCH_RULES;
  const num = (n: number) => {
    if (!Number.isFinite(n)) throw new Error(`not a number: ${n}`);
    return `${n}::float8`;
  };
  const fields = student.fields.slice(0, R.maxStudentFields);
  const fieldCount = fields.length ? fields.map((f) => `(p.fields @> ARRAY[${param(f)}::text])::int`).join(" + ") : "0";
  const major = normal(student.major);
  const cities = [...new Set(student.locations.map(cityOf).filter((c): c is string => c !== null))];
  const classYear =
    student.classYear === null
      ? "0"
      : `coalesce(greatest(0, 1 - abs(p.class_year - ${param(student.classYear)}::int)::float8 / ${num(R.classYearSpan)}), 0)`;
  const decay = num(Math.LN2 / (R.loadHalfLifeDays * 86_400));
  const nowSql = `${param(now.toISOString())}::timestamptz`;
  return `(
      ${num(W.field)} * least(${R.maxFieldMatches}, ${fieldCount})
    + ${num(W.industry)} * coalesce(p.industry = ANY(${param(student.industries)}::text[]), false)::int
    + ${num(W.major)} * ${major === null ? "0" : `coalesce(lower(trim(p.major)) = ${param(major)}::text, false)::int`}
    + ${num(W.location)} * coalesce(lower(trim(split_part(p.location, ',', 1))) = ANY(${param(cities)}::text[]), false)::int
    + ${num(W.classYear)} * ${classYear}
    + ${num(W.availability)} * (coalesce(s.weekly_windows, 0) > 0)::int
    + ${num(W.responsiveness)} * (coalesce(s.answered, 0) + 1)::float8 / (coalesce(s.answered, 0) + coalesce(s.unanswered, 0) + 2)
    + ${num(W.firstGeneration)} * ${student.firstGeneration ? "p.first_generation::int" : "0"}
    - ${num(W.fairness)} * least(${num(R.maxLoadRatio)},
        coalesce(s.recent_load * exp(-${decay} * greatest(0, extract(epoch FROM ${nowSql} - s.load_at))), 0) / greatest(1, p.monthly_capacity))
  )`;
}

export interface Ranked<T> {
  item: T;
  score: number;
  parts: ScoreParts;
  suggested: boolean;
}

/**
 * Candidates in the order a student sees them: advisor suggestions first (newest suggestion first is the
 * caller's order), then by score, ties broken by id so the order is stable between pages.
 */
export function rankCandidates<T extends CandidateSignals>(
  student: StudentSignals,
  candidates: T[],
  suggestedIds: ReadonlySet<string>,
  now: Date,
  weights: MatchWeights = MATCH_WEIGHTS,
): Array<Ranked<T>> {
  return candidates
    .map((item) => ({ item, ...scoreCandidate(student, item, now, weights), suggested: suggestedIds.has(item.alumnusId) }))
    .sort(
      (a, b) =>
        +b.suggested - +a.suggested ||
        b.score - a.score ||
        (a.item.alumnusId < b.item.alumnusId ? -1 : a.item.alumnusId > b.item.alumnusId ? 1 : 0),
    );
}
