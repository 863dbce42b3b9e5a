import en from "./en";
import type { FeatureMessages } from "./en/features";
import type { Locale } from "./locales";

/**
 * Every message id: the English catalog is the reference, and the type checker refuses an id it lacks. The shared parts
 * (app, ui, home, auth, identity) ship with the first page; each role area's English part arrives with that area's code
 * (registerEnglish, called by its layout), so a student never downloads the admin pages' words.
 */
export type MessageId = keyof typeof en | keyof FeatureMessages;
export type Messages = Record<MessageId, string>;

export const englishMessages = en as Messages;

/** Adds a role area's English messages (from its layout module, before its pages render). */
export function registerEnglish(part: Partial<Messages>): void {
  Object.assign(englishMessages, part);
}

/** A language's catalog: English ships with the first page; Spanish is downloaded, whole, when someone reads it. */
export async function loadMessages(locale: Locale): Promise<Messages> {
  if (locale === "es") return (await import("./es")).default;
  return englishMessages;
}
