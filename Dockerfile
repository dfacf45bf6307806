# The bot's image for docker-compose.yml (an example deployment; the tests do not need Docker).
# Stage 1 compiles src/ (and the generated Prisma clients) to dist/ with the dev tools.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
# Generates both Prisma clients (SQLite and the PostgreSQL twin) offline, then tsc → dist/.
RUN npm run build

# Stage 2 runs the compiled JavaScript: runtime dependencies, dist/, and what it reads at run
# time (locales/, prisma/ with the migrations, prisma.config.ts for `prisma migrate deploy`).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# prisma is a runtime dependency (migrations at start); better-sqlite3 takes its prebuilt binary.
RUN npm ci --omit=dev
COPY --from=build /app/dist ./dist
COPY prisma ./prisma
COPY prisma.config.ts ./
COPY locales ./locales
# Read at run time: the guides /huongdan sends (src/infra/renderers/guide.ts).
COPY docs ./docs
USER node
EXPOSE 8080
# SIGTERM stops the webhook server, the scheduler and the sender election cleanly.
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/main.js"]
