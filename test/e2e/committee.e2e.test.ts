/**
 * End-to-end, the committee level: a committee with two cells and a lower committee that has
 * one cell, linked by codes; a campaign; members of two cells submit (3 in one); /tonghop while
 * open shows participation only; after an officer ends the campaign, the DESIGN §6 lines count
 * only the cell with 3 forms; the DOCX and XLSX reach the committee's group with the text's
 * numbers; a cell's member and a cell's secretary are refused with nothing posted; a second
 * committee sees nothing of the first.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { BotMessage, TestUser } from "./harness/index.js";
import { cellWithMembers, deadlineInDays, startE2E, submitWithOneItem, waitForText, type E2E } from "./support.js";

const COMMITTEE = { id: -1003100000001, title: "Đảng ủy phường Mỹ Bình" };
const LOWER = { id: -1003100000002, title: "Đảng ủy khối Cơ quan" };
const OTHER = { id: -1003100000009, title: "Đảng ủy xã Khác" };
const CELL_A = { id: -1003100000011, title: "Chi bộ Khu phố 1" };
const CELL_B = { id: -1003100000012, title: "Chi bộ Khu phố 2" };
const CELL_C = { id: -1003100000021, title: "Chi bộ Cơ quan" };

let e2e: E2E;
let officer: TestUser;
let lowerSecretary: TestUser;
let otherOfficer: TestUser;
let secA: TestUser;
let secB: TestUser;
let secC: TestUser;
let membersA: TestUser[];
let memberC: TestUser;

const text = (m: BotMessage) => m.plainText ?? m.text ?? "";

async function setUpCommittee(group: { id: number; title: string }, admin: TestUser) {
  e2e.emulator.setAdmin(group.id, admin.id);
  await admin.sendInGroup(group, `/dangbo ${group.title}`);
  await e2e.emulator.waitForMessage(group.id, (m) => /Đã thiết lập nhóm này làm nhóm của/.test(text(m)));
}

/** The officer's /lienket, and the unit's secretary sending the line it gives. */
async function link(committeeGroup: { id: number }, by: TestUser, unitGroup: { id: number; title: string }, unitSecretary: TestUser) {
  const sent = await by.sendInGroup(committeeGroup as never, "/lienket");
  const posted = await e2e.emulator.client.nextMessage(committeeGroup.id, sent);
  const line = /\/captren [A-Z0-9]+/.exec(text(posted))![0];
  await unitSecretary.sendInGroup(unitGroup, line);
  await e2e.emulator.waitForMessage(unitGroup.id, (m) => /đã trực thuộc/.test(text(m)));
  await e2e.emulator.waitForMessage(committeeGroup.id, (m) => text(m).includes(`${unitGroup.title} đã liên kết`));
}

/** Posts /tonghop in the committee's group and returns the roll-up posted after it. */
async function rollup(by: TestUser): Promise<BotMessage> {
  const sent = await by.sendInGroup(COMMITTEE, "/tonghop");
  return e2e.emulator.waitForMessage(COMMITTEE.id, (m) => m.message_id > sent.messageId && /TỔNG HỢP TOÀN ĐẢNG BỘ/.test(text(m)));
}

beforeAll(async () => {
  e2e = await startE2E();
  const u = (id: number, name: string) => e2e.emulator.user({ id, firstName: name });
  officer = u(9101, "Lê Văn Thành");
  lowerSecretary = u(9102, "Trần Thị Hoa");
  otherOfficer = u(9109, "Võ Minh Khôi");
  secA = u(9111, "Nguyễn Văn Ánh");
  secB = u(9112, "Phạm Văn Bình");
  secC = u(9121, "Đặng Thị Cúc");
  membersA = [u(9113, "Hồ Văn Dũng"), u(9114, "Lý Thị Em")];
  memberC = u(9122, "Mai Văn Giang");
  await setUpCommittee(COMMITTEE, officer);
  await setUpCommittee(LOWER, lowerSecretary);
  await setUpCommittee(OTHER, otherOfficer);
  await cellWithMembers(e2e, CELL_A, secA, membersA);
  await cellWithMembers(e2e, CELL_B, secB, []);
  await cellWithMembers(e2e, CELL_C, secC, [memberC]);
  await link(COMMITTEE, officer, CELL_A, secA);
  await link(COMMITTEE, officer, CELL_B, secB);
  await link(LOWER, lowerSecretary, CELL_C, secC);
  await link(COMMITTEE, officer, LOWER, lowerSecretary);
}, 240_000);
afterAll(() => e2e?.close());

