import "../thank-you-messages";
import { currentIntl, t } from "../../../i18n";

export interface ThankYouNotes {
  advice?: string | null;
  takeaways?: string | null;
  nextStep?: string | null;
  namesSuggested?: ReadonlyArray<{ name: string }> | null;
}

/** A note as one sentence's tail: spaces and line breaks made single, a full stop added when it has none. */
export function asSentence(text: string | null | undefined): string | null {
  const clean = (text ?? "").replace(/\s+/g, " ").trim();
  if (!clean) return null;
  return /[.!?…)"»]$/.test(clean) ? clean : `${clean}.`;
}

/**
 * The thank-you draft, in the student's language, from their notes: each part of the notes is its own sentence, and a
 * part they left empty is left out (never a sentence with a hole). With no notes at all it still reads as a thank-you.
 */
export function thankYouDraft(alumnusName: string, studentName: string, notes: ThankYouNotes | null): string {
  const advice = asSentence(notes?.advice);
  const takeaways = asSentence(notes?.takeaways);
  const nextStep = asSentence(notes?.nextStep);
  const names = [...new Set((notes?.namesSuggested ?? []).map((n) => n.name.trim()).filter(Boolean))];
  const body = [
    t("thankYou.draft.thanks"),
    advice && t("thankYou.draft.advice", { advice }),
    takeaways && t("thankYou.draft.takeaways", { takeaways }),
    names.length > 0 && t("thankYou.draft.names", { names: currentIntl().formatList(names, { type: "conjunction" }) }),
    nextStep && t("thankYou.draft.nextStep", { nextStep }),
    t("thankYou.draft.closing"),
  ].filter((part): part is string => typeof part === "string" && part !== "");
  return [t("thankYou.draft.greeting", { name: alumnusName }), ...body, `${t("thankYou.draft.signOff")}\n${studentName}`].join("\n\n");
}

/** Whether the notes hold anything the draft can quote. */
export const notesAreEmpty = (notes: ThankYouNotes | null): boolean =>
  !asSentence(notes?.advice) && !asSentence(notes?.takeaways) && !asSentence(notes?.nextStep) && (notes?.namesSuggested ?? []).length === 0;

/** How a thank-you went, in words. */
export function thankYouChannelLabel(channel: "PLATFORM" | "EMAIL" | "CARD" | "LETTER" | "OTHER"): string {
  switch (channel) {
    case "PLATFORM":
      return t("thankYou.channel.PLATFORM");
    case "EMAIL":
      return t("thankYou.channel.EMAIL");
    case "CARD":
      return t("thankYou.channel.CARD");
    case "LETTER":
      return t("thankYou.channel.LETTER");
    default:
      return t("thankYou.channel.OTHER");
  }
}
