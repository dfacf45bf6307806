/** End-to-end: `src/main.ts` refuses to start with one clear line and exit code 1. */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { freePort } from "../support/ports.js";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { REPO_ROOT } from "./harness/index.js";
import { startE2E, waitForText } from "./support.js";

const dir = mkdtempSync(path.join(tmpdir(), "tusoi-startup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the bot process in an empty folder (no .env) with exactly these variables. */
function start(env: Record<string, string>) {
  const { PATH, HOME } = process.env;
  // tsx resolved from here: the process runs in an empty folder, so no .env is picked up.
  return spawnSync(process.execPath, ["--import", import.meta.resolve("tsx"), path.join(REPO_ROOT, "src/main.ts")], {
    cwd: dir,
    env: { PATH: PATH ?? "", HOME: HOME ?? "", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
}

/** `start` without blocking this process (the emulator runs in it); killed after `timeoutMs`. */
function startAsync(env: Record<string, string>, timeoutMs = 40_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { PATH, HOME } = process.env;
  const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), path.join(REPO_ROOT, "src/main.ts")], {
    cwd: dir,
    env: { PATH: PATH ?? "", HOME: HOME ?? "", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  return new Promise((resolve) =>
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

it("without BOT_TOKEN: one line naming it, exit 1", () => {
  const r = start({});
  expect(r.status).toBe(1);
  expect(r.stderr.trim().split("\n")).toEqual(["Configuration error: BOT_TOKEN is required (the token from @BotFather)"]);
});

it("when the Bot API cannot be reached: one line saying what to check, exit 1, no token printed", () => {
  const token = "123456:ABCdefGhIJKlmnOPQRstuvWXyz_0123456";
  const r = start({ BOT_TOKEN: token, TELEGRAM_API_ROOT: "http://127.0.0.1:9", DATABASE_URL: `file:${path.join(dir, "bot.db")}`, LOG_LEVEL: "silent" });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain("Cannot reach the Telegram Bot API at http://127.0.0.1:9");
  expect(r.stderr).toContain("Check BOT_TOKEN, TELEGRAM_API_ROOT and the network.");
  expect(r.stderr + r.stdout).not.toContain(token);
});

it("a second bot on the same SQLite file stops with one line and exit 1; the first keeps working", async () => {
  const e2e = await startE2E();
  try {
    const second = await startAsync({
      BOT_TOKEN: e2e.emulator.token,
      TELEGRAM_API_ROOT: e2e.emulator.apiRoot,
      DATABASE_URL: e2e.databaseUrl,
      LOG_LEVEL: "info",
    });
    expect(second.code).toBe(1);
    const file = e2e.databaseUrl.slice("file:".length);
    expect(second.stderr.trim().split("\n")).toEqual([
      `Another bot process is already using the database ${file}; one process per SQLite file is supported (stop the other one first).`,
    ]);
    expect(second.stdout).not.toContain("polling started");

    expect(e2e.bot.isRunning()).toBe(true);
    const user = e2e.emulator.user({ id: 6101, firstName: "Trần Văn Bảo" });
    await user.send("/huongdan");
    await waitForText(user, /Tự soi, tự sửa/);
  } finally {
    await e2e.close();
  }
});

it("long-polling with PORT set: the HTTP server answers /healthz, and the bot still polls", async () => {
  const port = await freePort();
  const e2e = await startE2E({ PORT: String(port) });
  try {
    const health = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.status,
      (error: unknown) => `no server: ${String(error)}`,
    );
    expect(health).toBe(200);
    const user = e2e.emulator.user({ id: 6102, firstName: "Lê Thị Cúc" });
    await user.send("/huongdan");
    await waitForText(user, /Tự soi, tự sửa/);
  } finally {
    await e2e.close();
  }
});
