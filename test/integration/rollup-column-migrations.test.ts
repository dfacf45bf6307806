/**
 * The migrations that add the roll-up's columns to forms already filed, on both engines: a
 * database at the schema before the migration, with filed answers whose measure is set, empty,
 * missing, or longer than an index row may be, is upgraded by exactly that migration; every
 * row gets the new column as the answer path writes it when filing, and the other tables stay
 * row for row.
 * - FiledAnswer.hasMeasure (SQLite 20261213090000_filed_has_measure, PostgreSQL
 *   0012_filed_has_measure): copyFiled's "the measure neither null nor empty".
 * - Assessment.markedItems (SQLite 20261214090000_marked_items, PostgreSQL 0013_marked_items):
 *   markFiled's "<value> <itemCode>" of the marked answers, joined by ",".
 */
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applyPostgresMigrations, loadMigrations } from "../../src/infra/db/pg-migrate.js";
import { postgresRaw, sqliteMigration, sqliteMigrationFolders, sqliteRaw, type Raw } from "../support/migration-raw.js";
import { createPostgresDatabase, onPostgres, type PostgresDatabase } from "../support/postgres.js";

const T = "2026-11-22T05:17:00.000+00:00";
const LONG = "Biện pháp dài ".repeat(300); // 4,200 characters: more than PostgreSQL's 2,704-byte index row

/** Forms 1 (six filed answers, four marked), 2 (filed, nothing marked), 3 (a draft, nothing filed). */
const SEED = [
  `INSERT INTO "User" ("id", "firstName", "createdAt", "updatedAt") VALUES (1001, 'An', '${T}', '${T}'), (1002, 'Bình', '${T}', '${T}'), (1003, 'Chi', '${T}', '${T}')`,
  `INSERT INTO "Cell" ("id", "name", "groupChannel", "groupAddress", "groupTitle", "joinCode", "createdAt") VALUES (1, 'Chi bộ 1', 'telegram', '-1001', '', 'j1', '${T}')`,
  `INSERT INTO "Member" ("id", "cellId", "userId", "fullName", "role", "nameConfirmed", "joinedAt") VALUES
     (1, 1, 1001, 'Nguyễn Văn An', 'SECRETARY', true, '${T}'), (2, 1, 1002, 'Trần Thị Bình', 'MEMBER', true, '${T}'), (3, 1, 1003, 'Lê Chi', 'MEMBER', true, '${T}')`,
  `INSERT INTO "Round" ("id", "cellId", "title", "deadline", "deadlineDay", "checklistCode", "checklistVersion", "openedByMemberId", "openedAt") VALUES (1, 1, 'Đợt', '${T}', '2026-11-22', 'nq04-xii', 1, 1, '${T}')`,
  `INSERT INTO "Assessment" ("id", "roundId", "memberId", "checklistCode", "checklistVersion", "cursor", "status", "submittedAt", "createdAt", "updatedAt") VALUES
     (1, 1, 1, 'nq04-xii', 1, '{}', 'SUBMITTED', '${T}', '${T}', '${T}'), (2, 1, 2, 'nq04-xii', 1, '{}', 'SUBMITTED', '${T}', '${T}', '${T}'),
     (3, 1, 3, 'nq04-xii', 1, '{}', 'DRAFT', NULL, '${T}', '${T}')`,
  `INSERT INTO "FiledAnswer" ("assessmentId", "itemCode", "value", "measure", "targetDate") VALUES
     (1, '1.1', 'SIGNIFICANT', 'Sửa ngay', '2026-12-31'), (1, '1.2', 'MINOR', '', '2026-12-31'), (1, '1.3', 'MINOR', NULL, NULL),
     (1, '1.4', 'NONE', NULL, NULL), (1, '1.5', 'MINOR', '${LONG}', '2027-03-01'), (1, '1.6', 'SIGNIFICANT', ' ', NULL),
     (2, '1.1', 'NONE', NULL, NULL), (2, '1.2', 'NONE', NULL, NULL)`,
];

/** One migration's upgrade: the table and column it adds, what each row must hold after it, and a row written later. */
interface Case {
  sqlite: string;
  postgres: string;
  table: "FiledAnswer" | "Assessment";
  column: string;
  order: string;
  /** The new column's value per row after the upgrade, by the row's key. */
  expected: Record<string, unknown>;
  key: (row: Record<string, unknown>) => string;
  /** Engine-neutral form of the column's value (SQLite's 0/1 and PostgreSQL's booleans alike). */
  read: (v: unknown) => unknown;
  /** A row inserted after the upgrade without the column, and the default it must get. */
  later: { insert: string; select: string; value: unknown };
}

