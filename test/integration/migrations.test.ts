/**
 * The committed migrations and prisma/schema.prisma describe the same database: catches a
 * schema change without its migration. (`migrate diff --from-migrations` needs a shadow
 * database, which Prisma's JS engine does not offer with an adapter, so we compare here.)
 */
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, inject, it } from "vitest";

function schemaOf(db: Database.Database): string[] {
  const rows = db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE '_prisma%' AND name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all() as { type: string; name: string; sql: string }[];
  return rows.map((r) => `${r.type} ${r.name}: ${r.sql.replace(/\s+/g, " ")}`);
}

it("migrations produce exactly the schema in schema.prisma", () => {
  const cli = path.join(path.dirname(createRequire(import.meta.url).resolve("prisma/package.json")), "build/index.js");
  const script = execFileSync(process.execPath, [cli, "migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"], {
    env: { ...process.env, DATABASE_URL: `file:${inject("templateDb")}` },
    encoding: "utf8",
  });
  const expected = new Database(":memory:");
  expected.exec(script);
  const migrated = new Database(inject("templateDb"), { readonly: true });
  try {
    expect(schemaOf(migrated)).toEqual(schemaOf(expected));
    expect(schemaOf(migrated).length).toBeGreaterThan(10);
  } finally {
    migrated.close();
    expected.close();
  }
});
