/**
 * End-to-end: production runs the compiled JavaScript (`npm run build`, then `node dist/main.js`).
 * src/ is compiled with tsconfig.build.json into a throwaway folder laid out as the Dockerfile's
 * runtime image is: dist/ beside links to locales/, docs/, prisma/, prisma.config.ts, package.json and
 * node_modules, nothing else of the repository (no src/, no tsx). From there the bot must find
 * its words, migrate its database and answer.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { REPO_ROOT, startBot, startEmulator } from "./harness/index.js";
import { createPostgresDatabase, onPostgres } from "../support/postgres.js";
import { waitForText } from "./support.js";

const root = mkdtempSync(path.join(tmpdir(), "tusoi-compiled-"));
const main = path.join(root, "dist", "main.js");
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(() => {
  // The build `npm run build` runs (tsc, then the non-TypeScript files under src/, e.g. the web's CSS).
  execFileSync(process.execPath, [path.join(REPO_ROOT, "scripts", "build.mjs"), path.join(root, "dist")], { cwd: REPO_ROOT, stdio: "pipe" });
  for (const entry of ["locales", "docs", "prisma", "prisma.config.ts", "node_modules"]) symlinkSync(path.join(REPO_ROOT, entry), path.join(root, entry));
  copyFileSync(path.join(REPO_ROOT, "package.json"), path.join(root, "package.json"));
}, 240_000);

it("without BOT_TOKEN: the compiled bot prints one line naming it and exits 1", () => {
  const empty = mkdtempSync(path.join(root, "cwd-"));
  const { PATH, HOME } = process.env;
  const r = spawnSync(process.execPath, [main], { cwd: empty, env: { PATH: PATH ?? "", HOME: HOME ?? "" }, encoding: "utf8", timeout: 60_000 });
  expect(r.status).toBe(1);
  expect(r.stderr.trim().split("\n")).toEqual(["Configuration error: BOT_TOKEN is required (the token from @BotFather)"]);
});

it("every package the compiled code imports is a runtime dependency (the image installs with --omit=dev)", () => {
  const dependencies = Object.keys(
    (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies,
  );
  const imported = new Set<string>();
  for (const file of readdirSync(path.join(root, "dist"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"))) {
    const code = readFileSync(path.join(root, "dist", file), "utf8");
    for (const [, specifier] of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"'./][^"']*)["']/g)) {
      if (specifier!.startsWith("node:") || builtinModules.includes(specifier!)) continue;
      imported.add(
        specifier!
          .split("/")
          .slice(0, specifier!.startsWith("@") ? 2 : 1)
          .join("/"),
      );
    }
  }
  expect(imported.has("grammy")).toBe(true);
  expect([...imported].filter((name) => !dependencies.includes(name))).toEqual([]);
});

/** Starts the compiled bot on `databaseUrl` against the emulator; a member's /huongdan must be answered. */
async function answersHelp(databaseUrl: string): Promise<string> {
  const emulator = await startEmulator({ token: "123456789:AAE2E-test-token-not-a-real-one-0000" });
  try {
    const bot = await startBot({
      cwd: root,
      command: [process.execPath, "--enable-source-maps", main],
      env: { BOT_TOKEN: emulator.token, TELEGRAM_API_ROOT: emulator.apiRoot, DATABASE_URL: databaseUrl, LOG_LEVEL: "info" },
      readyPattern: /polling started/,
      timeoutMs: 60_000,
    });
    try {
      const user = emulator.user({ id: 6201, firstName: "Lê Thị Hoa" });
      await user.send("/huongdan");
      await waitForText(user, /Tự soi, tự sửa/);
      return bot.output();
    } finally {
      await bot.stop();
    }
  } finally {
    await emulator.stop();
  }
}

it("the compiled bot migrates a new SQLite database, starts polling and answers /huongdan in Vietnamese", async () => {
  const output = await answersHelp(`file:${path.join(root, "data", "bot.db")}`);
  expect(output).toContain("database ready (migrations applied)");
});

onPostgres("the compiled bot on PostgreSQL", () => {
  it("applies prisma/postgres/migrations to an empty database and answers /huongdan", async () => {
    const database = await createPostgresDatabase({ empty: true });
    try {
      const output = await answersHelp(database.url);
      expect(output).toMatch(/"database":"postgresql 127\.0\.0\.1:[^"]*","msg":"database ready \(migrations applied\)"/);
    } finally {
      await database.drop();
    }
  });
});
