export { t, rich, currentIntl } from "./runtime";
export type { MessageId } from "./catalog";
export { LocaleProvider, useLocale } from "./LocaleProvider";
export { LOCALES, LOCALE_NAMES, isLocale, type Locale } from "./locales";
