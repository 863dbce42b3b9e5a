export { t, rich, currentIntl, translatedLabels } from "./runtime";
export { registerEnglish, type MessageId } from "./catalog";
export { LocaleProvider, useLocale } from "./LocaleProvider";
export { LOCALES, LOCALE_NAMES, isLocale, type Locale } from "./locales";
