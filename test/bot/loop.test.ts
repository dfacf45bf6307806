/**
 * The whole loop through createBot with the Telegram API stubbed: set up, join, open a round,
 * answer, plan, submit, report. Asserts what users see and what the database holds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { appDeps, testClock } from "../support/app.js";
import { stubbedBot, type Group, type Person, type StubbedBot } from "../support/bot.js";

const group: Group = { id: -1001, title: "Chi bộ Phòng Tổ chức" };
const secretary: Person = { id: 101, first_name: "An", last_name: "Nguyễn Văn" };
const memberB: Person = { id: 102, first_name: "Bình", last_name: "Trần Thị" };
const memberC: Person = { id: 103, first_name: "Cường", last_name: "Lê <b>&" };
const stranger: Person = { id: 199, first_name: "Người lạ" };

let database: TestDatabase;
let tg: StubbedBot;
const clock = testClock("2026-11-22T03:00:00Z");

/** Answers the current question of `user` with the button labelled `label`. */
async function answer(user: Person, label: string) {
  await tg.press(user, tg.last(user.id), label);
}

async function join(user: Person) {
  await tg.send(user, `/start j_${(await database.store.findCellByGroup({ channel: "telegram", address: String(group.id) }))!.joinCode}`);
  await tg.press(user, tg.last(user.id), "Đúng");
}

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database, clock));
});
afterAll(() => database.close());

describe("set-up and joining", () => {
  it("refuses /chibo from a non-admin and creates nothing", async () => {
    await tg.send(memberB, "/chibo Chi bộ X", group);
    expect(tg.last(group.id).text).toContain("Chỉ quản trị viên");
    expect(await database.store.findCellByGroup({ channel: "telegram", address: String(group.id) })).toBeNull();
  });

  it("sets up the cell for a group admin, who becomes secretary", async () => {
    tg.makeAdmin(group, secretary);
    await tg.send(secretary, "/chibo Chi bộ Phòng Tổ chức", group);
    expect(tg.last(group.id).text).toContain("Đã thiết lập <b>Chi bộ Phòng Tổ chức</b>");
    const member = await database.store.findActiveMembership(BigInt(secretary.id));
    expect(member?.role).toBe("SECRETARY");
  });

  it("/thamgia posts a deep-link button to the private chat", async () => {
    await tg.send(memberB, "/thamgia", group);
    const button = tg.last(group.id).keyboard!.inline_keyboard[0]![0]!;
    expect(button.text).toBe("Tham gia chi bộ");
    expect("url" in button && button.url).toMatch(/^https:\/\/t\.me\/tusoi_test_bot\?start=j_[\w-]+$/);
  });

  it("joins members through the link, with the full name confirmed; joining twice is harmless", async () => {
    await join(secretary);
    await join(memberB);
    await tg.send(memberC, `/start j_${(await database.store.findCellByGroup({ channel: "telegram", address: String(group.id) }))!.joinCode}`);
    await tg.press(memberC, tg.last(memberC.id), "Nhập họ tên khác");
    await tg.send(memberC, "Lê Văn <b>Cường</b> & Co");
    expect(tg.last(memberC.id).text).toContain("Gõ /tusoi");
    expect(tg.chat(memberC.id).some((m) => m.text.includes("Đã lưu họ tên: <b>Lê Văn &lt;b&gt;Cường&lt;/b&gt; &amp; Co</b>"))).toBe(true);
    await tg.send(memberB, `/start j_${(await database.store.findCellByGroup({ channel: "telegram", address: String(group.id) }))!.joinCode}`);
    expect(tg.chat(memberB.id).some((m) => m.text.includes("Đồng chí đã là đảng viên"))).toBe(true);
    expect(await database.store.listActiveMembers(1)).toHaveLength(3);
  });

  it("tells a stranger how to join when they use member commands", async () => {
    await tg.send(stranger, "/tusoi");
    expect(tg.last(stranger.id).text).toContain("Đồng chí chưa tham gia chi bộ");
  });
});

