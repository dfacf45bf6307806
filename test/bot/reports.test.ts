/**
 * Report buttons and the private detail through createBot with the Telegram API stubbed:
 * who may press what, where files go, and that a group never sees individual answers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InputFile } from "grammy";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { appDeps, testClock } from "../support/app.js";
import { stubbedBot, type Group, type Person, type StubbedBot } from "../support/bot.js";

const group: Group = { id: -2002, title: "Chi bộ Văn phòng" };
const secretary: Person = { id: 301, first_name: "Đinh Thị Hoa" };
const member: Person = { id: 302, first_name: "Võ Văn Kiệt" };

let database: TestDatabase;
let tg: StubbedBot;

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database, testClock("2026-11-22T03:00:00Z")), { cell: { group, secretary, members: [member] } });
  await tg.send(secretary, "/dotmoi 15/12/2026 Đợt cuối năm", group);
  // The member marks 1.1 and submits: the only individual answer in this cell.
  await tg.submitForm(member, { mark: "Có, cần khắc phục", measure: "Học tập lý luận chính trị hằng tuần" });
});
afterAll(() => database.close());

const filesTo = (chatId: number) => tg.calls.filter((c) => (c.method === "sendDocument" || c.method === "sendPhoto") && Number(c.payload.chat_id) === chatId);

describe("the summary's file buttons", () => {
  it("offers Báo cáo (.docx), Bảng tính (.xlsx) and Biểu đồ under /baocao", async () => {
    await tg.send(secretary, "/baocao", group);
    expect(tg.buttons(tg.last(group.id)).slice(0, 3)).toEqual(["Báo cáo (.docx)", "Bảng tính (.xlsx)", "Biểu đồ"]);
  });

  // Issue 8 point 5: files follow the group summary's rule. This round is open with one form,
  // so the files go to the secretary in private, never to the group.
  it("delivers each file to the secretary privately while the round is open, none to the group", async () => {
    const summary = tg.last(group.id);
    for (const label of ["Báo cáo (.docx)", "Bảng tính (.xlsx)", "Biểu đồ"]) await tg.press(secretary, summary, label);
    expect(filesTo(group.id)).toHaveLength(0);
    const sent = filesTo(secretary.id);
    expect(sent.map((c) => c.method)).toEqual(["sendDocument", "sendDocument", "sendPhoto"]);
    const docx = sent[0]!.payload.document as InputFile;
    expect(docx.filename).toBe("bao-cao-tu-soi-dot-01.docx");
    expect((sent[1]!.payload.document as InputFile).filename).toBe("bang-tong-hop-tu-soi-dot-01.xlsx");
    // Issue 12: no higher body is set, so the DOCX has a dotted line there and the officer is told how to set it.
    expect(
      tg
        .chat(secretary.id)
        .filter((m) => m.text.includes("/caidat captren"))
        .map((m) => m.text),
    ).toEqual([expect.stringContaining("Báo cáo chưa ghi cấp ủy cấp trên")]);
  });

  it("refuses a member who presses a file button, and sends nothing", async () => {
    const before = filesTo(group.id).length;
    await tg.press(member, tg.last(group.id), "Báo cáo (.docx)");
    expect(tg.callbackAnswers().at(-1)).toBe("Chỉ bí thư, phó bí thư và chi ủy viên mới xem được báo cáo.");
    expect(filesTo(group.id)).toHaveLength(before);
  });
});

describe("the private detail", () => {
  it("is refused in the group and reveals nothing there", async () => {
    await tg.send(secretary, "/baocao chitiet", group);
    const reply = tg.last(group.id).text;
    expect(reply).toContain("chỉ xem được trong tin nhắn riêng");
    expect(reply).not.toContain("Võ Văn Kiệt");
    expect(reply).not.toContain("Học tập lý luận");
    expect(await database.db.auditLog.count()).toBe(0);
  });

  it("shows the secretary each member's items in private, with the detailed spreadsheet, and logs it", async () => {
    await tg.send(secretary, "/baocao chitiet");
    const detail = tg.last(secretary.id);
    expect(detail.text).toContain("Võ Văn Kiệt");
    expect(detail.text).toContain("Học tập lý luận chính trị hằng tuần");
    await tg.press(secretary, detail, "Bảng tính chi tiết (.xlsx)");
    expect(
      filesTo(secretary.id)
        .map((c) => (c.payload.document as InputFile | undefined)?.filename)
        .at(-1),
    ).toBe("chi-tiet-tu-soi-dot-01.xlsx");
    expect((await database.db.auditLog.findMany()).map((a) => a.action)).toEqual(["DETAIL_VIEW", "DETAIL_XLSX"]);
  });

  it("refuses a member in private and writes nothing to the log", async () => {
    await tg.send(member, "/baocao chitiet");
    expect(tg.last(member.id).text).toContain("Chỉ bí thư và phó bí thư");
    expect(await database.db.auditLog.count()).toBe(2);
  });

  it("/baocao nhatky shows the secretary who looked", async () => {
    await tg.send(secretary, "/baocao nhatky");
    expect(tg.last(secretary.id).text).toContain("Đinh Thị Hoa: xem chi tiết");
  });
});
