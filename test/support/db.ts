/** A fresh, migrated SQLite file per test file (copied from the template made in global setup). */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";
import type { Stores } from "../../src/app/ports.js";
import type { Db } from "../../src/infra/db/client.js";
import { openStores } from "../../src/infra/db/index.js";

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Every port's methods on one object: for tests that set up or check the database directly. */
export type AllPorts = UnionToIntersection<Stores[keyof Stores]>;

/** The ports' methods, bound, on one object (method names are unique across ports). */
export function allPorts(stores: Stores): AllPorts {
  const merged: Record<string, unknown> = {};
  for (const port of Object.values(stores) as object[]) {
    for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(port))) {
      if (name === "constructor") continue;
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

export async function freshDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), "tusoi-test-"));
  const file = path.join(dir, "bot.db");
  copyFileSync(inject("templateDb"), file);
  const url = `file:${file}`;
  const opened = await openStores(url);
  return {
    db: opened.db, stores: opened.stores, store: allPorts(opened.stores), url,
    async close() {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
