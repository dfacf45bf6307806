/**
 * `npm run pg:schema`: regenerates the PostgreSQL twin of prisma/schema.prisma and, when the
 * models changed, the next PostgreSQL migration.
 *
 * - prisma/postgres/schema.prisma: the same models, with the datasource provider set to
 *   postgresql and the client generated into src/infra/db/generated-pg. Never edit it by hand.
 * - prisma/postgres/migrations/NNNN_<name>.sql: the first is the whole schema (`prisma migrate
 *   diff --from-empty`), each later one the diff from the previous twin to the new one. The
 *   runner (src/infra/db/pg-migrate.ts) applies them in order at start-up.
 *
 * `npm run pg:schema -- <name>` names the new migration (default: "schema_change").
 * `npm run pg:schema -- --check` only says whether the twin is in step (exit 1 when not).
 * test/integration/pg-schema.test.ts fails when the twin or its migrations are behind.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SQLITE_SCHEMA = path.join(root, "prisma", "schema.prisma");
export const PG_DIR = path.join(root, "prisma", "postgres");
export const PG_SCHEMA = path.join(PG_DIR, "schema.prisma");
export const PG_MIGRATIONS = path.join(PG_DIR, "migrations");

const HEADER = [
  "// GENERATED from prisma/schema.prisma by `npm run pg:schema`: do not edit (edit prisma/schema.prisma,",
  "// then run `npm run pg:schema -- <migration_name>`). The PostgreSQL twin: same models, datasource",
  "// postgresql, client in src/infra/db/generated-pg. Migrations: prisma/postgres/migrations/*.sql.",
  "",
].join("\n");

/** The twin's text for a SQLite schema's text (pure). */
export function postgresTwin(sqlite: string): string {
  let out = sqlite;
  const swap = (pattern: RegExp, replacement: string, what: string) => {
    if (!pattern.test(out)) throw new Error(`prisma/schema.prisma: could not find ${what} to rewrite for PostgreSQL`);
    out = out.replace(pattern, replacement);
  };
  swap(/(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"sqlite"/, '$1"postgresql"', 'the datasource provider "sqlite"');
  swap(/(datasource\s+db\s*\{[^}]*?url\s*=\s*)"file:[^"]*"/, '$1"postgresql://localhost/tusoi"', "the datasource url");
  swap(/(generator\s+client\s*\{[^}]*?output\s*=\s*)"\.\.\/src\/infra\/db\/generated"/, '$1"../../src/infra/db/generated-pg"', "the generator output");
  // Nothing else in the schema is SQLite-specific today (no @db.* types, no raw defaults);
  // a native type added later would need its PostgreSQL spelling here.
  if (/@db\./.test(out)) throw new Error("prisma/schema.prisma uses a native type (@db.…): teach scripts/pg-schema.ts its PostgreSQL spelling");
  return HEADER + out;
}

export function migrationFiles(): string[] {
  if (!existsSync(PG_MIGRATIONS)) return [];
  return readdirSync(PG_MIGRATIONS)
    .filter((f) => /^\d{4}_\w+\.sql$/.test(f))
    .sort();
}

function prismaCli(): string {
  return path.join(path.dirname(createRequire(import.meta.url).resolve("prisma/package.json")), "build/index.js");
}

/** `prisma migrate diff` between two datamodels (or from empty), as SQL. */
export function diffSql(from: string | null, to: string): string {
  const args = [prismaCli(), "migrate", "diff", ...(from ? ["--from-schema-datamodel", from] : ["--from-empty"]), "--to-schema-datamodel", to, "--script"];
  return execFileSync(process.execPath, args, { cwd: root, encoding: "utf8", env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" } });
}

const isEmptyDiff = (sql: string) => sql.split("\n").every((line) => line.trim() === "" || line.trim().startsWith("--"));

function main(argv: string[]): void {
  const check = argv.includes("--check");
  const name = (argv.find((a) => !a.startsWith("--")) ?? "schema_change").replace(/\W+/g, "_").toLowerCase();
  // PG_SCHEMA_SOURCE: another SQLite schema to start from (e.g. `git show HEAD:prisma/schema.prisma`).
  const twin = postgresTwin(readFileSync(process.env.PG_SCHEMA_SOURCE ?? SQLITE_SCHEMA, "utf8"));
  const current = existsSync(PG_SCHEMA) ? readFileSync(PG_SCHEMA, "utf8") : null;
  const files = migrationFiles();
  if (current === twin && files.length > 0) {
    console.log("prisma/postgres is in step with prisma/schema.prisma");
    return;
  }
  if (check) {
    console.error("prisma/postgres/schema.prisma is behind prisma/schema.prisma: run `npm run pg:schema -- <migration_name>`");
    process.exit(1);
  }
  const tmp = mkdtempSync(path.join(tmpdir(), "tusoi-pg-schema-"));
  try {
    const next = path.join(tmp, "schema.prisma");
    writeFileSync(next, twin);
    let sql: string;
    if (files.length === 0) sql = diffSql(null, next);
    else {
      const previous = path.join(tmp, "previous.prisma");
      writeFileSync(previous, current ?? "");
      sql = diffSql(previous, next);
    }
    mkdirSync(PG_MIGRATIONS, { recursive: true });
    if (!isEmptyDiff(sql)) {
      const number = String(files.length + 1).padStart(4, "0");
      const file = `${number}_${files.length === 0 ? "init" : name}.sql`;
      writeFileSync(
        path.join(PG_MIGRATIONS, file),
        `-- Generated by \`npm run pg:schema\` (prisma migrate diff). Applied by src/infra/db/pg-migrate.ts.\n${sql}`,
      );
      console.log(`wrote prisma/postgres/migrations/${file}`);
    } else console.log("the models did not change: no new migration");
    writeFileSync(PG_SCHEMA, twin);
    console.log("wrote prisma/postgres/schema.prisma");
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  // The PostgreSQL client, from the new twin.
  execFileSync(process.execPath, [prismaCli(), "generate", "--schema", PG_SCHEMA], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
