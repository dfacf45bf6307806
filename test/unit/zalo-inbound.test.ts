/**
 * Zalo's inbound side without a network: an update becomes a channel-neutral InboundEvent
 * (de-duplication key, chat, sender, text, command), and the webhook route (Fastify's inject)
 * checks the secret before anything is handled.
 */
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { readInbound, withoutMention, type InboundEvent } from "../../src/channels/zalo/inbound.js";
import { zaloWebhook } from "../../src/channels/zalo/webhook.js";
import { createLogger } from "../../src/infra/logger.js";
import { createServer } from "../../src/server/index.js";

const DATE = 1_765_000_000_000;
const BOT = { botNames: ["Bot Tự Soi"] };
const SECRET = "zalo-webhook-secret-0123";

function update(text: string, chat: { id: string; chat_type: string } = { id: "7001", chat_type: "PRIVATE" }, extra: Record<string, unknown> = {}) {
  return {
    event_name: "message.text.received",
    message: { message_id: "m42", from: { id: "7001", display_name: "Nguyễn Văn An", is_bot: false }, chat, date: DATE, text, ...extra },
  };
}
const GROUP = { id: "g-88", chat_type: "GROUP" };

describe("readInbound", () => {
  it("turns a private text into an event keyed <chat id>:<message_id>, bare or wrapped alike", () => {
    const expected: InboundEvent = {
      channel: "zalo",
      dedupeKey: "7001:m42",
      chat: { kind: "private", address: "7001" },
      from: { externalId: "7001", displayName: "Nguyễn Văn An" },
      text: "1 1 2 1",
      command: null,
      date: new Date(DATE),
    };
    expect(readInbound(update("1 1 2 1"), BOT)).toEqual(expected);
    expect(readInbound({ ok: true, result: update("1 1 2 1") }, BOT)).toEqual(expected);
  });

  it("recognises commands in a private chat: /tusoi, /thamgia <mã>, /tusoi@bot, any case", () => {
    expect(readInbound(update("/tusoi"), BOT)?.command).toEqual({ name: "tusoi", args: "" });
    expect(readInbound(update("  /thamgia  CB-12_a "), BOT)?.command).toEqual({ name: "thamgia", args: "CB-12_a" });
    expect(readInbound(update("/THAMGIA@tusoi_bot CB-12"), BOT)?.command).toEqual({ name: "thamgia", args: "CB-12" });
    expect(readInbound(update("tusoi"), BOT)?.command).toBeNull();
    expect(readInbound(update("1/2"), BOT)?.command).toBeNull();
  });

  it("in a group, takes a command only when the message mentions the bot, and drops the mention", () => {
    const before = readInbound(update("@Bot Tự Soi /tusoi", GROUP), BOT);
    expect(before).toMatchObject({ chat: { kind: "group", address: "g-88" }, dedupeKey: "g-88:m42", text: "/tusoi", command: { name: "tusoi", args: "" } });
    expect(readInbound(update("/thamgia CB-12 @bot tự soi", GROUP), BOT)?.command).toEqual({ name: "thamgia", args: "CB-12" });
    const unaddressed = readInbound(update("/tusoi", GROUP), BOT);
    expect(unaddressed).toMatchObject({ text: "/tusoi", command: null });
    expect(readInbound(update("@Bot Khác /tusoi", GROUP), BOT)?.command).toBeNull();
    expect(readInbound(update("/tusoi @Bot Tự Soiii", GROUP), BOT)?.command).toBeNull();
  });

  it("drops what is not a person's text: images, stickers, a bot's message, a blank text, a non-update", () => {
    expect(readInbound({ ...update("x"), event_name: "message.image.received" }, BOT)).toBeNull();
    expect(readInbound(update("x", undefined, { from: { id: "9", display_name: "Bot", is_bot: true } }), BOT)).toBeNull();
    expect(readInbound(update("   "), BOT)).toBeNull();
    expect(readInbound({ update_id: 1 }, BOT)).toBeNull();
  });
});

