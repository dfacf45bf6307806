/**
 * A Zalo-only cell through a whole round on the real bot process (issue 20): `node --import tsx
 * src/main.ts` with only ZALO_BOT_TOKEN, the Zalo Bot API fake on 127.0.0.1 (long polling),
 * PUBLIC_URL and PORT for the file links, and the scheduler ticking every 2 seconds.
 *
 * The secretary's /chibo, two members' /thamgia; the reminders paused (/tamdung) while the round
 * opens (/dotmoi, the deadline tomorrow: a reminder is due at once) and one member submits, then
 * lifted (/tamdung huy): the next tick reminds the two who have not submitted, not the one who
 * did. /baocao; the round closed early (`/baocao dong`, confirmed by number); the monthly follow-up (its day and time set
 * in the database to this very minute, the member's form filed a few minutes before it: the
 * real process runs on the real clock, and nothing else can bring the follow-up due now)
 * answered by number; /sinhhoat; the report back chosen by number under /baocao: "Đã gửi …
 * 3/3", and a member downloads the DOCX from the link in the message. No message over 2,000
 * characters, none with markup.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStores } from "../../src/infra/db/index.js";
import { ZaloFake, type ZaloUser } from "../support/zalo-fake.js";
import { download, numberOf, startZaloBot, submitItemOneMarked, submitNothingMarked, zaloCell, zaloChats, type ZaloBot } from "../support/zalo-harness.js";
import { deadlineInDays } from "./support.js";

const SECRETARY: ZaloUser = { id: "8301", displayName: "Nguyễn Văn An" };
const HOA: ZaloUser = { id: "8302", displayName: "Đỗ Thị Hoa" };
const BINH: ZaloUser = { id: "8303", displayName: "Trần Văn Bình" };

const fake = new ZaloFake({ allowHttp: true, pollIdleMs: 50 });
let running: ZaloBot;
let databaseUrl: string;
const zalo = zaloChats(fake, { timeoutMs: 30_000, output: () => running.bot.output() });
const { say, waitFor, texts } = zalo;

/** The secretary's /baocao of a closed round, whole: its last message carries the numbered choices. */
const report = () => say(SECRETARY, "/baocao", /^\d+\. Gửi báo cáo cho đảng viên$/m);

/** Hà Nội's day and minute now. */
function hanoiNow(): { day: number; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Ho_Chi_Minh", hourCycle: "h23", day: "2-digit", hour: "2-digit", minute: "2-digit" })
      .formatToParts(new Date())
      .map((p) => [p.type, p.value]),
  );
  return { day: Number(parts.day), time: `${parts.hour}:${parts.minute}` };
}

beforeAll(async () => {
  await fake.start();
  running = await startZaloBot(fake, {
    prefix: "tusoi-zalo-round-",
    env: { SCHEDULER_TICK_CRON: "*/2 * * * * *" },
    readyPattern: /zalo: receiving by long polling/,
  });
  ({ databaseUrl } = running);
}, 90_000);

afterAll(async () => {
  await running?.stop();
  await fake.stop();
});

