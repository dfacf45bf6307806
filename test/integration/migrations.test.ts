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

/** Tables with their columns, indexes and foreign keys, in a stable order (column order aside). */
function schemaOf(db: Database.Database): string[] {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '_prisma%' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return tables.flatMap(({ name }) => {
    const columns = (db.prepare(`PRAGMA table_info("${name}")`).all() as Record<string, unknown>[]).map(
      (c) => `${name}.${String(c.name)} ${String(c.type)} notnull=${String(c.notnull)} default=${String(c.dflt_value)} pk=${String(c.pk)}`,
    );
    const indexes = (db.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; unique: number }[]).map((i) => {
      const cols = (db.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map((c) => c.name).join(",");
      return `${name} index ${i.name} unique=${i.unique} (${cols})`;
    });
    const keys = (db.prepare(`PRAGMA foreign_key_list("${name}")`).all() as Record<string, unknown>[]).map(
      (k) => `${name} fk ${String(k.from)} -> ${String(k.table)}.${String(k.to)} on delete ${String(k.on_delete)}`,
    );
    return [...columns, ...indexes, ...keys].sort();
  });
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
    expect(schemaOf(migrated).length).toBeGreaterThan(50);
  } finally {
    migrated.close();
    expected.close();
  }
});
