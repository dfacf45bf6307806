/**
 * Issue 17 point 1: every item code the template import accepts works through the whole loop.
 * A template whose codes are not "<n>.<n>" (A1, II-2, b.3, x, constructor, toString and a
 * 12-character code, the longest allowed) is imported through /mau, chosen, and a member
 * answers (with « Quay lại and a stop in the middle), writes measures, picks and types dates,
 * submits, is counted by /baocao, edits after submitting, answers the follow-up, reads /tusua
 * and gets the files. The Telegram fake refuses callback data over 64 bytes, so every button
 * drawn on the way is checked too.
 */
import ExcelJS from "exceljs";
import type { InputFile } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDueWork } from "../../src/app/scheduler.js";
import { createRenderer } from "../../src/bot/presenters/notifications.js";
import { createI18n } from "../../src/infra/i18n/index.js";
import { appDeps, testClock } from "../support/app.js";
import { BOT_INFO, stubbedBot, type Group, type Person, type StubbedBot } from "../support/bot.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";

const group: Group = { id: -1701, title: "Chi bộ Mã lạ" };
const secretary: Person = { id: 1711, first_name: "An", last_name: "Nguyễn Văn" };
const memberB: Person = { id: 1712, first_name: "Bình", last_name: "Trần Thị" };
const memberC: Person = { id: 1713, first_name: "Cường", last_name: "Lê Văn" };

/** The longest item code the import accepts (12 characters). */
const LONG = "Zz-9.long_12";
/** Checklist order; group codes are not numbers either. */
const GROUPS = [
  { code: "A", title: "Nhóm A", items: ["A1", "A2"] },
  { code: "II", title: "Nhóm II", items: ["II-2"] },
  { code: "b", title: "Nhóm b", items: ["b.3", "x"] },
  { code: "Obj", title: "Nhóm Obj", items: ["constructor", "toString", LONG] },
];
const CODES = GROUPS.flatMap((g) => g.items);
const short = (code: string) => `Nhãn ${code}`;

const templateJson = JSON.stringify({
  code: "ma-la",
  version: 1,
  title: { vi: "Mẫu mã lạ", en: "Odd codes" },
  source: { vi: "Thử nghiệm" },
  groups: GROUPS.map((g) => ({
    code: g.code,
    title: { vi: g.title },
    items: g.items.map((code) => ({ code, text: { vi: `Nội dung biểu hiện ${code}` }, short: { vi: short(code) } })),
  })),
});

let database: TestDatabase;
let tg: StubbedBot;
const clock = testClock("2026-11-22T03:00:00Z");

async function join(user: Person) {
  await tg.send(user, `/start j_${(await database.store.findCellByGroup({ channel: "telegram", address: String(group.id) }))!.joinCode}`);
  await tg.press(user, tg.last(user.id), "Đúng");
}

const press = (user: Person, label: string | RegExp) => tg.press(user, tg.last(user.id), label);
const filesTo = (chatId: number) => tg.calls.filter((c) => (c.method === "sendDocument" || c.method === "sendPhoto") && Number(c.payload.chat_id) === chatId);
const formOf = (user: Person) => database.db.assessment.findFirstOrThrow({ where: { member: { userId: BigInt(user.id) }, collective: false } });
const filed = async (user: Person) =>
  (await database.db.filedAnswer.findMany({ where: { assessmentId: (await formOf(user)).id } }))
    .map((a) => [a.itemCode, a.value, a.measure, a.targetDate] as const)
    .sort((a, b) => CODES.indexOf(a[0]) - CODES.indexOf(b[0]));

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database, clock));
  tg.makeAdmin(group, secretary);
  await tg.send(secretary, "/chibo Chi bộ Mã lạ", group);
  for (const user of [secretary, memberB, memberC]) await join(user);
});
afterAll(() => database.close());