describe("a Zalo-only cell through a round on the real process", () => {
  it("set up, joined, the round opened; the reminder reaches the two who have not submitted, not the one who did", async () => {
    await zaloCell(zalo, SECRETARY, "Chi bộ Zalo Trọn Vòng", [HOA, BINH]);
    const today = deadlineInDays(0);
    await say(SECRETARY, `/tamdung ${today} ${today}`, /Đã tạm dừng nhắc nhở/);
    await say(SECRETARY, `/dotmoi ${deadlineInDays(1)} Đợt Zalo`, /Đã mở đợt/);
    await submitNothingMarked(zalo, HOA);
    const before = { an: texts(SECRETARY).length, binh: texts(BINH).length };
    await say(SECRETARY, "/tamdung huy", /Đã bỏ tạm dừng/);
    await waitFor(SECRETARY, before.an, /Nhắc nộp bản tự soi/);
    const reminded = await waitFor(BINH, before.binh, /Nhắc nộp bản tự soi/);
    expect(reminded).toContain("Đợt Zalo");
    expect(texts(HOA).some((t) => t.includes("Nhắc nộp"))).toBe(false);
  }, 120_000);

  it("the others submit (Bình with item 1 marked); /baocao; /baocao dong closes the round, confirmed by number", async () => {
    await submitItemOneMarked(zalo, BINH, "Đọc kỹ văn bản trước khi ký");
    await submitNothingMarked(zalo, SECRETARY);

    expect(await say(SECRETARY, "/baocao", /Đã nộp: 3\/3/)).toContain("Đợt Zalo");
    const ask = await say(SECRETARY, "/baocao dong", /ngay bây giờ\?/);
    expect(await say(SECRETARY, numberOf(ask, /Xác nhận đóng đợt/), /Đã đóng đợt/)).toContain("Đã đóng đợt Đợt Zalo.");
  }, 120_000);

  it("the monthly follow-up reaches Bình, who answers it by its number", async () => {
    const opened = await openStores(databaseUrl);
    try {
      const identity = await opened.db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "zalo", externalId: BINH.id } } });
      const form = await opened.db.assessment.findFirstOrThrow({ where: { member: { userId: identity.userId } } });
      // Filed before this minute's follow-up (items filed after it wait for next month's).
      await opened.db.assessment.update({ where: { id: form.id }, data: { submittedAt: new Date(Date.now() - 5 * 60_000) } });
      const now = hanoiNow();
      await opened.db.cell.updateMany({ data: { followUpDay: now.day, followUpTime: now.time } });
    } finally {
      await opened.close();
    }
    const followUp = await waitFor(BINH, 0, /Theo dõi khắc phục tháng/, "the follow-up");
    const message = followUp.split("\n---\n").find((m) => /Theo dõi khắc phục tháng/.test(m))!;
    expect(message).toContain("Tháng này: chưa trả lời");
    const answered = await say(BINH, numberOf(message, /Đã khắc phục/), /Tháng này: Đã khắc phục/);
    expect(answered).toContain("Đã ghi nhận.");
  }, 60_000);

  it("/sinhhoat records the meeting; the report back by number: 'Đã gửi … 3/3', and the DOCX link downloads", async () => {
    const saved = await say(SECRETARY, `/sinhhoat ${deadlineInDays(0)} 3/3`, /Đã ghi buổi sinh hoạt/);
    expect(saved).toContain(`ngày ${deadlineInDays(0)}, có mặt 3/3 đồng chí.`);

    const before = texts(HOA).length;
    const summary = await report();
    expect(summary).toContain(`Sinh hoạt ngày ${deadlineInDays(0)}: có mặt 3/3 đồng chí`);
    const confirm = await say(SECRETARY, numberOf(summary, /Gửi báo cáo cho đảng viên/), /Mỗi đảng viên của đợt/);
    const result = await say(SECRETARY, numberOf(confirm, /Gửi cho 3 đồng chí/), /Đã gửi báo cáo/);
    expect(result).toContain("Đã gửi báo cáo đợt Đợt Zalo cho 3/3 đồng chí.");

    const got = await waitFor(HOA, before, /bao-cao-tu-soi-dot-01\.docx: /, "the report back");
    expect(got).toContain("BÁO CÁO KẾT QUẢ TỰ SOI, TỰ SỬA");
    const link = /bao-cao-tu-soi-dot-01\.docx: (http:\/\/127\.0\.0\.1:\d+\/f\/\S+)/.exec(got)![1]!;
    const response = await download(link);
    expect(response.status).toBe(200);
    expect(response.head).toBe("PK");
  }, 90_000);

  it("no message went over 2,000 characters or carried markup", () => {
    const all = [SECRETARY, HOA, BINH].flatMap(texts);
    expect(all.length).toBeGreaterThan(30);
    for (const text of all) {
      expect(text.length).toBeLessThanOrEqual(2000);
      expect(text).not.toMatch(/<\/?(?:b|i|a|code)\b[^>]*>|&lt;|&amp;/);
    }
  });
});
