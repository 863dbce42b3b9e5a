/** What other modules may use from profiles: they import it from here, never from its files (eslint.config.js). */
export { alumniSearchSql } from "./alumni-search.sql";
export { AlumnusProfile, Modality } from "./alumnus-profile.entity";
export { profileNotShared } from "./profiles.errors";
