/**
 * Runs once before all test files: migrates one template SQLite database with the real
 * `prisma migrate deploy`. Each test file copies it, so every file gets a fresh database
 * without paying for the migration again.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "../src/infra/db/migrate.js";

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "tusoi-template-"));
  const file = path.join(dir, "template.db");
  await applyMigrations(`file:${file}`);
  project.provide("templateDb", file);
  return () => rmSync(dir, { recursive: true, force: true });
}
