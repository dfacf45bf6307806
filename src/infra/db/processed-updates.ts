/** The ProcessedUpdates port on SQLite prepared statements (every update passes here). */
import type Database from "better-sqlite3";
import type { ProcessedUpdates } from "../../app/ports.js";
import { writeWithRetry } from "./sqlite.js";
import { encodeTime } from "./time.js";

export const PROCESSED_UPDATES_SQL = {
  mark: `INSERT OR IGNORE INTO "ProcessedUpdate" ("channel", "updateId", "processedAt") VALUES (?, ?, ?)`,
  prune: `DELETE FROM "ProcessedUpdate" WHERE "processedAt" < ?`,
} as const;

export class SqliteProcessedUpdates implements ProcessedUpdates {
  private readonly mark: Database.Statement;
  private readonly prune: Database.Statement;

  constructor(db: Database.Database) {
    this.mark = db.prepare(PROCESSED_UPDATES_SQL.mark);
    this.prune = db.prepare(PROCESSED_UPDATES_SQL.prune);
  }

  markUpdateProcessed(channel: string, updateId: string, at: Date): Promise<boolean> {
    return writeWithRetry(() => this.mark.run(channel, updateId, encodeTime(at)).changes === 1);
  }

  pruneProcessedUpdates(before: Date): Promise<number> {
    return writeWithRetry(() => Number(this.prune.run(encodeTime(before)).changes));
  }
}
