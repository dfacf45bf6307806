/**
 * Issue 19 at the committee level, through the real bot with Telegram stubbed: a committee
 * with a direct đảng ủy (two cells) and a direct cell, and one unit not on the bot
 * (/themdonvi, /nhapso); cells record their meetings; /tonghop's new lines have the right
 * numbers; the committee's typed assessment and direction appear in its DOCX.
 */
import type ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDeps, testClock } from "../support/app.js";
import { docxText, stubbedBot, workbookOf, type Group, type Person, type StubbedBot } from "../support/bot.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";

const COMMITTEE: Group = { id: -19001, title: "Huyện ủy Mỹ Bình" };
const LOWER: Group = { id: -19002, title: "Đảng ủy xã Phú Lâm" };
const CELL_A1: Group = { id: -19011, title: "Chi bộ Ấp 1" };
const CELL_A2: Group = { id: -19012, title: "Chi bộ Ấp 2" };
const CELL_X: Group = { id: -19021, title: "Chi bộ Cơ quan" };

const person = (id: number, first: string): Person => ({ id, first_name: first, last_name: "Phạm" });
const officer = person(19100, "Thành");
const lowerSecretary = person(19101, "Hoa");
const outsider = person(19199, "Khách");
const cells = [
  { group: CELL_A1, secretary: person(19110, "An"), members: [person(19111, "Bình"), person(19112, "Cúc")] },
  { group: CELL_A2, secretary: person(19120, "Dũng"), members: [person(19121, "Em")] },
  { group: CELL_X, secretary: person(19130, "Giang"), members: [person(19131, "Hải"), person(19132, "Khoa")] },
];
// 22/11/2026 10:00 in Hà Nội.
const clock = testClock("2026-11-22T03:00:00Z");

let database: TestDatabase;
let tg: StubbedBot;

/** The /tonghop text posted to the committee's group. */
async function rollup(): Promise<string> {
  await tg.send(officer, "/tonghop", COMMITTEE);
  return tg
    .chat(COMMITTEE.id)
    .filter((m) => m.text.includes("TỔNG HỢP TOÀN ĐẢNG BỘ"))
    .at(-1)!.text;
}

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database, clock));
  await tg.setUpCommittee(COMMITTEE, officer);
  await tg.setUpCommittee(LOWER, lowerSecretary);
  for (const c of cells) {
    await tg.setUpCell(c.group, c.secretary);
    await tg.joinCell(c.group, [c.secretary, ...c.members]);
  }
  await tg.linkUnit(LOWER, lowerSecretary, CELL_A1, cells[0]!.secretary);
  await tg.linkUnit(LOWER, lowerSecretary, CELL_A2, cells[1]!.secretary);
  await tg.linkUnit(COMMITTEE, officer, CELL_X, cells[2]!.secretary);
  await tg.linkUnit(COMMITTEE, officer, LOWER, lowerSecretary);
  await tg.send(officer, "/dotmoi 15/12/2026 Đợt cuối năm", COMMITTEE);
  // Ấp 1 and Cơ quan: everyone submits; Ấp 2: only its secretary.
  for (const p of [cells[0]!.secretary, ...cells[0]!.members, cells[1]!.secretary, cells[2]!.secretary, ...cells[2]!.members]) await tg.submitForm(p);
});
afterAll(() => database.close());

describe("a unit not on the bot", () => {
  it("/themdonvi adds it (officers only, refused privately)", async () => {
    const before = tg.chat(COMMITTEE.id).length;
    await tg.send(outsider, "/themdonvi Chi bộ Trường học", COMMITTEE);
    expect(tg.chat(COMMITTEE.id)).toHaveLength(before);
    expect(tg.last(outsider.id).text).toContain("Chỉ bí thư, phó bí thư và cán bộ văn phòng");
    await tg.send(officer, "/themdonvi Chi bộ Trường học", COMMITTEE);
    expect(tg.last(COMMITTEE.id).text).toContain("Đã thêm <b>Chi bộ Trường học</b>");
    expect(await database.db.enteredUnit.count()).toBe(1);
  });

  it("/huongdan lists /themdonvi and /nhapso for a committee officer", async () => {
    await tg.send(officer, "/huongdan");
    expect(tg.last(officer.id).text).toContain("/themdonvi &lt;tên&gt;");
    expect(tg.last(officer.id).text).toContain("/nhapso");
  });

  it("/nhapso asks which unit, then its figures step by step", async () => {
    await tg.send(officer, "/nhapso", COMMITTEE);
    expect(tg.last(COMMITTEE.id).text).toContain("tin nhắn riêng");
    await tg.send(officer, "/nhapso");
    await tg.press(officer, tg.last(officer.id), /^Chi bộ Trường học/);
    expect(tg.last(officer.id).text).toContain("Bước 1/4");
    await tg.send(officer, "10");
    await tg.send(officer, "11");
    expect(tg.last(officer.id).text).toContain("Gõ một số từ 0 đến 10");
    await tg.send(officer, "8");
    expect(tg.last(officer.id).text).toContain("Bước 3/4");
    await tg.send(officer, "22/11/2026");
    await tg.send(officer, "9");
    expect(tg.last(officer.id).text).toContain(
      "Đã lưu số liệu của <b>Chi bộ Trường học</b> (đợt Đợt cuối năm): 8/10 đảng viên đã nộp; sinh hoạt ngày 22/11/2026, có mặt 9",
    );
  });
});

