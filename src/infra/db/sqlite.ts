/**
 * The prepared-statement connection to the SQLite file, beside Prisma's. Why a second
 * connection: Prisma's adapter keeps its better-sqlite3 handle to itself, and through the ORM
 * each query of a button press costs ~0.5–1 ms of query compilation, through a prepared
 * statement ~0.01 ms (bench/). Both are connections to one WAL database: reads never wait.
 * Writes here are single synchronous transactions, so no other code of this process runs
 * while one holds the lock; if Prisma's connection (or another process) holds it, SQLite
 * answers SQLITE_BUSY at once (busy timeout 0, so the event loop is never blocked) and the
 * write is retried after a short asynchronous wait.
 */
import Database from "better-sqlite3";
import { sqlitePath } from "./client.js";

const BUSY_RETRY_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 1000, 1000, 1000];

export type Row = Record<string, unknown>;

export function openStatements(url: string): Database.Database {
  const db = new Database(sqlitePath(url), { timeout: 0 });
  db.defaultSafeIntegers(true);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  return db;
}

/** Runs a synchronous write, retrying asynchronously while another connection holds the lock. */
export async function writeWithRetry<T>(fn: () => T): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return fn();
    } catch (error) {
      const code = (error as { code?: string }).code;
      const wait = BUSY_RETRY_MS[attempt];
      if ((code !== "SQLITE_BUSY" && code !== "SQLITE_LOCKED") || wait === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
