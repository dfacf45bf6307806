/** A fresh, migrated SQLite file per test file (copied from the template made in global setup). */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { openDatabase, type Db } from "../../src/infra/db/client.js";
import { FastPath } from "../../src/infra/db/fast-path.js";
import { PrismaStore } from "../../src/infra/db/store.js";

export interface TestDatabase {
  db: Db;
  store: PrismaStore;
  url: string;
  close(): Promise<void>;
}

export async function freshDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), "tusoi-test-"));
  const file = path.join(dir, "bot.db");
  copyFileSync(inject("templateDb"), file);
  const url = `file:${file}`;
  const db = await openDatabase(url);
  // The same store as production: Prisma plus the answer-path fast path.
  const fast = new FastPath(url);
  return {
    db, store: new PrismaStore(db, fast), url,
    async close() {
      fast.close();
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
