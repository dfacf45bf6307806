/** Zalo's plain text (the bot's markup stripped, numbered choices, 2,000-character parts) and its pacer, on a virtual clock. */
import { describe, expect, it } from "vitest";
import { classifyZaloError } from "../../src/channels/zalo/sender.js";
import { ZaloApiError, ZaloNetworkError } from "../../src/channels/zalo/api.js";
import { ZaloPacer } from "../../src/channels/zalo/pacer.js";
import { plainText, zaloTexts } from "../../src/channels/zalo/text.js";

describe("zaloTexts", () => {
  it("strips tags, keeps a link's address, unescapes entities once", () => {
    expect(plainText('<b>Câu 1/27</b> &lt;tự soi&gt; &amp;amp; &quot;x&quot; <a href="https://a.example/?p=1&amp;q=2">trang</a>')).toBe(
      'Câu 1/27 <tự soi> &amp; "x" trang (https://a.example/?p=1&q=2)',
    );
    expect(plainText("A&#39;s &#x1F600; <i>nghiêng</i>")).toBe("A's 😀 nghiêng");
  });

  it("numbers intent choices from 1 in reading order and remembers their ids; links and start payloads as lines", () => {
    const r = zaloTexts({
      text: "<b>Câu 2/27</b>\nĐi họp muộn",
      choices: [
        [
          { label: "Không có", id: "a:2:0" },
          { label: "Có, mức độ nhẹ", id: "a:2:1" },
        ],
        [{ label: "Có, cần khắc phục", id: "a:2:2" }],
        [{ label: "Trang web", url: "https://bot.example.org" }],
      ],
    });
    expect(r.texts).toEqual(["Câu 2/27\nĐi họp muộn\n\n1. Không có\n2. Có, mức độ nhẹ\n3. Có, cần khắc phục\nTrang web: https://bot.example.org"]);
    expect(r.choiceIds).toEqual(["a:2:0", "a:2:1", "a:2:2"]);
  });

  it("splits a long message between lines, no part over 2,000 characters, nothing lost", () => {
    const lines = Array.from({ length: 120 }, (_, i) => `${i + 1}. ${"Biểu hiện suy thoái tư tưởng chính trị ".repeat(1)}${i}`);
    const r = zaloTexts({ text: lines.join("\n") });
    expect(r.texts.length).toBeGreaterThan(1);
    for (const part of r.texts) expect(part.length).toBeLessThanOrEqual(2000);
    expect(r.texts.join("\n")).toBe(lines.join("\n"));
  });
});

describe("classifyZaloError", () => {
  it.each([
    [new ZaloApiError("sendMessage", 403, "Forbidden: the user blocked the bot"), "blocked"],
    [new ZaloApiError("sendMessage", 400, "Bad Request: chat not found"), "blocked"],
    [new ZaloApiError("sendMessage", 400, "Bad Request: text is empty"), "permanent"],
    [new ZaloApiError("sendMessage", 401, "Unauthorized"), "permanent"],
    [new ZaloApiError("sendMessage", 404, "Not Found: method x does not exist"), "permanent"],
    [new ZaloApiError("sendMessage", 502, "Bad Gateway"), "transient"],
    [new ZaloNetworkError("sendMessage", 0, "TimeoutError"), "transient"],
    [new RangeError("text too long"), "permanent"],
  ])("%s → %s", (error, kind) => {
    expect(classifyZaloError(error)?.kind).toBe(kind);
  });
});

describe("ZaloPacer (virtual clock)", () => {
  function clock() {
    let t = 0;
    return {
      now: () => t,
      sleep: async (ms: number) => {
        t += ms;
      },
    };
  }

  it("starts sends 1/perSecond apart overall, and a chat's next one its interval after the answer", async () => {
    const c = clock();
    const pacer = new ZaloPacer({ perSecond: 2, chatIntervalMs: 1000 }, c.now, c.sleep);
    const starts: [string, number][] = [];
    for (const chat of ["a", "b", "a", "c"]) {
      const done = await pacer.slot(chat);
      starts.push([chat, c.now()]);
      done();
    }
    expect(starts).toEqual([
      ["a", 0],
      ["b", 500],
      ["a", 1000],
      ["c", 1500],
    ]);
  });

  it("never starts a chat's next message while one to it is in flight", async () => {
    const c = clock();
    const pacer = new ZaloPacer({ perSecond: 100, chatIntervalMs: 1000 }, c.now, c.sleep);
    const first = await pacer.slot("a");
    let second = false;
    const waiting = pacer.slot("a").then((done) => {
      second = true;
      return done;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(second).toBe(false);
    first();
    (await waiting)();
    expect(c.now()).toBe(1000);
  });

  it("holds every send during a 429 pause", async () => {
    const c = clock();
    const pacer = new ZaloPacer({ perSecond: 10, chatIntervalMs: 0 }, c.now, c.sleep);
    (await pacer.slot("a"))();
    pacer.pause(4000);
    (await pacer.slot("b"))();
    expect(c.now()).toBe(4000);
  });
});
