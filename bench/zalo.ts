/**
 * Zalo beside Telegram (issue 20), in one run, on one migrated SQLite file:
 * - messages per form: one member fills the 27 items with 2 marked (measures typed, dates
 *   picked), submits; the member's own messages (typed texts and button presses) and the bot's
 *   (new messages and edits) are counted on each channel. On Zalo the member answers several
 *   items per message (10 numbers a message). Target: at most 10 member messages on Zalo.
 * - the answer path: members answering their form one item per update, round-robin, both
 *   channels measured the same way in this process, on the same database, taking turns item by
 *   item (Telegram's members answer item n, then Zalo's, then item n + 1…: a load that comes and
 *   goes on the machine falls on both): each update from the raw update to the last reply call
 *   answered, with the platform's API answered in-process (no HTTP, no network on either side);
 *   updates/s is the updates over the summed time of that channel's turns.
 *   Telegram's figure: bot.handleUpdate on the real createBot stack (grammY's middleware, the
 *   bot's handlers, the answer path's SQL), every Bot API call (answerCallbackQuery,
 *   editMessageText) answered by grammY transformer stub (bench/telegram-stub.ts: no
 *   serialisation at all).
 *   Zalo's figure: readInbound on the raw update, the shared text conversation (dedupe, the
 *   person, the choice, rendering, storing the screen's numbers), then each reply part through
 *   ZaloApi.sendMessage, whose fetch is the Zalo Bot API fake's in-process router
 *   (ZaloFake.fetch, test/support/zalo-fake.ts: the client's JSON body, the fake's checks and
 *   the Response are in the figure; the socket is not). The pacer is left out (it only waits).
 *   Printed beside it: the part of Zalo's mean spent in sendMessage, and, measured afterwards and
 *   in no figure, what the same replies cost over HTTP to the fake on 127.0.0.1 per update.
 *   BENCH_PROFILE=1 adds each channel's port calls per update. Target: Zalo's updates/s within
 *   20 % of Telegram's.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Update } from "grammy/types";
import pino from "pino";
import Database from "better-sqlite3";
import { decodeForm, encodeForm, NAME_OK } from "../src/bot/callback-data.js";
import { createBot } from "../src/bot/index.js";
import { createRenderer } from "../src/bot/presenters/notifications.js";
import { textConversation } from "../src/channels/text-conversation.js";
import { ZALO_TEXT_LIMIT } from "../src/channels/text-render.js";
import { ZaloApi } from "../src/channels/zalo/api.js";
import { readInbound } from "../src/channels/zalo/inbound.js";
import { parseConfig } from "../src/config.js";
import { composeApp } from "../src/infra/compose.js";
import { ZaloFake } from "../test/support/zalo-fake.js";
import { summarize, type Figures } from "./stats.js";
import { timedPorts, type StoreTiming } from "./answer-path.js";
import { BENCH_TOKEN, BOT_INFO, telegramStub, UpdateFactory, type Group, type Person } from "./telegram-stub.js";

const ITEMS = 27;

export interface ZaloBenchResult {
  form: { telegram: { member: number; botSent: number; botEdits: number }; zalo: { member: number; botSent: number } };
  /**
   * zaloSendMsPerUpdate: of Zalo's mean, the part spent in sendMessage (to the fake, in-process);
   * zaloHttpMsPerUpdate: the same replies sent again over HTTP on 127.0.0.1 afterwards, per update
   * (not in any figure above: what HTTP would add).
   */
  answerPath: { members: number; telegram: Figures; zalo: Figures; zaloSendMsPerUpdate: number; zaloHttpMsPerUpdate: number };
  check: { answerRows: number; expectedAnswerRows: number; ok: boolean };
  /** Profile mode (BENCH_PROFILE=1): port calls per update on each channel during the measured phases. */
  profile: { telegram: StoreTiming[]; zalo: StoreTiming[] } | null;
}

/** Handles `items` one after another, each latency appended to `latencies`; the wall time in ms. */
async function sequentially<T>(items: readonly T[], handle: (item: T) => Promise<unknown>, latencies: number[]): Promise<number> {
  const start = performance.now();
  for (const item of items) {
    const t0 = performance.now();
    await handle(item);
    latencies.push(performance.now() - t0);
  }
  return performance.now() - start;
}

