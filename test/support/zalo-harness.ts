/**
 * The Zalo tests' shared set-up, around the Zalo Bot API fake (test/support/zalo-fake.ts):
 *
 * - talking to the bot as a Zalo user and reading its replies (`zaloChats`), picking a numbered
 *   choice (`numberOf`), a whole form filed with nothing or item 1 marked (`submitNothingMarked`,
 *   `submitItemOneMarked`), a cell made and joined by text (`zaloCell`);
 * - the app on Zalo alone: its configuration (`zaloConfig`, `tempSqlite`), in-process on a temp
 *   SQLite file with its own fake (`zaloInProcess`), or as the real bot process (`startZaloBot`,
 *   for e2e tests);
 * - a file link downloaded (`download`; a free port for PORT and PUBLIC_URL is ports.ts's `freePort`);
 * - without the fake, the shared text conversation as Zalo uses it (`zaloConversation`), a
 *   message typed to it (`typedOnZalo`), its replies checked (`respondPlain`) and joined (`joined`).
 *
 * Each test keeps what it exercises: long polling or the webhook, in-process or the real process,
 * the HTTP fake or the text conversation alone; where set-ups differ on purpose, an option says so.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { freePort } from "./ports.js";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";
import type { AppDeps } from "../../src/app/deps.js";
import { createCommitteeRenderer } from "../../src/bot/presenters/committee.js";
import { createRenderer } from "../../src/bot/presenters/notifications.js";
import { textConversation, type TextConversation, type TextInbound, type TextReply } from "../../src/channels/text-conversation.js";
import { parseConfig, type Config } from "../../src/config.js";
import type { Db } from "../../src/infra/db/client.js";
import { openStores } from "../../src/infra/db/index.js";
import type { I18n } from "../../src/infra/i18n/index.js";
import { createLogger } from "../../src/infra/logger.js";
import { startApp, type Running } from "../../src/root.js";
import { startBot, type BotProcess } from "../e2e/harness/index.js";
import type { TestClock } from "./app.js";
import { ZaloFake, type ZaloGroup, type ZaloUser } from "./zalo-fake.js";

/** A chat on the fake: a user, a group, or its id. */
export type ZaloChat = { id: string } | string;

const chatId = (chat: ZaloChat): string => (typeof chat === "string" ? chat : chat.id);

/** The number of the line reading `label` in a reply ("5. Nộp bản tự soi" → "5"); throws when there is none. */
export function numberOf(reply: string, label: RegExp): string {
  const line = reply.split("\n").find((l) => /^\d+\. /.test(l) && label.test(l));
  if (!line) throw new Error(`no choice ${label} in:\n${reply}`);
  return line.split(".")[0]!;
}

/** Talking to the bot through the fake, and reading what it sent. */
export interface ZaloChats {
  /** `user` writes `text` privately; everything the bot sent that chat since (joined by "\n---\n"), once one message matches `expected`. */
  say(user: ZaloUser, text: string, expected: RegExp): Promise<string>;
  /** `user` writes `text` in `group`; the group's messages since, joined, once one matches `expected`. */
  sayInGroup(user: ZaloUser, group: ZaloGroup, text: string, expected: RegExp): Promise<string>;
  /** Everything the bot sent `chat` after its first `before` messages, joined, once one matches `expected` (`what` names it in the error). */
  waitFor(chat: ZaloChat, before: number, expected: RegExp, what?: string): Promise<string>;
  /** The texts the bot sent `chat` so far, in order. */
  texts(chat: ZaloChat): string[];
}

export interface ZaloChatsOptions {
  /** How long a reply may take before the wait fails (default 20 s). */
  timeoutMs?: number;
  /** The bot's output, appended to a failed wait's message (a real process's log). */
  output?: () => string;
}

