import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/client.js";

export type Db = PrismaClient;

/** "file:./data/bot.db" → "./data/bot.db" (the path better-sqlite3 opens). */
export function sqlitePath(url: string): string {
  return url.replace(/^file:/, "");
}

/**
 * Opens the SQLite database through Prisma's better-sqlite3 adapter, in WAL mode: readers
 * never wait for the writer, and a commit costs one WAL append instead of a journal rewrite.
 */
export async function openDatabase(url: string): Promise<Db> {
  const file = sqlitePath(url);
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const adapter = new PrismaBetterSQLite3({ url, timeout: 5000 });
  const db = new PrismaClient({ adapter });
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose
  // the last commits, which Telegram would then redeliver as updates.
  await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  return db;
}
