import { chmodSync, closeSync, mkdirSync, openSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/client.js";
import { SQLITE_TIMESTAMP_FORMAT } from "./time.js";

export type Db = PrismaClient;

/** "file:./data/bot.db" → "./data/bot.db" (the path better-sqlite3 opens). */
export function sqlitePath(url: string): string {
  return url.replace(/^file:/, "");
}

/** Gives a file or folder of ours exactly `mode`; a missing one is skipped. */
function tighten(target: string, mode: number): void {
  let stat;
  try {
    stat = statSync(target);
  } catch {
    return;
  }
  // Another user's file cannot be chmod-ed by us (and is theirs to set).
  if ((stat.mode & 0o777) !== mode && stat.uid === process.getuid?.()) chmodSync(target, mode);
}

/**
 * The database holds every member's answers: its folder is 0700, the database and SQLite's
 * side files 0600, whatever the umask. Run before the first connection (migrate or open) and
 * again once one is open (SQLite gives -wal, -shm and -journal the main file's permissions,
 * this makes sure of it). The folder is created 0700; an existing folder is tightened only
 * when it holds nothing but this database (`mkdir -p /var/lib/tusoi` by hand): a folder with
 * other things in it (`file:./bot.db` in the project) is the operator's, and the files are
 * 0600 anyway.
 */
export function secureDatabaseFiles(url: string): void {
  const file = sqlitePath(url);
  if (file === ":memory:") return;
  const dir = path.dirname(path.resolve(file));
  const base = path.basename(file);
  // mkdir's mode passes through the umask; the chmod makes it exactly 0700.
  const created = mkdirSync(dir, { recursive: true, mode: 0o700 }) !== undefined;
  if (created || readdirSync(dir).every((name) => name.startsWith(base))) tighten(dir, 0o700);
  try {
    closeSync(openSync(file, "wx", 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  for (const suffix of ["", "-wal", "-shm", "-journal"]) tighten(file + suffix, 0o600);
}

/**
 * Opens the SQLite database through Prisma's better-sqlite3 adapter, in WAL mode: readers
 * never wait for the writer, and a commit costs one WAL append instead of a journal rewrite.
 */
export async function openDatabase(url: string): Promise<Db> {
  secureDatabaseFiles(url);
  const adapter = new PrismaBetterSQLite3({ url, timeout: 5000 }, { timestampFormat: SQLITE_TIMESTAMP_FORMAT });
  const db = new PrismaClient({ adapter });
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose
  // the last commits, which Telegram would then redeliver as updates.
  await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  // WAL mode has created -wal and -shm by now.
  secureDatabaseFiles(url);
  return db;
}
