/**
 * The Zalo ChannelSender against the fake Bot API over real HTTP: plain text with numbered
 * choices, no part over 2,000 characters (the fake refuses longer ones), files as link lines or
 * sendPhoto, 429 → rateLimited with the 1 s doubling back-off, an unreachable chat → blocked,
 * and a split message that failed midway resumed from the part that failed.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OutFile, OutMessage } from "../../src/app/messages.js";
import { ZaloApi, type ZaloSentMessage } from "../../src/channels/zalo/api.js";
import { ZaloPacer } from "../../src/channels/zalo/pacer.js";
import { ZaloSender } from "../../src/channels/zalo/sender.js";
import { ZaloFake, type ZaloUser } from "../support/zalo-fake.js";

const AN: ZaloUser = { id: "7001", displayName: "Nguyễn Văn An" };
const UNAVAILABLE = "Tệp chỉ gửi được khi bot có PUBLIC_URL.";

let fake: ZaloFake;
let api: ZaloApi;
const links: { file: OutFile; recipient: string }[] = [];

beforeEach(async () => {
  fake = new ZaloFake({ allowHttp: true });
  await fake.start();
  api = new ZaloApi({ token: fake.token, baseUrl: fake.baseUrl });
  links.length = 0;
  await fake.sendText(AN, "/tusoi"); // the bot may write to AN only after AN wrote
});
afterEach(() => fake.stop());

function sender(options: { link?: string | null; api?: ZaloApi } = {}) {
  return new ZaloSender({
    api: options.api ?? api,
    pacer: new ZaloPacer({ perSecond: 1000, chatIntervalMs: 0 }),
    fileLink: async (file, recipient) => {
      links.push({ file, recipient });
      return options.link === undefined ? "http://127.0.0.1:9/f/tok123" : options.link;
    },
    fileUnavailableText: UNAVAILABLE,
  });
}

describe("ZaloSender", () => {
  it("sends a screen as plain text with numbered choices", async () => {
    const outcome = await sender().send(AN.id, {
      text: "<b>Câu 1/27</b>\nĐi họp muộn &amp; về sớm",
      choices: [[{ label: "Không có", id: "x:0" }], [{ label: "Có, mức độ nhẹ", id: "x:1" }]],
    });
    expect(outcome.kind).toBe("sent");
    expect(fake.messagesTo(AN.id).map((m) => m.text)).toEqual(["Câu 1/27\nĐi họp muộn & về sớm\n\n1. Không có\n2. Có, mức độ nhẹ"]);
  });

  it("never sends more than 2,000 characters: a long message goes in parts, split between lines", async () => {
    const lines = Array.from({ length: 200 }, (_, i) => `Đồng chí thứ ${i + 1}: đã nộp bản tự soi, không có biểu hiện cần khắc phục.`);
    const outcome = await sender().send(AN.id, { text: lines.join("\n") });
    expect(outcome.kind).toBe("sent");
    const sent = fake.messagesTo(AN.id);
    expect(sent.length).toBeGreaterThan(3);
    for (const m of sent) expect([...m.text].length).toBeLessThanOrEqual(2000);
    expect(sent.map((m) => m.text).join("\n")).toBe(lines.join("\n"));
    expect(fake.calls.filter((c) => c.method === "sendMessage").length).toBe(sent.length);
  });

  it("answers a 429 (even inside an HTTP 200) with rateLimited, waiting 1 s then 2 s, and starts over after a success", async () => {
    const s = sender();
    fake.failNext("sendMessage", { errorCode: 429, httpStatus: 200 });
    expect(await s.send(AN.id, { text: "một" })).toEqual({ kind: "rateLimited", retryAfterSeconds: 1 });
    fake.failNext("sendMessage", { errorCode: 429 });
    const started = Date.now();
    expect(await s.send(AN.id, { text: "một" })).toEqual({ kind: "rateLimited", retryAfterSeconds: 2 });
    // The pacer held the second try until the first 429's second had passed.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect((await s.send(AN.id, { text: "một" })).kind).toBe("sent");
    fake.failNext("sendMessage", { errorCode: 429 });
    expect(await s.send(AN.id, { text: "hai" })).toEqual({ kind: "rateLimited", retryAfterSeconds: 1 });
  });

  it("maps a chat nobody opened to blocked, a 5xx to transient", async () => {
    expect((await sender().send("9999", { text: "xin chào" })).kind).toBe("blocked");
    fake.failNext("sendMessage", { errorCode: 502 });
    expect((await sender().send(AN.id, { text: "xin chào" })).kind).toBe("transient");
  });

  it("sends a document as a link line for this recipient, a photo with sendPhoto from its link", async () => {
    const docx: OutFile = { kind: "document", filename: "bao-cao.docx", base64: Buffer.from("PK docx").toString("base64") };
    expect((await sender().send(AN.id, { text: "Báo cáo đợt tự soi", file: docx })).kind).toBe("sent");
    expect(fake.messagesTo(AN.id).at(-1)?.text).toBe("Báo cáo đợt tự soi\n\nbao-cao.docx: http://127.0.0.1:9/f/tok123");
    expect(links).toEqual([{ file: docx, recipient: AN.id }]);
    const chart: OutFile = { kind: "photo", filename: "bieu-do.png", base64: Buffer.from("png").toString("base64") };
    expect((await sender().send(AN.id, { text: "Biểu đồ", file: chart })).kind).toBe("sent");
    expect(fake.messagesTo(AN.id).at(-1)).toMatchObject({ method: "sendPhoto", photo: "http://127.0.0.1:9/f/tok123", text: "Biểu đồ" });
  });

  it("says files need PUBLIC_URL when no link can be made", async () => {
    const docx: OutFile = { kind: "document", filename: "bao-cao.docx", base64: "UEs=" };
    expect((await sender({ link: null }).send(AN.id, { text: "Báo cáo", file: docx })).kind).toBe("sent");
    expect(fake.messagesTo(AN.id).at(-1)?.text).toBe(`Báo cáo\n\n${UNAVAILABLE}`);
  });

  it("resumes a split message from the part that failed, not from the start", async () => {
    let calls = 0;
    const flaky = new (class extends ZaloApi {
      override sendMessage(chatId: string, text: string): Promise<ZaloSentMessage> {
        if (++calls === 2) fake.failNext("sendMessage", { errorCode: 500 });
        return super.sendMessage(chatId, text);
      }
    })({ token: fake.token, baseUrl: fake.baseUrl });
    const s = sender({ api: flaky });
    const message: OutMessage = { text: Array.from({ length: 150 }, (_, i) => `Dòng ${i + 1} của báo cáo tổng hợp đợt tự soi.`).join("\n") };
    expect((await s.send(AN.id, message)).kind).toBe("transient");
    expect((await s.send(AN.id, message)).kind).toBe("sent");
    const texts = fake.messagesTo(AN.id).map((m) => m.text);
    expect(texts.join("\n")).toBe(message.text);
    expect(new Set(texts).size).toBe(texts.length);
  });
});