/** The sheet the bot sent, with `fill` applied to its sheet "Số liệu" (rows by item code). */
async function filledSheet(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const call = tg.calls.filter((c) => c.method === "sendDocument" && Number(c.payload.chat_id) === officer.id).at(-1)!;
  const workbook = await workbookOf(call);
  fill(workbook.getWorksheet("Số liệu")!);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe("the unit's item counts", () => {
  it("come on the sheet the bot gives, checked with row and column errors", async () => {
    await tg.press(officer, tg.last(officer.id), "📄 Nhập số biểu hiện (.xlsx)");
    const sent = tg.calls.filter((c) => c.method === "sendDocument" && Number(c.payload.chat_id) === officer.id).at(-1)!;
    expect(String(sent.payload.caption)).toContain("Bảng số biểu hiện của <b>Chi bộ Trường học</b>");
    const rowOf = (sheet: ExcelJS.Worksheet, code: string) => {
      let found = 0;
      sheet.eachRow((row, n) => {
        if (row.getCell(1).value === code) found = n;
      });
      return found;
    };
    const bad = await filledSheet((sheet) => {
      sheet.getRow(rowOf(sheet, "1.1")).getCell(3).value = 9;
      sheet.getRow(rowOf(sheet, "1.2")).getCell(3).value = "hai";
      sheet.addRow(["9.9", "Không có", 1]);
    });
    await tg.sendDocument(officer, "so-lieu.xlsx", bad);
    const problems = tg.last(officer.id).text;
    expect(problems).toContain("Tệp chưa nhập được");
    expect(problems).toMatch(/Dòng \d+, cột Số đảng viên: 9 nhiều hơn số đảng viên đã nộp \(8\)/);
    expect(problems).toMatch(/Dòng \d+, cột Số đảng viên: “hai” không phải số nguyên/);
    expect(problems).toMatch(/Dòng \d+, cột Mã: “9.9” không phải mã biểu hiện của đợt/);
    const good = await filledSheet((sheet) => {
      sheet.getRow(rowOf(sheet, "1.1")).getCell(3).value = 4;
    });
    await tg.sendDocument(officer, "so-lieu.xlsx", good);
    expect(tg.last(officer.id).text).toContain("Đã lưu số biểu hiện của <b>Chi bộ Trường học</b> (đợt Đợt cuối năm): 1 biểu hiện, tổng 4 lượt");
    const figures = await database.db.enteredFigures.findFirstOrThrow();
    expect(JSON.parse(figures.items!)).toEqual({ "1.1": 4 });
  });
});

describe("the committee's figures", () => {
  it("/tonghop counts direct units the Party's way, meetings, attendance, item shares, entered figures marked", async () => {
    await tg.send(cells[0]!.secretary, "/sinhhoat 22/11/2026 3/3", CELL_A1);
    await tg.send(cells[2]!.secretary, "/sinhhoat 22/11/2026 2/3", CELL_X);
    await tg.send(officer, "/tonghop", COMMITTEE);
    await tg.press(officer, tg.last(COMMITTEE.id), "Kết thúc đợt");
    await tg.press(officer, tg.last(officer.id), "Xác nhận kết thúc đợt");
    const text = await rollup();
    // Direct units: Đảng ủy xã Phú Lâm (started; Ấp 2 has not met), Chi bộ Cơ quan, Chi bộ Trường học (entered).
    expect(text).toContain("Đảng bộ, chi bộ trực thuộc đã triển khai: 3/3 (100%)");
    expect(text).toContain("Đảng bộ, chi bộ trực thuộc đã tổ chức sinh hoạt: 2/3 (67%) · 3 cuộc · 14 đảng viên tham dự");
    expect(text).toContain("Đảng viên đã nộp: 15/18 (83%)");
    expect(text).toContain("Tập thể chi ủy đã nộp bản tự soi: 0/3 chi bộ");
    expect(text).toContain("Chi bộ Trường học: 8/10 đảng viên (80%) · số liệu do văn phòng nhập");
    // Item 1.1: 3 + 3 members in the two counted cells and 4 entered for the school (8 forms); Ấp 2 (one form) not counted.
    expect(text).toMatch(/1\.1\. .+ — 10 đảng viên \(71%\)/);
    expect(text).toContain("Tỷ lệ tính trên 14 đảng viên");
  });

  it("the committee's typed assessment and direction appear in its DOCX, with the new figures", async () => {
    await tg.press(officer, tg.last(COMMITTEE.id), "✍ Đánh giá chung");
    await tg.send(officer, "Toàn đảng bộ triển khai nghiêm túc, đúng thời hạn.");
    expect(tg.last(officer.id).text).toContain("Đã lưu mục <b>ĐÁNH GIÁ CHUNG</b>");
    await tg.press(officer, tg.last(COMMITTEE.id), "✍ Phương hướng");
    await tg.send(officer, "Chỉ đạo chi bộ Ấp 2 tổ chức sinh hoạt trong tháng 12.");
    await tg.press(officer, tg.last(COMMITTEE.id), "Báo cáo (.docx)");
    const call = tg.calls.filter((c) => c.method === "sendDocument" && Number(c.payload.chat_id) === COMMITTEE.id).at(-1)!;
    const doc = await docxText(call);
    expect(doc).toContain("Đảng bộ, chi bộ trực thuộc đã tổ chức sinh hoạt: 2/3, đạt 67%; tổ chức 3 cuộc, với 14 đảng viên tham dự.");
    expect(doc).toContain("Số liệu của Chi bộ Trường học do văn phòng nhập");
    expect(doc.indexOf("Toàn đảng bộ triển khai nghiêm túc, đúng thời hạn.")).toBeGreaterThan(doc.indexOf("ĐÁNH GIÁ CHUNG"));
    expect(doc.indexOf("Chỉ đạo chi bộ Ấp 2 tổ chức sinh hoạt trong tháng 12.")).toBeGreaterThan(doc.indexOf("PHƯƠNG HƯỚNG"));
  });
});
