/** The SQLite engine (the default): Prisma's client on the file, and the prepared statements beside it (sqlite.ts). */
import type { AnswerPath, ProcessedUpdates } from "../../app/ports.js";
import { SqliteAnswerPath } from "./answer-path.js";
import { openDatabase, type Db } from "./client.js";
import { PrismaOutbox } from "./outbox.js";
import { SqliteProcessedUpdates } from "./processed-updates.js";
import { openStatements } from "./sqlite.js";

/** What differs between the engines; every other port is a Prisma adapter on `db`. */
export interface EngineStores {
  db: Db;
  answerPath: AnswerPath;
  updates: ProcessedUpdates;
  outbox: PrismaOutbox;
  close(): Promise<void>;
}

export async function openSqlite(url: string): Promise<EngineStores> {
  const db = await openDatabase(url);
  const statements = openStatements(url);
  return {
    db,
    answerPath: new SqliteAnswerPath(statements),
    updates: new SqliteProcessedUpdates(statements),
    outbox: new PrismaOutbox(db),
    async close() {
      statements.close();
      await db.$disconnect();
    },
  };
}
