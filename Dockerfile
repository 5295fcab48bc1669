# syntax=docker/dockerfile:1
# The bot's production image: compiled JavaScript and production dependencies only, run as an unprivileged
# user. Build: docker build -t alumni-mentoring-slack .   Run: see compose.yaml (MongoDB as a replica set).

ARG NODE_VERSION=20.19

# ---- build: compile the TypeScript ------------------------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# mongodb-memory-server (the embedded MongoDB for trying the bot out) would download a mongod on install;
# an image never uses it (NODE_ENV=production requires MONGODB_URI).
ENV MONGOMS_DISABLE_POSTINSTALL=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY blocks ./blocks
RUN npm run build

# ---- runtime -----------------------------------------------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
# Development tools (tsx, pino-pretty, the embedded MongoDB, the test stack) are devDependencies: left out.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# V8 grows its heap for the garbage of many requests at once and keeps what it grew: with this cap the bot
# peaked at 164 to 168 MB RSS under `npm run bench:http` at 50 requests at once (252 MB without), with no
# slower answers. Set after `npm ci`, which needs more. A program much larger than 2,000 mentors may raise
# it: `-e NODE_OPTIONS=--max-old-space-size=256`.
ENV NODE_OPTIONS=--max-old-space-size=128
# The node image's unprivileged user; the app writes nothing to disk (logs go to stdout).
USER node
EXPOSE 3000
# GET /healthz answers 200 while MongoDB is reachable (HTTP and Socket Mode alike). Slim images have no curl,
# so node asks.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself, not npm or a shell, so `docker stop`'s SIGTERM reaches the bot, which drains its work and exits
# within 10 s (Docker's default grace). As PID 1 it reaps no zombies: run with --init (compose: init: true).
CMD ["node", "dist/src/main.js"]
