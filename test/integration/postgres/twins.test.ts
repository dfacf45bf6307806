/**
 * Every integration suite on freshDatabase() has its PostgreSQL twin here, so a new suite
 * cannot quietly run on SQLite only. To add one, copy a twin (three lines) under the suite's name.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";

const integration = path.join(import.meta.dirname, "..");

it("each test/integration suite that uses freshDatabase() is rerun on PostgreSQL by a twin of the same name", () => {
  const suites = readdirSync(integration)
    .filter((name) => name.endsWith(".test.ts") && name !== "contracts.test.ts")
    .filter((name) => /\bfreshDatabase\(/.test(readFileSync(path.join(integration, name), "utf8")));
  expect(suites.length).toBeGreaterThan(5);
  const twins = new Set(readdirSync(import.meta.dirname));
  const missing = suites.filter(
    (name) => !twins.has(name) || !readFileSync(path.join(import.meta.dirname, name), "utf8").includes(`import("../${name.replace(/\.ts$/, ".js")}")`),
  );
  expect(missing, "add a twin in test/integration/postgres/ (copy use-cases.test.ts, change the two names)").toEqual([]);
});
