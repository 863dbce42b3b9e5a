import { IntlMessageFormat } from "intl-messageformat";
import { EMAIL_MESSAGES, type MessageKey } from "./catalogs";

/**
 * The languages emails are written in (the web client's, ADR 0033). A person's language is `identities.locale`, else
 * their institution's `default_locale`, else English: resolved in SQL by `emailLocaleSql` where recipients are read.
 */
export const EMAIL_LOCALES = ["en", "es"] as const;
export type EmailLocale = (typeof EMAIL_LOCALES)[number];
export const DEFAULT_EMAIL_LOCALE: EmailLocale = "en";

export const isEmailLocale = (value: unknown): value is EmailLocale => value === "en" || value === "es";
/** Anything read from the database or an argument, as a language emails are written in (English when unknown). */
export const emailLocale = (value: unknown): EmailLocale => (isEmailLocale(value) ? value : DEFAULT_EMAIL_LOCALE);

/** The SQL expression for a recipient's language: the identity's choice, else the institution's default, else English. */
export const emailLocaleSql = (identity: string, institution: string): string =>
  `coalesce(${identity}.locale, ${institution}.default_locale, 'en')`;

/** Dates and times follow each language's own conventions: Latin-American Spanish for `es`. */
const INTL_LOCALE: Record<EmailLocale, string> = { en: "en-US", es: "es-419" };

export type MessageValues = Record<string, string | number>;

const compiled = new Map<string, IntlMessageFormat>();

/** One language's words and formats: every email's text goes through one of these. */
export interface Words {
  locale: EmailLocale;
  /** A message of the catalog, its placeholders filled in (ICU MessageFormat: plurals and selects included). */
  t(key: MessageKey, values?: MessageValues): string;
  /** A moment in `timeZone`: "Tue, Mar 3, 2026, 10:00 AM EST" / "mar, 3 mar 2026, 10:00 a.m. EST". */
  time(date: Date, timeZone: string): string;
  /** The same, followed by the zone's name: "… EST (America/New_York)". */
  zonedTime(date: Date, timeZone: string): string;
  /** A day in `timeZone`: "Tuesday, March 3" / "martes, 3 de marzo". */
  day(date: Date, timeZone: string): string;
  /** A calendar date in UTC: "March 3, 2026" / "3 de marzo de 2026". */
  date(date: Date): string;
  /** "a, b and c" / "a, b y c". */
  list(items: string[]): string;
}

const cache = new Map<EmailLocale, Words>();

export function wordsFor(locale: EmailLocale): Words {
  const known = cache.get(locale);
  if (known) return known;
  const intl = INTL_LOCALE[locale];
  const timeFormat = new Map<string, Intl.DateTimeFormat>();
  const dayFormat = new Map<string, Intl.DateTimeFormat>();
  const dateFormat = new Intl.DateTimeFormat(intl, { timeZone: "UTC", year: "numeric", month: "long", day: "numeric" });
  const listFormat = new Intl.ListFormat(intl, { style: "long", type: "conjunction" });
  const words: Words = {
    locale,
    t: (key, values) => format(locale, key, values),
    time: (date, timeZone) => formatter(timeFormat, timeZone, () => ({ ...TIME_OPTIONS, timeZone }), intl).format(date),
    zonedTime: (date, timeZone) => `${words.time(date, timeZone)} (${timeZone})`,
    day: (date, timeZone) =>
      formatter(dayFormat, timeZone, () => ({ timeZone, weekday: "long", month: "long", day: "numeric" }), intl).format(date),
    date: (date) => dateFormat.format(date),
    list: (items) => listFormat.format(items),
  };
  cache.set(locale, words);
  return words;
}

const TIME_OPTIONS: Intl.DateTimeFormatOptions = {
  weekday: "short",
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
};

function formatter(
  memo: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  options: () => Intl.DateTimeFormatOptions,
  intl: string,
): Intl.DateTimeFormat {
  let f = memo.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat(intl, options());
    memo.set(timeZone, f);
  }
  return f;
}

function format(locale: EmailLocale, key: MessageKey, values: MessageValues = {}): string {
  const id = `${locale}|${key}`;
  let message = compiled.get(id);
  if (!message) {
    const source = EMAIL_MESSAGES[locale][key];
    if (source === undefined) throw new Error(`Email message "${key}" is missing in ${locale}`);
    message = new IntlMessageFormat(source, locale);
    compiled.set(id, message);
  }
  const out = message.format(values);
  if (typeof out !== "string") throw new Error(`Email message "${key}" did not format to text`);
  return out;
}
