/** What other modules may use from matching: they import it from here, never from its files (eslint.config.js). */
export {};
