/** What other modules may use from consent: they import it from here, never from its files (eslint.config.js). */
export { ConsentKind, ConsentReviewPolicy } from "./consent-kind.enum";
export { activeConsentCondition } from "./consent.service";
export type { ConsentService } from "./consent.service";
