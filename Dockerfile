# syntax=docker/dockerfile:1
# Starhold server image: the game server with the web client, served on one port.
#   docker build -t starhold/server .
# Used by docker-compose.yml; docs/operations.md explains the whole install.
ARG NODE_IMAGE=node:22-bookworm-slim

# --- build: compile the server and bundle the web client -------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# The image needs the web renderer only: no Electron binary, no browser for the e2e tests.
ENV ELECTRON_SKIP_BINARY_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm_config_audit=false npm_config_fund=false
COPY package.json package-lock.json ./
COPY common/package.json common/
COPY server/package.json server/
COPY desktop/package.json desktop/
RUN npm ci
COPY tsconfig.base.json ./
COPY common common
COPY server server
COPY desktop desktop
# Server and shared code to dist/, the renderer to desktop/dist/renderer, then only runtime packages stay.
RUN npx tsc -b common server \
 && cd desktop && npx vite build --logLevel warn && cd .. \
 && npm prune --omit=dev

# --- runtime: what runs, owned by root and read-only to the server's user ---------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    STARHOLD_DATA_DIR=/data \
    STARHOLD_WEB_DIR=/app/web
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/common/package.json common/package.json
COPY --from=build /app/common/dist common/dist
COPY --from=build /app/server/package.json server/package.json
COPY --from=build /app/server/dist server/dist
COPY --from=build /app/desktop/dist/renderer web
# The data folder (JWT secret when not configured, embedded PostgreSQL when no DATABASE_URL, backups).
RUN mkdir -p /data/backups && chown -R node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/v1/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "server/dist/main.js"]
CMD ["serve"]
