/** The SQLite engine (the default): Prisma's client on the file, and the prepared statements beside it (sqlite.ts). */
import type Database from "better-sqlite3";
import type { AnswerPath, ProcessedUpdates } from "../../app/ports.js";
import { SqliteAnswerPath } from "./answer-path.js";
import { openDatabase, type Db } from "./client.js";
import type { FirstColumn } from "./committee-reports.js";
import { PrismaOutbox } from "./outbox.js";
import { SqliteProcessedUpdates } from "./processed-updates.js";
import { openStatements } from "./sqlite.js";

/** What differs between the engines; every other port is a Prisma adapter on `db`. */
export interface EngineStores {
  db: Db;
  answerPath: AnswerPath;
  updates: ProcessedUpdates;
  outbox: PrismaOutbox;
  /** SQLite: a query's first column on the prepared-statement connection (the roll-up's counts, committee-reports.ts). */
  firstColumn?: FirstColumn;
  close(): Promise<void>;
}

export async function openSqlite(url: string): Promise<EngineStores> {
  const db = await openDatabase(url);
  const statements = openStatements(url);
  const prepared = new Map<string, Database.Statement<unknown[]>>();
  const firstColumn: FirstColumn = (query) => {
    let statement = prepared.get(query.sql);
    if (!statement) prepared.set(query.sql, (statement = statements.prepare<unknown[]>(query.sql).pluck()));
    return statement.all(...query.values);
  };
  return {
    db,
    answerPath: new SqliteAnswerPath(statements),
    updates: new SqliteProcessedUpdates(statements),
    outbox: new PrismaOutbox(db),
    firstColumn,
    async close() {
      statements.close();
      await db.$disconnect();
    },
  };
}
