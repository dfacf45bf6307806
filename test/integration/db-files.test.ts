/**
 * The database holds every member's answers: start-up creates its folder 0700 and the
 * database, its WAL and shared-memory files 0600, whatever the umask, on a real SQLite file.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import { composeApp } from "../../src/infra/compose.js";

const root = mkdtempSync(path.join(tmpdir(), "tusoi-files-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const modeOf = (file: string) => (statSync(file).mode & 0o777).toString(8);

async function startOn(file: string) {
  const parsed = parseConfig({ BOT_TOKEN: "123456:ABCdefGhIJKlmnOPQRstuvWXyz_0123456", DATABASE_URL: `file:${file}` });
  if (!parsed.ok) throw new Error(parsed.error);
  const runtime = await composeApp(parsed.config);
  // A write, so the WAL and the shared-memory index exist (they go when the last connection closes).
  await runtime.app.users.createUserForIdentity({ channel: "telegram", externalId: "1" }, { firstName: "An", username: null }, new Date());
  return runtime;
}

it("creates a missing data folder 0700 and bot.db, -wal and -shm 0600", async () => {
  const file = path.join(root, "fresh", "data", "bot.db");
  const runtime = await startOn(file);
  try {
    expect(modeOf(path.dirname(file))).toBe("700");
    expect(modeOf(file)).toBe("600");
    expect(modeOf(`${file}-wal`)).toBe("600");
    expect(modeOf(`${file}-shm`)).toBe("600");
  } finally {
    await runtime.close();
  }
});

it("tightens an existing database and its own folder, and leaves a shared folder's mode alone", async () => {
  // A folder made by hand (`mkdir -p /var/lib/tusoi`) with a database from an earlier version.
  const own = path.join(root, "own");
  mkdirSync(own, { mode: 0o755 });
  chmodSync(own, 0o755);
  writeFileSync(path.join(own, "bot.db"), "");
  chmodSync(path.join(own, "bot.db"), 0o644);
  const first = await startOn(path.join(own, "bot.db"));
  try {
    expect(modeOf(own)).toBe("700");
    expect([modeOf(path.join(own, "bot.db")), modeOf(path.join(own, "bot.db-wal")), modeOf(path.join(own, "bot.db-shm"))]).toEqual(["600", "600", "600"]);
  } finally {
    await first.close();
  }

  // DATABASE_URL=file:./bot.db in a folder that holds other things (the project itself).
  const shared = path.join(root, "shared");
  mkdirSync(shared, { mode: 0o755 });
  chmodSync(shared, 0o755);
  writeFileSync(path.join(shared, "README.md"), "not the database's");
  const second = await startOn(path.join(shared, "bot.db"));
  try {
    expect(modeOf(shared)).toBe("755");
    expect(modeOf(path.join(shared, "bot.db"))).toBe("600");
  } finally {
    await second.close();
  }
});
