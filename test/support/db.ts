/**
 * A fresh, migrated database per test file: a SQLite file copied from the template made in
 * global setup (the default), or, once `useEngine("postgresql")` was called (the twins in
 * test/integration/postgres/), a database of the run's PostgreSQL server copied from its
 * migrated template (test/postgres-setup.ts). Either way the ports are composed as production
 * composes them (openStores), so a suite runs unchanged on both engines.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import type { Stores } from "../../src/app/ports.js";
import type { Db } from "../../src/infra/db/client.js";
import type { Engine } from "../../src/infra/db/engine.js";
import { openStores } from "../../src/infra/db/index.js";
import { createPostgresDatabase, onPostgres, postgresAvailable } from "./postgres.js";

let engine: Engine = "sqlite";

/** Which engine freshDatabase() opens from now on in this test file (see the twins in test/integration/postgres/). */
export function useEngine(next: Engine): void {
  engine = next;
}

export const testEngine = (): Engine => engine;

/**
 * A twin's whole body: loads a suite file (`() => import("../use-cases.test.js")`) with
 * freshDatabase() on PostgreSQL, so the same tests run on both engines; without a server,
 * one skipped test says why.
 */
export async function rerunOnPostgres(name: string, load: () => Promise<unknown>): Promise<void> {
  if (!postgresAvailable()) {
    onPostgres(name, () => {});
    return;
  }
  useEngine("postgresql");
  describe(name, () => {
    it("freshDatabase() opens a PostgreSQL database here", async () => {
      const database = await freshDatabase();
      try {
        expect(database.url).toMatch(/^postgres(ql)?:\/\//);
        expect(await database.db.$queryRawUnsafe<{ v: string }[]>("SELECT version() AS v")).toEqual([{ v: expect.stringMatching(/^PostgreSQL /) }]);
      } finally {
        await database.close();
      }
    });
  });
  await load();
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Every port's methods on one object: for tests that set up or check the database directly. */
export type AllPorts = UnionToIntersection<Stores[keyof Stores]>;

/** The ports' methods, bound, on one object (method names are unique across ports). */
export function allPorts(stores: Stores): AllPorts {
  const merged: Record<string, unknown> = {};
  for (const port of Object.values(stores) as object[]) {
    // The whole prototype chain: PostgreSQL's outbox extends the Prisma one.
    const names = new Set<string>();
    for (let proto = Object.getPrototypeOf(port) as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
      for (const name of Object.getOwnPropertyNames(proto)) if (name !== "constructor") names.add(name);
    }
    for (const name of names) {
      if (name in merged) throw new Error(`Two ports define ${name}`);
      merged[name] = (port as Record<string, (...args: unknown[]) => unknown>)[name]!.bind(port);
    }
  }
  return merged as unknown as AllPorts;
}

export interface TestDatabase {
  db: Db;
  /** The ports, as production composes them (Prisma adapters and the SQLite answer path). */
  stores: Stores;
  /** The same ports' methods on one object. */
  store: AllPorts;
  url: string;
  close(): Promise<void>;
}

/**
 * `before(url)` runs on the new database before the test's own connection opens it: a bot
 * process started in-process there (startApp migrates and locks a SQLite file, which another
 * open connection would make fail).
 */
export async function freshDatabase(options: { before?: (url: string) => Promise<void> } = {}): Promise<TestDatabase> {
  if (engine === "postgresql") {
    const database = await createPostgresDatabase();
    await options.before?.(database.url);
    const opened = await openStores(database.url);
    return {
      db: opened.db,
      stores: opened.stores,
      store: allPorts(opened.stores),
      url: database.url,
      async close() {
        await opened.close();
        await database.drop();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "tusoi-test-"));
  const file = path.join(dir, "bot.db");
  copyFileSync(inject("templateDb"), file);
  const url = `file:${file}`;
  await options.before?.(url);
  const opened = await openStores(url);
  return {
    db: opened.db,
    stores: opened.stores,
    store: allPorts(opened.stores),
    url,
    async close() {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
