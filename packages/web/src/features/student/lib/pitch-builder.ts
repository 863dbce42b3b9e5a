import "../pitch-builder-messages";
import { t } from "../../../i18n";

/** The four parts of the career center's elevator pitch, as the student wrote them in the helper. */
export interface PitchParts {
  background: string;
  experience: string;
  learn: string;
  curious: string;
}

export const EMPTY_PITCH_PARTS: PitchParts = { background: "", experience: "", learn: "", curious: "" };

// A part written as a whole sentence of its own ("I study biology", "Estudio biología") is kept as it is, not put
// after "I'm …" (which would read "I'm I study biology").
const FIRST_PERSON = /^(i|i'm|i’m|i've|i’ve|i'd|i’d|i'll|my|yo|soy|estoy|estudio|tengo|he|mi|mis|quiero|quisiera|me)(\s|$)/i;
// Small words that start a fragment and are capitalised only because they came first: lower-cased inside a sentence.
// Anything else (a name, "Northfield", "UX") keeps its capital.
const FUNCTION_WORDS =
  /^(a|an|the|how|what|why|which|who|where|when|working|some|un|una|unos|unas|el|la|los|las|cómo|qué|por|cuál|cuáles|dónde|algunas|algunos)$/;

/** A part as the student wrote it: spaces and line breaks made single, without the end punctuation a template adds. */
export function cleanPart(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\s.,;:!?…]+$/u, "");
}

function asFragment(clean: string): string {
  const first = clean.split(" ")[0]!;
  return FUNCTION_WORDS.test(first.toLowerCase()) && first[0] !== first[0]!.toLowerCase()
    ? clean[0]!.toLowerCase() + clean.slice(1)
    : clean;
}

function ownSentence(text: string): string {
  const clean = text.replace(/\s+/g, " ").trim();
  const capital = clean[0]!.toUpperCase() + clean.slice(1);
  return /[.!?…]$/u.test(capital) ? capital : `${capital}.`;
}

function sentence(raw: string, template: (fragment: string) => string): string | null {
  const clean = cleanPart(raw);
  if (!clean) return null;
  return FIRST_PERSON.test(clean) ? ownSentence(raw) : template(asFragment(clean));
}

/**
 * The pitch the four parts make, in the student's language: each part filled in is one sentence (in the guides'
 * order: background, related experience, what they want to learn, where they are curious to look), a part left
 * empty is left out — never a sentence with a hole — and a closing line asks for perspective and advice, never a
 * job. With nothing filled in the pitch is empty.
 */
export function composePitch(parts: PitchParts): string {
  const sentences = [
    sentence(parts.background, (background) => t("pitchBuilder.compose.background", { background })),
    sentence(parts.experience, (experience) => t("pitchBuilder.compose.experience", { experience })),
    sentence(parts.learn, (learn) => t("pitchBuilder.compose.learn", { learn })),
    sentence(parts.curious, (curious) => t("pitchBuilder.compose.curious", { curious })),
  ].filter((s): s is string => s !== null);
  if (sentences.length === 0) return "";
  return [...sentences, t("pitchBuilder.compose.closing")].join(" ");
}
