/**
 * The PostgreSQL twin (prisma/postgres/schema.prisma) describes the models of
 * prisma/schema.prisma, and its committed migrations build exactly the twin's database.
 * When either fails after a schema change: `npm run pg:schema -- <migration_name>`.
 */
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { diffSql, migrationFiles, PG_SCHEMA, postgresTwin, SQLITE_SCHEMA } from "../../scripts/pg-schema.js";
import { createPostgresDatabase, onPostgres, type PostgresDatabase } from "../support/postgres.js";

const FIX = "prisma/schema.prisma changed: run `npm run pg:schema -- <migration_name>` and commit prisma/postgres";

it("prisma/postgres/schema.prisma is the twin of prisma/schema.prisma (same models, datasource postgresql)", () => {
  const twin = readFileSync(PG_SCHEMA, "utf8");
  expect(twin, FIX).toBe(postgresTwin(readFileSync(SQLITE_SCHEMA, "utf8")));
  expect(twin).toMatch(/provider\s*=\s*"postgresql"/);
  expect(migrationFiles()[0]).toBe("0001_init.sql");
});

/** Columns, constraints and indexes of the public schema, in a stable order. */
async function catalog(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{ d: string }>(`
      SELECT format('%s.%s %s null=%s default=%s', table_name, column_name, data_type || coalesce('(' || datetime_precision || ')', ''), is_nullable, coalesce(column_default, '-')) AS d
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_tusoi_migrations'`);
    const constraints = await client.query<{ d: string }>(`
      SELECT format('%s constraint %s %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) AS d
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_tusoi_migrations'`);
    const indexes = await client.query<{ d: string }>(`
      SELECT format('%s index %s', tablename, indexdef) AS d FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_tusoi_migrations'`);
    return [...columns.rows, ...constraints.rows, ...indexes.rows].map((r) => r.d).sort();
  } finally {
    await client.end();
  }
}

onPostgres("PostgreSQL migrations", () => {
  let expected: PostgresDatabase;
  let migrated: PostgresDatabase;
  afterAll(async () => {
    await expected?.drop();
    await migrated?.drop();
  });

  it("the committed migrations build exactly the twin's database", async () => {
    migrated = await createPostgresDatabase();
    expected = await createPostgresDatabase({ empty: true });
    const client = new pg.Client({ connectionString: expected.url });
    await client.connect();
    await client.query(diffSql(null, PG_SCHEMA));
    await client.end();
    const want = await catalog(expected.url);
    expect(want.length).toBeGreaterThan(80);
    expect(await catalog(migrated.url), FIX).toEqual(want);
  });
});
