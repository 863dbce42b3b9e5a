import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** The API server (packages/server) listens on 4000 in development; `npm run dev` proxies to it. */
const apiOrigin = process.env.INFOVIEW_API_ORIGIN ?? "http://localhost:4000";

export default defineConfig({
  plugins: [react()],
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