/** `ZaloChats` on `fake`: waits poll its sent messages every 20 ms. */
export function zaloChats(fake: ZaloFake, options: ZaloChatsOptions = {}): ZaloChats {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const texts = (chat: ZaloChat) => fake.messagesTo(chatId(chat)).map((m) => m.text);
  const waitFor = async (chat: ZaloChat, before: number, expected: RegExp, what = "a message"): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const fresh = texts(chat).slice(before);
      if (fresh.some((m) => expected.test(m))) return fresh.join("\n---\n");
      if (Date.now() > deadline) {
        const output = options.output ? `\n--- bot output ---\n${options.output().slice(-3000)}` : "";
        throw new Error(`no reply to ${what} in ${chatId(chat)} matching ${expected}; got:\n${fresh.join("\n---\n")}${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return {
    texts,
    waitFor,
    async say(user, text, expected) {
      const before = texts(user).length;
      await fake.sendText(user, text);
      return waitFor(user, before, expected, JSON.stringify(text));
    },
    async sayInGroup(user, group, text, expected) {
      const before = texts(group).length;
      await fake.sendText(user, text, { group });
      return waitFor(group, before, expected, JSON.stringify(text));
    },
  };
}

/** GET `url`: the status and the body's first two bytes as text (a DOCX, a zip, starts "PK"). */
export async function download(url: string): Promise<{ status: number; head: string }> {
  const response = await fetch(url);
  return {
    status: response.status,
    head: Buffer.from(await response.arrayBuffer())
      .subarray(0, 2)
      .toString(),
  };
}

/** All 27 items "Không có" typed by `user` in three messages, then submitted by number. */
export async function submitNothingMarked(zalo: Pick<ZaloChats, "say">, user: ZaloUser): Promise<void> {
  await zalo.say(user, "/tusoi", /Câu 1\/27/);
  await zalo.say(user, "1111111111", /Câu 11\/27/);
  await zalo.say(user, "1111111111", /Câu 21\/27/);
  const review = await zalo.say(user, "1111111", /Rà soát/);
  await zalo.say(user, numberOf(review, /Nộp bản tự soi/), /Đã nộp bản tự soi lúc/);
}

/**
 * `user` fills the form with item 1 marked (typed "2"), the other 26 "Không có", in two
 * messages; types `measure`; then the deadline: `date` typed when given, else the first offered
 * ("Cuối năm" or "Sau 3 tháng") by number; and submits by number.
 */
export async function submitItemOneMarked(zalo: Pick<ZaloChats, "say">, user: ZaloUser, measure: string, date?: string): Promise<void> {
  await zalo.say(user, "/tusoi", /Câu 1\/27/);
  await zalo.say(user, "2111111111", /Câu 11\/27/);
  const review = await zalo.say(user, "11111111111111111", /Rà soát/);
  await zalo.say(user, numberOf(review, /Tiếp tục/), /Biện pháp khắc phục · 1\/1/);
  const asked = await zalo.say(user, measure, /Thời hạn khắc phục/);
  const confirm = await zalo.say(user, date ?? numberOf(asked, /Cuối năm|Sau 3 tháng/), /Xác nhận bản tự soi/);
  await zalo.say(user, numberOf(confirm, /Nộp bản tự soi/), /Đã nộp bản tự soi lúc/);
}

/**
 * `secretary`'s `/chibo <name>` in a private chat, then each of `members` sends the join line
 * it answered with and confirms the prefilled name ("1"). Resolves with the join code.
 */
export async function zaloCell(zalo: Pick<ZaloChats, "say">, secretary: ZaloUser, name: string, members: readonly ZaloUser[]): Promise<string> {
  const setUp = await zalo.say(secretary, `/chibo ${name}`, /Đã thiết lập/);
  const code = /^\/thamgia (\S+)$/m.exec(setUp)![1]!;
  for (const member of members) {
    await zalo.say(member, `/thamgia ${code}`, /Đúng chưa\?/);
    await zalo.say(member, "1", /Đã lưu họ tên/);
  }
  return code;
}

/** The configuration for Zalo alone on `fake` (no BOT_TOKEN), on `databaseUrl`, silent logs; `env` on top. */
export function zaloConfig(fake: ZaloFake, databaseUrl: string, env: Record<string, string> = {}): Config {
  const parsed = parseConfig({ ZALO_BOT_TOKEN: fake.token, ZALO_API_ROOT: fake.baseUrl, DATABASE_URL: databaseUrl, LOG_LEVEL: "silent", ...env });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.config;
}

/** A new temp folder named after `prefix`, the SQLite URL of a file in it, and the folder's removal. */
export function tempSqlite(prefix: string): { url: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { url: `file:${path.join(dir, "bot.db")}`, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The app in-process on Zalo alone, and the test's own look into its database. */
export interface ZaloApp {
  running: Running;
  database: { db: Db; close(): Promise<void> };
}

export interface ZaloAppOptions {
  /** The temp folder's name prefix. */
  prefix: string;
  clock: TestClock;
  /** PORT and PUBLIC_URL on a free port, for the file links. */
  fileLinks?: boolean;
  /** Zalo's pause between two messages to one chat, when not its own (one second). */
  chatIntervalMs?: number;
}

/** A fake (long polling, idle polls answered after 50 ms), talked to as `ZaloChats`, and the app in-process on it. */
export interface ZaloInProcess extends ZaloChats {
  fake: ZaloFake;
  /** Starts the fake, then startApp with Zalo alone on it (30 messages a second) on a temp SQLite file it migrates. */
  start(): Promise<ZaloApp>;
  /** Closes the database, stops the app and the fake, removes the temp folder. */
  stop(): Promise<void>;
}

/** `ZaloInProcess` with `options`; call `start()` in beforeAll and `stop()` in afterAll. */
export function zaloInProcess(options: ZaloAppOptions): ZaloInProcess {
  const fake = new ZaloFake({ pollIdleMs: 50 });
  const sqlite = tempSqlite(options.prefix);
  let app: ZaloApp | undefined;
  return {
    ...zaloChats(fake),
    fake,
    async start() {
      await fake.start();
      const env: Record<string, string> = { ZALO_MESSAGES_PER_SECOND: "30" };
      if (options.fileLinks) {
        const port = await freePort();
        Object.assign(env, { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
      }
      const config = zaloConfig(fake, sqlite.url, env);
      const zalo = options.chatIntervalMs === undefined ? config.zalo : { ...config.zalo!, chatIntervalMs: options.chatIntervalMs };
      const running = await startApp({ ...config, zalo }, { clock: options.clock });
      app = { running, database: await openStores(config.databaseUrl) };
      return app;
    },
    async stop() {
      await app?.database.close();
      await app?.running.stop();
      await fake.stop();
      sqlite.remove();
    },
  };
}

/** The real bot process on Zalo alone, with its database's URL. */
export interface ZaloBot {
  bot: BotProcess;
  databaseUrl: string;
  /** PUBLIC_URL: http://127.0.0.1 on the process's PORT. */
  publicUrl: string;
  /** Stops the process and removes its temp folder (the fake is the test's to stop). */
  stop(): Promise<void>;
}

/**
 * `node --import tsx src/main.ts` with only ZALO_BOT_TOKEN (BOT_TOKEN empty) against `fake`, on
 * a temp SQLite file, PUBLIC_URL and PORT on a free port, 30 messages a second, info logs, `env`
 * on top (the webhook's secret, the scheduler's tick); ready once the output matches `readyPattern`.
 */
export async function startZaloBot(fake: ZaloFake, options: { prefix: string; readyPattern: RegExp; env?: Record<string, string> }): Promise<ZaloBot> {
  const sqlite = tempSqlite(options.prefix);
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  try {
    const bot = await startBot({
      env: {
        BOT_TOKEN: "",
        ZALO_BOT_TOKEN: fake.token,
        ZALO_API_ROOT: fake.baseUrl,
        PUBLIC_URL: publicUrl,
        PORT: String(port),
        ZALO_MESSAGES_PER_SECOND: "30",
        DATABASE_URL: sqlite.url,
        LOG_LEVEL: "info",
        ...options.env,
      },
      readyPattern: options.readyPattern,
      timeoutMs: 60_000,
    });
    return {
      bot,
      databaseUrl: sqlite.url,
      publicUrl,
      async stop() {
        await bot.stop();
        sqlite.remove();
      },
    };
  } catch (error) {
    sqlite.remove();
    throw error;
  }
}

export interface ZaloConversationOptions {
  /** The notifications renderer (default: with it). */
  renderer?: boolean;
  /** The committees' renderer too (default: without). */
  committee?: boolean;
  /** PUBLIC_URL, for /web and the file links (default: none). */
  publicUrl?: string | null;
}

/** The shared text conversation as Zalo uses it (channel "zalo", 2,000 characters a part) on `app`: Vietnamese, silent logs. */
export function zaloConversation(app: AppDeps, i18n: I18n, options: ZaloConversationOptions = {}): TextConversation {
  return textConversation(
    {
      app,
      i18n,
      defaultLocale: "vi",
      logger: createLogger("silent", []),
      ...(options.renderer === false ? {} : { renderer: createRenderer(i18n, "vi", "", app.clock) }),
      ...(options.committee ? { committeeRenderer: createCommitteeRenderer(i18n, "vi", "") } : {}),
      publicUrl: options.publicUrl ?? null,
    },
    { channel: "zalo", limit: 2000 },
  );
}

let typedCount = 0;

/** `text` typed by `externalId` (first name `firstName`, no username), with a dedupe key of its own. */
export function typedOnZalo(externalId: string, firstName: string, text: string): TextInbound {
  return { dedupeKey: `${externalId}:${++typedCount}`, from: { externalId, firstName, username: null }, text };
}

/** `channel`'s replies to `typed` from `externalId`, each checked: within 2,000 characters, a text part plain (no HTML tag). */
export async function respondPlain(channel: TextConversation, externalId: string, firstName: string, typed: string): Promise<TextReply[]> {
  const out = await channel.respond(typedOnZalo(externalId, firstName, typed));
  for (const part of out) {
    const text = "text" in part ? part.text : part.message.text;
    expect(text.length).toBeLessThanOrEqual(2000);
    if ("text" in part) expect(text).not.toMatch(/<\/?[a-z]+>/); // plain text
  }
  return out;
}

/** The replies as one text ("\n---\n" between), a file as "[file <name>]". */
export const joined = (replies: TextReply[]): string =>
  replies.map((part) => ("text" in part ? part.text : `[file ${part.message.file.filename}]`)).join("\n---\n");
