/**
 * Texts a member reads once (issue 19), through the real bot with Telegram stubbed, in December
 * (07/12/2026, 10:00 in Hà Nội): a committee's campaign reaching a cell, "Bắt đầu tự soi", the
 * date picker, the committee's nudge and its button, /vaitro by an officer in no cell, a round
 * closed early, the group summary without the collective form, the month's progress before and
 * after the follow-up (in the text and the spreadsheet), the follow-up buttons, the report back
 * to every member, and the group's end-of-round summary under one title.
 */
import type { InputFile } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDueWork } from "../../src/app/scheduler.js";
import { createRenderer } from "../../src/bot/presenters/notifications.js";
import { appDeps, testClock } from "../support/app.js";
import { docxText, stubbedBot, summarySheetRows, threeMembers, type Group, type Person, type StubbedBot } from "../support/bot.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";

const cellGroup: Group = { id: -1901, title: "Chi bộ Ấp Một" };
const committeeGroup: Group = { id: -1902, title: "Huyện ủy Châu Phú" };
const secretary: Person = { id: 1901, first_name: "An", last_name: "Nguyễn Văn" };
const [memberA, memberB, memberC] = threeMembers(1902, "Trần") as [Person, Person, Person];
const officer: Person = { id: 1905, first_name: "Phương", last_name: "Đỗ Thị" };
const cellMembers = [secretary, memberA, memberB, memberC];
const fullName = (p: Person) => `${p.first_name} ${p.last_name}`;
// 07/12/2026 10:00 in Hà Nội.
const clock = testClock("2026-12-07T03:00:00Z");

let database: TestDatabase;
let tg: StubbedBot;
let joinCode: string;

const since = (chatId: number, count: number) => tg.chat(chatId).slice(count);

/** The cell spreadsheet's "Tổng hợp" rows, as [label, value], from the last one sent anywhere. */
async function pressSpreadsheet(): Promise<unknown[][]> {
  const summary = tg
    .chat(cellGroup.id)
    .filter((m) => tg.buttons(m).includes("Bảng tính (.xlsx)"))
    .at(-1)!;
  await tg.press(secretary, summary, "Bảng tính (.xlsx)");
  return summarySheetRows(
    tg.calls.filter((c) => c.method === "sendDocument" && (c.payload.document as InputFile).filename?.startsWith("bang-tong-hop")).at(-1)!,
  );
}

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database, clock));
  tg.makeAdmin(committeeGroup, officer);
  await tg.setUpCell(cellGroup, secretary);
  joinCode = await tg.joinCell(cellGroup, cellMembers);
  await tg.send(officer, "/dangbo Huyện ủy Châu Phú", committeeGroup);
  await tg.send(officer, "/lienket", committeeGroup);
  const code = /\/captren ([A-Za-z0-9_-]{6,})/.exec(tg.last(committeeGroup.id).text)?.[1];
  if (!code) throw new Error(`no link code in: ${tg.last(committeeGroup.id).text}`);
  await tg.send(secretary, `/captren ${code}`, cellGroup);
  await tg.send(officer, "/dotmoi 17/12/2026 Tự soi, tự sửa theo Nghị quyết 04", committeeGroup);
  await tg.deps.wakeSender!();
});
afterAll(() => database.close());

