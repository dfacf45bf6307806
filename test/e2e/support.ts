/**
 * Starts the emulator and the real bot process (`node --import tsx src/main.ts`) on a temp
 * database: a SQLite file, or after `useE2EEngine("postgresql")` (the twins in
 * test/e2e/postgres/) an empty database of the run's PostgreSQL server, which the bot
 * migrates itself at start-up as in production.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "vitest";
import type { Engine } from "../../src/infra/db/engine.js";
import { createPostgresDatabase, postgresAvailable } from "../support/postgres.js";
import { startBot, startEmulator, type BotMessage, type BotProcess, type Emulator, type TestUser } from "./harness/index.js";

export interface E2E {
  emulator: Emulator;
  bot: BotProcess;
  databaseUrl: string;
  /** Stops the bot (SIGTERM, or SIGKILL with `hard`) and starts it again on the same database. */
  restart(options?: { hard?: boolean }): Promise<void>;
  close(): Promise<void>;
}

let engine: Engine = "sqlite";

/** Which engine startE2E() puts the bot on from now on in this test file. */
export function useE2EEngine(next: Engine): void {
  engine = next;
}

/**
 * A twin's whole body: loads an e2e file (`() => import("../loop.e2e.test.js")`) with the bot
 * on PostgreSQL; without a server, one skipped test says why.
 */
export async function rerunE2EOnPostgres(name: string, load: () => Promise<unknown>): Promise<void> {
  if (!postgresAvailable()) {
    describe(name, () => it.skip("skipped: no PostgreSQL server for this run", () => {}));
    return;
  }
  useE2EEngine("postgresql");
  await load();
}

export async function startE2E(extraEnv: Record<string, string> = {}): Promise<E2E> {
  const dir = mkdtempSync(path.join(tmpdir(), "tusoi-e2e-"));
  const postgres = engine === "postgresql" ? await createPostgresDatabase({ empty: true }) : null;
  const databaseUrl = postgres?.url ?? `file:${path.join(dir, "bot.db")}`;
  const emulator = await startEmulator({ token: "123456789:AAE2E-test-token-not-a-real-one-0000" });
  const env = {
    // PORT empty unless a test sets it: a PORT in the shell or a developer's .env would start an
    // HTTP server in every bot (and two on one port clash); empty counts as unset, and .env does
    // not override a variable that exists.
    BOT_TOKEN: emulator.token,
    TELEGRAM_API_ROOT: emulator.apiRoot,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: "info",
    PORT: "",
    ...extraEnv,
  };
  const e2e: E2E = {
    emulator,
    bot: await startBot({ env, readyPattern: /polling started/ }),
    databaseUrl,
    async restart(options = {}) {
      if (options.hard) e2e.bot.kill();
      else await e2e.bot.stop();
      await e2e.bot.exited;
      e2e.bot = await startBot({ env, readyPattern: /polling started/ });
    },
    async close() {
      await e2e.bot.stop();
      await emulator.stop();
      await postgres?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  emulator.addDiagnostics(() => `--- bot output ---\n${e2e.bot.output().slice(-4000)}`);
  // The twin must really be on PostgreSQL: the bot names its database at start-up.
  if (postgres && !/"database":"postgresql 127\.0\.0\.1:/.test(e2e.bot.output()))
    throw new Error(`the bot did not start on PostgreSQL:\n${e2e.bot.output().slice(-2000)}`);
  return e2e;
}

/** Waits until the user's latest bot message matches, then returns it. */
export function waitForText(user: TestUser, pattern: RegExp): Promise<BotMessage> {
  return user.waitForMessage((m) => pattern.test(m.plainText ?? m.text ?? ""));
}

/** A deadline `days` from the real today, as dd/mm/yyyy in Hà Nội time (the bot process uses the real clock). */
export function deadlineInDays(days: number): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric" }).format(
    new Date(Date.now() + days * 24 * 3600_000),
  );
}

/** Sets up a cell in `group` with `secretary` (made admin) and joins every user through the deep link. */
export async function cellWithMembers(e2e: E2E, group: { id: number; title: string }, secretary: TestUser, members: TestUser[]): Promise<void> {
  e2e.emulator.setAdmin(group.id, secretary.id);
  await secretary.sendInGroup(group, `/chibo ${group.title}`);
  await e2e.emulator.waitForMessage(group.id, (m) => /Đã thiết lập/.test(m.plainText ?? ""));
  await secretary.sendInGroup(group, "/thamgia");
  const prompt = await e2e.emulator.waitForMessage(group.id, (m) => /bấm nút dưới đây/.test(m.plainText ?? ""));
  const link = (prompt.reply_markup as { inline_keyboard: { url?: string }[][] }).inline_keyboard[0]![0]!.url!;
  const payload = new URL(link).searchParams.get("start")!;
  for (const user of [secretary, ...members]) {
    await user.send(`/start ${payload}`);
    await user.press(await waitForText(user, /Đúng chưa\?/), "Đúng");
    await waitForText(user, /Đã lưu họ tên/);
  }
}

/**
 * Goes through /tusoi as `user`: item `item` (1-based) answered `label`, every other item
 * "Không có", then the measure typed and the target date picked with the quick-pick button
 * matching `datePick`, and submits. Waits on the one edited question message throughout.
 */
export async function submitWithOneItem(user: TestUser, plan: { item: number; label: string; measure: string; datePick: RegExp }): Promise<void> {
  let message = await user.nextMessage(await user.send("/tusoi"));
  for (let n = 1; n <= 27; n++) {
    await user.press(message, n === plan.item ? plan.label : "Không có");
    const next = n < 27 ? new RegExp(`Câu ${n + 1}/27`) : /Rà soát/;
    message = await user.waitForMessage((m) => m.message_id === message.message_id && next.test(m.plainText ?? ""));
  }
  await user.press(message, /Tiếp tục/);
  await waitForText(user, /Biện pháp khắc phục · 1\/1/);
  await user.send(plan.measure);
  await user.press(await waitForText(user, /Thời hạn khắc phục/), plan.datePick);
  await user.press(await waitForText(user, /Xác nhận bản tự soi/), "✅ Nộp bản tự soi");
  await waitForText(user, /Đã nộp bản tự soi lúc/);
}
