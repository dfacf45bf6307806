/**
 * Templates through the bot (createBot, Telegram stubbed, getFile and the file download
 * served by the fake): the secretary downloads the built-in template as XLSX from /mau, edits
 * it (9 items, one renamed), sends it back, saves and chooses it; the next round asks 9 items
 * and the report lists the edited item. A broken file, a duplicate code and a file in the group
 * change nothing. The chi ủy's collective form (/tusoi taphe) is the secretary's, shown apart
 * in /baocao, and not counted in "Đã nộp".
 */
import ExcelJS from "exceljs";
import type { InputFile } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDeps, testClock } from "../support/app.js";
import { stubbedBot, type Group, type Person, type StubbedBot } from "../support/bot.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";

const group: Group = { id: -1101, title: "Chi bộ Mẫu" };
const secretary: Person = { id: 111, first_name: "An", last_name: "Nguyễn Văn" };
const memberB: Person = { id: 112, first_name: "Bình", last_name: "Trần Thị" };
const memberC: Person = { id: 113, first_name: "Cường", last_name: "Lê Văn" };
const RENAMED = "Ngại nghiên cứu, học tập lý luận chính trị (nội dung do chi bộ sửa)";

let database: TestDatabase;
let tg: StubbedBot;
const clock = testClock("2026-11-22T03:00:00Z");

async function join(user: Person) {
  await tg.send(user, `/start j_${(await database.store.findCellByGroup({ channel: "telegram", address: String(group.id) }))!.joinCode}`);
  await tg.press(user, tg.last(user.id), "Đúng");
}

/** The last document the bot sent to `chatId`, as bytes. */
async function lastDocument(chatId: number): Promise<{ bytes: Uint8Array; filename: string }> {
  const call = tg.calls.filter((c) => c.method === "sendDocument" && Number(c.payload.chat_id) === chatId).at(-1);
  if (!call) throw new Error(`no document sent to ${chatId}`);
  const file = call.payload.document as InputFile;
  const raw = (await file.toRaw()) as Uint8Array;
  return { bytes: raw, filename: String(file.filename) };
}

async function workbookOf(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

const bytesOf = async (workbook: ExcelJS.Workbook): Promise<Uint8Array> => Buffer.from(await workbook.xlsx.writeBuffer());
/** Saved template versions; a checked file waits as a draft (version null) until "Lưu mẫu". */
const templateCount = () => database.db.checklistTemplate.count({ where: { version: { not: null } } });
const draftCount = () => database.db.checklistTemplate.count({ where: { version: null } });

let downloaded: Uint8Array;

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database, clock));
  tg.makeAdmin(group, secretary);
  await tg.send(secretary, "/chibo Chi bộ Mẫu", group);
  for (const user of [secretary, memberB, memberC]) await join(user);
});
afterAll(() => database.close());

