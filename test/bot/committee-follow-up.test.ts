/**
 * Issue 19's sibling at the committee level: /tonghop and the committee's DOCX show the month's
 * correction progress ("chưa trả lời", "Chưa báo cáo tiến độ trong tháng") only once a counted
 * cell's monthly follow-up has asked about the campaign round's measures; before that, the
 * earliest day a counted cell will be asked. Two cells with different follow-up days.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDueWork } from "../../src/app/scheduler.js";
import { createRenderer } from "../../src/bot/presenters/notifications.js";
import { appDeps, testClock } from "../support/app.js";
import { docxText, stubbedBot, summarySheetRows, type Group, type Person, type StubbedBot } from "../support/bot.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";

const COMMITTEE: Group = { id: -19501, title: "Đảng ủy xã Tân Hòa" };
const CELL_A: Group = { id: -19511, title: "Chi bộ Ấp Bắc" };
const CELL_B: Group = { id: -19512, title: "Chi bộ Ấp Nam" };

const person = (id: number, first: string): Person => ({ id, first_name: first, last_name: "Trần" });
const officer = person(19500, "Lâm");
const cells = [
  { group: CELL_A, secretary: person(19510, "An"), members: [person(19511, "Bình"), person(19512, "Cúc")], schedule: "/lich 10 08:00" },
  { group: CELL_B, secretary: person(19520, "Dũng"), members: [person(19521, "Em"), person(19522, "Giao")], schedule: "/lich 5 08:00" },
];
// 22/11/2026 10:00 in Hà Nội: November's follow-ups went out before the campaign opened.
const clock = testClock("2026-11-22T03:00:00Z");

let database: TestDatabase;
let tg: StubbedBot;

async function committeeDocx(): Promise<string> {
  await tg.press(officer, rollupMessage(), "Báo cáo (.docx)");
  return docxText(tg.documentsTo(COMMITTEE.id).at(-1)!);
}

/** The committee XLSX's summary sheet, label and value per row. */
async function summaryRows(): Promise<unknown[][]> {
  await tg.press(officer, rollupMessage(), "Bảng tính (.xlsx)");
  return summarySheetRows(tg.documentsTo(COMMITTEE.id).at(-1)!);
}

const rollupMessage = () =>
  tg
    .chat(COMMITTEE.id)
    .filter((m) => m.text.includes("TỔNG HỢP TOÀN ĐẢNG BỘ"))
    .at(-1)!;

async function rollup(): Promise<string> {
  await tg.send(officer, "/tonghop", COMMITTEE);
  return rollupMessage().text;
}

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database, clock));
  await tg.setUpCommittee(COMMITTEE, officer);
  for (const c of cells) {
    await tg.setUpCell(c.group, c.secretary);
    await tg.send(c.secretary, c.schedule, c.group);
    await tg.joinCell(c.group, [c.secretary, ...c.members]);
    await tg.linkUnit(COMMITTEE, officer, c.group, c.secretary);
  }
  await tg.send(officer, "/dotmoi 15/12/2026 Đợt cuối năm", COMMITTEE);
  for (const c of cells) for (const p of [c.secretary, ...c.members]) await tg.submitForm(p);
  await tg.send(officer, "/tonghop", COMMITTEE);
  await tg.press(officer, tg.last(COMMITTEE.id), "Kết thúc đợt");
  await tg.press(officer, tg.last(officer.id), "Xác nhận kết thúc đợt");
});
afterAll(() => database.close());

describe("the committee's correction progress", () => {
  it("before any cell was asked: /tonghop and the DOCX say from which day the cells will be asked, no month of 'no answer'", async () => {
    const text = await rollup();
    expect(text).toContain("Biện pháp đã cam kết: 6");
    expect(text).toContain("Các chi bộ sẽ được hỏi tiến độ khắc phục từ ngày 05/12/2026.");
    expect(text).not.toContain("chưa trả lời");
    const doc = await committeeDocx();
    expect(doc).toContain("Các chi bộ sẽ được hỏi tiến độ khắc phục từ ngày 05/12/2026.");
    expect(doc).not.toContain("Chưa báo cáo tiến độ trong tháng");
    const rows = await summaryRows();
    expect(rows).toContainEqual(["Theo dõi tiến độ khắc phục", "Các chi bộ sẽ được hỏi tiến độ khắc phục từ ngày 05/12/2026."]);
    expect(rows.map((r) => r[0])).not.toContain("Đang khắc phục");
  });

  it("once one counted cell's follow-up went out: the month's figures", async () => {
    clock.set("2026-12-05T01:30:00Z"); // 08:30 on 05/12/2026 in Hà Nội: Ấp Nam's follow-up
    await runDueWork(tg.deps.app, createRenderer(tg.deps.i18n, "vi", tg.bot.botInfo.username, clock), clock.now);
    await tg.deps.wakeSender!();
    const text = await rollup();
    expect(text).toContain("Tháng 12/2026: đã khắc phục 0 · đang khắc phục 0 · chưa khắc phục 0 · chưa trả lời 6 · quá hạn 0");
    expect(text).not.toContain("sẽ được hỏi tiến độ");
    const doc = await committeeDocx();
    expect(doc).toContain("Chưa báo cáo tiến độ trong tháng: 6;");
    expect(doc).not.toContain("sẽ được hỏi tiến độ");
    const rows = await summaryRows();
    expect(rows).toContainEqual(["Đang khắc phục", 0]);
    expect(rows.map((r) => r[0])).not.toContain("Theo dõi tiến độ khắc phục");
  });
});
