/**
 * Smoke test of the e2e harness itself: an in-process grammY bot talks to the emulator
 * (private chat, group chat with getChatMember, inline buttons + edit, sendDocument,
 * duplicate update delivery), and a tiny bot process is driven through startBot().
 */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { Bot, InlineKeyboard, InputFile } from "grammy";
import type { Chat } from "grammy/types";
import { startEmulator, startBot, type Emulator } from "./harness/index.js";

const GROUP = { id: -4001, title: "Chi bộ Thử nghiệm" };
const SUPERGROUP = { id: -1001234567890, title: "Đảng bộ Thử nghiệm" };

describe("e2e harness smoke", () => {
  let emulator: Emulator;
  let bot: Bot;
  let botStopped: Promise<void>;
  /** How many times the bot handled each update_id (no de-duplication in this bot). */
  const handled = new Map<number, number>();
  /** The chat the bot saw for each update_id. */
  const chats = new Map<number, Chat>();

  beforeAll(async () => {
    emulator = await startEmulator();
    bot = new Bot(emulator.token, { client: { apiRoot: emulator.apiRoot } });
    bot.use(async (ctx, next) => {
      const id = ctx.update.update_id;
      handled.set(id, (handled.get(id) ?? 0) + 1);
      if (ctx.chat) chats.set(id, ctx.chat);
      await next();
    });
    bot.chatType("private").command("ping", (ctx) => ctx.reply("pong"));
    bot.chatType(["group", "supergroup"]).command("admin", async (ctx) => {
      const member = await ctx.getChatMember(ctx.from.id);
      await ctx.reply(member.status);
    });
    bot.command("buttons", (ctx) => ctx.reply("choose", { reply_markup: new InlineKeyboard().text("A", "a") }));
    bot.callbackQuery("a", async (ctx) => {
      await ctx.answerCallbackQuery({ text: "ok" });
      await ctx.editMessageText("pressed");
    });
    bot.command("doc", (ctx) => ctx.replyWithDocument(new InputFile(Buffer.from("hello report"), "report.txt"), { caption: "your report" }));
    bot.on("message:text", (ctx) => ctx.reply(`echo: ${ctx.msg.text}`));
    bot.catch((err) => console.error("bot error", err.error));
    await new Promise<void>((resolve, reject) => {
      botStopped = bot.start({ onStart: () => resolve() }).catch(reject);
    });
  });

  afterAll(async () => {
    await bot?.stop();
    await botStopped;
    await emulator?.stop();
  });

  it("replies pong to /ping in a private chat (chat.id === user.id, type private)", async () => {
    const alice = emulator.user({ id: 1001, firstName: "Alice", username: "alice" });
    const sent = await alice.send("/ping");
    const reply = await alice.nextMessage(sent);
    expect(reply.text).toBe("pong");
    expect(reply.chat).toMatchObject({ id: 1001, type: "private" });
    expect(chats.get(sent.updateId)).toMatchObject({ id: 1001, type: "private", first_name: "Alice" });
    expect(emulator.lastMessage(alice.id)?.text).toBe("pong");
  });

  it("answers /admin in groups with the sender's getChatMember status", async () => {
    const alice = emulator.user({ id: 1001, firstName: "Alice" });
    const bob = emulator.user({ id: 1002, firstName: "Bob" });
    const carol = emulator.user({ id: 1003, firstName: "Carol" });
    emulator.setAdmin(GROUP.id, alice.id);
    emulator.setCreator(SUPERGROUP.id, carol.id);

    const a = await alice.sendInGroup(GROUP, "/admin");
    expect((await emulator.client.nextMessage(GROUP.id, a)).text).toBe("administrator");
    expect(chats.get(a.updateId)).toMatchObject({ id: GROUP.id, type: "group", title: GROUP.title });

    const b = await bob.sendInGroup(GROUP, "/admin");
    expect((await emulator.client.nextMessage(GROUP.id, b)).text).toBe("member");

    const c = await carol.sendInGroup(SUPERGROUP, "/admin@e2e_test_bot");
    expect((await emulator.client.nextMessage(SUPERGROUP.id, c)).text).toBe("creator");
    expect(chats.get(c.updateId)).toMatchObject({ id: SUPERGROUP.id, type: "supergroup", title: SUPERGROUP.title });
  });

  it("presses an inline button: callback answered 'ok', message edited to 'pressed'", async () => {
    const dan = emulator.user({ id: 1004, firstName: "Dan" });
    const sent = await dan.send("/buttons");
    const menu = await dan.nextMessage(sent);
    expect(menu.text).toBe("choose");

    await expect(dan.press(menu, "B")).rejects.toThrow(/Available buttons: "A"/);

    const cb = await dan.press(menu, "A");
    const answer = await emulator.client.waitForCallbackAnswer(cb.callbackQueryId);
    expect(answer.text).toBe("ok");
    const edited = await dan.waitForMessage((m) => m.message_id === menu.message_id && m.text === "pressed");
    // editMessageText without reply_markup removes the keyboard, as in Telegram
    expect(edited.reply_markup).toBeUndefined();
    expect(edited.editCount).toBe(1);
    expect(dan.messages().map((m) => m.text)).toEqual(["pressed"]);

    // forged callback data reaches the bot too (here: no handler, so no answer)
    const forged = await dan.pressData(menu.message_id, dan.id, "forged:1");
    await emulator.waitForDelivery(forged.updateId);
  });

  it("records a document sent from a Buffer", async () => {
    const erin = emulator.user({ id: 1005, firstName: "Erin" });
    const sent = await erin.send("/doc");
    const msg = await erin.nextMessage(sent);
    expect(msg.kind).toBe("document");
    expect(msg.caption).toBe("your report");
    const [file] = emulator.files(erin.id);
    expect(file).toMatchObject({ method: "sendDocument", chat_id: erin.id, caption: "your report", filename: "report.txt", size: 12 });
    expect(file?.bytes.toString("utf8")).toBe("hello report");
  });

  it("delivers the same update twice (redeliver / sendRawUpdate) to a bot without de-duplication", async () => {
    const fay = emulator.user({ id: 1006, firstName: "Fay" });
    const sent = await fay.send("/ping");
    await fay.waitForMessages((ms) => ms.filter((m) => m.text === "pong").length === 1);

    emulator.redeliver(sent.updateId);
    await fay.waitForMessages((ms) => ms.filter((m) => m.text === "pong").length === 2);
    expect(handled.get(sent.updateId)).toBe(2);
    expect(emulator.deliveries().filter((d) => d.update_id === sent.updateId)).toHaveLength(2);

    const raw = {
      update_id: 777_000,
      message: { message_id: 555_000, date: Math.floor(Date.now() / 1000), chat: fay.privateChat, from: fay.info, text: "same update" },
    };
    emulator.sendRawUpdate(raw);
    emulator.sendRawUpdate(raw);
    await fay.waitForMessages((ms) => ms.filter((m) => m.text === "echo: same update").length === 2);
    expect(handled.get(777_000)).toBe(2);

    // long polling really waits: a handful of getUpdates calls, not a busy loop
    expect(emulator.calls("getUpdates").length).toBeLessThan(60);
  });

  it("drives a bot process via startBot() with BOT_TOKEN / TELEGRAM_API_ROOT", async () => {
    const token = "987654321:PROCESS-token";
    const proc = await startBot({
      command: ["node", "--import", "tsx", "test/e2e/harness/fixtures/mini-bot.ts"],
      env: { BOT_TOKEN: token, TELEGRAM_API_ROOT: emulator.apiRoot },
      readyPattern: /long polling started/,
    });
    const removeDiag = emulator.addDiagnostics(() => `--- bot output ---\n${proc.output()}`);
    try {
      const gus = emulator.clientFor(token).user({ id: 2001, firstName: "Gus" });
      const sent = await gus.send("/ping");
      const reply = await gus.nextMessage(sent, { timeoutMs: 8000 });
      expect(reply.text).toBe(`pong from process ${proc.pid}`);
      // the in-process bot (other token) did not see it
      expect(handled.has(sent.updateId)).toBe(false);
    } finally {
      removeDiag();
      const exit = await proc.stop();
      expect(exit.code).toBe(0);
    }
    expect(proc.output()).toMatch(/stopping/);
  });
});
