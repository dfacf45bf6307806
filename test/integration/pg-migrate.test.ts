/**
 * The PostgreSQL migration runner (src/infra/db/pg-migrate.ts) on a real server: a fresh
 * database, an upgrade from an older set of migrations, a failing migration, an edited one,
 * and two runners starting at once.
 */
import pg from "pg";
import { afterEach, expect, it } from "vitest";
import { applyPostgresMigrations, loadMigrations, type Migration } from "../../src/infra/db/pg-migrate.js";
import { createPostgresDatabase, onPostgres, type PostgresDatabase } from "../support/postgres.js";

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const tables = async (url: string) =>
  (await query<{ t: string }>(url, `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`)).map((r) => r.t);
const recorded = async (url: string) => (await query<{ name: string }>(url, `SELECT "name" FROM "_tusoi_migrations" ORDER BY "name"`)).map((r) => r.name);

onPostgres("PostgreSQL migration runner", () => {
  let database: PostgresDatabase | null = null;
  afterEach(async () => {
    await database?.drop();
    database = null;
  });

  it("applies every committed migration to a fresh database, once", async () => {
    database = await createPostgresDatabase({ empty: true });
    const committed = loadMigrations();
    expect(committed.length).toBeGreaterThan(0);
    const first = await applyPostgresMigrations(database.url);
    expect(first.applied).toEqual(committed.map((m) => m.name));
    expect(await tables(database.url)).toEqual(
      expect.arrayContaining(["User", "Cell", "Member", "Round", "Assessment", "Answer", "Outbox", "ProcessedUpdate", "_tusoi_migrations"]),
    );
    const again = await applyPostgresMigrations(database.url);
    expect(again).toEqual({ applied: [], alreadyApplied: committed.length });
    expect(await recorded(database.url)).toEqual(committed.map((m) => m.name));
  });

  it("upgrades a database made by an older set: only the new migrations run, the data stays", async () => {
    database = await createPostgresDatabase({ empty: true });
    const older = loadMigrations();
    await applyPostgresMigrations(database.url, older);
    await query(database.url, `INSERT INTO "User" ("id", "firstName", "updatedAt") VALUES (42, 'An', now())`);
    const newer: Migration[] = [
      ...older,
      { name: "9001_meeting_place", sql: `ALTER TABLE "User" ADD COLUMN "meetingPlace" TEXT NOT NULL DEFAULT 'Hội trường'` },
    ];
    const report = await applyPostgresMigrations(database.url, newer);
    expect(report).toEqual({ applied: ["9001_meeting_place"], alreadyApplied: older.length });
    expect(await query(database.url, `SELECT "id", "firstName", "meetingPlace" FROM "User"`)).toEqual([
      { id: "42", firstName: "An", meetingPlace: "Hội trường" },
    ]);
  });

  it("a failing migration leaves nothing of itself behind and stops with its name", async () => {
    database = await createPostgresDatabase({ empty: true });
    const broken: Migration[] = [
      ...loadMigrations(),
      {
        name: "9002_half_done",
        sql: `CREATE TABLE "Half" ("id" INT); ALTER TABLE "NoSuchTable" ADD COLUMN "x" INT;`,
      },
    ];
    await expect(applyPostgresMigrations(database.url, broken)).rejects.toThrow(/9002_half_done failed/);
    expect(await tables(database.url)).not.toContain("Half");
    expect(await recorded(database.url)).not.toContain("9002_half_done");
  });

  it("refuses to run when an applied migration's file was edited", async () => {
    database = await createPostgresDatabase({ empty: true });
    const committed = loadMigrations();
    await applyPostgresMigrations(database.url, committed);
    const edited = committed.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited` } : m));
    await expect(applyPostgresMigrations(database.url, edited)).rejects.toThrow(/was changed after it was applied/);
  });

  it("two runners starting together apply each migration exactly once", async () => {
    database = await createPostgresDatabase({ empty: true });
    // A slow migration keeps the first runner inside the lock while the second arrives.
    const set: Migration[] = [
      ...loadMigrations(),
      { name: "9003_slow", sql: `SELECT pg_sleep(0.5); CREATE TABLE "Once" ("id" INT PRIMARY KEY); INSERT INTO "Once" VALUES (1);` },
    ];
    const [a, b] = await Promise.all([applyPostgresMigrations(database.url, set), applyPostgresMigrations(database.url, set)]);
    expect([...a.applied, ...b.applied].sort()).toEqual(set.map((m) => m.name).sort());
    expect(Math.min(a.applied.length, b.applied.length)).toBe(0);
    expect(await query(database.url, `SELECT count(*)::int AS n FROM "Once"`)).toEqual([{ n: 1 }]);
    expect(await recorded(database.url)).toEqual(set.map((m) => m.name).sort());
  });
});

it("an unreachable PostgreSQL server stops start-up with one line naming the host and the database, never the password", async () => {
  const { applyMigrations } = await import("../../src/infra/db/migrate.js");
  const { openStores } = await import("../../src/infra/db/index.js");
  const url = "postgresql://tusoi:hunter2@127.0.0.1:1/tusoi_prod";
  for (const attempt of [applyMigrations(url), openStores(url)]) {
    const error = await attempt.then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/^Cannot reach the PostgreSQL server at 127\.0\.0\.1:1, database tusoi_prod \(.*\)\. Check DATABASE_URL/);
    expect(error?.message).not.toContain("hunter2");
    expect(error?.message).not.toContain("\n");
  }
});