describe("a round", () => {
  it("refuses an impossible or past deadline with a clear message", async () => {
    await tg.send(secretary, "/dotmoi 31/02/2027", group);
    expect(tg.last(group.id).text).toContain("không có trên lịch");
    await tg.send(secretary, "/dotmoi 21/11/2026", group);
    expect(tg.last(group.id).text).toContain("không được ở trước hôm nay");
    await tg.send(memberB, "/dotmoi 15/12/2026", group);
    expect(tg.last(group.id).text).toContain("Chỉ bí thư hoặc phó bí thư");
  });

  it("opens a round and announces it in the group with a button to the private chat", async () => {
    await tg.send(secretary, "/dotmoi 15/12/2026 Tự soi cuối năm", group);
    const announcement = tg.last(group.id);
    expect(announcement.text).toContain("Tự soi cuối năm");
    expect(announcement.text).toContain("15/12/2026");
    expect(tg.buttons(announcement)).toEqual(["Bắt đầu tự soi"]);
  });

  it("keeps one open round per cell and offers to close it", async () => {
    await tg.send(secretary, "/dotmoi 20/12/2026", group);
    expect(tg.last(group.id).text).toContain("Mỗi chi bộ chỉ có một đợt mở");
    expect(tg.buttons(tg.last(group.id))).toEqual(["Đóng đợt này"]);
  });
});

describe("tự soi and tự sửa", () => {
  it("/tusoi in the group points to the private chat", async () => {
    await tg.send(memberB, "/tusoi", group);
    expect(tg.last(group.id).text).toContain("tin nhắn riêng");
  });

  it("shows item 1 of 27 with the three answer labels", async () => {
    await tg.send(secretary, "/tusoi");
    const q = tg.last(secretary.id);
    expect(q.text).toContain("Câu 1/27 · Nhóm 1: Tư tưởng chính trị");
    expect(tg.buttons(q)).toEqual(["Không có", "Có, mức độ nhẹ", "Có, cần khắc phục"]);
  });

  it("marks 1.4 and 2.6 in one edited message, plans and submits", async () => {
    const messageId = tg.last(secretary.id).messageId;
    for (let i = 1; i <= 27; i++) {
      const label = i === 4 ? "Có, mức độ nhẹ" : i === 15 ? "Có, cần khắc phục" : "Không có";
      await answer(secretary, label);
    }
    const review = tg.last(secretary.id);
    expect(review.messageId).toBe(messageId);
    expect(review.text).toContain("1.4.");
    expect(review.text).toContain("2.6.");
    await tg.press(secretary, review, /Tiếp tục/);
    expect(tg.last(secretary.id).text).toContain("Biện pháp khắc phục · 1/2");
    await tg.send(secretary, "ngắn");
    expect(tg.last(secretary.id).text).toContain("quá ngắn");
    await tg.send(secretary, "x".repeat(1001));
    expect(tg.last(secretary.id).text).toContain("quá dài (1001 ký tự");
    await tg.send(secretary, "Chấp hành nghiêm nguyên tắc tổ chức, báo cáo chi bộ hằng tháng");
    expect(tg.last(secretary.id).text).toContain("Thời hạn khắc phục · 1.4");
    await tg.send(secretary, "01/01/2020");
    expect(tg.last(secretary.id).text).toContain("không được ở trước hôm nay");
    await tg.send(secretary, "31/12/2026");
    await tg.send(secretary, "Rà soát chi tiêu, tiết kiệm văn phòng phẩm");
    await tg.press(secretary, tg.last(secretary.id), /^Cuối năm/);
    const confirm = tg.last(secretary.id);
    expect(confirm.text).toContain("Xác nhận bản tự soi");
    await tg.press(secretary, confirm, "✅ Nộp bản tự soi");
    expect(tg.last(secretary.id).text).toContain("Đã nộp bản tự soi");
    const filed = await database.db.filedAnswer.findMany({ where: { value: { not: "NONE" } }, orderBy: { itemCode: "asc" } });
    expect(filed.map((f) => [f.itemCode, f.value, f.targetDate])).toEqual([
      ["1.4", "MINOR", "2026-12-31"],
      ["2.6", "SIGNIFICANT", "2026-12-31"],
    ]);
  });

  it("member B marks nothing and submits from the review", async () => {
    await tg.send(memberB, "/tusoi");
    for (let i = 1; i <= 27; i++) await answer(memberB, "Không có");
    await tg.press(memberB, tg.last(memberB.id), "✅ Nộp bản tự soi");
    expect(tg.last(memberB.id).text).toContain("Đã nộp bản tự soi");
  });

  it("refuses a previous question's button, another member's form and forged data, changing nothing", async () => {
    await tg.send(memberC, "/tusoi");
    await answer(memberC, "Có, mức độ nhẹ");
    const before = await database.db.answer.count();
    const form = await database.db.assessment.findFirstOrThrow({ where: { member: { userId: BigInt(memberC.id) } } });
    await tg.pressData(memberC, memberC.id, tg.last(memberC.id).messageId, `1f:a:${form.id}:0:s`);
    const secretaryForm = await database.db.assessment.findFirstOrThrow({ where: { member: { userId: BigInt(secretary.id) } } });
    await tg.pressData(memberC, memberC.id, 1, `1f:o:${secretaryForm.id}`);
    await tg.pressData(memberC, memberC.id, 1, "1f:a:abc");
    await tg.pressData(stranger, stranger.id, 1, `1f:a:${form.id}:1:n`);
    expect(tg.callbackAnswers().slice(-4)).toEqual([
      "Nút này không còn dùng được. Gõ /tusoi để tiếp tục.",
      "Nút này không phải của đồng chí.",
      "Nút không hợp lệ.",
      "Đồng chí chưa tham gia chi bộ.",
    ]);
    expect(await database.db.answer.count()).toBe(before);
    expect((await database.db.answer.findFirstOrThrow({ where: { assessmentId: form.id, itemCode: "1.1" } })).value).toBe("MINOR");
  });

  it("/tusua shows the member's own items, measures and dates", async () => {
    await tg.send(secretary, "/tusua");
    const text = tg.last(secretary.id).text;
    expect(text).toContain("1.4.");
    expect(text).toContain("Chấp hành nghiêm nguyên tắc tổ chức");
    expect(text).toContain("31/12/2026");
  });
});