function perUpdate(timings: Map<string, { calls: number; ms: number }>, updates: number): StoreTiming[] {
  return [...timings.entries()]
    .map(([method, t]) => ({ method, callsPerUpdate: t.calls / updates, msPerUpdate: t.ms / updates }))
    .sort((a, b) => b.msPerUpdate - a.msPerUpdate);
}

function deadlineIn30Days(): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric" }).format(
    new Date(Date.now() + 30 * 24 * 3600_000),
  );
}

export async function runZaloBench(options: { members: number; profile?: boolean; progress?: (line: string) => void }): Promise<ZaloBenchResult> {
  const progress = options.progress ?? (() => {});
  const dir = mkdtempSync(path.join(tmpdir(), "tusoi-bench-zalo-"));
  const fake = new ZaloFake({ anyChat: true });
  await fake.start();
  let runtime: Awaited<ReturnType<typeof composeApp>> | undefined;
  try {
    const parsed = parseConfig({ BOT_TOKEN: BENCH_TOKEN, DATABASE_URL: `file:${path.join(dir, "bot.db")}`, LOG_LEVEL: "error" });
    if (!parsed.ok) throw new Error(parsed.error);
    const config = parsed.config;
    progress("zalo: migrating …");
    runtime = await composeApp(config);
    const logger = pino({ level: "error" }, pino.destination({ dest: 2, sync: true }));
    const { i18n } = runtime;
    // Profile mode: each channel's port calls timed during its own measured phase.
    let measuring: "telegram" | "zalo" | null = null;
    const timings = { telegram: new Map<string, { calls: number; ms: number }>(), zalo: new Map<string, { calls: number; ms: number }>() };
    const tgApp = options.profile ? timedPorts(runtime.app, timings.telegram, () => measuring === "telegram") : runtime.app;
    const app = options.profile ? timedPorts(runtime.app, timings.zalo, () => measuring === "zalo") : runtime.app;

    // Telegram: the real stack, the Bot API stubbed in-process.
    const stub = telegramStub();
    const bot = createBot(BENCH_TOKEN, { app: tgApp, i18n, defaultLocale: config.defaultLocale, logger }, { botInfo: BOT_INFO });
    bot.api.config.use(stub.transformer);
    const updates = new UpdateFactory();
    const tg = async (update: Update) => {
      const refusals = stub.refusals;
      await bot.handleUpdate(update);
      if (stub.refusals !== refusals) throw new Error(`telegram: refused (${stub.refusalTexts.at(-1)})`);
    };

    // Zalo: readInbound → the text conversation → sendMessage to the fake, per reply part.
    const renderer = createRenderer(i18n, config.defaultLocale, "", app.clock);
    const conversation = textConversation(
      { app, i18n, defaultLocale: config.defaultLocale, logger, renderer, publicUrl: null },
      { channel: "zalo", limit: ZALO_TEXT_LIMIT },
    );
    // Like Telegram's stub, the fake answers in-process (ZaloApi's own work stays: JSON, Response, checks).
    const api = new ZaloApi({ token: fake.token, baseUrl: fake.baseUrl, fetch: fake.fetch });
    let zaloMessageId = 0;
    /** Time spent in sendMessage to the fake (in-process), to tell it from the conversation's. */
    let sendMs = 0;
    /** The measured phase's replies, sent again over HTTP afterwards for the HTTP figure. */
    let replies: { chat: string; text: string }[] | null = null;
    const zaloUpdate = (userId: string, text: string) => ({
      event_name: "message.text.received",
      message: {
        message_id: `z${++zaloMessageId}`,
        from: { id: userId, display_name: `Đảng viên ${userId}`, is_bot: false },
        chat: { id: userId, chat_type: "PRIVATE" },
        date: Date.now(),
        text,
      },
    });
    const zalo = async (raw: unknown) => {
      const event = readInbound(raw, { botNames: [] });
      if (!event) throw new Error("zalo: update not read");
      const parts = await conversation.receive({
        dedupeKey: event.dedupeKey,
        from: { externalId: event.from.externalId, firstName: event.from.displayName, username: null },
        text: event.text,
      });
      const t0 = performance.now();
      for (const part of parts) await api.sendMessage(event.chat.address, part);
      sendMs += performance.now() - t0;
      if (replies) for (const text of parts) replies.push({ chat: event.chat.address, text });
    };
    const say = async (userId: string, text: string) => {
      const before = fake.messagesTo(userId).length;
      await zalo(zaloUpdate(userId, text));
      return fake
        .messagesTo(userId)
        .slice(before)
        .map((m) => m.text)
        .join("\n");
    };
    const numberOf = (reply: string, label: RegExp) => {
      const line = reply.split("\n").find((l) => /^\d+\. /.test(l) && label.test(l));
      if (!line) throw new Error(`zalo: no choice ${label} in:\n${reply.slice(-600)}`);
      return line.split(".")[0]!;
    };

    // Cells: one Telegram cell (group), one Zalo-only cell (/chibo in private); a round in each.
    progress(`zalo: setting up a Telegram and a Zalo cell of ${options.members} members …`);
    const group: Group = { id: -1_000_000_777, title: "Chi bộ Telegram" };
    const tgSecretary: Person = { id: 700_000, first_name: "Bí thư", last_name: "Telegram" };
    await tg(updates.message(tgSecretary, "/chibo Chi bộ Telegram", group));
    const tgCell = (await app.cells.findCellByGroup({ channel: "telegram", address: String(group.id) }))!;
    const tgPeople: Person[] = Array.from({ length: options.members + 1 }, (_, i) => ({ id: 700_001 + i, first_name: "Đảng viên", last_name: String(i + 1) }));
    for (const person of tgPeople) {
      await tg(updates.message(person, `/start j_${tgCell.joinCode}`));
      await tg(updates.callback(person, stub.lastSent.get(person.id)!.messageId, NAME_OK));
    }
    await tg(updates.message(tgSecretary, `/dotmoi ${deadlineIn30Days()} Đợt Telegram`, group));

    const setUp = await say("800000", "/chibo Chi bộ Zalo");
    const join = /^\/thamgia (\S+)$/m.exec(setUp)?.[0];
    if (!join) throw new Error(`zalo: /chibo gave no join line:\n${setUp}`);
    const zaloPeople = Array.from({ length: options.members + 1 }, (_, i) => String(800_001 + i));
    for (const person of zaloPeople) {
      await say(person, join);
      await say(person, "1");
    }
    await say("800000", `/dotmoi ${deadlineIn30Days()} Đợt Zalo`);

    // Messages per form, 27 items with items 2 and 27 marked.
    progress("zalo: one form on each channel …");
    const [tgOne, ...tgMembers] = tgPeople as [Person, ...Person[]];
    const [zaloOne, ...zaloMembers] = zaloPeople as [string, ...string[]];
    const tgCounts = () => ({ sent: stub.callCounts.get("sendMessage") ?? 0, edits: stub.callCounts.get("editMessageText") ?? 0 });
    const tgStart = tgCounts();
    let tgMember = 0;
    const press = async (label: RegExp) => {
      const last = stub.lastSent.get(tgOne.id)!;
      const button = last.keyboard?.inline_keyboard.flat().find((b) => "callback_data" in b && label.test(b.text));
      if (!button || !("callback_data" in button)) throw new Error(`telegram: no button ${label} on ${last.text.slice(0, 200)}`);
      tgMember++;
      await tg(updates.callback(tgOne, last.messageId, button.callback_data!));
    };
    const type = async (text: string) => {
      tgMember++;
      await tg(updates.message(tgOne, text));
    };
    await type("/tusoi");
    for (let item = 1; item <= ITEMS; item++) await press(item === 2 ? /^Có, mức độ nhẹ/ : item === ITEMS ? /^Có, cần khắc phục/ : /^Không có/);
    await press(/Tiếp tục/);
    for (const measure of ["Đọc lại quy định", "Báo cáo chi bộ hằng tháng"]) {
      await type(measure);
      await press(/^Sau 3 tháng|^Cuối năm/);
    }
    await press(/Nộp bản tự soi/);
    if (!/Đã nộp bản tự soi lúc/.test(stub.lastSent.get(tgOne.id)!.text))
      throw new Error(`telegram: the form was not submitted: ${stub.lastSent.get(tgOne.id)!.text.slice(0, 300)}`);
    const tgEnd = tgCounts();

    const zaloBefore = fake.messagesTo(zaloOne).length;
    let zaloMember = 0;
    const zsay = async (text: string) => {
      zaloMember++;
      return say(zaloOne, text);
    };
    await zsay("/tusoi");
    await zsay("1 2 1 1 1 1 1 1 1 1");
    await zsay("1111111111");
    let reply = await zsay("1111113");
    reply = await zsay(numberOf(reply, /Tiếp tục/));
    reply = await zsay("Đọc lại quy định");
    reply = await zsay(numberOf(reply, /Sau 3 tháng|Cuối năm/));
    reply = await zsay("Báo cáo chi bộ hằng tháng");
    reply = await zsay(numberOf(reply, /Sau 3 tháng|Cuối năm/));
    reply = await zsay(numberOf(reply, /Nộp bản tự soi/));
    if (!/Đã nộp bản tự soi lúc/.test(reply)) throw new Error(`zalo: the form was not submitted:\n${reply}`);
    const zaloSent = fake.messagesTo(zaloOne).length - zaloBefore;

    // The answer path: each member's /tusoi first (not measured), then one item per update, round-robin.
    progress(`zalo: answer path, ${options.members} members × ${ITEMS} items on each channel …`);
    const tgForms: { person: Person; messageId: number; id: number }[] = [];
    for (const person of tgMembers) {
      await tg(updates.message(person, "/tusoi"));
      const sent = stub.lastSent.get(person.id)!;
      const first = sent.keyboard?.inline_keyboard[0]?.[0];
      const action = first && "callback_data" in first ? decodeForm(first.callback_data!) : null;
      if (action?.action !== "answer") throw new Error("telegram: /tusoi showed no question");
      tgForms.push({ person, messageId: sent.messageId, id: action.id });
    }
    for (const person of zaloMembers) await say(person, "/tusoi");
    // Item by item, one round of each channel's members in turn: both channels see the machine's load alike.
    const rounds: { telegram: Update[]; zalo: unknown[] }[] = [];
    for (let item = 0; item < ITEMS; item++) {
      rounds.push({
        telegram: tgForms.map((form) =>
          updates.callback(form.person, form.messageId, encodeForm({ action: "answer", id: form.id, index: item, value: "NONE" })),
        ),
        zalo: zaloMembers.map((person) => zaloUpdate(person, "1")),
      });
    }
    const answerRows = () => Number((db.prepare(`SELECT COUNT(*) AS n FROM "Answer"`).get() as { n: number }).n);
    const db = new Database(path.join(dir, "bot.db"), { readonly: true });
    const before = answerRows();
    sendMs = 0;
    replies = [];
    const tgRun = { latencies: [] as number[], wallMs: 0 };
    const zaloRun = { latencies: [] as number[], wallMs: 0 };
    for (const round of rounds) {
      measuring = "telegram";
      tgRun.wallMs += await sequentially(round.telegram, tg, tgRun.latencies);
      measuring = "zalo";
      zaloRun.wallMs += await sequentially(round.zalo, zalo, zaloRun.latencies);
      measuring = null;
    }
    const telegram = summarize(Float64Array.from(tgRun.latencies), tgRun.wallMs);
    const zaloFigures = summarize(Float64Array.from(zaloRun.latencies), zaloRun.wallMs);
    const tgStream = rounds.flatMap((r) => r.telegram);
    const zaloStream = rounds.flatMap((r) => r.zalo);
    const zaloSendMsPerUpdate = sendMs / zaloStream.length;
    // The same replies again, over HTTP to the fake on 127.0.0.1 (what a real deployment adds, roughly, on a fast network).
    const overHttp = new ZaloApi({ token: fake.token, baseUrl: fake.baseUrl });
    const h0 = performance.now();
    for (const reply of replies) await overHttp.sendMessage(reply.chat, reply.text);
    const zaloHttpMsPerUpdate = (performance.now() - h0) / zaloStream.length;
    const answerRowCount = answerRows() - before;
    db.close();
    const expected = tgStream.length + zaloStream.length;
    return {
      form: {
        telegram: { member: tgMember, botSent: tgEnd.sent - tgStart.sent, botEdits: tgEnd.edits - tgStart.edits },
        zalo: { member: zaloMember, botSent: zaloSent },
      },
      answerPath: { members: options.members, telegram, zalo: zaloFigures, zaloSendMsPerUpdate, zaloHttpMsPerUpdate },
      check: { answerRows: answerRowCount, expectedAnswerRows: expected, ok: answerRowCount === expected },
      profile: options.profile ? { telegram: perUpdate(timings.telegram, tgStream.length), zalo: perUpdate(timings.zalo, zaloStream.length) } : null,
    };
  } finally {
    await runtime?.close();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