describe("a committee's campaign reaching a cell", () => {
  it("is announced without repeating its title", () => {
    const announcement = tg.chat(cellGroup.id).find((m) => m.text.includes("Huyện ủy Châu Phú</b> triển khai"));
    expect(announcement?.text).toContain(
      "<b>Huyện ủy Châu Phú</b> triển khai đợt «Tự soi, tự sửa theo Nghị quyết 04» trong toàn đảng bộ. Hạn nộp: <b>17/12/2026</b> (23:59).",
    );
    expect(announcement?.text).not.toContain("tự sửa Tự soi");
  });

  it("'Bắt đầu tự soi' answers with the round, its length and that one can stop, then the first item", async () => {
    const before = tg.chat(memberA.id).length;
    // The announcement's button is a link to /start j_<code>.
    await tg.send(memberA, `/start j_${joinCode}`);
    const [intro, question] = since(memberA.id, before);
    expect(intro!.text).toContain("<b>Đợt «Tự soi, tự sửa theo Nghị quyết 04»</b> · hạn nộp 17/12/2026");
    expect(intro!.text).toContain("Bản tự soi có 27 câu, mất khoảng 10 phút");
    expect(intro!.text).toContain("đồng chí có thể dừng bất cứ lúc nào, khi quay lại gõ /tusoi để làm tiếp");
    expect(intro!.text).not.toContain("đã là đảng viên");
    expect(question!.text).toContain("Câu 1/27");
  });

  it("after a few answers, the same button says how far the member got", async () => {
    await tg.press(memberA, tg.last(memberA.id), "Có, mức độ nhẹ");
    await tg.press(memberA, tg.last(memberA.id), "Không có");
    const before = tg.chat(memberA.id).length;
    await tg.send(memberA, `/start j_${joinCode}`);
    const [intro, question] = since(memberA.id, before);
    expect(intro!.text).toContain("Đồng chí đã trả lời 2/27 câu");
    expect(question!.text).toContain("Câu 3/27");
  });
});

describe("the date picker in December", () => {
  it("offers 31/12/2026 once, as 'Cuối năm'", async () => {
    for (let i = 3; i <= 27; i++) await tg.press(memberA, tg.last(memberA.id), "Không có");
    await tg.press(memberA, tg.last(memberA.id), /Tiếp tục/);
    await tg.send(memberA, "Biện pháp của Bình");
    const labels = tg.buttons(tg.last(memberA.id));
    expect(labels.filter((l) => l.includes("31/12/2026"))).toEqual(["Cuối năm (31/12/2026)"]);
    expect(labels).toContain("Sau 3 tháng (07/03/2027)");
    await tg.press(memberA, tg.last(memberA.id), /^Cuối năm/);
    await tg.press(memberA, tg.last(memberA.id), "✅ Nộp bản tự soi");
  });
});

describe("the committee's nudge", () => {
  it("reaches the secretary with a button that nudges the cell, not a command to type", async () => {
    await tg.send(officer, "/nhacnho", committeeGroup);
    await tg.deps.wakeSender!();
    const nudge = tg.last(secretary.id);
    expect(nudge.text).toContain("<b>Huyện ủy Châu Phú</b> nhắc: chi bộ <b>Chi bộ Ấp Một</b> còn 3/4 đảng viên chưa nộp");
    expect(nudge.text).not.toContain("/nhacnho");
    expect(tg.buttons(nudge)).toEqual(["📣 Nhắc các đồng chí chưa nộp"]);
  });

  it("is refused to anyone but the cell's secretary or deputy, and nothing is sent or edited", async () => {
    const nudge = tg.last(secretary.id);
    const data = (nudge.keyboard!.inline_keyboard.flat()[0] as { callback_data: string }).callback_data;
    const edits = tg.calls.filter((c) => c.method.startsWith("edit")).length;
    for (const p of [memberA, officer]) {
      await tg.pressData(p, p.id, nudge.messageId, data);
      expect(tg.callbackAnswers().at(-1)).toBe("Chỉ bí thư hoặc phó bí thư của chi bộ này mới dùng được nút nhắc.");
    }
    // A button naming another cell, pressed by this cell's secretary.
    await tg.pressData(secretary, secretary.id, nudge.messageId, data.replace(/\d+$/, "999"));
    expect(tg.callbackAnswers().at(-1)).toBe("Chỉ bí thư hoặc phó bí thư của chi bộ này mới dùng được nút nhắc.");
    expect(await database.db.outbox.count({ where: { key: { startsWith: "nudge:" } } })).toBe(0);
    expect(tg.calls.filter((c) => c.method.startsWith("edit")).length).toBe(edits);
  });

  it("pressed by the secretary, reminds each member pending, as /nhacnho does", async () => {
    const nudge = tg.last(secretary.id);
    const before = tg.chat(memberB.id).length;
    await tg.press(secretary, nudge, "📣 Nhắc các đồng chí chưa nộp");
    await tg.deps.wakeSender!();
    expect(tg.chat(secretary.id).some((m) => m.text === "Đã gửi nhắc nhở đến 3 đảng viên chưa nộp.")).toBe(true);
    expect(
      since(memberB.id, before)
        .map((m) => m.text)
        .join("\n"),
    ).toContain("Bí thư nhắc nộp bản tự soi");
    expect(await database.db.outbox.count({ where: { key: { startsWith: "nudge:" } } })).toBe(3);
  });
});

