# syntax=docker/dockerfile:1
# The API, subscriptions and the built SPA on one port. Two stages: the build stage has every
# dependency and compiles; the runtime stage has production dependencies and the compiled
# output only. Checked statically in CI by .ci/check-container.mjs (no Docker engine there).

# ---- build: compile the server (server/dist, Prisma client and its WASM loader included) and the SPA (web/dist)
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY web/package.json web/
# Dependency install scripts stay off (Prisma's would fetch engines we do not use);
# `npm run build` generates the Prisma client itself.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run build

# ---- runtime: production dependencies, compiled output, migrations; no sources, no dev tools
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=4000 \
    HOST=0.0.0.0 \
    DATA_DIR=/app/.data
WORKDIR /app
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY web/package.json web/
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /app/server/dist server/dist
COPY --from=build /app/web/dist web/dist
COPY prisma/migrations prisma/migrations
COPY scripts scripts
# The code stays root-owned and read-only to the server; only the data folder (local media,
# or the embedded database when DATABASE_URL is unset) is the server's to write.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
VOLUME ["/app/.data"]
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=5s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 (exec form, no npm or sh in between): SIGTERM from `docker stop`
# reaches the server's graceful stop. It spawns no children, so nothing needs reaping.
STOPSIGNAL SIGTERM
CMD ["node", "server/dist/server.js"]
