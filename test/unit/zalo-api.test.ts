import { describe, expect, it } from "vitest";
import {
  ZaloApiError,
  ZaloBackoff,
  fitsZaloText,
  parseZaloUpdate,
  readZaloUpdate,
  retryOnRateLimit,
  secretMatches,
  splitZaloText,
  zaloBackoffMs,
} from "../../src/channels/zalo/api.js";

const DATE = 1_765_000_000_000;

/** An update as the documentation describes it. */
function textUpdate(overrides: { text?: string; chat?: unknown; from?: unknown; event_name?: string } = {}) {
  return {
    event_name: overrides.event_name ?? "message.text.received",
    message: {
      message_id: "msg-1",
      from: overrides.from ?? { id: "u-77", display_name: "Nguyễn Văn An", is_bot: false },
      chat: overrides.chat ?? { id: "u-77", chat_type: "PRIVATE" },
      date: DATE,
      text: overrides.text ?? "1 1 2 1",
    },
  };
}

const AN_PRIVATE = {
  channel: "zalo",
  userId: "u-77",
  chatId: "u-77",
  chatType: "PRIVATE",
  messageId: "msg-1",
  displayName: "Nguyễn Văn An",
  text: "1 1 2 1",
  date: new Date(DATE),
};

describe("parseZaloUpdate", () => {
  it("reads a bare { event_name, message } text update as the person's message", () => {
    expect(parseZaloUpdate(textUpdate())).toEqual(AN_PRIVATE);
  });

  it("reads the same update wrapped as { ok, result } identically", () => {
    expect(parseZaloUpdate({ ok: true, result: textUpdate() })).toEqual(AN_PRIVATE);
  });

  it("gives a group message the group's chat id and the sender's user id", () => {
    const inbound = parseZaloUpdate(textUpdate({ chat: { id: "g-5", chat_type: "GROUP" } }));
    expect(inbound).toMatchObject({ chatType: "GROUP", chatId: "g-5", userId: "u-77" });
  });

  it("falls back to from.name, and keeps numeric ids as strings", () => {
    const update = textUpdate({ from: { id: 1234567890123, name: "Chị Bình" }, chat: { id: 1234567890123, chat_type: "PRIVATE" } });
    expect(parseZaloUpdate(update)).toMatchObject({ userId: "1234567890123", chatId: "1234567890123", displayName: "Chị Bình" });
  });

  it("is null for images, stickers, voice and unsupported events, which carry no text to answer", () => {
    for (const event of ["message.image.received", "message.sticker.received", "message.voice.received", "message.unsupported.received"]) {
      const update = { ...textUpdate({ event_name: event }), message: { ...textUpdate().message, text: undefined, photo_url: "https://x/y.jpg" } };
      expect(readZaloUpdate(update)?.event_name).toBe(event);
      expect(parseZaloUpdate(update)).toBeNull();
    }
  });

  it("is null for a bot's message, an empty text, an unknown chat type and malformed bodies", () => {
    expect(parseZaloUpdate(textUpdate({ from: { id: "b-1", display_name: "Bot khác", is_bot: true } }))).toBeNull();
    expect(parseZaloUpdate(textUpdate({ text: "   " }))).toBeNull();
    expect(parseZaloUpdate(textUpdate({ chat: { id: "c", chat_type: "CHANNEL" } }))).toBeNull();
    expect(parseZaloUpdate({ ok: false, error_code: 408, description: "Request timeout" })).toBeNull();
    expect(parseZaloUpdate({ event_name: "message.text.received", message: { text: "hi" } })).toBeNull();
    expect(parseZaloUpdate(null)).toBeNull();
    expect(parseZaloUpdate("message.text.received")).toBeNull();
    expect(parseZaloUpdate([textUpdate()])).toBeNull();
  });
});

