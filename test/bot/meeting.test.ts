/**
 * The meeting and the report's typed sections (issue 19), through the real bot with Telegram
 * stubbed: /sinhhoat records the latest round's meeting (refusals privately, wrong dates and
 * attendance refused, corrections), step by step in private; /baocao, the DOCX and the report
 * back carry it; ✍ Đánh giá chung and ✍ Phương hướng fill the DOCX instead of dotted lines.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDeps, testClock } from "../support/app.js";
import { docxText, stubbedBot, threeMembers, type Group, type Person, type StubbedBot } from "../support/bot.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";

const group: Group = { id: -1919, title: "Chi bộ Sinh hoạt" };
const secretary: Person = { id: 1901, first_name: "An", last_name: "Nguyễn Văn" };
const members = threeMembers(1902, "Lê");
const everyone = [secretary, ...members];
// 22/11/2026 10:00 in Hà Nội: the round opens that day.
const clock = testClock("2026-11-22T03:00:00Z");

let database: TestDatabase;
let tg: StubbedBot;

/** The DOCX of the latest /baocao (to the group once the round is closed, to the secretary while it is open). */
async function groupDocx(): Promise<string> {
  await tg.send(secretary, "/baocao", group);
  await tg.press(secretary, tg.last(group.id), "Báo cáo (.docx)");
  return docxText([...tg.documentsTo(group.id), ...tg.documentsTo(secretary.id)].sort((a, b) => tg.calls.indexOf(a) - tg.calls.indexOf(b)).at(-1)!);
}

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database, clock), { cell: { group, secretary, members } });
  await tg.send(secretary, "/dotmoi 15/12/2026 Đợt cuối năm", group);
  for (const p of everyone) await tg.submitForm(p);
});
afterAll(() => database.close());

describe("/sinhhoat", () => {
  it("refuses a plain member privately, posting nothing in the group", async () => {
    const before = tg.chat(group.id).length;
    await tg.send(members[0]!, "/sinhhoat 22/11/2026 4/4", group);
    expect(tg.chat(group.id)).toHaveLength(before);
    expect(tg.last(members[0]!.id).text).toContain("Chỉ bí thư và phó bí thư của chi bộ mới ghi được buổi sinh hoạt");
    expect(await database.db.round.findFirstOrThrow()).toMatchObject({ meetingDay: null });
  });

  it("refuses a date in the future or before the round opened, and attendance above the total", async () => {
    await tg.send(secretary, "/sinhhoat 23/11/2026 4/4", group);
    expect(tg.last(group.id).text).toContain("Ngày sinh hoạt chưa đến");
    await tg.send(secretary, "/sinhhoat 21/11/2026 4/4", group);
    expect(tg.last(group.id).text).toContain("không được trước ngày mở đợt (22/11/2026)");
    await tg.send(secretary, "/sinhhoat 22/11/2026 5/4", group);
    expect(tg.last(group.id).text).toContain("Số có mặt không được lớn hơn tổng số");
    await tg.send(secretary, "/sinhhoat 22/11/2026", group);
    expect(tg.last(group.id).text).toContain("Cách dùng");
    expect(await database.db.round.findFirstOrThrow()).toMatchObject({ meetingDay: null });
  });

  it("records the meeting, and /baocao shows its line", async () => {
    clock.set("2026-11-25T03:00:00Z");
    await tg.send(secretary, "/sinhhoat 24/11/2026 3/4", group);
    expect(tg.last(group.id).text).toContain("Đã ghi buổi sinh hoạt chuyên đề đợt <b>Đợt cuối năm</b>: ngày 24/11/2026, có mặt 3/4 đồng chí");
    await tg.send(secretary, "/baocao", group);
    expect(tg.chat(group.id).some((m) => m.text.includes("Sinh hoạt ngày 24/11/2026: có mặt 3/4 đồng chí"))).toBe(true);
  });

  it("is asked step by step in private, and the latest record stands", async () => {
    await tg.send(secretary, "/sinhhoat", group);
    expect(tg.last(group.id).text).toContain("Bot đã nhắn riêng");
    expect(tg.last(secretary.id).text).toContain("Bước 1/3");
    expect(tg.last(secretary.id).text).toContain("Đã ghi trước đó: ngày 24/11/2026, có mặt 3/4");
    await tg.send(secretary, "30/11/2026");
    expect(tg.last(secretary.id).text).toContain("Ngày sinh hoạt chưa đến");
    await tg.send(secretary, "25/11/2026");
    expect(tg.last(secretary.id).text).toContain("Bước 2/3");
    await tg.send(secretary, "bốn");
    expect(tg.last(secretary.id).text).toContain("cách nhau bằng dấu /");
    await tg.send(secretary, "4/4");
    expect(tg.last(secretary.id).text).toContain("Bước 3/3");
    await tg.send(secretary, "Nguyễn Văn An");
    expect(tg.last(secretary.id).text).toContain(
      "Đã sửa buổi sinh hoạt chuyên đề đợt <b>Đợt cuối năm</b>: ngày 25/11/2026, có mặt 4/4 đồng chí, đồng chí Nguyễn Văn An chủ trì",
    );
    expect(await database.db.round.findFirstOrThrow()).toMatchObject({
      meetingDay: "2026-11-25",
      meetingPresent: 4,
      meetingTotal: 4,
      meetingChair: "Nguyễn Văn An",
    });
    // The questions are over: the next private text is not read as one.
    expect((await database.db.user.findUniqueOrThrow({ where: { id: BigInt(secretary.id) } })).awaiting).toBeNull();
  });

  it("/huongdan lists it for the secretary", async () => {
    await tg.send(secretary, "/huongdan");
    expect(tg.last(secretary.id).text).toContain("/sinhhoat dd/mm/yyyy có-mặt/tổng-số");
  });

  it("the DOCX says it in its first section", async () => {
    const doc = await groupDocx();
    expect(doc).toContain("Chi bộ đã tổ chức sinh hoạt chuyên đề ngày 25/11/2026, có mặt 4/4 đồng chí, do đồng chí Nguyễn Văn An chủ trì.");
    expect(doc.indexOf("sinh hoạt chuyên đề ngày")).toBeLessThan(doc.indexOf("KẾT QUẢ"));
  });
});

