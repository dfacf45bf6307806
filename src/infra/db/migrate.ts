import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { secureDatabaseFiles } from "./client.js";
import { engineOf } from "./engine.js";
import { applyPostgresMigrations } from "./pg-migrate.js";

const run = promisify(execFile);
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/**
 * Applies committed migrations with `prisma migrate deploy` (Prisma's JS schema engine, so
 * it works offline). Creates the database file when it does not exist, 0600 in a 0700 folder.
 * PostgreSQL: the committed SQL of prisma/postgres/migrations through our own runner
 * (pg-migrate.ts; `migrate deploy` through @prisma/adapter-pg fails, prisma/orm#27403).
 */
export async function applyMigrations(databaseUrl: string): Promise<void> {
  if (engineOf(databaseUrl) === "postgresql") {
    await applyPostgresMigrations(databaseUrl);
    return;
  }
  secureDatabaseFiles(databaseUrl);
  const cli = path.join(path.dirname(createRequire(import.meta.url).resolve("prisma/package.json")), "build/index.js");
  try {
    await run(process.execPath, [cli, "migrate", "deploy"], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`prisma migrate deploy failed: ${(e.stderr || e.stdout || e.message).trim()}`);
  }
}
