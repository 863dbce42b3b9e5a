import en from "./en";
import type { Locale } from "./locales";

/** Every message id: the English catalog is the reference, and the type checker refuses an id it lacks. */
export type MessageId = keyof typeof en;
export type Messages = Record<MessageId, string>;

export const englishMessages: Messages = en;

/** A language's catalog: English ships with the first page; Spanish is downloaded when someone reads it. */
export async function loadMessages(locale: Locale): Promise<Messages> {
  if (locale === "es") return (await import("./es")).default;
  return englishMessages;
}
