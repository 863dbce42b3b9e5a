/** What other modules may use from integrations: they import it from here, never from its files (eslint.config.js). */
export {};
