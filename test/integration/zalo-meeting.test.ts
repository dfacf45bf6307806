/**
 * The meeting and the report back for a secretary who has only Zalo (issue 20), on the
 * composition root in-process: startApp with only ZALO_BOT_TOKEN against the Zalo Bot API fake
 * over real HTTP (long polling), PUBLIC_URL and PORT for the file links, and a test clock moved
 * by hand with `running.tick()` (as test/integration/zalo-loop.test.ts). A Zalo-only cell: the
 * secretary's /chibo, two members' /thamgia, /dotmoi.
 *
 * - `/sinhhoat dd/mm/yyyy x/y` and `/sinhhoat` step by step, secretary only, Telegram's texts.
 * - A member who blocked the bot on Zalo (the fake answers 403 to the reminder) is listed in
 *   /baocao's unreachable line, as a Telegram 403 is.
 * - `/baocao dong` closes the round early (confirmed by number); under a closed round's /baocao,
 *   numbered choices: the report back
 *   (its confirmation, conclusions typed, the send: "Đã gửi … 3/3"), Đánh giá chung and
 *   Phương hướng typed. Each member gets the report and the DOCX as a link that downloads.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClock } from "../support/app.js";
import type { ZaloUser } from "../support/zalo-fake.js";
import { download, numberOf, submitNothingMarked, zaloCell, zaloInProcess, type ZaloApp } from "../support/zalo-harness.js";

const SECRETARY: ZaloUser = { id: "9101", displayName: "Nguyễn Văn An" };
const HOA: ZaloUser = { id: "9102", displayName: "Đỗ Thị Hoa" };
const BINH: ZaloUser = { id: "9103", displayName: "Trần Văn Bình" };

const clock = testClock("2026-11-10T03:00:00Z");
// Zalo's one-second pace per chat would make this file a minute long; the pace has its own tests (test/integration/zalo-sender.test.ts).
const zalo = zaloInProcess({ prefix: "tusoi-zalo-meeting-", clock, fileLinks: true, chatIntervalMs: 50 });
const { fake, say, texts } = zalo;
let running: ZaloApp["running"];
let database: ZaloApp["database"];

/** The secretary's /baocao of a closed round, whole: its last message carries the numbered choices. */
const report = () => say(SECRETARY, "/baocao", /^\d+\. Gửi báo cáo cho đảng viên$/m);

async function latestRound() {
  return database.db.round.findFirstOrThrow({ orderBy: { id: "desc" } });
}

beforeAll(async () => {
  ({ running, database } = await zalo.start());

  await zaloCell(zalo, SECRETARY, "Chi bộ Sinh Hoạt", [HOA, BINH]);
  await say(SECRETARY, "/dotmoi 30/11/2026 Đợt cuối năm", /Đã mở đợt/);
}, 120_000);

afterAll(() => zalo.stop());

describe("the meeting on Zalo: /sinhhoat", () => {
  it("a member is refused; the secretary records it at once with arguments", async () => {
    expect(await say(HOA, "/sinhhoat 10/11/2026 3/3", /bí thư/)).toContain("Chỉ bí thư và phó bí thư của chi bộ mới ghi được buổi sinh hoạt.");
    expect(await say(SECRETARY, "/sinhhoat 11/11/2026 3/3", /chưa đến/)).toContain("Ngày sinh hoạt chưa đến.");
    const saved = await say(SECRETARY, "/sinhhoat 10/11/2026 3/3", /Đã ghi buổi sinh hoạt/);
    expect(saved).toContain("Đã ghi buổi sinh hoạt chuyên đề đợt Đợt cuối năm: ngày 10/11/2026, có mặt 3/3 đồng chí.");
    expect(saved).not.toMatch(/<\/?[a-z]+>/);
  });

  it("/sinhhoat alone asks the day, the attendance and the chair, each typed; a wrong answer is asked again", async () => {
    const asked = await say(SECRETARY, "/sinhhoat", /Bước 1\/3/);
    expect(asked).toContain("Đã ghi trước đó: ngày 10/11/2026, có mặt 3/3 đồng chí.");
    expect(await say(SECRETARY, "31/11/2026", /không có trên lịch/)).toBeTruthy();
    await say(SECRETARY, "10/11/2026", /Bước 2\/3/);
    expect(await say(SECRETARY, "4/3", /không được lớn hơn/)).toContain("Số có mặt không được lớn hơn tổng số.");
    expect(await say(SECRETARY, "2/3", /Bước 3\/3/)).toContain("gõ - để bỏ qua");
    const saved = await say(SECRETARY, "Nguyễn Văn An", /Đã sửa buổi sinh hoạt/);
    expect(saved).toContain("ngày 10/11/2026, có mặt 2/3 đồng chí, đồng chí Nguyễn Văn An chủ trì.");
    const round = await latestRound();
    expect(
      await database.db.round.findUniqueOrThrow({
        where: { id: round.id },
        select: { meetingDay: true, meetingPresent: true, meetingTotal: true, meetingChair: true },
      }),
    ).toEqual({
      meetingDay: "2026-11-10",
      meetingPresent: 2,
      meetingTotal: 3,
      meetingChair: "Nguyễn Văn An",
    });
  });
});

