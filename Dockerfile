# syntax=docker/dockerfile:1
# Infoview: one image, one process, one port — the GraphQL API, background jobs and the built web client.
#   docker build -t infoview .
#   docker run -p 4000:4000 -e DATABASE_URL=… -e JWT_SECRET=… infoview

ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: install everything, compile server and web client, then drop dev dependencies
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=true \
    npm_config_fund=false \
    npm_config_audit=false \
    npm_config_update_notifier=false
# The lock file and the allowScripts field in package.json are written by npm 11.
RUN npm install -g npm@11

COPY package.json package-lock.json .npmrc ./
COPY packages/server/package.json packages/server/
COPY packages/web/package.json packages/web/
# npm ci refuses a lock file written where some optional platform builds could not be fetched
# ("Missing: …"); then install from the same lock file and fail if npm would change it.
RUN npm ci || { \
      echo "npm ci refused the lock file; installing from it with npm install" >&2; \
      cp package-lock.json /tmp/package-lock.json && rm -rf node_modules packages/*/node_modules && \
      npm install && cmp package-lock.json /tmp/package-lock.json; \
    }

COPY tsconfig.json ./
COPY packages/server packages/server
COPY packages/web packages/web
RUN npm run build

# Keep only what runs: production dependencies, the compiled server and the built web client.
RUN npm prune --omit=dev \
 && mkdir -p /out/packages/server /out/packages/web \
 && cp -a package.json node_modules /out/ \
 && cp -a packages/server/package.json packages/server/dist /out/packages/server/ \
 && if [ -d packages/server/node_modules ]; then cp -a packages/server/node_modules /out/packages/server/; fi \
 && cp -a packages/web/package.json packages/web/dist /out/packages/web/ \
 && if [ -d packages/web/node_modules ]; then cp -a packages/web/node_modules /out/packages/web/; fi

# ---- runtime
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=4000 \
    DATA_DIR=/app/.data \
    SEED_DEMO=false
# One server process per container: the orchestrator scales replicas, and a container's CPU limit is not what
# os.availableParallelism() sees (npm start elsewhere runs one per core, ADR 0026).
ENV INFOVIEW_PROCESSES=1
WORKDIR /app
COPY --from=build --chown=root:root /out/ ./
# The only writable place: emails written to disk when SMTP_URL is unset.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "packages/server/dist/main.js"]