describe("a committee officer in no cell", () => {
  it("/vaitro in private says where roles are given, not 'join a cell'", async () => {
    await tg.send(officer, "/vaitro");
    const text = tg.last(officer.id).text;
    expect(text).toContain("Đồng chí là Bí thư của <b>Huyện ủy Châu Phú</b> và chưa thuộc chi bộ nào trên bot");
    expect(text).toContain("Vai trò trong Huyện ủy Châu Phú do bí thư đảng bộ giao bằng /vaitro trong nhóm của đảng bộ");
    expect(text).not.toContain("chưa tham gia chi bộ nào");
  });
});

describe("the summary before the follow-up", () => {
  it("says when the bot will ask about progress, and nothing about a collective form the cell does not use", async () => {
    for (const p of [secretary, memberB]) await tg.submitForm(p);
    await tg.send(secretary, "/baocao");
    const text = tg
      .chat(secretary.id)
      .filter((m) => m.text.includes("TỔNG HỢP TỰ SOI"))
      .at(-1)!.text;
    expect(text).toContain("Biện pháp đã cam kết: 3");
    expect(text).toContain("Bot sẽ hỏi tiến độ khắc phục vào ngày 01/01/2027.");
    expect(text).not.toContain("chưa trả lời");
    expect(text).not.toContain("Tập thể chi ủy");
  });
});

describe("a round closed early", () => {
  it("shows the day it ended and that the cell closed it early, not its deadline as the end", async () => {
    await tg.send(secretary, "/baocao", cellGroup);
    await tg.press(secretary, tg.last(cellGroup.id), "Đóng đợt sớm");
    await tg.press(secretary, tg.last(secretary.id), "Xác nhận đóng đợt");
    await tg.deps.wakeSender!();
    await tg.send(secretary, "/baocao", cellGroup);
    const text = tg
      .chat(cellGroup.id)
      .filter((m) => m.text.includes("TỔNG HỢP TỰ SOI"))
      .at(-1)!.text;
    expect(text).toContain(
      "<b>Chi bộ Ấp Một</b> · Tự soi, tự sửa theo Nghị quyết 04 · đã kết thúc ngày 07/12/2026: chi bộ đóng đợt sớm, trước hạn nộp 17/12/2026",
    );
    expect(text).not.toContain("hạn 17/12/2026 (đã kết thúc)");
  });

  it("the group's end-of-round summary has one title, the summary's, and the line that says it ended", () => {
    // The first summary in the group saying the round ended is the one the close posted itself.
    const summary = tg.chat(cellGroup.id).find((m) => m.text.includes("đã kết thúc ngày 07/12/2026"))!.text;
    expect(summary.split("\n").slice(0, 2)).toEqual([
      "<b>TỔNG HỢP TỰ SOI, TỰ SỬA</b>",
      "<b>Chi bộ Ấp Một</b> · Tự soi, tự sửa theo Nghị quyết 04 · đã kết thúc ngày 07/12/2026: chi bộ đóng đợt sớm, trước hạn nộp 17/12/2026",
    ]);
    expect(summary).not.toContain("Đợt tự soi đã kết thúc");
    expect(summary.match(/TỔNG HỢP/g)).toHaveLength(1);
  });

  it("tells a member who did not submit the day it ended, not the deadline", async () => {
    await tg.send(memberC, "/tusoi");
    expect(tg.last(memberC.id).text).toBe(
      "Đợt <b>Tự soi, tự sửa theo Nghị quyết 04</b> đã kết thúc ngày 07/12/2026 (chi bộ đóng đợt sớm, trước hạn nộp 17/12/2026) và đồng chí chưa nộp bản tự soi. Bản tự soi không còn sửa được.",
    );
  });
});

