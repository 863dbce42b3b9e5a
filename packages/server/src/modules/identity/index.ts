/** What other modules may use from identity: they import it from here, never from its files (eslint.config.js). */
export {};
