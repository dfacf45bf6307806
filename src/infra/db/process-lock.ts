/**
 * One bot process per SQLite file. A second `npm start` on the database of a running bot
 * would fail inside `prisma migrate deploy` (SQLITE_BUSY, shown as "unknown variant
 * `SocketTimeout`") or, past that, poll Telegram alongside the first; so start-up takes this
 * lock first and stops when it is taken.
 *
 * The lock is an exclusive SQLite transaction on a sidecar file, `<database>.lock`, held by a
 * connection of its own for the life of the process. SQLite locks with fcntl(), which the
 * kernel releases when the process ends however it ends: `kill -9` or a crash never leaves a
 * stale lock behind, and a restart can take it at once. The database itself is untouched, so
 * tools (sqlite3 .backup, the tests' second sender) can still open it.
 */
import { closeSync, openSync } from "node:fs";
import Database from "better-sqlite3";
import { secureDatabaseFiles, sqlitePath } from "./client.js";

export interface ProcessLock {
  release(): void;
}

/** Takes the lock on the database at `url`, or returns null when another process holds it. */
export function lockDatabase(url: string): ProcessLock | null {
  // An in-memory database is this process's alone.
  if (sqlitePath(url) === ":memory:") return { release() {} };
  // The database's folder, 0700 (start-up's first touch of it).
  secureDatabaseFiles(url);
  const file = `${sqlitePath(url)}.lock`;
  // Created owner-only, like the database beside it; it stays empty.
  try {
    closeSync(openSync(file, "wx", 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  // Busy timeout 0: a held lock answers SQLITE_BUSY at once instead of waiting.
  const db = new Database(file, { timeout: 0 });
  try {
    db.pragma("locking_mode = EXCLUSIVE");
    db.exec("BEGIN EXCLUSIVE");
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === "SQLITE_BUSY") return null;
    throw error;
  }
  return {
    release() {
      if (!db.open) return;
      db.exec("ROLLBACK");
      db.close();
    },
  };
}
