/**
 * Databases on the run's PostgreSQL server (test/postgres-setup.ts): a fresh one per test file,
 * copied from the migrated template or empty, dropped on close. `onPostgres` runs a suite only
 * when there is a server, and says why not otherwise.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, inject, it } from "vitest";
import { databaseUrl, TEMPLATE_DATABASE } from "../postgres-setup.js";

export const postgresAvailable = (): boolean => inject("postgresUrl") !== "";

/** describe() when the run has a PostgreSQL server; otherwise one skipped test naming the reason. */
export function onPostgres(name: string, suite: () => void): void {
  if (postgresAvailable()) describe(name, suite);
  else describe(name, () => it.skip(`skipped: no PostgreSQL server (${inject("postgresSkipReason")})`, () => {}));
}

export interface PostgresDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject("postgresUrl") });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A new database: a copy of the migrated template, or empty (`{ empty: true }`). */
export async function createPostgresDatabase(options: { empty?: boolean } = {}): Promise<PostgresDatabase> {
  const name = `t_${randomBytes(6).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"${options.empty ? "" : ` TEMPLATE "${TEMPLATE_DATABASE}"`}`));
  return {
    name,
    url: databaseUrl(inject("postgresUrl"), name),
    drop: () =>
      admin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }),
  };
}
