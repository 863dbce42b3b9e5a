import { createIntl, createIntlCache, type IntlShape } from "react-intl";
import type { ReactNode } from "react";
import { setDateLocale } from "../lib/time";
import { englishMessages, type MessageId, type Messages } from "./catalog";
import { DEFAULT_LOCALE, type Locale } from "./locales";

/*
 * The messages in force, for code that is not a component (labels, validation messages) and for components alike: the
 * LocaleProvider sets them before the pages render, and re-renders every page when the language changes.
 */

const cache = createIntlCache();

function build(locale: Locale, messages: Messages): IntlShape {
  return createIntl(
    {
      locale,
      messages,
      defaultLocale: DEFAULT_LOCALE,
      onError: (error) => {
        // A missing message falls back to its id; the catalog test keeps that from shipping. Anything else is a bug worth seeing.
        if (error.code !== "MISSING_TRANSLATION") console.warn(error.message);
      },
    },
    cache,
  );
}

let intl = build(DEFAULT_LOCALE, englishMessages);

export function setMessages(locale: Locale, messages: Messages): void {
  if (intl.locale === locale && intl.messages === messages) return;
  intl = build(locale, messages);
  setDateLocale(locale);
}

export function currentIntl(): IntlShape {
  return intl;
}

export type PlainValues = Record<string, string | number | null | undefined>;
export type RichValues = Record<string, ReactNode | ((chunks: ReactNode[]) => ReactNode)>;

/** A message as text, with ICU plurals and selects filled from the values. */
export function t(id: MessageId, values?: PlainValues): string {
  return intl.formatMessage({ id }, values as Record<string, string | number>) as string;
}

/** A message with elements in it: `<link>…</link>` in the message becomes what values.link returns. */
export function rich(id: MessageId, values: RichValues): ReactNode {
  return intl.formatMessage({ id }, values as never) as ReactNode;
}

/**
 * A label map whose values are read in the current language each time: `STATE_LABELS[state]` keeps working where it is
 * used, and follows a change of language (the values are getters over message ids).
 */
export function translatedLabels<K extends string>(ids: Record<K, MessageId>): Record<K, string> {
  const labels = {} as Record<K, string>;
  for (const key of Object.keys(ids) as K[]) Object.defineProperty(labels, key, { get: () => t(ids[key]), enumerable: true });
  return labels;
}