describe("splitZaloText", () => {
  it("leaves a text within 2,000 characters whole", () => {
    const text = "a".repeat(2000);
    expect(splitZaloText(text)).toEqual([text]);
  });

  it("cuts a long text between lines, every piece within 2,000, nothing lost", () => {
    const lines = Array.from({ length: 120 }, (_, i) => `${i + 1}. Tự soi, tự sửa: biểu hiện số ${i + 1} ${"·".repeat(i % 40)}`);
    const text = lines.join("\n");
    const pieces = splitZaloText(text);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(2000);
    expect(pieces.join("\n")).toBe(text);
    // Each piece starts at the start of a line.
    for (const piece of pieces) expect(lines).toContain(piece.split("\n")[0]);
  });

  it("cuts a single long line at spaces, keeping every word whole", () => {
    const words = Array.from({ length: 900 }, (_, i) => `từ${i}`);
    const pieces = splitZaloText(words.join(" "));
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(2000);
    expect(pieces.join(" ").split(" ")).toEqual(words);
  });

  it("never cuts an emoji sequence or a letter from its combining marks", () => {
    const family = "👨‍👩‍👧"; // 8 UTF-16 units, one grapheme
    const emojiPieces = splitZaloText(family.repeat(700));
    expect(emojiPieces.length).toBeGreaterThan(1);
    for (const piece of emojiPieces) {
      expect(piece.length).toBeLessThanOrEqual(2000);
      expect(piece.replaceAll(family, "")).toBe("");
    }
    const letter = "e\u0302\u0301"; // ế typed as e + two combining marks
    const letterPieces = splitZaloText(letter.repeat(1500));
    for (const piece of letterPieces) {
      expect(piece.length).toBeLessThanOrEqual(2000);
      expect(piece.replaceAll(letter, "")).toBe("");
    }
    expect(letterPieces.join("")).toBe(letter.repeat(1500));
  });

  it("drops blank pieces, so every piece is a message Zalo accepts", () => {
    expect(splitZaloText("\n\n   \n")).toEqual([]);
    const pieces = splitZaloText(`${"x".repeat(1990)}\n\n\n\n${" ".repeat(30)}\n${"y".repeat(1990)}`);
    expect(pieces).toEqual(["x".repeat(1990), "y".repeat(1990)]);
    for (const piece of pieces) expect(fitsZaloText(piece)).toBe(true);
  });
});

describe("fitsZaloText", () => {
  it("accepts 1 to 2,000 characters counted both as UTF-16 units and as code points", () => {
    expect(fitsZaloText("x")).toBe(true);
    expect(fitsZaloText("x".repeat(2000))).toBe(true);
    expect(fitsZaloText("x".repeat(2001))).toBe(false);
    expect(fitsZaloText("😀".repeat(1000))).toBe(true); // 2,000 units, 1,000 code points
    expect(fitsZaloText("😀".repeat(1001))).toBe(false); // 2,002 units, 1,001 code points
    expect(fitsZaloText("")).toBe(false);
    expect(fitsZaloText(" \n ")).toBe(false);
  });
});

describe("429 back-off", () => {
  it("waits 1 s, doubling, at most 60 s", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map(zaloBackoffMs)).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  });

  it("starts over after a success", () => {
    const backoff = new ZaloBackoff();
    expect([backoff.delayMs(), backoff.delayMs(), backoff.delayMs()]).toEqual([1000, 2000, 4000]);
    backoff.reset();
    expect(backoff.delayMs()).toBe(1000);
  });

  it("retries after each 429 with the growing waits, then returns the result", async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await retryOnRateLimit(
      async () => {
        calls += 1;
        if (calls <= 3) throw new ZaloApiError("sendMessage", 429, "quota exceeded");
        return "sent";
      },
      { sleep: async (ms) => void waits.push(ms) },
    );
    expect(result).toBe("sent");
    expect(waits).toEqual([1000, 2000, 4000]);
  });

  it("does not retry other errors, and gives up after maxAttempts tries", async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    await expect(
      retryOnRateLimit(
        async () => {
          throw new ZaloApiError("sendMessage", 400, "Bad Request");
        },
        { sleep },
      ),
    ).rejects.toMatchObject({ errorCode: 400 });
    expect(waits).toEqual([]);
    let calls = 0;
    await expect(
      retryOnRateLimit(
        async () => {
          calls += 1;
          throw new ZaloApiError("sendMessage", 429, "quota");
        },
        { sleep, maxAttempts: 3 },
      ),
    ).rejects.toMatchObject({ errorCode: 429 });
    expect(calls).toBe(3);
    expect(waits).toEqual([1000, 2000]);
  });
});

describe("secretMatches", () => {
  const secret = "s3cret-Of-32-characters-xxxxxxxx";

  it("accepts exactly the secret", () => {
    expect(secretMatches(secret, secret)).toBe(true);
  });

  it("refuses another value, a prefix, a longer value, a missing or repeated header, and an empty secret", () => {
    expect(secretMatches(secret, secret.replace("x", "y"))).toBe(false);
    expect(secretMatches(secret, secret.slice(0, -1))).toBe(false);
    expect(secretMatches(secret, `${secret}x`)).toBe(false);
    expect(secretMatches(secret, undefined)).toBe(false);
    expect(secretMatches(secret, [secret, secret])).toBe(false);
    expect(secretMatches("", "")).toBe(false);
  });
});
