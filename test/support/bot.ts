/**
 * The real bot (createBot, real middleware, real SQLite file) with Telegram's API stubbed
 * in-process by ./telegram-fake.ts (the fake the benchmarks use too): outgoing calls are
 * recorded, checked against Telegram's limits and answered; incoming updates are built there.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { InputFile } from "grammy";
import pino, { type Logger } from "pino";
import type { Update } from "grammy/types";
import { createBot } from "../../src/bot/index.js";
import { Pacer } from "../../src/infra/outbox/pacer.js";
import { OutboxSender } from "../../src/infra/outbox/sender.js";
import { classify, sentOutcome } from "../../src/bot/transport.js";
import { telegramSender, type BotApiCall } from "../../src/bot/outbound.js";
import { BOT_INFO, telegramFake, type Group, type Person, type SentMessage } from "./telegram-fake.js";
import type { BotDeps } from "../../src/bot/context.js";
import { createI18n } from "../../src/infra/i18n/index.js";
import type { AppDeps } from "../../src/app/deps.js";

export { BOT_INFO, type ApiCall, type Group, type Person, type SentMessage } from "./telegram-fake.js";

export interface StubbedBotOptions {
  locale?: "vi" | "en";
  /** The bot's logger (default: pino at TEST_LOG_LEVEL, silent). */
  logger?: Logger;
  /** Zalo runs beside Telegram (BotDeps.zaloRuns). */
  zaloRuns?: boolean;
  /** A cell to set up before the bot is handed over: `secretary` runs /chibo in `group`, then the secretary and `members` join it. */
  cell?: { group: Group; secretary: Person; members: Person[] };
}

/** Three members with ids `firstId`, `firstId + 1`, `firstId + 2`, first names Bình, Cường and Dung, and the family name `lastName`. */
export const threeMembers = (firstId: number, lastName: string): Person[] =>
  ["Bình", "Cường", "Dung"].map((first_name, i) => ({ id: firstId + i, first_name, last_name: lastName }));