it("a campaign reaches every cell of the subtree, naming the committee; /tonghop while open shows participation only", async () => {
  await officer.sendInGroup(COMMITTEE, `/dotmoi ${deadlineInDays(10)} Sinh hoạt chính trị cuối năm`);
  await e2e.emulator.waitForMessage(COMMITTEE.id, (m) => /Đã mở đợt .* 3\/3 chi bộ/.test(text(m)));
  for (const cell of [CELL_A, CELL_B, CELL_C]) {
    const note = await e2e.emulator.waitForMessage(cell.id, (m) => /triển khai đợt «Sinh hoạt chính trị cuối năm»/.test(text(m)));
    expect(text(note)).toContain(COMMITTEE.title);
  }
  for (const m of [secA, ...membersA, secC]) {
    await submitWithOneItem(m, { item: 5, label: "Có, mức độ nhẹ", measure: "Thẳng thắn tự phê bình trong sinh hoạt chi bộ", datePick: /^Sau 3 tháng/ });
  }
  const open = await rollup(officer);
  const body = text(open);
  expect(body).toContain("Chi bộ đã triển khai: 2/3 (67%)");
  expect(body).toContain("Chi bộ đã nộp đủ: 1/3");
  expect(body).toContain("Đảng viên đã nộp: 4/6 (67%)");
  expect(body).toContain(`${CELL_B.title}: 0/1 đảng viên (0%)`);
  expect(body).toContain(`${LOWER.title}: 1/2 đảng viên (50%)`);
  expect(body).toContain(`${CELL_A.title}: 3/3 đảng viên (100%)`);
  expect(body).not.toMatch(/1\.5\. /);
  expect(body).not.toContain("Biện pháp đã cam kết");
  for (const name of ["Hồ Văn Dũng", "Đặng Thị Cúc", "Thẳng thắn"]) expect(body).not.toContain(name);
}, 300_000);

