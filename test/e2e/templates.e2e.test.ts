/**
 * End-to-end (issue 11): the secretary downloads the built-in template as XLSX from /mau, the
 * test edits it with exceljs (9 items, one renamed) and sends it back; the bot fetches it with
 * getFile and the file URL, previews it, saves it, and the cell chooses it. A broken file and a
 * file with a duplicate code get their messages (row and column) and change nothing. The next
 * round asks "Câu 1/9"; the report lists the edited item. The chi ủy's collective form
 * (/tusoi taphe) appears in /baocao and in the DOCX, and is not counted in "Đã nộp".
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { BotMessage, TestUser } from "./harness/index.js";
import { cellWithMembers, deadlineInDays, startE2E, waitForText, type E2E } from "./support.js";

const GROUP = { id: -1001555000911, title: "Chi bộ Mẫu Phường" };
const RENAMED = "Ngại học tập lý luận chính trị, nghị quyết của Đảng (nội dung đảng ủy phường sửa)";
const SHORT = "Ngại học lý luận (mẫu phường)";
let e2e: E2E;
let secretary: TestUser;
let members: TestUser[];
let downloaded: Buffer;

const plain = (m: BotMessage): string => m.plainText ?? m.text ?? m.caption ?? "";

async function workbookOf(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}
const bytesOf = async (workbook: ExcelJS.Workbook): Promise<Buffer> => Buffer.from(await workbook.xlsx.writeBuffer());

/** Sends a file and waits for the bot's answer after it. */
async function sendFile(fileName: string, bytes: Uint8Array, caption?: string): Promise<BotMessage> {
  const sent = await secretary.sendDocument(fileName, bytes, caption === undefined ? {} : { caption });
  return e2e.emulator.client.nextMessage(secretary.id, sent);
}

/** The template list /mau shows now. */
async function templateList(): Promise<string> {
  return plain(await e2e.emulator.client.nextMessage(secretary.id, await secretary.send("/mau")));
}

/**
 * Fills a 9-item form (`command`: "/tusoi" or "/tusoi taphe"): item `item` marked `label`, the
 * rest "Không có", one measure, a quick-pick date, submitted.
 */
async function fillNine(user: TestUser, command: string, item: number, label: string, measure: string): Promise<void> {
  let message = await user.nextMessage(await user.send(command));
  expect(plain(message)).toContain("Câu 1/9");
  for (let n = 1; n <= 9; n++) {
    await user.press(message, n === item ? label : "Không có");
    const next = n < 9 ? new RegExp(`Câu ${n + 1}/9`) : /Rà soát/;
    message = await user.waitForMessage((m) => m.message_id === message.message_id && next.test(plain(m)));
  }
  await user.press(message, /Tiếp tục/);
  await waitForText(user, /Biện pháp khắc phục · 1\/1/);
  await user.send(measure);
  await user.press(await waitForText(user, /Thời hạn khắc phục/), /^Sau 3 tháng/);
  await user.press(await waitForText(user, /Xác nhận bản tự soi/), "✅ Nộp bản tự soi");
  await waitForText(user, /Đã nộp bản tự soi lúc/);
}

beforeAll(async () => {
  e2e = await startE2E();
  secretary = e2e.emulator.user({ id: 9101, firstName: "Vũ Văn Thành" });
  members = [
    e2e.emulator.user({ id: 9102, firstName: "Hoàng Thị Hoa" }),
    e2e.emulator.user({ id: 9103, firstName: "Đinh Văn Nam" }),
    e2e.emulator.user({ id: 9104, firstName: "Lý Thị Thu" }),
  ];
  await cellWithMembers(e2e, GROUP, secretary, members);
});
afterAll(() => e2e?.close());

it("sends the built-in template as an XLSX file from /mau", async () => {
  const list = await e2e.emulator.client.nextMessage(secretary.id, await secretary.send("/mau"));
  expect(plain(list)).toContain("27 biểu hiện");
  await secretary.press(list, "⬇️ Tải về: nq04-xii");
  await e2e.emulator.client.waitForMessages(secretary.id, () => e2e.emulator.files(secretary.id).length >= 1, { timeoutMs: 20_000 });
  const file = e2e.emulator.files(secretary.id)[0]!;
  expect(file.filename).toMatch(/^mau-nq04-xii-v\d+\.xlsx$/);
  downloaded = file.bytes;
  expect((await workbookOf(downloaded)).getWorksheet("Biểu hiện")!.getCell("C2").value).toBe("1.1");
});

it("answers a broken file and a duplicate code with the problem, row and column, and changes nothing", async () => {
  const broken = await sendFile("hong.xlsx", Buffer.from("PK\u0003\u0004 this is not a workbook"), "/mau");
  expect(plain(broken)).toContain("Tệp .xlsx bị hỏng, không mở được. Chưa có gì thay đổi.");

  const workbook = await workbookOf(downloaded);
  workbook.getWorksheet("Mẫu")!.getCell("B3").value = "mau-trung-ma";
  workbook.getWorksheet("Biểu hiện")!.getCell("C3").value = "1.1";
  const duplicate = await sendFile("trung-ma.xlsx", await bytesOf(workbook), "/mau");
  expect(plain(duplicate)).toContain("Dòng 3, cột Mã: 1.1 trùng với dòng 2.");
  expect(plain(duplicate)).toContain("Chưa có gì được lưu");
  // The bot fetched both files through getFile and the download URL.
  expect(e2e.emulator.fileDownloads().filter((d) => d.found)).toHaveLength(2);
  expect(await templateList()).not.toContain("mau-trung-ma");
});