describe("the report back to every member", () => {
  it("is a short message with the file, the conclusions and the next step, and names nobody", async () => {
    await tg.press(secretary, tg.last(cellGroup.id), "📨 Gửi báo cáo cho đảng viên");
    await tg.press(secretary, tg.last(secretary.id), "✍ Thêm kết luận buổi sinh hoạt");
    await tg.send(secretary, "Chi bộ thống nhất tăng cường sinh hoạt chuyên đề.");
    await tg.press(secretary, tg.last(secretary.id), "📨 Gửi cho 4 đồng chí");
    for (const p of cellMembers) {
      const received = tg.chat(p.id).filter((m) => m.text.includes("BÁO CÁO KẾT QUẢ TỰ SOI, TỰ SỬA"));
      expect(received).toHaveLength(1);
      const text = received[0]!.text;
      // One title, not the group summary's second one; no time stamp; nobody's name (Dung did not submit).
      expect(text).not.toContain("TỔNG HỢP TỰ SOI");
      expect(text).not.toContain("Lập lúc");
      expect(text).not.toContain("Chưa nộp");
      for (const q of cellMembers) expect(text).not.toContain(fullName(q));
      expect(text).toContain("tệp báo cáo (.docx) ở ngay sau tin nhắn này");
      expect(text).toContain("Đã nộp: 3/4 đảng viên (75%)");
      expect(text).toContain("Chi bộ thống nhất tăng cường sinh hoạt chuyên đề.");
      expect(text).toContain("gõ /tusua để xem lại và hoàn thiện kế hoạch khắc phục");
      expect(text.split("\n").length).toBeLessThanOrEqual(10);
      expect(tg.calls.filter((c) => c.method === "sendDocument" && Number(c.payload.chat_id) === p.id)).toHaveLength(1);
    }
    // The DOCX, before any follow-up: when progress will be asked, not a month of "no answer".
    const docx = await docxText(tg.documentsTo(memberA.id)[0]!, "");
    expect(docx).toContain("lần đầu vào ngày 01/01/2027");
    expect(docx).not.toContain("Chưa báo cáo tiến độ trong tháng");
  });
});

describe("the cell's spreadsheet before the follow-up", () => {
  it("says when the bot will ask about progress, as /baocao and the DOCX, not a month of 'no answer'", async () => {
    const rows = await pressSpreadsheet();
    expect(rows).toContainEqual(["Biện pháp khắc phục đã cam kết", 3]);
    expect(rows).toContainEqual(["Theo dõi tiến độ khắc phục", "Bot sẽ hỏi tiến độ khắc phục vào ngày 01/01/2027."]);
    expect(rows.map((r) => r[0])).not.toContain("Chưa báo cáo tiến độ trong tháng");
  });
});

describe("the monthly follow-up", () => {
  it("has buttons that carry the item's code, and then the month's figures appear", async () => {
    clock.set("2027-01-01T01:30:00Z"); // 08:30 on 01/01/2027 in Hà Nội
    await runDueWork(tg.deps.app, createRenderer(tg.deps.i18n, "vi", tg.bot.botInfo.username, clock), clock.now);
    await tg.deps.wakeSender!();
    const followUp = tg
      .chat(memberB.id)
      .filter((m) => m.text.includes("Theo dõi khắc phục tháng 01/2027"))
      .at(-1)!;
    expect(tg.buttons(followUp)).toEqual(expect.arrayContaining(["1.1 · Đã khắc phục", "1.1 · Đang khắc phục", "1.1 · Chưa khắc phục", "✎ 1.1 · ghi chú"]));
    await tg.press(memberB, followUp, "1.1 · Đang khắc phục");
    expect(tg.callbackAnswers().at(-1)).toBe("Đã ghi nhận.");
    await tg.send(secretary, "/baocao", cellGroup);
    const text = tg.last(cellGroup.id).text;
    expect(text).toContain("Tháng 01/2027: đã khắc phục 0 · đang khắc phục 1 · chưa khắc phục 0 · chưa trả lời 2 · quá hạn 3");
    expect(text).not.toContain("Bot sẽ hỏi tiến độ");
  });

  it("and the spreadsheet then has the month's figures", async () => {
    const rows = await pressSpreadsheet();
    expect(rows).toContainEqual(["Tháng theo dõi khắc phục", "01/2027"]);
    expect(rows).toContainEqual(["Đang khắc phục", 1]);
    expect(rows).toContainEqual(["Chưa báo cáo tiến độ trong tháng", 2]);
    expect(rows.map((r) => r[0])).not.toContain("Theo dõi tiến độ khắc phục");
  });
});