describe("a template whose codes are not <n>.<n>", () => {
  it("is imported, saved and chosen through /mau", async () => {
    await tg.sendDocument(secretary, "ma-la.json", new TextEncoder().encode(templateJson), { caption: "/mau" });
    const preview = tg.last(secretary.id);
    expect(preview.text).toContain("Số biểu hiện: 8");
    await tg.press(secretary, preview, "💾 Lưu mẫu");
    await press(secretary, "✅ Dùng cho các đợt mới");
    await tg.send(secretary, "/dotmoi 15/12/2026 Đợt mã lạ", group);
    expect(tg.last(group.id).text).toContain("Đợt mã lạ");
  });

  it("downloads as XLSX with every code as written (text, in order)", async () => {
    await tg.send(secretary, "/mau");
    await press(secretary, "⬇️ Tải về: ma-la");
    const call = tg.calls.filter((c) => c.method === "sendDocument" && Number(c.payload.chat_id) === secretary.id).at(-1)!;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from((await (call.payload.document as InputFile).toRaw()) as Uint8Array) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Biểu hiện")!;
    expect(CODES.map((_c, i) => sheet.getCell(`C${i + 2}`).value)).toEqual(CODES);
    expect(CODES.map((_c, i) => sheet.getCell(`A${i + 2}`).value)).toEqual(GROUPS.flatMap((g) => g.items.map(() => g.code)));
  });

  it("asks every item; « Quay lại goes back; /tusoi after a stop resumes at the first unanswered item, constructor included", async () => {
    await tg.send(memberB, "/tusoi");
    expect(tg.last(memberB.id).text).toContain("Câu 1/8 · Nhóm A");
    expect(tg.last(memberB.id).text).toContain("<b>A1.</b> Nội dung biểu hiện A1");
    await press(memberB, "Có, mức độ nhẹ"); // A1
    await press(memberB, "Không có"); // A2
    expect(tg.last(memberB.id).text).toContain("<b>II-2.</b>");
    await press(memberB, "« Quay lại");
    expect(tg.last(memberB.id).text).toContain("<b>A2.</b>");
    expect(tg.last(memberB.id).text).toContain("Đồng chí đã chọn: <b>Không có</b>");
    await press(memberB, "Không có"); // A2 again
    await press(memberB, "Có, cần khắc phục"); // II-2
    await press(memberB, "Có, mức độ nhẹ"); // b.3
    await press(memberB, "Không có"); // x
    expect(tg.last(memberB.id).text).toContain("<b>constructor.</b> Nội dung biểu hiện constructor");

    // The member stops here; /tusoi puts them back on constructor, not past it.
    await tg.send(memberB, "/tusoi");
    expect(tg.last(memberB.id).text).toContain("Câu 6/8");
    expect(tg.last(memberB.id).text).toContain("<b>constructor.</b>");
    await press(memberB, "Có, cần khắc phục"); // constructor
    expect(tg.last(memberB.id).text).toContain("<b>toString.</b>");
    await press(memberB, "Không có"); // toString
    expect(tg.last(memberB.id).text).toContain(`<b>${LONG}.</b>`);
    await press(memberB, "Có, mức độ nhẹ"); // LONG
    const review = tg.last(memberB.id).text;
    expect(review).toContain("Rà soát bản tự soi");
    const marked = ["A1", "II-2", "b.3", "constructor", LONG];
    for (const code of marked) expect(review).toContain(`• ${code}. ${short(code)}`);
    expect(review).not.toContain("toString.");
    expect(review).not.toContain("• x.");
  });

  it("takes a typed measure and a picked or typed date for every marked item, then submits", async () => {
    await press(memberB, /Tiếp tục/);
    expect(tg.last(memberB.id).text).toContain("Biện pháp khắc phục · 1/5");
    expect(tg.last(memberB.id).text).toContain("A1. Nhãn A1");
    await tg.send(memberB, "Biện pháp cho A1 cụ thể");
    expect(tg.last(memberB.id).text).toContain("Thời hạn khắc phục · A1. Nhãn A1");
    await press(memberB, /^Cuối tháng này/);

    expect(tg.last(memberB.id).text).toContain("Biện pháp khắc phục · 2/5");
    await tg.send(memberB, "Biện pháp cho II-2 cụ thể");
    expect(tg.last(memberB.id).text).toContain("Thời hạn khắc phục · II-2.");
    await tg.send(memberB, "31/12/2026");

    await tg.send(memberB, "Biện pháp cho b.3 cụ thể");
    await press(memberB, /^Sau 3 tháng/);
    expect(tg.last(memberB.id).text).toContain("Biện pháp khắc phục · 4/5");
    expect(tg.last(memberB.id).text).toContain("constructor. Nhãn constructor");
    await tg.send(memberB, "Biện pháp cho constructor");
    expect(tg.last(memberB.id).text).toContain("Thời hạn khắc phục · constructor.");
    await tg.send(memberB, "15/01/2027");
    await tg.send(memberB, `Biện pháp cho ${LONG}`);
    await press(memberB, /^Cuối năm/);

    const confirm = tg.last(memberB.id);
    expect(confirm.text).toContain("Xác nhận bản tự soi");
    for (const code of ["A1", "II-2", "b.3", "constructor", LONG]) expect(confirm.text).toContain(`<b>${code}. ${short(code)}</b>`);
    // "Sửa constructor": its measure screen again (a stored screen naming the code); keep it, back to the confirmation.
    await tg.press(memberB, confirm, "Sửa constructor");
    expect(tg.last(memberB.id).text).toContain("Biện pháp hiện tại: Biện pháp cho constructor");
    await press(memberB, "Giữ biện pháp hiện tại");
    expect(tg.last(memberB.id).text).toContain("Xác nhận bản tự soi");
    await press(memberB, "✅ Nộp bản tự soi");
    expect(tg.last(memberB.id).text).toContain("✅ Đã nộp bản tự soi");

    expect(await filed(memberB)).toEqual([
      ["A1", "MINOR", "Biện pháp cho A1 cụ thể", "2026-11-30"],
      ["A2", "NONE", null, null],
      ["II-2", "SIGNIFICANT", "Biện pháp cho II-2 cụ thể", "2026-12-31"],
      ["b.3", "MINOR", "Biện pháp cho b.3 cụ thể", "2027-02-22"],
      ["x", "NONE", null, null],
      ["constructor", "SIGNIFICANT", "Biện pháp cho constructor", "2027-01-15"],
      ["toString", "NONE", null, null],
      [LONG, "MINOR", `Biện pháp cho ${LONG}`, "2026-12-31"],
    ]);
  });

  it("/baocao counts the form and lists its items; the report files are produced", async () => {
    await tg.send(secretary, "/baocao", group);
    const summary = tg.last(group.id);
    expect(summary.text).toContain("Đã nộp: 1/3 đảng viên (33%)");
    const interim = tg.last(secretary.id).text;
    for (const code of ["A1", "II-2", "b.3", "constructor", LONG]) expect(interim).toContain(`${code}. ${short(code)} — 1 đảng viên`);
    expect(interim).not.toContain("toString.");
    expect(interim).toContain("Biện pháp đã cam kết: 5");

    const before = filesTo(secretary.id).length;
    for (const label of ["Báo cáo (.docx)", "Bảng tính (.xlsx)", "Biểu đồ"]) await tg.press(secretary, summary, label);
    const sent = filesTo(secretary.id).slice(before);
    expect(sent.map((c) => c.method)).toEqual(["sendDocument", "sendDocument", "sendPhoto"]);
    expect((sent[0]!.payload.document as InputFile).filename).toMatch(/\.docx$/);
    expect((sent[1]!.payload.document as InputFile).filename).toMatch(/\.xlsx$/);

    await tg.send(secretary, "/baocao chitiet");
    const detail = tg.last(secretary.id);
    expect(
      tg
        .chat(secretary.id)
        .map((m) => m.text)
        .join("\n"),
    ).toContain("Biện pháp cho constructor");
    await tg.press(secretary, detail, "Bảng tính chi tiết (.xlsx)");
    expect((filesTo(secretary.id).at(-1)!.payload.document as InputFile).filename).toMatch(/^chi-tiet-.*\.xlsx$/);
  });

  it("can be edited after submitting: another item marked, its measure and date, resubmitted", async () => {
    await tg.send(memberB, "/tusoi");
    await press(memberB, "Sửa bản đã nộp");
    await press(memberB, "Sửa một câu trả lời");
    expect(tg.buttons(tg.last(memberB.id))).toEqual(expect.arrayContaining(["A1 •", "x", "constructor •", "toString", `${LONG} •`]));
    await press(memberB, "toString");
    expect(tg.last(memberB.id).text).toContain("<b>toString.</b>");
    await press(memberB, "Có, mức độ nhẹ");
    expect(tg.last(memberB.id).text).toContain("• toString. Nhãn toString");
    await press(memberB, /Tiếp tục/);
    expect(tg.last(memberB.id).text).toContain("toString. Nhãn toString");
    await tg.send(memberB, "Biện pháp cho toString");
    await tg.send(memberB, "28/02/2027");
    await press(memberB, "✅ Nộp bản tự soi");
    expect(tg.last(memberB.id).text).toContain("✅ Đã nộp bản tự soi");
    expect((await filed(memberB)).find((a) => a[0] === "toString")).toEqual(["toString", "MINOR", "Biện pháp cho toString", "2027-02-28"]);
  });

  it("/tusua shows the plan in checklist order, and its DOCX is sent", async () => {
    await tg.send(memberB, "/tusua");
    const plan = tg.last(memberB.id).text;
    const order = ["A1", "II-2", "b.3", "constructor", "toString", LONG].map((code) => plan.indexOf(`<b>${code}. ${short(code)}</b>`));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(plan).toContain("Biện pháp cho constructor");
    await press(memberB, "📄 Tải kế hoạch khắc phục (.docx)");
    expect((filesTo(memberB.id).at(-1)!.payload.document as InputFile).filename).toMatch(/\.docx$/);
  });

  it("takes the chi ủy's collective form on the same codes; /baocao shows it apart", async () => {
    await tg.send(secretary, "/tusoi taphe");
    expect(tg.last(secretary.id).text).toContain("Câu 1/8");
    for (const code of CODES) await press(secretary, code === "constructor" || code === "toString" ? "Có, cần khắc phục" : "Không có");
    await press(secretary, /Tiếp tục/);
    expect(tg.last(secretary.id).text).toContain("constructor. Nhãn constructor");
    await tg.send(secretary, "Chi ủy họp định kỳ về constructor");
    await tg.send(secretary, "31/12/2026");
    expect(tg.last(secretary.id).text).toContain("toString. Nhãn toString");
    await tg.send(secretary, "Chi ủy phân công rõ việc toString");
    await press(secretary, /^Cuối năm/);
    await press(secretary, "✅ Nộp bản tự soi");
    expect(tg.last(secretary.id).text).toContain("Bản tự soi của tập thể chi ủy · Đợt mã lạ");
    await tg.send(secretary, "/baocao", group);
    expect(tg.last(group.id).text).toContain("<b>Tập thể chi ủy:</b> đã tự soi · 2 biểu hiện");
  });

  it("gets the monthly follow-up in checklist order and records an answer and a note on constructor", async () => {
    clock.set("2026-12-01T01:30:00Z"); // 08:30 on the 1st in Hà Nội
    const renderer = createRenderer(await createI18n("vi"), "vi", BOT_INFO.username, clock);
    await runDueWork(tg.deps.app, renderer, clock());
    await tg.deps.wakeSender!();
    const pages = tg.chat(memberB.id).filter((m) => m.text.includes("Theo dõi khắc phục tháng 12/2026"));
    expect(pages.length).toBeGreaterThan(0);
    const text = pages.map((m) => m.text).join("\n");
    const order = ["A1", "II-2", "b.3", "constructor", "toString", LONG].map((code) => text.indexOf(`<b>${code}. ${short(code)}</b>`));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    const page = pages.find((m) => m.text.includes("<b>constructor."))!;
    const buttons = page.keyboard?.inline_keyboard ?? [];
    // The progress buttons carry the item's code (issue 19: a member sees which item each belongs to).
    const done = buttons.flat().find((b) => b.text === "constructor · Đã khắc phục")!;
    await tg.pressData(memberB, page.chatId, page.messageId, (done as { callback_data: string }).callback_data);
    expect(tg.callbackAnswers().at(-1)).toBe("Đã ghi nhận.");
    const progress = await database.db.correctionProgress.findMany();
    expect(progress.map((p) => [p.itemCode, p.status])).toEqual([["constructor", "DONE"]]);

    const after = tg.chat(memberB.id).find((m) => m.messageId === page.messageId)!;
    await tg.press(memberB, after, "✎ constructor · ghi chú");
    expect(tg.last(memberB.id).text).toContain("cho constructor");
    await tg.send(memberB, "Đã sửa xong trong tháng");
    expect((await database.db.correctionProgress.findFirstOrThrow({ where: { itemCode: "constructor" } })).note).toBe("Đã sửa xong trong tháng");

    await tg.send(memberB, "/tusua");
    expect(
      tg
        .chat(memberB.id)
        .slice(-3)
        .map((m) => m.text)
        .join("\n"),
    ).toContain("Đã khắc phục");
  });

  it("/kiemdiem gives the year's record with every code, and its DOCX", async () => {
    await tg.send(memberB, "/kiemdiem 2026");
    const record = tg.last(memberB.id);
    for (const code of ["A1", "II-2", "b.3", "constructor", "toString", LONG]) expect(record.text).toContain(code);
    await tg.press(memberB, record, "📄 Tải bản tổng hợp năm (.docx)");
    expect((filesTo(memberB.id).at(-1)!.payload.document as InputFile).filename).toMatch(/\.docx$/);
  });
});
