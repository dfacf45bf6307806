/**
 * The PostgreSQL migration runner. `prisma migrate deploy` through @prisma/adapter-pg fails on
 * PostgreSQL with Prisma 6.19 ("Column type 'name' could not be deserialized", prisma/orm#27403),
 * so the PostgreSQL migrations are committed SQL (prisma/postgres/migrations/NNNN_name.sql,
 * written by `npm run pg:schema`) and applied here over `pg`:
 *
 * - in file-name order, each in its own transaction together with its row in "_tusoi_migrations"
 *   (a migration that fails leaves nothing behind, and start-up stops with its name);
 * - under a session advisory lock, so instances starting together apply each migration once:
 *   the second waits for the first, then finds everything applied;
 * - an applied migration whose file changed afterwards stops start-up (its checksum is kept):
 *   a committed migration is never edited, a change is a new file.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { describePostgres } from "./engine.js";

export const PG_MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../prisma/postgres/migrations");

/** The advisory lock's key: any constant the rest of the app does not use ("tusoi" + 1). */
export const MIGRATION_LOCK_KEY = 7_546_130_001;

export interface Migration {
  name: string;
  sql: string;
}

export function loadMigrations(dir = PG_MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_\w+\.sql$/.test(f))
    .sort()
    .map((f) => ({ name: f.replace(/\.sql$/, ""), sql: readFileSync(path.join(dir, f), "utf8") }));
}

const checksum = (sql: string) => createHash("sha256").update(sql).digest("hex");

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

/** Applies the pending migrations of `migrations` (default: the committed ones) to `url`. */
export async function applyPostgresMigrations(url: string, migrations: Migration[] = loadMigrations()): Promise<MigrationReport> {
  const client = new pg.Client({ connectionString: url, application_name: "tusoi-migrate", connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Cannot reach the PostgreSQL server at ${describePostgres(url)} (${error instanceof Error ? error.message : String(error)}). Check DATABASE_URL and that the server is running.`,
    );
  }
  try {
    // Session lock: held across the transactions below, released by unlock or disconnect.
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_tusoi_migrations" (
      "name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const done = new Map(
      (await client.query<{ name: string; checksum: string }>(`SELECT "name", "checksum" FROM "_tusoi_migrations"`)).rows.map((r) => [r.name, r.checksum]),
    );
    const applied: string[] = [];
    for (const migration of migrations) {
      const sum = checksum(migration.sql);
      const seen = done.get(migration.name);
      if (seen !== undefined) {
        if (seen !== sum)
          throw new Error(
            `PostgreSQL migration ${migration.name} was changed after it was applied; committed migrations are never edited (add a new one with npm run pg:schema)`,
          );
        continue;
      }
      try {
        await client.query("BEGIN");
        await client.query(migration.sql);
        await client.query(`INSERT INTO "_tusoi_migrations" ("name", "checksum") VALUES ($1, $2)`, [migration.name, sum]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw new Error(`PostgreSQL migration ${migration.name} failed (nothing of it was applied): ${error instanceof Error ? error.message : String(error)}`);
      }
      applied.push(migration.name);
    }
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    return { applied, alreadyApplied: migrations.length - applied.length };
  } finally {
    await client.end();
  }
}