describe("the report's typed sections", () => {
  it("are not offered while the round is open, and refused if pressed", async () => {
    await tg.send(secretary, "/baocao", group);
    expect(tg.buttons(tg.last(group.id))).not.toContain("✍ Đánh giá chung");
    const round = await database.db.round.findFirstOrThrow();
    await tg.pressData(secretary, group.id, tg.last(group.id).messageId, `1rt:${round.id}:a`);
    expect(tg.callbackAnswers().at(-1)).toContain("Đợt chưa kết thúc");
  });

  it("a closed round's assessment and direction, typed in private, replace the dotted lines in the DOCX", async () => {
    await tg.press(secretary, tg.last(group.id), "Đóng đợt sớm");
    await tg.press(secretary, tg.last(secretary.id), "Xác nhận đóng đợt");
    await tg.send(secretary, "/baocao", group);
    const summary = tg.last(group.id);
    expect(tg.buttons(summary)).toEqual(expect.arrayContaining(["✍ Đánh giá chung", "✍ Phương hướng"]));
    // A plain member is refused.
    await tg.press(members[0]!, summary, "✍ Đánh giá chung");
    expect(tg.callbackAnswers().at(-1)).toContain("Chỉ bí thư và phó bí thư");

    await tg.press(secretary, summary, "✍ Đánh giá chung");
    expect(tg.callbackAnswers().at(-1)).toContain("Bot đã nhắn riêng");
    expect(tg.last(secretary.id).text).toContain("ĐÁNH GIÁ CHUNG");
    await tg.send(secretary, "ok");
    expect(tg.last(secretary.id).text).toContain("quá ngắn");
    await tg.send(secretary, "Chi bộ đã tổ chức nghiêm túc.\nĐảng viên tự giác nhận khuyết điểm.");
    expect(tg.last(secretary.id).text).toContain("Đã lưu mục <b>ĐÁNH GIÁ CHUNG</b>");
    await tg.press(secretary, summary, "✍ Phương hướng");
    await tg.send(secretary, "Hoàn thành khắc phục trước 31/12/2026.");
    expect(tg.last(secretary.id).text).toContain("Đã lưu mục <b>PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI</b>");

    const doc = await groupDocx();
    const assessment = doc.indexOf("ĐÁNH GIÁ CHUNG");
    const direction = doc.indexOf("PHƯƠNG HƯỚNG");
    expect(doc.indexOf("Chi bộ đã tổ chức nghiêm túc.")).toBeGreaterThan(assessment);
    expect(doc.indexOf("Đảng viên tự giác nhận khuyết điểm.")).toBeLessThan(direction);
    expect(doc.indexOf("Hoàn thành khắc phục trước 31/12/2026.")).toBeGreaterThan(direction);
  });

  it("the report back to the members carries the meeting's line", async () => {
    await tg.send(secretary, "/baocao", group);
    await tg.press(secretary, tg.last(group.id), "📨 Gửi báo cáo cho đảng viên");
    await tg.press(secretary, tg.last(secretary.id), /^📨 Gửi cho/);
    const received = tg.chat(members[1]!.id).filter((m) => m.text.includes("Đã nộp: 4/4"));
    expect(received.at(-1)!.text).toContain("Sinh hoạt ngày 25/11/2026: có mặt 4/4 đồng chí");
  });
});
