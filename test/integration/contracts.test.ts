/**
 * The storage contract (test/contract) against the SQLite implementations as production
 * composes them, and a check that every column the prepared statements name exists in the
 * migrated schema (a renamed column would otherwise fail only at run time).
 */
import Database from "better-sqlite3";
import { expect, inject, it } from "vitest";
import { ANSWER_PATH_SQL } from "../../src/infra/db/answer-path.js";
import { PROCESSED_UPDATES_SQL } from "../../src/infra/db/processed-updates.js";
import { committeesContract } from "../contract/committees.contract.js";
import { meetingContract } from "../contract/meeting.contract.js";
import { storesContract } from "../contract/stores.contract.js";
import { freshDatabase } from "../support/db.js";

const sqlite = async () => {
  const database = await freshDatabase();
  return { stores: database.stores, close: () => database.close() };
};
storesContract("SQLite (Prisma adapters + prepared statements)", sqlite);
committeesContract("SQLite", sqlite);
meetingContract("SQLite", sqlite);

/** Tables a statement names ("FROM", "JOIN", "INTO", "UPDATE") and every other quoted identifier. */
function identifiers(sql: string): { tables: string[]; columns: string[] } {
  const tables = [...sql.matchAll(/\b(?:FROM|JOIN|INTO|UPDATE)\s+"(\w+)"/g)].map((m) => m[1]!);
  const columns = [...sql.matchAll(/"(\w+)"/g)].map((m) => m[1]!).filter((name) => !tables.includes(name));
  return { tables, columns };
}

it("every table and column the prepared statements name exists in the migrated schema", () => {
  const db = new Database(inject("templateDb"), { readonly: true });
  try {
    const statements = { ...ANSWER_PATH_SQL, ...PROCESSED_UPDATES_SQL };
    for (const [name, sql] of Object.entries(statements)) {
      const { tables, columns } = identifiers(sql);
      expect(tables.length, name).toBeGreaterThan(0);
      const known = new Set<string>();
      for (const table of tables) {
        const info = db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[];
        expect(info.length, `${name}: table ${table}`).toBeGreaterThan(0);
        for (const column of info) known.add(column.name);
      }
      for (const column of columns) expect(known.has(column), `${name}: column ${column}`).toBe(true);
    }
  } finally {
    db.close();
  }
});
