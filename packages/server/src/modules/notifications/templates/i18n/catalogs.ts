import { enOther } from "./en-other";
import { enRequests } from "./en-requests";
import { esOther } from "./es-other";
import { esRequests } from "./es-requests";

/** Every email message, in English: the keys every language has (es is checked against it, by type and by i18n.test.ts). */
export const EN_MESSAGES = { ...enRequests, ...enOther };
export type MessageKey = keyof typeof EN_MESSAGES;

/** The Spanish catalog: neutral Latin-American Spanish, "tú", the web client's terms (egresado, orientador, solicitud). */
export const ES_MESSAGES: Record<MessageKey, string> = { ...esRequests, ...esOther };

export const EMAIL_MESSAGES: Record<"en" | "es", Record<MessageKey, string>> = { en: EN_MESSAGES, es: ES_MESSAGES };
