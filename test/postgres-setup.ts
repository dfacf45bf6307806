/**
 * Runs once before all test files: a throwaway PostgreSQL server on 127.0.0.1 for the run
 * (test/support/postgres-server.ts: Debian's package, installed when missing and we are root),
 * with one migrated template database that each test file copies (CREATE DATABASE … TEMPLATE).
 *
 * TEST_POSTGRES_URL=postgresql://… uses that server instead (a superuser URL). When no server
 * can be started the PostgreSQL tests are skipped with the reason, except on CI (CI=true),
 * where the run fails: CI must test both engines.
 */
import pg from "pg";
import type { TestProject } from "vitest/node";
import { applyPostgresMigrations } from "../src/infra/db/pg-migrate.js";
import { startPostgres } from "./support/postgres-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser URL of the test server's `postgres` database, or "" when there is none. */
    postgresUrl: string;
    /** Why there is no server (shown by the skipped tests). */
    postgresSkipReason: string;
  }
}

export const TEMPLATE_DATABASE = "tusoi_template";

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export default async function setup(project: TestProject) {
  let url = process.env.TEST_POSTGRES_URL ?? "";
  let stop = () => {};
  if (!url) {
    const started = await startPostgres({ install: true, log: (line) => console.log(line) });
    if (!started.ok) {
      if (process.env.CI) throw new Error(`CI needs a PostgreSQL server for the tests and none could be started: ${started.reason}`);
      console.warn(`PostgreSQL tests are skipped: ${started.reason}`);
      project.provide("postgresUrl", "");
      project.provide("postgresSkipReason", started.reason);
      return;
    }
    console.log(`Tests on PostgreSQL: ${started.server.description}`);
    url = started.server.url;
    stop = () => started.server.stop();
  }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DATABASE}"`);
    await admin.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
  } finally {
    await admin.end();
  }
  await applyPostgresMigrations(databaseUrl(url, TEMPLATE_DATABASE));
  project.provide("postgresUrl", url);
  project.provide("postgresSkipReason", "");
  return stop;
}
