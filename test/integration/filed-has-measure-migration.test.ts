/**
 * The FiledAnswer.hasMeasure migration (SQLite 20261213090000_filed_has_measure, PostgreSQL
 * 0012_filed_has_measure): a database at the schema before it, with filed answers whose measure
 * is set, empty, missing, or longer than an index row may be, is upgraded; every filed answer
 * keeps its columns and gets hasMeasure exactly as the answer path writes it (copyFiled: the
 * measure neither null nor empty), and the other tables stay row for row.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applyPostgresMigrations, loadMigrations } from "../../src/infra/db/pg-migrate.js";
import { createPostgresDatabase, onPostgres, type PostgresDatabase } from "../support/postgres.js";

const SQLITE_MIGRATIONS = path.resolve(import.meta.dirname, "../../prisma/migrations");
const SQLITE_MIGRATION = "20261213090000_filed_has_measure";
const PG_MIGRATION = "0012_filed_has_measure";

const T = "2026-11-22T05:17:00.000+00:00";
const LONG = "Biện pháp dài ".repeat(300); // 4,200 characters: more than PostgreSQL's 2,704-byte index row

const SEED = [
  `INSERT INTO "User" ("id", "firstName", "createdAt", "updatedAt") VALUES (1001, 'An', '${T}', '${T}')`,
  `INSERT INTO "Cell" ("id", "name", "groupChannel", "groupAddress", "groupTitle", "joinCode", "createdAt") VALUES (1, 'Chi bộ 1', 'telegram', '-1001', '', 'j1', '${T}')`,
  `INSERT INTO "Member" ("id", "cellId", "userId", "fullName", "role", "nameConfirmed", "joinedAt") VALUES (1, 1, 1001, 'Nguyễn Văn An', 'SECRETARY', true, '${T}')`,
  `INSERT INTO "Round" ("id", "cellId", "title", "deadline", "deadlineDay", "checklistCode", "checklistVersion", "openedByMemberId", "openedAt") VALUES (1, 1, 'Đợt', '${T}', '2026-11-22', 'nq04-xii', 1, 1, '${T}')`,
  `INSERT INTO "Assessment" ("id", "roundId", "memberId", "checklistCode", "checklistVersion", "cursor", "status", "submittedAt", "createdAt", "updatedAt") VALUES (1, 1, 1, 'nq04-xii', 1, '{}', 'SUBMITTED', '${T}', '${T}', '${T}')`,
  `INSERT INTO "FiledAnswer" ("assessmentId", "itemCode", "value", "measure", "targetDate") VALUES
     (1, '1.1', 'SIGNIFICANT', 'Sửa ngay', '2026-12-31'), (1, '1.2', 'MINOR', '', '2026-12-31'), (1, '1.3', 'MINOR', NULL, NULL),
     (1, '1.4', 'NONE', NULL, NULL), (1, '1.5', 'MINOR', '${LONG}', '2027-03-01'), (1, '1.6', 'SIGNIFICANT', ' ', NULL)`,
];
const EXPECTED_HAS_MEASURE: Record<string, boolean> = { "1.1": true, "1.2": false, "1.3": false, "1.4": false, "1.5": true, "1.6": true };
const OTHER_TABLES = ["User", "Cell", "Member", "Round", "Assessment"];

interface Raw {
  run(sql: string): Promise<void>;
  rows(sql: string): Promise<Record<string, unknown>[]>;
}

async function upgradeSetsHasMeasure(raw: Raw, upgrade: () => Promise<void>, bool: (v: unknown) => boolean): Promise<void> {
  for (const statement of SEED) await raw.run(statement);
  const before = await raw.rows(`SELECT * FROM "FiledAnswer" ORDER BY "itemCode"`);
  const others = await Promise.all(OTHER_TABLES.map((t) => raw.rows(`SELECT * FROM "${t}"`)));
  expect(before.length).toBe(6);
  await upgrade();
  const after = await raw.rows(`SELECT * FROM "FiledAnswer" ORDER BY "itemCode"`);
  expect(after.map(({ hasMeasure, ...rest }) => ({ ...rest, hasMeasure: bool(hasMeasure) }))).toEqual(
    before.map((r) => ({ ...r, hasMeasure: EXPECTED_HAS_MEASURE[r.itemCode as string] })),
  );
  expect(await Promise.all(OTHER_TABLES.map((t) => raw.rows(`SELECT * FROM "${t}"`)))).toEqual(others);
  // A filed answer written after the upgrade without the column gets the default (the answer path always writes it).
  await raw.run(`INSERT INTO "FiledAnswer" ("assessmentId", "itemCode", "value", "measure", "targetDate") VALUES (1, '2.1', 'NONE', NULL, NULL)`);
  expect((await raw.rows(`SELECT "hasMeasure" FROM "FiledAnswer" WHERE "itemCode" = '2.1'`)).map((r) => bool(r.hasMeasure))).toEqual([false]);
}

const plain = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? String(v) : v instanceof Date ? v.toISOString() : v]));

describe(`SQLite: ${SQLITE_MIGRATION}`, () => {
  it("gives every existing filed answer its hasMeasure and keeps the rest of every row", async () => {
    const folders = readdirSync(SQLITE_MIGRATIONS)
      .filter((f) => /^\d{14}_/.test(f))
      .sort();
    expect(folders).toContain(SQLITE_MIGRATION);
    const db = new Database(":memory:");
    db.defaultSafeIntegers(true);
    try {
      for (const f of folders.filter((f) => f < SQLITE_MIGRATION)) db.exec(readFileSync(path.join(SQLITE_MIGRATIONS, f, "migration.sql"), "utf8"));
      const raw: Raw = {
        run: async (sql) => {
          db.exec(sql);
        },
        rows: async (sql) => (db.prepare(sql).all() as Record<string, unknown>[]).map(plain),
      };
      await upgradeSetsHasMeasure(
        raw,
        async () => {
          db.exec(readFileSync(path.join(SQLITE_MIGRATIONS, SQLITE_MIGRATION, "migration.sql"), "utf8"));
        },
        (v) => Number(v) === 1,
      );
      expect(db.prepare("PRAGMA foreign_key_check").all()).toEqual([]);
    } finally {
      db.close();
    }
  });
});

onPostgres(`PostgreSQL: ${PG_MIGRATION}`, () => {
  let database: PostgresDatabase | undefined;
  afterAll(async () => {
    await database?.drop();
  });

  it("gives every existing filed answer its hasMeasure and keeps the rest of every row", async () => {
    database = await createPostgresDatabase({ empty: true });
    const all = loadMigrations();
    expect(all.map((m) => m.name)).toContain(PG_MIGRATION);
    await applyPostgresMigrations(
      database.url,
      all.filter((m) => m.name < PG_MIGRATION),
    );
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const raw: Raw = {
        run: async (sql) => {
          await client.query(sql);
        },
        rows: async (sql) => (await client.query(sql)).rows.map(plain),
      };
      const url = database.url;
      await upgradeSetsHasMeasure(
        raw,
        async () => {
          expect((await applyPostgresMigrations(url, all)).applied).toEqual(all.filter((m) => m.name >= PG_MIGRATION).map((m) => m.name));
        },
        (v) => v === true,
      );
    } finally {
      await client.end();
    }
  });
});
