/** The one-process-per-SQLite-file lock: taken once, refused while held, free again on release. */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { lockDatabase } from "../../src/infra/db/process-lock.js";

const dir = mkdtempSync(path.join(tmpdir(), "tusoi-lock-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("refuses a second holder until the first releases, with an owner-only lock file", () => {
  const url = `file:${path.join(dir, "data", "bot.db")}`;
  const first = lockDatabase(url);
  expect(first).not.toBeNull();
  expect(lockDatabase(url)).toBeNull();
  expect((statSync(path.join(dir, "data", "bot.db.lock")).mode & 0o777).toString(8)).toBe("600");
  first!.release();
  const again = lockDatabase(url);
  expect(again).not.toBeNull();
  again!.release();
});
