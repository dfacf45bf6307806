# The bot's image for docker-compose.yml (an example deployment; the tests do not need Docker).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# tsx and prisma are runtime dependencies; better-sqlite3 takes its prebuilt binary.
RUN npm ci --omit=dev
COPY . .
# Both Prisma clients (SQLite and the PostgreSQL twin), generated offline at build time.
RUN npx prisma generate && npx prisma generate --schema prisma/postgres/schema.prisma
USER node
EXPOSE 8080
# SIGTERM stops the webhook server, the scheduler and the sender election cleanly.
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "src/main.ts"]