describe("POST /zalo (inject)", () => {
  let server: FastifyInstance | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });
  const lines: string[] = [];

  async function mount(onEvent: (event: InboundEvent) => Promise<void>, answerWithinMs?: number) {
    const sink = new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
        done();
      },
    });
    const errors: unknown[] = [];
    server = createServer({ logger: createLogger("info", [], sink), healthy: async () => true });
    await server.register(
      zaloWebhook({ secret: SECRET, botNames: BOT.botNames, onEvent, onError: (e) => errors.push(e), ...(answerWithinMs ? { answerWithinMs } : {}) }),
    );
    return errors;
  }
  const post = (body: unknown, secret?: string) =>
    server!.inject({
      method: "POST",
      url: "/zalo",
      payload: JSON.stringify(body),
      headers: { "content-type": "application/json", ...(secret === undefined ? {} : { "x-bot-api-secret-token": secret }) },
    });

  it("hands a text with the right secret to the handler and answers 200", async () => {
    const seen: InboundEvent[] = [];
    await mount(async (e) => {
      seen.push(e);
    });
    const response = await post(update("/thamgia CB-12"), SECRET);
    expect(response.statusCode).toBe(200);
    expect(seen.map((e) => [e.dedupeKey, e.command])).toEqual([["7001:m42", { name: "thamgia", args: "CB-12" }]]);
    const wrapped = await post({ ok: true, result: update("2") }, SECRET);
    expect(wrapped.statusCode).toBe(200);
    expect(seen[1]?.text).toBe("2");
  });

  it.each([
    ["a wrong", "not-the-secret-0123"],
    ["no", undefined],
    ["a longer", `${SECRET}x`],
  ])("refuses %s secret: 401, nothing handled, the secret never logged", async (_label, secret) => {
    const seen: InboundEvent[] = [];
    await mount(async (e) => {
      seen.push(e);
    });
    const logged = lines.length;
    const response = await post(update("/tusoi"), secret);
    expect(response.statusCode).toBe(401);
    expect(seen).toEqual([]);
    expect(lines.slice(logged).join("\n")).toContain("WRONG_SECRET");
    expect(lines.join("\n")).not.toContain(SECRET);
  });

  it("answers 400 to a body that is no update, 200 to an image (dropped), 405 to GET", async () => {
    const seen: InboundEvent[] = [];
    await mount(async (e) => {
      seen.push(e);
    });
    expect((await post({ hello: "world" }, SECRET)).statusCode).toBe(400);
    expect((await post({ ...update("x"), event_name: "message.sticker.received" }, SECRET)).statusCode).toBe(200);
    expect((await server!.inject({ method: "GET", url: "/zalo" })).statusCode).toBe(405);
    expect(seen).toEqual([]);
  });

  it("answers 500 when the handler fails, and 200 without waiting when it is slow", async () => {
    const errors = await mount(async () => {
      throw new Error("database down");
    });
    expect((await post(update("1"), SECRET)).statusCode).toBe(500);
    expect(String(errors[0])).toContain("database down");
    await server!.close();
    let finish!: () => void;
    const slow = new Promise<void>((resolve) => {
      finish = resolve;
    });
    await mount(() => slow, 50);
    expect((await post(update("1"), SECRET)).statusCode).toBe(200);
    finish();
  });
});

describe("withoutMention (a group's message addressed to the bot)", () => {
  const NAMES = ["Bot Tự Soi", "bot.tusoi.test"];

  it("drops a leading mention of the bot by either of its names, any case, with the punctuation after it; what follows is the command", () => {
    expect(withoutMention("@Bot Tự Soi /chibo", NAMES)).toBe("/chibo");
    expect(withoutMention("@bot tự soi /chibo CB-12", NAMES)).toBe("/chibo CB-12");
    expect(withoutMention("@bot.tusoi.test /thamgia", NAMES)).toBe("/thamgia");
    expect(withoutMention("@Bot Tự Soi: /baocao", NAMES)).toBe("/baocao");
    expect(withoutMention("@Bot Tự Soi, /thamgia", NAMES)).toBe("/thamgia");
  });

  it("drops the mention where it stands: at the end, in the middle, after a non-breaking space", () => {
    expect(withoutMention("/chibo @Bot Tự Soi", NAMES)).toBe("/chibo");
    expect(withoutMention("/chibo @Bot Tự Soi CB-12", NAMES)).toBe("/chibo CB-12");
    expect(withoutMention("@Bot Tự Soi\u00a0/thamgia", NAMES)).toBe("/thamgia");
  });

  it("matches a name written with decomposed Vietnamese letters (NFD) as the same name", () => {
    expect(withoutMention("@Bot Tự Soi /chibo".normalize("NFD"), NAMES)).toBe("/chibo");
    expect(withoutMention("@Bot Tự Soi /chibo", ["Bot Tự Soi".normalize("NFD")])).toBe("/chibo");
  });

  it("takes a command typed right after the mention with no space", () => {
    expect(withoutMention("@Bot Tự Soi/chibo", NAMES)).toBe("/chibo");
  });

  it("is null when the bot is not mentioned: another name, a longer name, a name inside a word, no @", () => {
    expect(withoutMention("@Bot Khác /chibo", NAMES)).toBeNull();
    expect(withoutMention("@Bot Tự Soii /chibo", NAMES)).toBeNull();
    expect(withoutMention("email@Bot Tự Soi /chibo", NAMES)).toBeNull();
    expect(withoutMention("Bot Tự Soi /chibo", NAMES)).toBeNull();
    expect(withoutMention("@Bot Tự Soi /chibo", [])).toBeNull();
  });
});