const CASES: Case[] = [
  {
    sqlite: "20261213090000_filed_has_measure",
    postgres: "0012_filed_has_measure",
    table: "FiledAnswer",
    column: "hasMeasure",
    order: `"assessmentId", "itemCode"`,
    key: (r) => `${String(r.assessmentId)} ${String(r.itemCode)}`,
    expected: { "1 1.1": true, "1 1.2": false, "1 1.3": false, "1 1.4": false, "1 1.5": true, "1 1.6": true, "2 1.1": false, "2 1.2": false },
    read: (v) => v === true || Number(v) === 1,
    later: {
      insert: `INSERT INTO "FiledAnswer" ("assessmentId", "itemCode", "value", "measure", "targetDate") VALUES (1, '2.1', 'NONE', NULL, NULL)`,
      select: `SELECT "hasMeasure" AS "v" FROM "FiledAnswer" WHERE "itemCode" = '2.1'`,
      value: false,
    },
  },
  {
    sqlite: "20261214090000_marked_items",
    postgres: "0013_marked_items",
    table: "Assessment",
    column: "markedItems",
    order: `"id"`,
    key: (r) => String(r.id),
    expected: { "1": "SIGNIFICANT 1.1,MINOR 1.2,MINOR 1.3,MINOR 1.5,SIGNIFICANT 1.6", "2": "", "3": "" },
    read: (v) => v,
    later: {
      insert: `INSERT INTO "Assessment" ("id", "roundId", "memberId", "checklistCode", "checklistVersion", "cursor", "status", "createdAt", "updatedAt", "collective") VALUES (4, 1, 1, 'nq04-xii', 1, '{}', 'DRAFT', '${T}', '${T}', true)`,
      select: `SELECT "markedItems" AS "v" FROM "Assessment" WHERE "id" = 4`,
      value: "",
    },
  },
];

const TABLES = ["User", "Cell", "Member", "Round", "Assessment", "FiledAnswer"];

async function upgradeAddsColumn(raw: Raw, c: Case, upgrade: () => Promise<void>): Promise<void> {
  for (const statement of SEED) await raw.run(statement);
  const before = await raw.rows(`SELECT * FROM "${c.table}" ORDER BY ${c.order}`);
  const others = await Promise.all(TABLES.filter((t) => t !== c.table).map((t) => raw.rows(`SELECT * FROM "${t}"`)));
  expect(before.length).toBe(Object.keys(c.expected).length);
  expect(before.every((r) => !(c.column in r))).toBe(true);
  await upgrade();
  const after = await raw.rows(`SELECT * FROM "${c.table}" ORDER BY ${c.order}`);
  expect(after.map(({ [c.column]: value, ...rest }) => ({ ...rest, [c.column]: c.read(value) }))).toEqual(
    before.map((r) => ({ ...r, [c.column]: c.expected[c.key(r)] })),
  );
  expect(await Promise.all(TABLES.filter((t) => t !== c.table).map((t) => raw.rows(`SELECT * FROM "${t}"`)))).toEqual(others);
  // A row written after the upgrade without the column gets the default (the answer path always writes it when filing).
  await raw.run(c.later.insert);
  expect((await raw.rows(c.later.select)).map((r) => c.read(r.v))).toEqual([c.later.value]);
}

for (const c of CASES) {
  describe(`SQLite: ${c.sqlite}`, () => {
    it(`gives every existing ${c.table} row its ${c.column} and keeps the rest of every row`, async () => {
      const folders = sqliteMigrationFolders();
      expect(folders).toContain(c.sqlite);
      const db = new Database(":memory:");
      db.defaultSafeIntegers(true);
      try {
        for (const f of folders.filter((f) => f < c.sqlite)) db.exec(sqliteMigration(f));
        const raw = sqliteRaw(db);
        await upgradeAddsColumn(raw, c, async () => {
          db.exec(sqliteMigration(c.sqlite));
        });
        expect(db.prepare("PRAGMA foreign_key_check").all()).toEqual([]);
      } finally {
        db.close();
      }
    });
  });

  onPostgres(`PostgreSQL: ${c.postgres}`, () => {
    let database: PostgresDatabase | undefined;
    afterAll(async () => {
      await database?.drop();
    });

    it(`gives every existing ${c.table} row its ${c.column} and keeps the rest of every row`, async () => {
      database = await createPostgresDatabase({ empty: true });
      const all = loadMigrations();
      expect(all.map((m) => m.name)).toContain(c.postgres);
      await applyPostgresMigrations(
        database.url,
        all.filter((m) => m.name < c.postgres),
      );
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const raw = postgresRaw(client);
        const url = database.url;
        await upgradeAddsColumn(raw, c, async () => {
          const upTo = all.filter((m) => m.name <= c.postgres);
          expect((await applyPostgresMigrations(url, upTo)).applied).toEqual([c.postgres]);
        });
      } finally {
        await client.end();
      }
    });
  });
}
