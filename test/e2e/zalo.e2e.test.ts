/**
 * Zalo end to end on the real bot process (issue 20): `node --import tsx src/main.ts` with only
 * ZALO_BOT_TOKEN (no BOT_TOKEN), ZALO_API_ROOT pointing at the Zalo Bot API fake on 127.0.0.1,
 * in webhook mode (ZALO_WEBHOOK_SECRET, PUBLIC_URL, PORT). A Zalo-only cell: the secretary sets
 * it up with /chibo, two members join with /thamgia, the secretary opens a round with /dotmoi,
 * the members fill the form with several numbers per message and submit, the secretary asks
 * /baocao. A redelivered update is counted once; a wrong or missing secret gets 401; getUpdates
 * is never called; no message over 2,000 characters in any of it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZaloFake, type ZaloUser } from "../support/zalo-fake.js";
import { numberOf, startZaloBot, zaloChats, type ZaloBot } from "../support/zalo-harness.js";
import { deadlineInDays } from "./support.js";

const SECRET = "zalo-e2e-webhook-secret-0123456789";
const SECRETARY: ZaloUser = { id: "8001", displayName: "Nguyễn Văn An" };
const HOA: ZaloUser = { id: "8002", displayName: "Đỗ Thị Hoa" };
const BINH: ZaloUser = { id: "8003", displayName: "Trần Văn Bình" };

const fake = new ZaloFake({ allowHttp: true, pollIdleMs: 50 });
let running: ZaloBot;
let bot: ZaloBot["bot"];
let webhookUrl: string;
/** The webhook answers within 5 s, the replies may go later. */
const zalo = zaloChats(fake, { timeoutMs: 30_000, output: () => bot.output() });
const { say } = zalo;

beforeAll(async () => {
  await fake.start();
  running = await startZaloBot(fake, { prefix: "tusoi-zalo-e2e-", env: { ZALO_WEBHOOK_SECRET: SECRET }, readyPattern: /zalo: webhook registered/ });
  ({ bot } = running);
  webhookUrl = `${running.publicUrl}/zalo`;
}, 90_000);

afterAll(async () => {
  await running?.stop();
  await fake.stop();
});

