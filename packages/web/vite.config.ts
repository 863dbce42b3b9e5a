import { parse } from "@formatjs/icu-messageformat-parser";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/** The API server (packages/server) listens on 4000 in development; `npm run dev` proxies to it. */
const apiOrigin = process.env.INFOVIEW_API_ORIGIN ?? "http://localhost:4000";

/**
 * The catalogs (src/i18n/en|es/*.json) ship as parsed ICU messages, so the browser needs no message parser: react-intl
 * runs with FormatJS's no-parser build (ADR 0020). A message that does not parse fails the build here.
 */
function precompiledMessages(): Plugin {
  return {
    name: "infoview-precompiled-messages",
    enforce: "pre",
    transform(code, id) {
      if (!/[\\/]src[\\/]i18n[\\/](en|es)[\\/][\w-]+\.json$/.test(id)) return null;
      const messages = JSON.parse(code) as Record<string, string>;
      const parsed = Object.fromEntries(Object.entries(messages).map(([key, message]) => [key, parse(message)]));
      return { code: JSON.stringify(parsed), map: null };
    },
  };
}

export default defineConfig({
  plugins: [precompiledMessages(), react()],
  resolve: {
    alias: [{ find: /^@formatjs\/icu-messageformat-parser$/, replacement: "@formatjs/icu-messageformat-parser/no-parser.js" }],
  },
  server: {
    proxy: {
      "/graphql": { target: apiOrigin, ws: true, changeOrigin: true },
      "/healthz": { target: apiOrigin },
      "/readyz": { target: apiOrigin },
    },
  },
  build: {
    target: "es2022",
    sourcemap: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Long-lived vendor chunks stay cached across releases; component libraries split per page.
          groups: [
            {
              name: "react",
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|cookie|set-cookie-parser)[\\/]/,
            },
            { name: "apollo", test: /node_modules[\\/](@apollo|graphql|graphql-ws|rxjs|optimism|@wry|tslib)[\\/]/ },
          ],
        },
      },
    },
  },
});
