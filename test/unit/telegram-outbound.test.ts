/**
 * The Telegram channel's rendering of a channel-neutral message (src/bot/outbound.ts), and its
 * sender: the Bot API method and parameters, a `start` choice as a t.me deep link, a file as an
 * upload with the text as its caption, each channel paced by its own pacer.
 */
import type { InputFile } from "grammy";
import { describe, expect, it } from "vitest";
import type { ChannelPacer } from "../../src/app/messages.js";
import { telegramRequest, telegramSender } from "../../src/bot/outbound.js";

describe("telegramRequest", () => {
  it("makes sendMessage with HTML, link previews off and the choices as an inline keyboard, row for row", () => {
    const { method, params } = telegramRequest(
      {
        text: "<b>Nhắc</b>",
        choices: [
          [
            { label: "Bắt đầu", start: "j_abc" },
            { label: "Trang", url: "https://example.org" },
          ],
          [{ label: "Xong", id: "1g:1" }],
          [],
        ],
      },
      "tusoi_bot",
    );
    expect(method).toBe("sendMessage");
    expect(JSON.stringify(params)).toBe(
      JSON.stringify({
        text: "<b>Nhắc</b>",
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        reply_markup: {
          inline_keyboard: [
            [
              { text: "Bắt đầu", url: "https://t.me/tusoi_bot?start=j_abc" },
              { text: "Trang", url: "https://example.org" },
            ],
            [{ text: "Xong", callback_data: "1g:1" }],
            [],
          ],
        },
      }),
    );
  });

  it("sends no keyboard when the message has no choices", () => {
    expect(telegramRequest({ text: "Tổng hợp" }, "b").params).toEqual({ text: "Tổng hợp", parse_mode: "HTML", link_preview_options: { is_disabled: true } });
  });

  it("sends a file as sendDocument or sendPhoto, its text as the caption (none when empty)", async () => {
    const base64 = Buffer.from("bytes").toString("base64");
    const doc = telegramRequest({ text: "Báo cáo", file: { kind: "document", filename: "a.docx", base64 } }, "b");
    expect(doc.method).toBe("sendDocument");
    expect(Object.keys(doc.params)).toEqual(["document", "parse_mode", "caption"]);
    const upload = doc.params.document as InputFile;
    expect(upload.filename).toBe("a.docx");
    expect(Buffer.from((await upload.toRaw()) as Uint8Array).toString()).toBe("bytes");
    const photo = telegramRequest({ text: "", file: { kind: "photo", filename: "c.png", base64 } }, "b");
    expect(photo.method).toBe("sendPhoto");
    expect(Object.keys(photo.params)).toEqual(["photo", "parse_mode"]);
  });
});

describe("telegramSender", () => {
  it("calls the Bot API with the chat id as a number, after the rendered parameters, and carries its own pacer", async () => {
    const calls: { method: string; params: Record<string, unknown> }[] = [];
    const pacer: ChannelPacer = { slot: async () => () => {}, pause() {}, prune() {} };
    const sender = telegramSender({
      call: async (method, params) => (calls.push({ method, params }), { kind: "sent", messageId: 7 }),
      botUsername: "b",
      pacer,
    });
    expect(sender.channel).toBe("telegram");
    expect(sender.pacer).toBe(pacer);
    expect(await sender.send("-1001", { text: "Chào" })).toEqual({ kind: "sent", messageId: 7 });
    expect(JSON.stringify(calls)).toBe(
      JSON.stringify([{ method: "sendMessage", params: { text: "Chào", parse_mode: "HTML", link_preview_options: { is_disabled: true }, chat_id: -1001 } }]),
    );
  });
});
