# syntax=docker/dockerfile:1
# Multi-stage: the build stage runs the release recipe (scripts/release.sh, tested by
# test/e2e/release.e2e.test.ts); the runtime stage is that tree, run as a non-root user.
# Pin NODE_IMAGE to a digest for reproducible builds.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
# A compiler for better-sqlite3 in case no prebuilt addon matches this platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN bash scripts/release.sh /app

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
# Owned by root and read-only to the service: it can write only to /data.
COPY --from=build /app ./
RUN mkdir -p /data && chown node:node /data
# SQLite database, .eml mail sink and generated JWT secret (when JWT_SECRET is not set).
VOLUME ["/data"]
USER node
EXPOSE 3000
# Slim images have no curl: Node's fetch asks the readiness endpoint.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Node is PID 1 and handles SIGTERM itself (graceful close): no npm or shell in between.
STOPSIGNAL SIGTERM
CMD ["node", "--max-semi-space-size=8", "--heap-growing-percent=100", "dist/src/main.js"]