describe("a member unreachable on Zalo is listed like a Telegram 403", () => {
  it("Zalo refuses the reminder to a member who blocked the bot; /baocao lists the name", async () => {
    await submitNothingMarked(zalo, SECRETARY);
    await submitNothingMarked(zalo, HOA);
    fake.block(BINH);
    clock.set("2026-11-27T01:00:00Z");
    await running.tick();
    expect(texts(BINH).some((t) => t.includes("Nhắc nộp"))).toBe(false);
    const identity = await database.db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "zalo", externalId: BINH.id } } });
    expect((await database.db.user.findUniqueOrThrow({ where: { id: identity.userId } })).unreachableAt).not.toBeNull();
    const report = await say(SECRETARY, "/baocao", /Đã nộp: 2\/3/);
    expect(report).toContain("Bot chưa gửi tin được cho các đồng chí sau (đã chặn bot hoặc chưa mở bot); bí thư nhắc trực tiếp: Trần Văn Bình");
    // Writing to the bot again makes them reachable.
    fake.unblock(BINH);
    await submitNothingMarked(zalo, BINH);
    expect(await say(SECRETARY, "/baocao", /Đã nộp: 3\/3/)).not.toContain("bí thư nhắc trực tiếp");
  }, 60_000);
});

describe("after the meeting on Zalo: the closed round's numbered choices", () => {
  it("an open round's /baocao ends with the files' line, no choices; `/baocao dong` closes it early, confirmed by number", async () => {
    const open = await say(SECRETARY, "/baocao", /Tệp báo cáo \(DOCX, XLSX\): gõ \/baocao tep\.$/);
    expect(open).not.toMatch(/^\d+\. /m);
    expect(await say(HOA, "/baocao dong", /bí thư/)).toContain("Chỉ bí thư hoặc phó bí thư mới đóng được đợt tự soi.");
    const confirm = await say(SECRETARY, "/baocao dong", /ngay bây giờ\?/);
    expect(confirm).toContain("Đóng đợt Đợt cuối năm ngay bây giờ?");
    expect(await say(SECRETARY, numberOf(confirm, /Không đóng/), /Đợt vẫn mở/)).toBeTruthy();
    expect((await latestRound()).closedAt).toBeNull();
    const again = await say(SECRETARY, "/baocao dong", /ngay bây giờ\?/);
    expect(await say(SECRETARY, numberOf(again, /Xác nhận đóng đợt/), /Đã đóng đợt/)).toContain("Đã đóng đợt Đợt cuối năm.");
    expect((await latestRound()).closedAt).not.toBeNull();
    expect(await say(SECRETARY, "/baocao dong", /đã đóng/)).toContain("Đợt này đã đóng rồi.");
  }, 60_000);

  it("Đánh giá chung and Phương hướng: chosen by number, typed, stored for the report", async () => {
    const summary = await report();
    expect(summary).toMatch(/^\d+\. Gửi báo cáo cho đảng viên$/m);
    const asked = await say(SECRETARY, numberOf(summary, /Đánh giá chung/), /ĐÁNH GIÁ CHUNG/);
    expect(asked).toContain("Đồng chí gõ nội dung trong một tin nhắn");
    expect(await say(SECRETARY, "Ngắn", /quá ngắn/)).toContain("Nội dung quá ngắn (ít nhất 5 ký tự).");
    expect(await say(SECRETARY, "Chi bộ đã tự soi nghiêm túc, đầy đủ.", /Đã lưu mục/)).toContain(
      "Đã lưu mục ĐÁNH GIÁ CHUNG. Gõ /baocao tep để lấy báo cáo (.docx) có nội dung mới.",
    );
    const again = await report();
    await say(SECRETARY, numberOf(again, /Phương hướng/), /PHƯƠNG HƯỚNG/);
    await say(SECRETARY, "Duy trì tự soi hằng quý.", /Đã lưu mục/);
    const round = await latestRound();
    expect(await database.db.round.findUniqueOrThrow({ where: { id: round.id }, select: { assessment: true, direction: true } })).toEqual({
      assessment: "Chi bộ đã tự soi nghiêm túc, đầy đủ.",
      direction: "Duy trì tự soi hằng quý.",
    });
  }, 60_000);

  it("the report back: confirmation, conclusions typed, sent to every member, the secretary told 3/3; the DOCX link downloads", async () => {
    const before = { hoa: texts(HOA).length, binh: texts(BINH).length };
    const summary = await report();
    let confirm = await say(SECRETARY, numberOf(summary, /Gửi báo cáo cho đảng viên/), /Mỗi đảng viên của đợt/);
    expect(confirm).toContain("Mỗi đảng viên của đợt (3 đồng chí) sẽ nhận riêng bản tổng hợp");
    expect(confirm).toContain("Chưa có kết luận của buổi sinh hoạt.");
    await say(SECRETARY, numberOf(confirm, /Thêm kết luận/), /Gõ kết luận/);
    confirm = await say(SECRETARY, "Mỗi đồng chí hoàn thiện kế hoạch trước 15/12.", /Mỗi đảng viên của đợt/);
    expect(confirm).toContain("Đã lưu kết luận của buổi sinh hoạt.");
    expect(confirm).toContain("Mỗi đồng chí hoàn thiện kế hoạch trước 15/12.");
    const result = await say(SECRETARY, numberOf(confirm, /Gửi cho 3 đồng chí/), /Đã gửi báo cáo/);
    expect(result).toContain("Đã gửi báo cáo đợt Đợt cuối năm cho 3/3 đồng chí.");

    for (const [user, from] of [
      [HOA, before.hoa],
      [BINH, before.binh],
    ] as const) {
      const got = texts(user).slice(from).join("\n");
      expect(got).toContain("BÁO CÁO KẾT QUẢ TỰ SOI, TỰ SỬA");
      expect(got).toContain("Mỗi đồng chí hoàn thiện kế hoạch trước 15/12.");
      const link = /bao-cao-tu-soi-dot-01\.docx: (http:\/\/127\.0\.0\.1:\d+\/f\/\S+)/.exec(got);
      expect(link).not.toBeNull();
      const response = await download(link![1]!);
      expect(response.status).toBe(200);
      expect(response.head).toBe("PK");
    }

    // Again: nothing new is sent.
    const again = await report();
    const second = await say(SECRETARY, numberOf(again, /Gửi báo cáo cho đảng viên/), /Mỗi đảng viên của đợt/);
    expect(second).toContain("Đã gửi trước đó cho 3 đồng chí");
    expect(await say(SECRETARY, numberOf(second, /Gửi cho/), /không gửi lại/)).toContain("Đã gửi báo cáo đợt Đợt cuối năm cho 3/3 đồng chí.");
  }, 90_000);

  it("/baocao nam: the cell's year totals, as Telegram's \"Tổng hợp năm\" button gives them; a member is refused, a mistyped year explained", async () => {
    const year = await say(SECRETARY, "/baocao nam", /Tổng hợp năm/);
    expect(year).toContain("📅 Tổng hợp năm 2026 · Chi bộ Sinh Hoạt");
    expect(year).toContain("Số đợt tự soi trong năm: 1");
    expect(year).toContain("Đảng viên tham gia đủ tất cả các đợt: ");
    expect(year).not.toMatch(/<\/?[a-z]+>/);
    expect(await say(SECRETARY, "/baocao nam 2025", /2025/)).toContain("Năm 2025 chi bộ chưa có đợt tự soi nào.");
    expect(await say(SECRETARY, "/baocao nam 26", /4 chữ số/)).toContain("Năm gõ 4 chữ số, ví dụ: /baocao nam 2026.");
    expect(await say(HOA, "/baocao nam", /mới xem được/)).toContain("Chỉ bí thư, phó bí thư và chi ủy viên mới xem được báo cáo.");
  });

  it("no message went over 2,000 characters or carried markup", () => {
    const all = [SECRETARY, HOA, BINH].flatMap(texts);
    for (const text of all) {
      expect(text.length).toBeLessThanOrEqual(2000);
      expect(text).not.toMatch(/<\/?(?:b|i|a|code)\b[^>]*>|&lt;|&amp;/);
    }
  });

  it("no message speaks of buttons to press, or of Telegram's limits (a text channel's words)", () => {
    const all = [SECRETARY, HOA, BINH].flatMap(texts);
    expect(all.length).toBeGreaterThan(20);
    const wrong = all.filter((text) => /nút|bấm|\bbutton|\bpress|Telegram/i.test(text));
    expect(wrong, wrong.join("\n---\n")).toEqual([]);
  });
});