describe("/mau through the bot", () => {
  it("lists the built-in template and sends it as an XLSX file the import reads back", async () => {
    await tg.send(secretary, "/mau");
    const list = tg.last(secretary.id);
    expect(list.text).toContain("nq04-xii");
    expect(list.text).toContain("27 biểu hiện");
    await tg.press(secretary, list, "⬇️ Tải về: nq04-xii");
    const file = await lastDocument(secretary.id);
    expect(file.filename).toMatch(/^mau-nq04-xii-v\d+\.xlsx$/);
    downloaded = file.bytes;
    const workbook = await workbookOf(downloaded);
    expect(workbook.getWorksheet("Biểu hiện")!.getCell("C2").value).toBe("1.1");
  });

  it("refuses a member's /mau and a member's file, changing nothing", async () => {
    await tg.send(memberB, "/mau");
    expect(tg.last(memberB.id).text).toBe("Chỉ bí thư, phó bí thư quản lý mẫu bản tự soi của chi bộ.");
    await tg.sendDocument(memberB, "mau.xlsx", downloaded, { caption: "/mau" });
    expect(tg.last(memberB.id).text).toBe("Chỉ bí thư, phó bí thư quản lý mẫu bản tự soi của chi bộ.");
    expect(await templateCount()).toBe(0);
  });

  it("answers a broken file and a duplicate code with what is wrong, row and column; nothing is stored", async () => {
    await tg.sendDocument(secretary, "hong.xlsx", new TextEncoder().encode("PK\u0003\u0004 not really a zip"), { caption: "/mau" });
    expect(tg.last(secretary.id).text).toContain("Tệp .xlsx bị hỏng, không mở được. Chưa có gì thay đổi.");

    const workbook = await workbookOf(downloaded);
    workbook.getWorksheet("Mẫu")!.getCell("B3").value = "mau-chi-bo";
    workbook.getWorksheet("Biểu hiện")!.getCell("C3").value = "1.1";
    await tg.sendDocument(secretary, "trung-ma.xlsx", await bytesOf(workbook));
    const answer = tg.last(secretary.id).text;
    expect(answer).toContain("Tệp <b>trung-ma.xlsx</b> chưa nhập được vì có 1 lỗi.");
    expect(answer).toContain("Dòng 3, cột Mã: 1.1 trùng với dòng 2.");

    await tg.sendDocument(secretary, "mau.xlsx", downloaded, { caption: "/mau", group });
    expect(tg.last(group.id).text).toContain("Tệp mẫu chỉ gửi trong tin nhắn riêng với bot");
    expect(await templateCount()).toBe(0);
    expect(await draftCount()).toBe(0);
  });

  it("imports the edited file: preview, save, choose; the next round asks 9 items and the report lists the edited one", async () => {
    const workbook = await workbookOf(downloaded);
    workbook.getWorksheet("Mẫu")!.getCell("B2").value = "Mẫu của Đảng ủy phường";
    workbook.getWorksheet("Mẫu")!.getCell("B3").value = "dang-uy-phuong";
    const items = workbook.getWorksheet("Biểu hiện")!;
    for (let r = 11; r <= 28; r++)
      items.getRow(r).eachCell((cell) => {
        cell.value = null;
      });
    items.getCell("D2").value = RENAMED;
    items.getCell("E2").value = "Ngại học lý luận (sửa)";
    await tg.sendDocument(secretary, "mau-phuong.xlsx", await bytesOf(workbook), { caption: "/mau" });
    const preview = tg.last(secretary.id);
    expect(preview.text).toContain("<b>Xem trước mẫu (chưa lưu)</b>");
    expect(preview.text).toContain("Số biểu hiện: 9");
    expect(preview.text).toContain(RENAMED);
    expect(await templateCount()).toBe(0);

    await tg.press(secretary, preview, "💾 Lưu mẫu");
    const saved = tg.last(secretary.id);
    expect(saved.text).toContain("Đã lưu mẫu <b>Mẫu của Đảng ủy phường</b> (mã dang-uy-phuong, phiên bản 1, 9 biểu hiện).");
    await tg.press(secretary, saved, "✅ Dùng cho các đợt mới");
    expect(tg.last(secretary.id).text).toContain("Từ nay các đợt tự soi mới của chi bộ dùng mẫu <b>Mẫu của Đảng ủy phường</b>");

    await tg.send(secretary, "/dotmoi 15/12/2026 Đợt theo mẫu phường", group);
    await tg.send(memberB, "/tusoi");
    expect(tg.last(memberB.id).text).toContain("Câu 1/9");
    expect(tg.last(memberB.id).text).toContain(RENAMED);
    await tg.press(memberB, tg.last(memberB.id), "Có, mức độ nhẹ");
    for (let i = 2; i <= 9; i++) await tg.press(memberB, tg.last(memberB.id), "Không có");
    await tg.press(memberB, tg.last(memberB.id), /Tiếp tục/);
    await tg.send(memberB, "Đọc lại văn kiện mỗi tuần một buổi");
    await tg.press(memberB, tg.last(memberB.id), /^Cuối tháng này/);
    await tg.press(memberB, tg.last(memberB.id), "✅ Nộp bản tự soi");
    expect(tg.last(memberB.id).text).toContain("✅ Đã nộp bản tự soi");

    await tg.send(secretary, "/baocao");
    const privateReport = tg
      .chat(secretary.id)
      .map((m) => m.text)
      .join("\n");
    expect(privateReport).toContain("1.1. Ngại học lý luận (sửa) — 1 đảng viên");
  });
});