it("imports the edited file (9 items, one renamed): preview, save, choose", async () => {
  const workbook = await workbookOf(downloaded);
  workbook.getWorksheet("Mẫu")!.getCell("B2").value = "Mẫu của Đảng ủy phường (e2e)";
  workbook.getWorksheet("Mẫu")!.getCell("B3").value = "dang-uy-phuong-e2e";
  const items = workbook.getWorksheet("Biểu hiện")!;
  for (let r = 11; r <= 28; r++)
    items.getRow(r).eachCell((cell) => {
      cell.value = null;
    });
  items.getCell("D2").value = RENAMED;
  items.getCell("E2").value = SHORT;
  const preview = await sendFile("mau-phuong.xlsx", await bytesOf(workbook), "/mau");
  expect(plain(preview)).toContain("Xem trước mẫu (chưa lưu)");
  expect(plain(preview)).toContain("Số biểu hiện: 9");
  expect(plain(preview)).toContain(RENAMED);
  await secretary.press(preview, "💾 Lưu mẫu");
  const saved = await waitForText(secretary, /Đã lưu mẫu/);
  expect(plain(saved)).toContain("mã dang-uy-phuong-e2e, phiên bản 1, 9 biểu hiện");
  await secretary.press(saved, "✅ Dùng cho các đợt mới");
  await waitForText(secretary, /Từ nay các đợt tự soi mới của chi bộ dùng mẫu/);
  expect(await templateList()).toMatch(/✅ Mẫu của Đảng ủy phường \(e2e\)/);
});

it("opens a round on it: 'Câu 1/9', the edited text; the collective form is filled apart and not counted", async () => {
  await secretary.sendInGroup(GROUP, `/dotmoi ${deadlineInDays(10)} Đợt theo mẫu phường`);
  await e2e.emulator.waitForMessage(GROUP.id, (m) => /Hạn nộp:/.test(plain(m)));
  const first = await members[0]!.nextMessage(await members[0]!.send("/tusoi"));
  expect(plain(first)).toContain("Câu 1/9");
  expect(plain(first)).toContain(RENAMED);
  for (const member of members) await fillNine(member, "/tusoi", 1, "Có, mức độ nhẹ", "Mỗi tuần đọc một văn kiện, ghi chép cụ thể");

  const collective = await secretary.nextMessage(await secretary.send("/tusoi taphe"));
  expect(plain(collective)).toContain("Bản tự soi của tập thể chi ủy");
  await fillNine(secretary, "/tusoi taphe", 2, "Có, cần khắc phục", "Chi ủy họp định kỳ hằng tháng, phân công rõ người rõ việc");
  await waitForText(secretary, /Kết quả của tập thể được nêu riêng trong \/baocao/);
});

it("shows the edited item and the collective line in /baocao, and the collective's section in the DOCX", async () => {
  await secretary.sendInGroup(GROUP, "/baocao");
  const interim = await e2e.emulator.waitForMessage(GROUP.id, (m) => /TỔNG HỢP TỰ SOI/.test(plain(m)));
  expect(plain(interim)).toContain("Đã nộp: 3/4 đảng viên (75%)");
  expect(plain(interim)).toContain("Tập thể chi ủy: đã tự soi · 1 biểu hiện (không tính vào số đảng viên đã nộp)");
  await secretary.press(interim, "Đóng đợt sớm");
  await secretary.press(await secretary.waitForMessage((m) => /ngay bây giờ\?/.test(plain(m))), "Xác nhận đóng đợt");
  const final = await e2e.emulator.waitForMessage(
    GROUP.id,
    (m) => /đã kết thúc ngày .+: chi bộ đóng đợt sớm/.test(plain(m)) && /TỔNG HỢP TỰ SOI/.test(plain(m)),
  );
  expect(plain(final)).toContain("Đã nộp: 3/4 đảng viên (75%)");
  expect(plain(final)).toContain(`1.1. ${SHORT} — 3 đảng viên`);
  expect(plain(final)).toMatch(/• 1\.2\. .+ — Có, cần khắc phục/);
  expect(plain(final)).not.toMatch(/1\.2\. .+ — \d+ đảng viên/);

  const sent = await secretary.sendInGroup(GROUP, "/baocao");
  const summary = await e2e.emulator.waitForMessage(
    GROUP.id,
    (m) => m.message_id > sent.messageId && /TỔNG HỢP TỰ SOI/.test(plain(m)) && (m.reply_markup?.inline_keyboard?.length ?? 0) > 0,
  );
  await secretary.press(summary, "Báo cáo (.docx)");
  await e2e.emulator.client.waitForMessages(GROUP.id, () => e2e.emulator.files(GROUP.id).length >= 1, { timeoutMs: 20_000 });
  const docx = e2e.emulator.files(GROUP.id)[0]!;
  const xml = await (await JSZip.loadAsync(docx.bytes)).file("word/document.xml")!.async("string");
  const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(" ");
  expect(text).toContain("KẾT QUẢ TỰ SOI CỦA TẬP THỂ CHI ỦY");
  expect(text).toContain("Chi ủy họp định kỳ hằng tháng, phân công rõ người rõ việc");
  expect(text).toContain("Số đảng viên đã nộp bản tự soi: 3/4 đồng chí");
});
