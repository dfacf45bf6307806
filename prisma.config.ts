import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// Prisma 6.19 with the JS schema engine: generate, migrate diff/deploy/status run offline
// through WebAssembly. Prisma's native schema-engine binary is never downloaded.
const url = process.env.DATABASE_URL ?? "file:./data/bot.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    // better-sqlite3 creates the file but not its folder.
    const file = url.replace(/^file:/, "");
    if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url });
  },
});