describe("/tusoi taphe through the bot", () => {
  it("is refused to a member, and nothing is created", async () => {
    await tg.send(memberC, "/tusoi taphe");
    expect(tg.last(memberC.id).text).toContain("Bản tự soi của tập thể chi ủy do đồng chí bí thư chi bộ điền");
    expect(await database.db.assessment.count({ where: { collective: true } })).toBe(0);
  });

  it("gives the secretary the committee's form on the round's template; filed, it shows apart and is not counted", async () => {
    await tg.send(secretary, "/tusoi taphe");
    const first = tg.last(secretary.id);
    expect(first.text).toContain("👥 <b>Bản tự soi của tập thể chi ủy</b>");
    expect(first.text).toContain("Câu 1/9");
    for (let i = 1; i <= 8; i++) await tg.press(secretary, tg.last(secretary.id), "Không có");
    await tg.press(secretary, tg.last(secretary.id), "Có, cần khắc phục");
    await tg.press(secretary, tg.last(secretary.id), /Tiếp tục/);
    await tg.send(secretary, "Chi ủy họp định kỳ, phân công rõ người rõ việc");
    await tg.press(secretary, tg.last(secretary.id), /^Sau 3 tháng/);
    await tg.press(secretary, tg.last(secretary.id), "✅ Nộp bản tự soi");
    const done = tg.last(secretary.id).text;
    expect(done).toContain("<b>Bản tự soi của tập thể chi ủy · Đợt theo mẫu phường</b>");
    expect(done).toContain("Kết quả của tập thể được nêu riêng trong /baocao");

    // The secretary's own form is still to do, and starts at item 1.
    await tg.send(secretary, "/tusoi");
    expect(tg.last(secretary.id).text).not.toContain("tập thể chi ủy");
    expect(tg.last(secretary.id).text).toContain("Câu 1/9");

    await tg.send(secretary, "/baocao", group);
    const summary = tg
      .chat(group.id)
      .map((m) => m.text)
      .filter((t) => t.includes("TỔNG HỢP"))
      .at(-1)!;
    expect(summary).toContain("Đã nộp: 1/3 đảng viên (33%)");
    expect(summary).toContain("<b>Tập thể chi ủy:</b> đã tự soi · 1 biểu hiện (không tính vào số đảng viên đã nộp)");
    expect(summary).toContain("Chưa nộp: An Nguyễn Văn, Cường Lê Văn");
  });
});