it("after an officer ends the campaign, the roll-up counts items only from the cell with 3 forms, and the files carry the same numbers", async () => {
  const open = await rollup(officer);
  await officer.press(open, "Kết thúc đợt");
  const ask = await officer.waitForMessage((m) => /Kết thúc đợt .* ngay bây giờ\?/.test(text(m)));
  await officer.press(ask, "Xác nhận kết thúc đợt");
  await waitForText(officer, /Đã kết thúc đợt/);
  const final = await rollup(officer);
  const body = text(final);
  expect(body).toContain("đã kết thúc");
  expect(body).toContain("Đảng viên đã nộp: 4/6 (67%)");
  expect(body).toContain("tính 1/3 chi bộ");
  expect(body).toMatch(/1\.5\. .+ — 3 đảng viên/);
  expect(body).toContain("Biện pháp đã cam kết: 3 · đã khắc phục: 0 · đang khắc phục: 0 · quá hạn: 0");

  const before = e2e.emulator.files(COMMITTEE.id).length;
  await officer.press(final, "Báo cáo (.docx)");
  await officer.press(final, "Bảng tính (.xlsx)");
  await e2e.emulator.client.waitForMessages(COMMITTEE.id, () => e2e.emulator.files(COMMITTEE.id).length >= before + 2, { timeoutMs: 30_000 });
  const [docx, xlsx] = e2e.emulator.files(COMMITTEE.id).slice(before);
  expect(docx!.filename).toMatch(/\.docx$/);
  const xml = await (await JSZip.loadAsync(docx!.bytes)).file("word/document.xml")!.async("string");
  const words = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("\n");
  expect(words).toContain("Số chi bộ đã triển khai: 2/3 chi bộ, đạt 67%.");
  expect(words).toContain("Số đảng viên đã nộp bản tự soi: 4/6 đồng chí, đạt 67%.");
  expect(words).toContain("Số biện pháp khắc phục đảng viên đã cam kết: 3.");
  expect(words).toContain("T/M ĐẢNG ỦY");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx!.bytes as never);
  const summary = workbook.getWorksheet("Tổng hợp")!;
  const value = (label: string) => summary.getColumn(1).values.findIndex((v) => v === label);
  expect(summary.getRow(value("Đảng viên đã nộp")).getCell(2).value).toBe(4);
  expect(summary.getRow(value("Tổng số đảng viên")).getCell(2).value).toBe(6);
  expect(summary.getRow(value("Biện pháp đã cam kết")).getCell(2).value).toBe(3);
  const items = workbook.getWorksheet("Theo biểu hiện")!;
  const row = items.getColumn(2).values.findIndex((v) => v === "1.5");
  expect(items.getRow(row).getCell(6).value).toBe(3);
}, 300_000);

it("a cell's member and a cell's secretary who is not a committee officer are refused, and nothing is posted", async () => {
  const posted = e2e.emulator.client.messages(COMMITTEE.id).length;
  const inCell = e2e.emulator.client.messages(CELL_B.id).length;
  await membersA[0]!.send("/tonghop");
  await waitForText(membersA[0]!, /Chỉ bí thư, phó bí thư và cán bộ văn phòng của đảng bộ/);
  await secB.send("/tonghop");
  await waitForText(secB, /Chỉ bí thư, phó bí thư và cán bộ văn phòng của đảng bộ/);
  await secB.sendInGroup(CELL_B, "/tonghop");
  await waitForText(secB, /Nhóm này là nhóm của chi bộ/);
  // The secretary of cell A is in the committee's group too, but not on its list of officers.
  await secA.sendInGroup(COMMITTEE, "/tonghop");
  await waitForText(secA, /Chỉ bí thư, phó bí thư và cán bộ văn phòng của đảng bộ/);
  expect(e2e.emulator.client.messages(COMMITTEE.id)).toHaveLength(posted);
  expect(e2e.emulator.client.messages(CELL_B.id)).toHaveLength(inCell);
}, 120_000);

it("a second committee sees nothing of the first, even pressing the first one's buttons", async () => {
  await otherOfficer.sendInGroup(OTHER, "/tonghop");
  await e2e.emulator.waitForMessage(OTHER.id, (m) => /chưa có đợt nào/.test(text(m)));
  const final = e2e.emulator.client
    .messages(COMMITTEE.id)
    .filter((m) => /TỔNG HỢP TOÀN ĐẢNG BỘ/.test(text(m)))
    .at(-1)!;
  const files = e2e.emulator.files(COMMITTEE.id).length;
  const posted = e2e.emulator.client.messages(COMMITTEE.id).length;
  const press = await otherOfficer.press(final, "Báo cáo (.docx)");
  const answer = await e2e.emulator.client.waitForCallbackAnswer(press.callbackQueryId);
  expect(answer.text).toContain("Chỉ bí thư, phó bí thư và cán bộ văn phòng");
  expect(e2e.emulator.files(COMMITTEE.id)).toHaveLength(files);
  expect(e2e.emulator.client.messages(COMMITTEE.id)).toHaveLength(posted);
  expect(e2e.emulator.client.messages(OTHER.id).map(text).join("\n")).not.toContain(CELL_A.title);
}, 120_000);
