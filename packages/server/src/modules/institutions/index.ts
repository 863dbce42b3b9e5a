/** What other modules may use from institutions: they import it from here, never from its files (eslint.config.js). */
export { unknownTaxonomyIds } from "./institutions.service";
