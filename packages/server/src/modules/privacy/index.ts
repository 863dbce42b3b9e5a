/** What other modules may use from privacy: they import it from here, never from its files (eslint.config.js). */
export { FORMER_NAMES } from "./privacy.service";