export async function stubbedBot(app: AppDeps, options: StubbedBotOptions = {}) {
  const fake = telegramFake();
  const { calls, messages, admins, blocked, failing } = fake;

  const deps: BotDeps = {
    app,
    i18n: await createI18n(options.locale ?? "vi"),
    defaultLocale: options.locale ?? "vi",
    logger: options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
    // Where main.ts downloads from `<api root>/file/bot<token>/<file_path>`: the fake's files.
    downloadFile: (filePath) => fake.download(filePath),
    ...(options.zaloRuns ? { zaloRuns: true } : {}),
  };
  const bot = createBot("4242:TEST-token-not-real-aaaaaaaaaaaa", deps, { botInfo: BOT_INFO });
  // The real outbox sender, unpaced, sending through the same fake: what the bot queues
  // (announcements, nudges, summaries) arrives before the handler that woke it answers.
  const call: BotApiCall = async (method, params) => {
    try {
      return sentOutcome(await bot.api.raw[method as "sendMessage"](params as never));
    } catch (error) {
      return classify(error);
    }
  };
  const telegram = telegramSender({
    call,
    botUsername: BOT_INFO.username,
    pacer: new Pacer({ perSecond: 1e6, privateChatIntervalMs: 0, groupChatIntervalMs: 0 }),
  });
  const sender = new OutboxSender(app.outbox, [telegram], undefined, {
    clock: app.clock,
    waitForRetriesMs: 0,
  });
  deps.wakeSender = () => sender.drain();

  bot.api.config.use(fake.transformer);

  const messageUpdate = (from: Person, text: string, group?: Group): Update => fake.updates.message(from, text, group);
  const callbackUpdate = (from: Person, chatId: number, messageId: number, data: string): Update => fake.updates.callback(from, chatId, messageId, data);

  const api = {
    bot,
    deps,
    calls,
    messages,
    admins,
    blocked,
    failing,
    /** The outbox sender behind deps.wakeSender (what main.ts builds). */
    sender,
    /** Makes `user` an administrator of `group` (for getChatMember). */
    makeAdmin(group: Group, user: Person) {
      admins.add(`${group.id}:${user.id}`);
    },
    async send(from: Person, text: string, group?: Group) {
      const update = messageUpdate(from, text, group);
      await bot.handleUpdate(update);
      return update;
    },
    /** `from` sends a document (in private chat, or in `group`): getFile and the download then serve `bytes`. */
    async sendDocument(from: Person, fileName: string, bytes: Uint8Array, options: { caption?: string; group?: Group; size?: number } = {}) {
      const fileId = fake.upload(bytes);
      const update = fake.updates.document(from, { fileId, fileName, size: options.size ?? bytes.length }, options.caption, options.group);
      await bot.handleUpdate(update);
      return update;
    },
    /** A message update, not delivered (to post it some other way, e.g. to the webhook). */
    updateOf(from: Person, text: string, group?: Group): Update {
      return messageUpdate(from, text, group);
    },
    async deliver(update: Update) {
      await bot.handleUpdate(update);
    },
    async pressData(from: Person, chatId: number, messageId: number, data: string) {
      const update = callbackUpdate(from, chatId, messageId, data);
      await bot.handleUpdate(update);
      return update;
    },
    /** Presses the button labelled `label` on `message`. */
    async press(from: Person, message: SentMessage, label: string | RegExp) {
      const buttons = (message.keyboard?.inline_keyboard ?? []).flat();
      const button = buttons.find((b) => (typeof label === "string" ? b.text === label : label.test(b.text)));
      if (!button || !("callback_data" in button)) {
        throw new Error(`No button ${String(label)} on message ${message.messageId}; buttons: ${buttons.map((b) => b.text).join(" | ")}`);
      }
      return api.pressData(from, message.chatId, message.messageId, button.callback_data!);
    },
    /** Messages in a chat, oldest first, with edits applied. */
    chat(chatId: number) {
      return messages.filter((m) => m.chatId === chatId);
    },
    last(chatId: number): SentMessage {
      const list = api.chat(chatId);
      if (list.length === 0) throw new Error(`No message in chat ${chatId}`);
      return list[list.length - 1]!;
    },
    /** Texts of answerCallbackQuery calls, in order. */
    callbackAnswers() {
      return calls.filter((c) => c.method === "answerCallbackQuery").map((c) => (c.payload.text as string | undefined) ?? "");
    },
    buttons(message: SentMessage) {
      return (message.keyboard?.inline_keyboard ?? []).flat().map((b) => b.text);
    },
    /** The sendDocument calls to a chat, oldest first. */
    documentsTo(chatId: number) {
      return calls.filter((c) => c.method === "sendDocument" && Number(c.payload.chat_id) === chatId);
    },
    /** `secretary`, made the group's admin, sets up a cell there (`/chibo <group title>`). */
    async setUpCell(group: Group, secretary: Person) {
      api.makeAdmin(group, secretary);
      await api.send(secretary, `/chibo ${group.title}`, group);
    },
    /** `officer`, made the group's admin, sets up a committee there (`/dangbo <group title>`). */
    async setUpCommittee(group: Group, officer: Person) {
      api.makeAdmin(group, officer);
      await api.send(officer, `/dangbo ${group.title}`, group);
    },
    /** Each of `people` joins the cell in `group` by its link (`/start j_<code>`) and confirms their name ("Đúng"); the join code. */
    async joinCell(group: Group, people: Person[]): Promise<string> {
      const code = (await app.cells.findCellByGroup({ channel: "telegram", address: String(group.id) }))!.joinCode;
      for (const p of people) {
        await api.send(p, `/start j_${code}`);
        await api.press(p, api.last(p.id), "Đúng");
      }
      return code;
    },
    /** `by` asks for a link code in the committee's group (/lienket); the unit's secretary posts the `/captren` line in the unit's group. */
    async linkUnit(committeeGroup: Group, by: Person, unitGroup: Group, unitSecretary: Person) {
      await api.send(by, "/lienket", committeeGroup);
      const line = /\/captren [A-Z0-9]+/.exec(api.last(committeeGroup.id).text)![0];
      await api.send(unitSecretary, line, unitGroup);
    },
    /**
     * `p` fills in and submits the open round's form in private (/tusoi): item 1.1 marked `mark`
     * (default "Có, mức độ nhẹ"), every other item "Không có", the typed measure `measure`
     * (default "Biện pháp của <first name>"), due "Cuối năm".
     */
    async submitForm(p: Person, options: { mark?: string; measure?: string } = {}) {
      await api.send(p, "/tusoi");
      for (let i = 1; i <= 27; i++) await api.press(p, api.last(p.id), i === 1 ? (options.mark ?? "Có, mức độ nhẹ") : "Không có");
      await api.press(p, api.last(p.id), /Tiếp tục/);
      await api.send(p, options.measure ?? `Biện pháp của ${p.first_name}`);
      await api.press(p, api.last(p.id), /^Cuối năm/);
      await api.press(p, api.last(p.id), "✅ Nộp bản tự soi");
    },
  };
  if (options.cell) {
    await api.setUpCell(options.cell.group, options.cell.secretary);
    await api.joinCell(options.cell.group, [options.cell.secretary, ...options.cell.members]);
  }
  return api;
}

export type StubbedBot = Awaited<ReturnType<typeof stubbedBot>>;

/** The text of a sent DOCX (a sendDocument call's document): its runs, joined by `separator`. */
export async function docxText(call: { payload: Record<string, unknown> }, separator = " "): Promise<string> {
  const raw = await (call.payload.document as InputFile).toRaw();
  const zip = await JSZip.loadAsync(raw as Uint8Array);
  const xml = await zip.file("word/document.xml")!.async("string");
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(separator);
}

/** The workbook of a sent XLSX (a sendDocument call's document). */
export async function workbookOf(call: { payload: Record<string, unknown> }): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await (call.payload.document as InputFile).toRaw()) as unknown as ArrayBuffer);
  return workbook;
}

/** A sent XLSX's summary sheet ("Tổng hợp"): label and value per row. */
export async function summarySheetRows(call: { payload: Record<string, unknown> }): Promise<unknown[][]> {
  const sheet = (await workbookOf(call)).getWorksheet("Tổng hợp")!;
  return Array.from({ length: sheet.rowCount }, (_, i) => {
    const values = sheet.getRow(i + 1).values;
    return Array.isArray(values) ? values.slice(1, 3) : [];
  });
}