describe("/mau for a committee's officer", () => {
  const committeeGroup: Group = { id: -1201, title: "Đảng ủy phường Mẫu" };
  const officer: Person = { id: 121, first_name: "Phương", last_name: "Đỗ Thị" };

  it("lists the committee's templates, imports after 'Nhập mẫu mới' for the committee, and chooses one for its campaigns", async () => {
    tg.makeAdmin(committeeGroup, officer);
    await tg.send(officer, "/dangbo Đảng ủy phường Mẫu", committeeGroup);
    expect(tg.last(committeeGroup.id).text).toContain("Đã thiết lập nhóm này làm nhóm của <b>Đảng ủy phường Mẫu</b>");
    await tg.send(officer, "/lienket", committeeGroup);
    const code =
      /\b([A-Za-z0-9_-]{6,})<\/code>/.exec(tg.last(committeeGroup.id).text)?.[1] ?? /<b>([A-Za-z0-9_-]{6,})<\/b>/.exec(tg.last(committeeGroup.id).text)?.[1];
    if (!code) throw new Error(`no link code in: ${tg.last(committeeGroup.id).text}`);
    await tg.send(secretary, `/captren ${code}`, group);
    expect(tg.last(group.id).text).toContain("đã trực thuộc <b>Đảng ủy phường Mẫu</b>");

    // The officer is in no cell: /mau is the committee's.
    await tg.send(officer, "/mau");
    const list = tg.last(officer.id);
    expect(list.text).toContain("<b>Mẫu bản tự soi của Đảng ủy phường Mẫu</b>");
    await tg.press(officer, list, "📥 Nhập mẫu mới");
    expect(tg.last(officer.id).text).toContain("Tệp đồng chí gửi tiếp theo sẽ được nhập làm mẫu của <b>Đảng ủy phường Mẫu</b>.");
    const workbook = await workbookOf(downloaded);
    workbook.getWorksheet("Mẫu")!.getCell("B2").value = "Mẫu do đảng ủy phường ban hành";
    workbook.getWorksheet("Mẫu")!.getCell("B3").value = "phuong-ban-hanh";
    for (let r = 8; r <= 28; r++)
      workbook
        .getWorksheet("Biểu hiện")!
        .getRow(r)
        .eachCell((cell) => {
          cell.value = null;
        });
    await tg.sendDocument(officer, "ban-hanh.xlsx", await bytesOf(workbook));
    const preview = tg.last(officer.id);
    expect(preview.text).toContain("Mẫu sẽ lưu cho <b>Đảng ủy phường Mẫu</b>");
    expect(preview.text).toContain("Số biểu hiện: 6");
    await tg.press(officer, preview, "💾 Lưu mẫu");
    await tg.press(officer, tg.last(officer.id), "✅ Dùng cho các đợt mới");
    expect(tg.last(officer.id).text).toContain("Từ nay các đợt Đảng ủy phường Mẫu mở cho các chi bộ dùng mẫu <b>Mẫu do đảng ủy phường ban hành</b>");
    const saved = await database.db.checklistTemplate.findFirstOrThrow({ where: { code: "phuong-ban-hanh" } });
    expect([saved.ownerKind, saved.version]).toEqual(["COMMITTEE", 1]);
  });

  it("shows the committee's template in the cell's /mau, to choose, not to delete; the cell's member presses nothing", async () => {
    await tg.send(secretary, "/mau");
    const list = tg.last(secretary.id);
    expect(list.text).toContain("mã phuong-ban-hanh, phiên bản 1, 6 biểu hiện · của Đảng ủy phường Mẫu");
    expect(tg.buttons(list)).toContain("✅ Dùng: phuong-ban-hanh");
    expect(tg.buttons(list)).not.toContain("🗑 Xóa: phuong-ban-hanh");
    // The same button data pressed by a member in their own chat (forged), and a button naming the committee: refused, nothing chosen.
    const data = (list.keyboard!.inline_keyboard.flat().find((b) => b.text === "✅ Dùng: phuong-ban-hanh") as { callback_data: string }).callback_data;
    expect(data).toMatch(/^1tu:c\d+:phuong-ban-hanh$/);
    await tg.pressData(memberB, memberB.id, 1, data);
    expect(tg.callbackAnswers().at(-1)).toBe("Chỉ bí thư, phó bí thư quản lý mẫu bản tự soi của chi bộ.");
    const committeeId = (await database.db.committee.findFirstOrThrow()).id;
    await tg.pressData(secretary, secretary.id, list.messageId, `1tu:k${committeeId}:phuong-ban-hanh`);
    expect(tg.callbackAnswers().at(-1)).toBe("Chỉ bí thư, phó bí thư quản lý mẫu bản tự soi của chi bộ.");
    expect(await database.db.templateChoice.count({ where: { code: "phuong-ban-hanh", ownerKind: "CELL" } })).toBe(0);
    await tg.press(secretary, list, "✅ Dùng: phuong-ban-hanh");
    expect(tg.last(secretary.id).text).toContain("Từ nay các đợt tự soi mới của chi bộ dùng mẫu <b>Mẫu do đảng ủy phường ban hành</b>");
  });
});
