/** What other modules may use from notifications: they import it from here, never from its files (eslint.config.js). */
export { errorText } from "./outbox-delivery";
export { importTopic } from "./people-import.topics";
export type { ImportProgressEvent } from "./people-import.topics";
export type { PgListener } from "./pg-listener";
export { eventBus } from "./pubsub";
export type { EventBus } from "./pubsub";
export type { RequestFacts } from "./request-facts";
export { LinkSigner, tokenHash, type LinkClaims } from "./signed-links";
export { emailHtml, emailText, escapeHtml, renderEmail, type EmailDraft, type RenderedEmail } from "./templates/email-layout";
export { accountLinkEmail, invitationEmail, type AccountEmailPurpose } from "./templates/account-emails";
export { emailLocale, emailLocaleSql, EMAIL_LOCALES, wordsFor, type EmailLocale } from "./templates/i18n/words";
export { inviteWording } from "./templates/invite-words";
export { preferencesOfMembers } from "./preferences.service";
export { kindOfTopic } from "./notification-kinds";