describe("a Zalo-only cell on the real process (webhook mode, no BOT_TOKEN)", () => {
  it("starts with Zalo alone: one line names the channels, the webhook is registered, getUpdates never called", () => {
    expect(bot.output()).toMatch(/"msg":"channels: zalo"/);
    expect(bot.output()).not.toMatch(/polling started/);
    expect(fake.currentWebhook).toEqual({ url: webhookUrl, secret: SECRET });
  });

  it("secretary /chibo, two members /thamgia, /dotmoi, the form with several numbers per message, submit, /baocao", async () => {
    const setUp = await say(SECRETARY, "/chibo Chi bộ Zalo Thử", /Đã thiết lập/);
    const joinLine = /^\/thamgia (\S+)$/m.exec(setUp);
    expect(joinLine).not.toBeNull();
    for (const member of [HOA, BINH]) {
      expect(await say(member, joinLine![0], /Đúng chưa\?/)).toContain(member.displayName);
      await say(member, "1", /Đã lưu họ tên/);
    }

    const deadline = deadlineInDays(10);
    expect(await say(SECRETARY, `/dotmoi ${deadline} Đợt thử Zalo`, /Đã mở đợt/)).toContain(`hạn nộp ${deadline}`);

    // Hoa: 27 items "Không có" in three messages, then submit.
    expect(await say(HOA, "/tusoi", /Câu 1\/27/)).toContain("1. Không có");
    expect(await say(HOA, "1 1 1 1 1 1 1 1 1 1", /Câu 11\/27/)).toContain("Đã ghi 10 câu: câu 1, 2, 3, 4, 5, 6, 7, 8, 9, 10.");
    expect(await say(HOA, "1111111111", /Câu 21\/27/)).toContain("câu 11, 12");
    const review = await say(HOA, "1111111", /Rà soát/);
    expect(review).toContain("Đồng chí không đánh dấu biểu hiện nào.");
    await say(HOA, numberOf(review, /Nộp bản tự soi/), /Đã nộp bản tự soi lúc/);

    // Bình: item 2 marked, the rest "Không có"; the measure typed, the date picked by number.
    await say(BINH, "/tusoi", /Câu 1\/27/);
    await say(BINH, "1 2 1 1 1 1 1 1 1 1", /Câu 11\/27/);
    await say(BINH, "11111111111111111", /Rà soát/);
    let reply = await say(BINH, numberOf(await lastReply(BINH), /Tiếp tục/), /Biện pháp khắc phục · 1\/1/);
    reply = await say(BINH, "Đọc lại quy định và tự kiểm điểm tác phong mỗi tuần", /Thời hạn khắc phục/);
    reply = await say(BINH, numberOf(reply, /Cuối năm|Sau 3 tháng/), /Xác nhận bản tự soi/);
    await say(BINH, numberOf(reply, /Nộp bản tự soi/), /Đã nộp bản tự soi lúc/);

    // The secretary's summary: no group, so the participation and the private figures, separately.
    const report = await say(SECRETARY, "/baocao", /Đã nộp: 2\/3/);
    expect(report).toContain("Đợt thử Zalo");
  }, 240_000);

  it("a redelivered update is counted once", async () => {
    await say(SECRETARY, "/tusoi", /Câu 1\/27/);
    await say(SECRETARY, "1 1 1", /Câu 4\/27/);
    const delivery = fake.deliveries.at(-1)!;
    const sent = fake.messagesTo(SECRETARY.id).length;
    const again = await fetch(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "x-bot-api-secret-token": SECRET },
      body: JSON.stringify(delivery.body),
    });
    expect(again.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(fake.messagesTo(SECRETARY.id)).toHaveLength(sent);
    // Had it counted twice the form would be at item 7.
    expect(await say(SECRETARY, "/tusoi", /Câu \d+\/27/)).toMatch(/Câu 4\/27/);
  }, 60_000);

  it("a wrong or missing secret is refused with 401 and nothing is handled", async () => {
    const body = JSON.stringify({
      event_name: "message.text.received",
      message: {
        message_id: "x1",
        from: { id: "8999", display_name: "Kẻ lạ", is_bot: false },
        chat: { id: "8999", chat_type: "PRIVATE" },
        date: Date.now(),
        text: "/chibo Chi bộ Lạ",
      },
    });
    const wrong = await fetch(webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "x-bot-api-secret-token": "not-the-secret-000" },
      body,
    });
    expect(wrong.status).toBe(401);
    const missing = await fetch(webhookUrl, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(missing.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fake.messagesTo("8999")).toEqual([]);
  });

  it("in a Zalo group (beta at Zalo), the secretary's `@bot /chibo` links it to the cell and `@bot /baocao` posts the group's share there", async () => {
    const group = { id: "zg-e2e-1" };
    /** The group's messages once one matches. */
    const inGroup = (text: string, expected: RegExp) => zalo.sayInGroup(SECRETARY, group, text, expected);
    await inGroup("@bot.tusoi.test /chibo", /Đã gắn nhóm này với Chi bộ Zalo Thử/);
    const share = await inGroup("@bot.tusoi.test /baocao", /Đợt thử Zalo/);
    expect(share).toMatch(/2\/3/);
    expect(share).not.toContain("Đọc lại quy định");
    for (const { text } of fake.messagesTo(group.id)) expect(text.length).toBeLessThanOrEqual(2000);
  }, 90_000);

  it("never called getUpdates, and no message went over 2,000 characters", () => {
    expect(fake.calls.filter((c) => c.method === "getUpdates")).toEqual([]);
    const texts = [SECRETARY, HOA, BINH].flatMap((u) => fake.messagesTo(u.id).map((m) => m.text));
    expect(texts.length).toBeGreaterThan(20);
    for (const text of texts) {
      expect(text.length).toBeLessThanOrEqual(2000);
      expect(text).not.toMatch(/<\/?(?:b|i|a)\b[^>]*>|&lt;|&amp;/);
    }
  });
});

/** The bot's latest message to `user`. */
async function lastReply(user: ZaloUser): Promise<string> {
  return fake.messagesTo(user.id).at(-1)!.text;
}
