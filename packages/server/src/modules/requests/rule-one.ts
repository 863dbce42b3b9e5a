import {
  RULE_ONE_CLAUSE_BREAK,
  RULE_ONE_FALSE_NEGATIONS,
  ruleOneGuidance,
  RULE_ONE_NEGATION,
  RULE_ONE_NEGATION_AFTER,
  RULE_ONE_NEGATION_WORDS,
  RULE_ONE_PATTERNS,
  type RuleOneCategory,
  type RuleOnePattern,
} from "./rule-one.phrases";

export type { RuleOneCategory } from "./rule-one.phrases";

export interface RuleOneMatch {
  /** The matched words exactly as written: `text.slice(start, end) === phrase`. */
  phrase: string;
  category: RuleOneCategory;
  /** UTF-16 offsets into the text given to checkRuleOne, end exclusive. */
  start: number;
  end: number;
  /** The phrase with a little context around it, on one line, for showing to the student. */
  excerpt: string;
}

export interface RuleOneResult {
  flagged: boolean;
  /** In the order they appear in the text; never overlapping. */
  matches: RuleOneMatch[];
  /** Plain-words advice, one line per distinct problem, in the order the problems appear. */
  guidance: string[];
}

/** How many characters of context an excerpt keeps on each side of the phrase. */
export const EXCERPT_CONTEXT = 30;

/** Normalised text plus, for every character of it, where it came from in the original. */
export interface NormalisedText {
  text: string;
  /** For each UTF-16 unit of `text`: the original offset of the code point that produced it. */
  starts: number[];
  /** Original offset just past that code point. */
  ends: number[];
}

const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u00b4`]/;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/;
const DASHES = /[\u2010-\u2015\u2212]/;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/;

function normaliseChar(ch: string): string {
  if (/\s/.test(ch)) return " ";
  if (INVISIBLE.test(ch)) return "";
  if (SINGLE_QUOTES.test(ch)) return "'";
  if (DOUBLE_QUOTES.test(ch)) return '"';
  if (DASHES.test(ch)) return "-";
  if (ch === "\u2026") return "...";
  return ch.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
}

/** Lower case, straight quotes, plain hyphens, no accents, single spaces; positions kept. */
export function normaliseForRuleOne(original: string): NormalisedText {
  const out: NormalisedText = { text: "", starts: [], ends: [] };
  let offset = 0;
  for (const ch of original) {
    const mapped = normaliseChar(ch);
    // A dropped accent or invisible character belongs to the character before it.
    if (mapped === "" && out.ends.length > 0) out.ends[out.ends.length - 1] = offset + ch.length;
    for (const c of mapped) {
      if (c === " " && (out.text === "" || out.text.endsWith(" "))) continue;
      out.text += c;
      // One entry per UTF-16 unit, so regex indexes into out.text can be looked up directly.
      for (let unit = 0; unit < c.length; unit++) {
        out.starts.push(offset);
        out.ends.push(offset + ch.length);
      }
    }
    offset += ch.length;
  }
  return out;
}

/** The clause that ends at `at`: the text since the last comma, full stop, "but", "and", ... */
function clauseBefore(text: string, at: number): string {
  const before = text.slice(0, at);
  let from = 0;
  for (const m of before.matchAll(RULE_ONE_CLAUSE_BREAK)) from = m.index + m[0].length;
  return before.slice(from);
}

function clauseAfter(text: string, at: number): string {
  const after = text.slice(at);
  const br = new RegExp(RULE_ONE_CLAUSE_BREAK.source).exec(after);
  return br ? after.slice(0, br.index) : after;
}

/** "I'm not asking for a job", "asking for a job is not why I'm writing". */
function isNegated(text: string, start: number, end: number): boolean {
  const words = clauseBefore(text, start).replace(RULE_ONE_FALSE_NEGATIONS, " ").trim().split(" ");
  const window = words.slice(-RULE_ONE_NEGATION_WORDS).join(" ");
  return RULE_ONE_NEGATION.test(window) || RULE_ONE_NEGATION_AFTER.test(clauseAfter(text, end));
}

interface Candidate {
  pattern: RuleOnePattern;
  start: number;
  end: number;
}

function candidates(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const pattern of RULE_ONE_PATTERNS) {
    for (const m of text.matchAll(new RegExp(pattern.pattern.source, "g"))) {
      const start = m.index;
      const end = start + m[0].trimEnd().length;
      if (end === start) continue;
      if (pattern.unlessBefore?.test(clauseBefore(text, start))) continue;
      if (isNegated(text, start, end)) continue;
      found.push({ pattern, start, end });
    }
  }
  return found;
}

/** Keeps the earliest-listed pattern where matches overlap, then orders by position. */
function withoutOverlaps(found: Candidate[]): Candidate[] {
  const kept: Candidate[] = [];
  for (const c of found) {
    if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** The phrase with up to EXCERPT_CONTEXT characters each side, cut at spaces, on one line. */
export function excerptAround(original: string, start: number, end: number): string {
  let from = Math.max(0, start - EXCERPT_CONTEXT);
  let to = Math.min(original.length, end + EXCERPT_CONTEXT);
  if (from > 0) {
    const space = original.slice(from, start).search(/\s/);
    from = space === -1 ? start : from + space + 1;
  }
  if (to < original.length) {
    const tail = original.slice(end, to);
    const space = tail.search(/\s\S*$/);
    to = space === -1 ? end : end + space;
  }
  const body = original.slice(from, to).replace(/\s+/g, " ").trim();
  return `${from > 0 ? "…" : ""}${body}${to < original.length ? "…" : ""}`;
}

/**
 * Rule #1: "Do not ask for a job". Finds the places where a request message asks for a job, an
 * internship, a referral for a position, to have a resume passed along, or to be hired or
 * considered, and says in plain words how to ask for information instead.
 */
/** `field`: the alum's field, named by the suggested rewordings ("your field" when unknown). */
export function checkRuleOne(text: string, field?: string): RuleOneResult {
  const norm = normaliseForRuleOne(text);
  const kept = withoutOverlaps(candidates(norm.text));
  const matches = kept.map((c): RuleOneMatch => {
    const start = norm.starts[c.start];
    const end = norm.ends[c.end - 1];
    return { phrase: text.slice(start, end), category: c.pattern.category, start, end, excerpt: excerptAround(text, start, end) };
  });
  const byCategory = ruleOneGuidance(field);
  const guidance = [...new Set(kept.map((c) => c.pattern.guidance ?? byCategory[c.pattern.category]))];
  return { flagged: matches.length > 0, matches, guidance };
}
