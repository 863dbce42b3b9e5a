import { cityOf, MATCH_RULES, type CandidateSignals, type MatchReasonKind, type ScoreParts, type StudentSignals } from "./scoring";

/**
 * Why an alum is a match, in words that can be checked: every reason that compares the two profiles quotes what
 * matched on both sides (the student's words or values, and the alum's), so a reason never claims more than the
 * profiles say. "Close to your pitch" is only said with the pitch's own words that matched.
 */

export interface ReasonContext {
  fieldName: (id: string) => string;
  industryName: (id: string) => string;
  /** Open slots in the next availabilityDays days, when known. */
  openSlots: number | null;
  /** Set when an advisor suggested this alum. */
  suggestedBy: string | null;
  /** The alum's profile as compared. */
  candidate: Pick<CandidateSignals, "classYear" | "location" | "major" | "industry" | "answered">;
  /** The student's profile as compared; pitchWords maps each pitch keyword (stem) to the word as written (pitchWordsByStem). */
  student: Pick<StudentSignals, "major" | "classYear" | "locations"> & { pitchWords: ReadonlyMap<string, string> };
}

export interface MatchReasonText {
  kind: MatchReasonKind;
  text: string;
  /** What of the student's profile matched, quoted as the student wrote it (empty for reasons about the alum alone). */
  studentTerms: string[];
  /** What of the alum's profile matched, quoted as written there (empty for reasons about the student alone). */
  alumnusTerms: string[];
}

const list = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;

const quoted = (items: string[]): string => list(items.map((i) => `“${i}”`));

const unique = (items: string[]): string[] => [...new Set(items)];

/** The pitch's words behind the matched stems, as the student wrote them; stems the pitch does not hold are dropped. */
function pitchTerms(parts: ScoreParts, pitchWords: ReadonlyMap<string, string>): string[] {
  return unique(parts.keywords.flatMap((k) => k.stems.flatMap((s) => (pitchWords.has(s) ? [pitchWords.get(s) as string] : []))));
}

/** Why this alum is a match, strongest reasons first. Only what the score actually rewarded, quoting what matched. */
export function matchReasons(parts: ScoreParts, ctx: ReasonContext): MatchReasonText[] {
  const reasons: MatchReasonText[] = [];
  const add = (kind: MatchReasonKind, text: string, studentTerms: string[] = [], alumnusTerms: string[] = []) =>
    reasons.push({ kind, text, studentTerms, alumnusTerms });
  const c = ctx.candidate;
  const s = ctx.student;
  if (ctx.suggestedBy !== null) add("SUGGESTED", `Suggested by your advisor ${ctx.suggestedBy}`);
  if (parts.fields.length) {
    const names = parts.fields.map(ctx.fieldName);
    const noun = parts.fields.length === 1 ? "a field you are exploring" : "fields you are exploring";
    add("FIELD", `Works in ${list(names)} — ${noun}`, names, names);
  }
  if (parts.industry && c.industry) {
    const name = ctx.industryName(c.industry);
    add("INDUSTRY", `Works in the ${name} industry — one you are exploring`, [name], [name]);
  }
  const said = pitchTerms(parts, s.pitchWords);
  if (said.length) {
    const phrases = unique(parts.keywords.map((k) => k.phrase));
    add("KEYWORDS", `Your pitch says ${quoted(said)}; their profile says ${quoted(phrases)}`, said, phrases);
  }
  if (parts.major && c.major && s.major) add("MAJOR", `Same major (${c.major.trim()})`, [s.major.trim()], [c.major.trim()]);
  if (parts.location && c.location) {
    const city = cityOf(c.location);
    const yours = s.locations.filter((l) => cityOf(l) === city).map((l) => l.trim());
    if (yours.length) add("LOCATION", `Based in ${c.location.trim()} — you named ${quoted(yours)}`, yours, [c.location.trim()]);
  }
  if (
    c.classYear !== null &&
    s.classYear !== null &&
    parts.classYearCloseness >= 1 - MATCH_RULES.closeClassYears / MATCH_RULES.classYearSpan
  ) {
    add("CLASS_YEAR", `Class of ${c.classYear} — close to your ${s.classYear}`, [String(s.classYear)], [String(c.classYear)]);
  }
  if (ctx.openSlots !== null && ctx.openSlots > 0) {
    const slots = ctx.openSlots === 1 ? "1 open slot" : `${ctx.openSlots} open slots`;
    add("AVAILABILITY", `${slots} in the next ${MATCH_RULES.availabilityDays} days`);
  }
  if (c.answered >= MATCH_RULES.responsiveMinAnswered && parts.responseRate >= MATCH_RULES.responsiveMinRate) {
    add("RESPONSIVE", "Usually answers requests");
  }
  if (parts.firstGeneration) add("FIRST_GENERATION", "Also a first-generation graduate");
  return reasons;
}