describe("/baocao", () => {
  // Issue 8 point 5 changed this expectation: while the round is open the group sees
  // participation only, and the item lines go to the officer in private.
  it("posts participation to the group while the round is open, and the item figures to the secretary privately", async () => {
    await tg.send(secretary, "/baocao", group);
    const report = tg.last(group.id).text;
    expect(report).toContain("Đã nộp: 2/3 đảng viên (67%)");
    expect(report).toContain("Chưa nộp: Lê Văn &lt;b&gt;Cường&lt;/b&gt; &amp; Co");
    expect(report).not.toMatch(/1\.4\. .+ — 1 đảng viên/);
    expect(report).not.toContain("Biện pháp đã cam kết");
    expect(report).toContain("khi đợt kết thúc");
    expect(report).not.toContain("Nguyễn Văn An");
    expect(report).not.toContain("Trần Thị Bình");
    const interim = tg.last(secretary.id).text;
    expect(interim).toContain("Số liệu tạm thời");
    expect(interim).toMatch(/1\.4\. .+ — 1 đảng viên/);
    expect(interim).toMatch(/2\.6\. .+ — 1 đảng viên/);
    expect(interim).toContain("Biện pháp đã cam kết: 2");
  });

  it("refuses an ordinary member privately and posts nothing to the group", async () => {
    const before = tg.chat(group.id).length;
    await tg.send(memberB, "/baocao", group);
    expect(tg.chat(group.id)).toHaveLength(before);
    expect(tg.last(memberB.id).text).toContain("Chỉ bí thư, phó bí thư và chi ủy viên");
  });
});

describe("after the deadline", () => {
  it("makes the form read-only", async () => {
    clock.set("2026-12-15T17:00:00Z"); // 16/12 00:00 in Hà Nội
    await tg.send(secretary, "/tusoi");
    expect(tg.last(secretary.id).text).toContain("chỉ để xem");
    expect(tg.buttons(tg.last(secretary.id))).toEqual([]);
    await tg.send(memberC, "/tusoi");
    expect(tg.last(memberC.id).text).toContain("đã kết thúc");
  });
});

describe("robustness", () => {
  it("handles the same update only once", async () => {
    const update = await tg.send(secretary, "/huongdan");
    const count = tg.chat(secretary.id).length;
    await tg.deliver(update);
    expect(tg.chat(secretary.id)).toHaveLength(count);
  });

  it("logs a failing update, tells the user, and keeps serving", async () => {
    tg.blocked.add(stranger.id);
    let caught: unknown;
    try {
      await tg.send(stranger, "/huongdan");
    } catch (error) {
      caught = error;
      // What the runner does with a failed update.
      await tg.bot.errorHandler(error as never);
    }
    expect(caught).toBeDefined();
    tg.blocked.delete(stranger.id);
    await tg.send(stranger, "/huongdan");
    expect(tg.last(stranger.id).text).toContain("Tự soi, tự sửa");
  });

  it("switches a user's language", async () => {
    await tg.send(memberB, "/ngonngu");
    await tg.press(memberB, tg.last(memberB.id), "English");
    await tg.send(memberB, "/help");
    expect(tg.last(memberB.id).text).toContain("Self-examination, self-correction");
  });
});
