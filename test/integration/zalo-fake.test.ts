/**
 * The Zalo client (src/channels/zalo/api.ts) against the fake Bot API (test/support/zalo-fake.ts)
 * over real HTTP on 127.0.0.1: calls, limits, failures, polling and webhook delivery.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  ZALO_SECRET_HEADER,
  ZaloApi,
  ZaloApiError,
  ZaloNetworkError,
  parseZaloUpdate,
  retryOnRateLimit,
  secretMatches,
  splitZaloText,
  type ZaloInboundText,
} from "../../src/channels/zalo/api.js";
import { ZaloFake, type ZaloUser } from "../support/zalo-fake.js";

const AN: ZaloUser = { id: "7001", displayName: "Nguyễn Văn An" };
const BINH: ZaloUser = { id: "7002", displayName: "Trần Thị Bình" };
const SECRET = "webhook-secret-0123456789";

/** A webhook receiver as the channel will be: checks the secret header, parses the body. */
async function startReceiver(expectedSecret: string) {
  const received: { secretHeader: string | undefined; body: unknown; inbound: ZaloInboundText | null }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const header = req.headers[ZALO_SECRET_HEADER];
      if (!secretMatches(expectedSecret, header)) {
        res.writeHead(401).end();
        return;
      }
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      received.push({ secretHeader: typeof header === "string" ? header : undefined, body, inbound: parseZaloUpdate(body) });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/zalo/webhook`;
  return {
    url,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function rejection(promise: Promise<unknown>): Promise<ZaloApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ZaloApiError);
  return error as ZaloApiError;
}

describe("Zalo client against the fake Bot API", () => {
  let fake: ZaloFake;
  let zalo: ZaloApi;

  beforeAll(async () => {
    fake = new ZaloFake({ allowHttp: true });
    zalo = new ZaloApi({ token: fake.token, baseUrl: await fake.start() });
  });

  afterAll(async () => {
    await fake.stop();
  });

  afterEach(async () => {
    fake.reset();
    await zalo.deleteWebhook();
  });

  it("getMe answers the bot's account", async () => {
    const me = await zalo.getMe();
    expect(me.id).toBe(fake.botId);
    expect(me.account_name).toBe("bot.tusoi.test");
  });

  it("a wrong token is refused with error_code 401, and no error or printout shows the token", async () => {
    const token = "8123456789:wrong-Token-value";
    const wrong = new ZaloApi({ token, baseUrl: fake.baseUrl });
    const error = await rejection(wrong.getMe());
    expect(error.errorCode).toBe(401);
    expect(error.method).toBe("getMe");
    for (const shown of [error.message, String(error), JSON.stringify(error), inspect(error), inspect(wrong), JSON.stringify(wrong)]) {
      expect(shown).not.toContain("wrong-Token");
    }
    // Nobody listening: a network error, still without the token.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const offline = await rejection(new ZaloApi({ token, baseUrl: `http://127.0.0.1:${port}` }).getMe());
    expect(offline).toBeInstanceOf(ZaloNetworkError);
    expect(`${offline.message} ${inspect(offline)}`).not.toContain("wrong-Token");
  });

  it("an unknown method answers error_code 404", async () => {
    const error = await rejection(zalo.call("editMessageText", { chat_id: AN.id, text: "x" }));
    expect(error.errorCode).toBe(404);
  });

  it("getUpdates returns ONE update (not a list), then null once idle (408)", async () => {
    await fake.sendText(AN, "xin chào");
    await fake.sendText(BINH, "1 1 2 1", { group: { id: "g-900" } });
    const first = await zalo.getUpdates(30);
    expect(Array.isArray(first)).toBe(false);
    expect(parseZaloUpdate(first)).toMatchObject({ userId: AN.id, chatId: AN.id, chatType: "PRIVATE", displayName: AN.displayName, text: "xin chào" });
    expect(parseZaloUpdate(await zalo.getUpdates(30))).toMatchObject({ userId: BINH.id, chatId: "g-900", chatType: "GROUP", text: "1 1 2 1" });
    expect(await zalo.getUpdates(30)).toBeNull();
    const idle = await rejection(zalo.call("getUpdates", { timeout: "30" }));
    expect(idle.errorCode).toBe(408);
    expect(idle.isPollTimeout).toBe(true);
  });

  it("an image or a sticker arrives as an update but is no text message", async () => {
    await fake.sendEvent(AN, "message.image.received", { photo_url: "https://zalo.example/p.jpg", caption: "ảnh" });
    await fake.sendEvent(AN, "message.sticker.received", { sticker: "st-1" });
    for (const event of ["message.image.received", "message.sticker.received"]) {
      const raw = await zalo.getUpdates(30);
      expect(raw).toHaveProperty("event_name", event);
      expect(parseZaloUpdate(raw)).toBeNull();
    }
  });

  it("a message written while a poll waits is that poll's answer", async () => {
    const patient = new ZaloFake({ pollIdleMs: 20_000 });
    const client = new ZaloApi({ token: patient.token, baseUrl: await patient.start() });
    try {
      const poll = client.getUpdates(30);
      await vi.waitFor(() => expect(patient.calls.map((c) => c.method)).toContain("getUpdates"), { timeout: 15_000 });
      await patient.sendText(AN, "đang chờ");
      expect(parseZaloUpdate(await poll)).toMatchObject({ text: "đang chờ" });
    } finally {
      await patient.stop();
    }
  });

  it("with a webhook set, each update is POSTed with X-Bot-Api-Secret-Token; bare and wrapped bodies parse alike; polling is refused", async () => {
    const receiver = await startReceiver(SECRET);
    try {
      await zalo.setWebhook(receiver.url, SECRET);
      expect((await zalo.getWebhookInfo()).url).toBe(receiver.url);

      await fake.sendText(AN, "báo cáo", { envelope: "bare" });
      await fake.sendText(AN, "báo cáo", { envelope: "wrapped" });
      expect(receiver.received.map((r) => r.secretHeader)).toEqual([SECRET, SECRET]);
      expect(receiver.received[0]?.body).toHaveProperty("event_name", "message.text.received");
      expect(receiver.received[1]?.body).toHaveProperty("ok", true);
      expect(receiver.received[1]?.body).toHaveProperty("result.event_name", "message.text.received");
      const [bare, wrapped] = receiver.received.map((r) => r.inbound);
      expect(bare).toMatchObject({ userId: AN.id, chatId: AN.id, text: "báo cáo", displayName: AN.displayName });
      expect({ ...wrapped, messageId: "", date: null }).toEqual({ ...bare, messageId: "", date: null });

      // Assumption of the fake: getUpdates while a webhook is set is a conflict (409).
      expect((await rejection(zalo.getUpdates(1))).errorCode).toBe(409);

      await zalo.deleteWebhook();
      expect((await zalo.getWebhookInfo()).url).toBe("");
      await fake.sendText(AN, "lại thăm dò");
      expect(parseZaloUpdate(await zalo.getUpdates(1))).toMatchObject({ text: "lại thăm dò" });
    } finally {
      await receiver.close();
    }
  });

  it("a webhook request with another secret is refused by the receiver's check (401) and reaches no one", async () => {
    const receiver = await startReceiver(SECRET);
    try {
      await zalo.setWebhook(receiver.url, `${SECRET}-old`);
      await fake.sendText(AN, "không được lọt");
      expect(fake.deliveries.at(-1)).toMatchObject({ url: receiver.url, status: 401 });
      expect(receiver.received).toEqual([]);
    } finally {
      await receiver.close();
    }
  });

  it("setWebhook wants https (unless the fake allows http) and a secret of 8–256 characters", async () => {
    const strict = new ZaloFake();
    const client = new ZaloApi({ token: strict.token, baseUrl: await strict.start() });
    try {
      expect((await rejection(client.setWebhook("http://127.0.0.1:9/zalo", SECRET))).errorCode).toBe(400);
      expect(await client.setWebhook("https://bot.example.vn/zalo", SECRET)).toMatchObject({ url: "https://bot.example.vn/zalo" });
      expect(() => client.setWebhook("https://bot.example.vn/zalo", "1234567")).toThrow(RangeError);
      for (const secret of ["1234567", "x".repeat(257)]) {
        expect((await rejection(client.call("setWebhook", { url: "https://bot.example.vn/zalo", secret_token: secret }))).errorCode).toBe(400);
      }
      expect(await client.call("setWebhook", { url: "https://bot.example.vn/zalo", secret_token: "x".repeat(256) })).toBeTruthy();
    } finally {
      await strict.stop();
    }
  });

  it("sendMessage: 2,000 characters are sent, more or blank are refused by the API, and the client refuses them before calling", async () => {
    await fake.sendText(AN, "bắt đầu");
    const sent = await zalo.sendMessage(AN.id, "x".repeat(2000));
    expect(sent.message_id).toBeTruthy();
    expect(fake.messagesTo(AN.id).at(-1)).toMatchObject({ messageId: sent.message_id, text: "x".repeat(2000) });

    for (const text of ["x".repeat(2001), "😀".repeat(1001), "", "   "]) {
      expect((await rejection(zalo.call("sendMessage", { chat_id: AN.id, text }))).errorCode).toBe(400);
    }
    const callsBefore = fake.calls.length;
    expect(() => zalo.sendMessage(AN.id, "x".repeat(2001))).toThrow(RangeError);
    expect(() => zalo.sendMessage(AN.id, "")).toThrow(RangeError);
    expect(fake.calls.length).toBe(callsBefore);
    expect(fake.messagesTo(AN.id).map((m) => m.text)).toEqual(["x".repeat(2000)]);
  });

  it("the bot cannot write first: a chat nobody wrote from is refused", async () => {
    expect((await rejection(zalo.sendMessage("7999", "chào"))).errorCode).toBe(400);
    expect(fake.messagesTo("7999")).toEqual([]);
  });

  it("a long text goes as several messages, split between lines, in order", async () => {
    await fake.sendText(BINH, "xem báo cáo");
    const text = Array.from({ length: 150 }, (_, i) => `Dòng ${i + 1}: đảng viên số ${i + 1} đã nộp phiếu tự kiểm điểm.`).join("\n");
    const pieces = splitZaloText(text);
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) await zalo.sendMessage(BINH.id, piece);
    const received: string[] = [];
    for (let i = 0; i < pieces.length; i++) received.push((await fake.nextMessage(BINH.id)).text);
    expect(received.join("\n")).toBe(text);
  });

  it("a 429 inside a 200 reply is read from the body's error_code; the back-off sends again once", async () => {
    await fake.sendText(AN, "chào");
    const before = fake.messagesTo(AN.id).length;
    fake.failNext("sendMessage", { errorCode: 429, httpStatus: 200 }, 3);
    const error = await rejection(zalo.sendMessage(AN.id, "thử lần 1"));
    expect(error).toMatchObject({ errorCode: 429, isRateLimited: true, isRetryable: true });
    const waits: number[] = [];
    const result = await retryOnRateLimit(() => zalo.sendMessage(AN.id, "nhắc nhở"), { sleep: async (ms) => void waits.push(ms) });
    expect(result.message_id).toBeTruthy();
    expect(waits).toEqual([1000, 2000]);
    expect(
      fake
        .messagesTo(AN.id)
        .slice(before)
        .map((m) => m.text),
    ).toEqual(["nhắc nhở"]);
  });

  it("5xx failures, with their HTTP status or inside a 200 reply, are retryable errors", async () => {
    await fake.sendText(AN, "chào");
    fake.failNext("sendMessage", { errorCode: 502, description: "Bad Gateway" });
    fake.failNext("sendMessage", { errorCode: 500, httpStatus: 200 });
    expect(await rejection(zalo.sendMessage(AN.id, "a"))).toMatchObject({
      errorCode: 502,
      description: "Bad Gateway",
      isRetryable: true,
      isRateLimited: false,
    });
    expect(await rejection(zalo.sendMessage(AN.id, "a"))).toMatchObject({ errorCode: 500, isRetryable: true });
    expect((await zalo.sendMessage(AN.id, "a")).message_id).toBeTruthy();
  });

  it("sendPhoto takes an https URL and a caption; sendChatAction is recorded apart from messages", async () => {
    await fake.sendText(BINH, "biểu đồ?");
    const before = fake.messagesTo(BINH.id).length;
    await zalo.sendPhoto(BINH.id, "https://bot.example.vn/f/abc/chart.png", "Biểu đồ tổng hợp");
    await zalo.sendChatAction(BINH.id);
    expect(fake.messagesTo(BINH.id).slice(before)).toEqual([
      expect.objectContaining({ method: "sendPhoto", photo: "https://bot.example.vn/f/abc/chart.png", text: "Biểu đồ tổng hợp" }),
    ]);
    expect(fake.actions.at(-1)).toEqual({ chatId: BINH.id, action: "typing" });
    expect((await rejection(zalo.call("sendPhoto", { chat_id: BINH.id, photo: "not a url" }))).errorCode).toBe(400);
  });

  it("nextMessage waits for the bot's message to that chat", async () => {
    const chat = { id: "g-wait" };
    await fake.sendText(AN, "ai chưa nộp?", { group: chat });
    const next = fake.nextMessage(chat.id);
    await zalo.sendMessage(chat.id, "Còn 2 đồng chí chưa nộp.");
    expect(await next).toMatchObject({ chatId: chat.id, method: "sendMessage", text: "Còn 2 đồng chí chưa nộp." });
    await expect(fake.nextMessage(chat.id, 50)).rejects.toThrow(/no message to chat g-wait/);
  });

  it("in-process (the fake's fetch, no HTTP): the same answers, refusals and polls as over HTTP", async () => {
    const inProcess = new ZaloApi({ token: fake.token, baseUrl: "http://zalo.invalid", fetch: fake.fetch });
    await fake.sendText(AN, "xin chào");
    expect(parseZaloUpdate(await inProcess.getUpdates(30))).toMatchObject({ userId: AN.id, text: "xin chào" });
    const before = fake.messagesTo(AN.id).length;
    expect(await inProcess.sendMessage(AN.id, "Chào đồng chí.")).toMatchObject({ message_id: expect.any(String) });
    expect(
      fake
        .messagesTo(AN.id)
        .slice(before)
        .map((m) => m.text),
    ).toEqual(["Chào đồng chí."]);
    expect((await rejection(inProcess.sendMessage("nobody-wrote", "x"))).errorCode).toBe(400);
    expect((await rejection(new ZaloApi({ token: "8123456789:wrong", baseUrl: "http://zalo.invalid", fetch: fake.fetch }).getMe())).errorCode).toBe(401);
    expect(await inProcess.getUpdates(30)).toBeNull();
    // A poll the caller gives up on keeps the next update for the next poll.
    const gaveUp = new AbortController();
    const waiting = inProcess.getUpdates(30, gaveUp.signal).catch((e: unknown) => e);
    gaveUp.abort();
    await waiting;
    await fake.sendText(BINH, "1");
    expect(parseZaloUpdate(await inProcess.getUpdates(30))).toMatchObject({ userId: BINH.id, text: "1" });
  });
});
