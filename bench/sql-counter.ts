/**
 * For profiling only: the database opened like src/infra/db/client.ts (same adapter, same
 * pragmas), with the driver adapter wrapped so every SQL statement is counted and timed.
 * PrismaClient's `$on("query")` is not available with driver adapters, hence the wrapping.
 * The difference between time in a Store call and time in the driver is Prisma's own work
 * (query compilation in WebAssembly, result mapping).
 */
import { performance } from "node:perf_hooks";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../src/infra/db/generated/client.js";

export interface SqlCounter {
  enabled: boolean;
  statements: number;
  /** Time inside the adapter (argument mapping, prepare, SQLite itself, row mapping). */
  driverMs: number;
  /** Statement text (first word and table) → count, to show what runs. */
  byKind: Map<string, number>;
}

interface Queryable {
  queryRaw(query: { sql: string }): Promise<unknown>;
  executeRaw(query: { sql: string }): Promise<unknown>;
  startTransaction?(...args: unknown[]): Promise<Queryable>;
}

function kindOf(sql: string): string {
  const verb = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? "?";
  const table = /(?:FROM|INTO|UPDATE)\s+(?:`main`\.)?[`"]?(\w+)/i.exec(sql)?.[1];
  return table ? `${verb} ${table}` : verb;
}

function instrument<T extends Queryable>(target: T, counter: SqlCounter): T {
  for (const method of ["queryRaw", "executeRaw"] as const) {
    const original = target[method].bind(target);
    target[method] = async (query: { sql: string }) => {
      if (!counter.enabled) return original(query);
      const t0 = performance.now();
      try {
        return await original(query);
      } finally {
        counter.driverMs += performance.now() - t0;
        counter.statements++;
        const kind = kindOf(query.sql);
        counter.byKind.set(kind, (counter.byKind.get(kind) ?? 0) + 1);
      }
    };
  }
  const start = target.startTransaction?.bind(target);
  if (start) {
    target.startTransaction = async (...args: unknown[]) => {
      if (counter.enabled) {
        counter.statements++; // BEGIN, run by the adapter itself
        counter.byKind.set("BEGIN", (counter.byKind.get("BEGIN") ?? 0) + 1);
      }
      return instrument(await start(...args), counter);
    };
  }
  return target;
}

export async function openCountingDatabase(url: string): Promise<{ db: PrismaClient; counter: SqlCounter }> {
  const counter: SqlCounter = { enabled: false, statements: 0, driverMs: 0, byKind: new Map() };
  const factory = new PrismaBetterSQLite3({ url, timeout: 5000 });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => instrument((await connect()) as unknown as Queryable, counter) as unknown as Awaited<ReturnType<typeof connect>>;
  const db = new PrismaClient({ adapter: factory });
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  return { db, counter };
}
