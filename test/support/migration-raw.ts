/**
 * What the migration tests share: the committed SQLite migrations in order, one file's SQL, and
 * one engine's raw access (statements and rows, bigints and dates as text so that both engines
 * compare alike), for a database upgraded by hand migration by migration.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import type pg from "pg";

const SQLITE_MIGRATIONS = path.resolve(import.meta.dirname, "../../prisma/migrations");

/** One engine's raw access. */
export interface Raw {
  run(sql: string): Promise<void>;
  rows(sql: string): Promise<Record<string, unknown>[]>;
}

/** A row with bigints and dates as text. */
export const plain = (row: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? String(v) : v instanceof Date ? v.toISOString() : v]));

/** The SQLite migration folders (prisma/migrations/<14 digits>_<name>), in the order Prisma applies them. */
export function sqliteMigrationFolders(): string[] {
  return readdirSync(SQLITE_MIGRATIONS)
    .filter((f) => /^\d{14}_/.test(f))
    .sort();
}

/** One SQLite migration's SQL. */
export function sqliteMigration(folder: string): string {
  return readFileSync(path.join(SQLITE_MIGRATIONS, folder, "migration.sql"), "utf8");
}

/** Raw access to a better-sqlite3 database (open it with defaultSafeIntegers, as the app does). */
export function sqliteRaw(db: Database.Database): Raw {
  return {
    run: async (sql) => {
      db.exec(sql);
    },
    rows: async (sql) => (db.prepare(sql).all() as Record<string, unknown>[]).map(plain),
  };
}

/** Raw access to a connected PostgreSQL client. */
export function postgresRaw(client: pg.Client): Raw {
  return {
    run: async (sql) => {
      await client.query(sql);
    },
    rows: async (sql) => (await client.query(sql)).rows.map(plain),
  };
}
