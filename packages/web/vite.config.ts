import { parse } from "@formatjs/icu-messageformat-parser";
import react from "@vitejs/plugin-react";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

/** The API server (packages/server) listens on 4000 in development; `npm run dev` proxies to it. */
const apiOrigin = process.env.INFOVIEW_API_ORIGIN ?? "http://localhost:4000";

const I18N_DIR = fileURLToPath(new URL("./src/i18n/", import.meta.url));

/** Every message id, numbered: the build ships short ids ("m1f") instead of the long, readable ones. */
function messageIds(): Map<string, string> {
  const keys = new Set<string>();
  for (const file of readdirSync(path.join(I18N_DIR, "en")).filter((f) => f.endsWith(".json")))
    for (const key of Object.keys(JSON.parse(readFileSync(path.join(I18N_DIR, "en", file), "utf8")) as object)) keys.add(key);
  return new Map([...keys].sort().map((key, i) => [key, `m${i.toString(36)}`]));
}

/**
 * The catalogs (src/i18n/en|es/*.json) ship as parsed ICU messages, so the browser needs no message parser: react-intl
 * runs with FormatJS's no-parser build (ADR 0020). A message that does not parse fails the build here. Message ids are
 * shortened in the catalogs and in the code alike (a quoted id in a source file is replaced by its short form).
 */
function precompiledMessages(): Plugin {
  const ids = messageIds();
  // Any quoted dotted name that is a message id, whatever catalog part it comes from (a part added later included).
  const quotedId = /"([A-Za-z][\w-]*(?:\.[\w-]+)+)"/g;
  return {
    name: "infoview-precompiled-messages",
    enforce: "pre",
    transform(code, id) {
      if (/[\\/]src[\\/]i18n[\\/](en|es)[\\/][\w-]+\.json$/.test(id)) {
        const messages = JSON.parse(code) as Record<string, string>;
        const parsed = Object.entries(messages).map(([key, message]) => [ids.get(key) ?? key, parse(message)]);
        return { code: JSON.stringify(Object.fromEntries(parsed)), map: null };
      }
      if (/[\\/]src[\\/].*\.tsx?$/.test(id) && !id.includes("node_modules")) {
        const shortened = code.replace(quotedId, (whole, key: string) => (ids.has(key) ? `"${ids.get(key)}"` : whole));
        return shortened === code ? null : { code: shortened, map: null };
      }
      return null;
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
