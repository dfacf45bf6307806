/** Templates end to end through the use cases: import → save → a round on it → answers → report; re-import keeps old rounds' text. */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAssessment } from "../../src/app/assessment.js";
import { joinCell, setupCell } from "../../src/app/onboarding.js";
import type { MemberWithCell } from "../../src/app/ports.js";
import { roundReport } from "../../src/app/report.js";
import { closeRound, openRound } from "../../src/app/rounds.js";
import { chooseTemplate, downloadTemplate, importTemplateFile, listTemplates, saveTemplate, deleteTemplate } from "../../src/app/templates.js";
import { checklistItems } from "../../src/domain/checklist.js";
import { appDeps, person, testClock, tgGroup } from "../support/app.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { submitForm } from "../support/forms.js";

let database: TestDatabase;
let deps: ReturnType<typeof appDeps>;
const clock = testClock("2026-11-22T03:00:00Z");
let secretary: MemberWithCell;
const members: MemberWithCell[] = [];

const renderer = { roundSummary: () => [], reminder: () => ({ text: "" }), roundOpened: () => ({ text: "" }), followUp: () => ({ text: "" }) } as never;

beforeAll(async () => {
  database = await freshDatabase();
  deps = appDeps(database, clock);
  const setup = await setupCell(deps, {
    group: tgGroup(-700n),
    chatTitle: "Nhóm",
    caller: await person(deps, 1, "Nguyễn Văn An"),
    callerIsAdmin: true,
    name: "Chi bộ Mẫu",
  });
  if (setup.kind !== "created") throw new Error(setup.kind);
  secretary = (await deps.answerPath.findActiveMembership(1n))!;
  for (const id of [2, 3]) {
    await joinCell(deps, { joinCode: secretary.cell.joinCode, person: await person(deps, id, `Đảng viên ${id}`) });
    members.push((await deps.answerPath.findActiveMembership(BigInt(id)))!);
  }
});
afterAll(() => database.close());

/** The built-in template downloaded, cut to `count` items, item 1 renamed, code and name changed. */
async function editedFile(count: number, renamed: string): Promise<Uint8Array> {
  const download = await downloadTemplate(deps, secretary, "nq04-xii");
  if (download.kind !== "file") throw new Error(download.kind);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(download.bytes) as unknown as ArrayBuffer);
  const info = workbook.getWorksheet("Mẫu")!;
  info.getCell("B2").value = "Mẫu của Đảng ủy phường";
  info.getCell("B3").value = "dang-uy-phuong";
  const items = workbook.getWorksheet("Biểu hiện")!;
  // Deleting rows in Excel; exceljs's spliceRows leaves a loaded sheet as it was, so the rows are emptied (the import skips empty rows).
  for (let r = count + 2; r <= 28; r++)
    items.getRow(r).eachCell((cell) => {
      cell.value = null;
    });
  items.getCell("D2").value = renamed;
  items.getCell("E2").value = "Nhãn đã sửa";
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const send = (bytes: Uint8Array, fileName = "mau.xlsx") => importTemplateFile(deps, secretary, { fileName, size: bytes.length, download: async () => bytes });

describe("a template imported from XLSX", () => {
  it("is previewed, saved as version 1, chosen, and the next round asks its 9 items; the report counts its items", async () => {
    const imported = await send(await editedFile(9, "Nội dung đã sửa của biểu hiện thứ nhất"));
    if (imported.kind !== "preview") throw new Error(JSON.stringify(imported));
    expect(imported.draft.itemCount).toBe(9);
    expect(await deps.templates.latestVersion("dang-uy-phuong")).toBeNull(); // nothing saved before "Lưu mẫu"
    const saved = await saveTemplate(deps, secretary, imported.draftId);
    expect(saved).toMatchObject({ kind: "saved", code: "dang-uy-phuong", version: 1, itemCount: 9 });
    expect(await saveTemplate(deps, secretary, imported.draftId)).toMatchObject({ version: 1 }); // pressed twice: saved once
    expect(await chooseTemplate(deps, secretary, "dang-uy-phuong")).toMatchObject({ kind: "chosen" });

    const opened = await openRound(deps, secretary, "15/12/2026 Đợt theo mẫu phường", (d) => d);
    if (opened.kind !== "opened") throw new Error(opened.kind);
    expect([opened.round.checklistCode, opened.round.checklistVersion]).toEqual(["dang-uy-phuong", 1]);
    const start = await startAssessment(deps, members[0]!);
    if (start.kind !== "view") throw new Error(start.kind);
    expect(start.view.state.codes).toHaveLength(9);
    expect(checklistItems(start.view.checklist)[0]!.text.vi).toBe("Nội dung đã sửa của biểu hiện thứ nhất");

    await submitForm(deps, members[0]!, { 0: "SIGNIFICANT" });
    await submitForm(deps, members[1]!, { 0: "MINOR", 8: "MINOR" });
    await submitForm(deps, secretary, {});
    await closeRound(deps, secretary, opened.round.id, renderer);
    const report = await roundReport(deps, secretary, opened.round.id);
    if (report.kind !== "report") throw new Error(report.kind);
    expect(checklistItems(report.report.checklist)).toHaveLength(9);
    expect(report.report.data.items.map((i) => [i.code, i.total])).toEqual([
      ["1.1", 2],
      ["1.9", 1],
    ]);
    expect(checklistItems(report.report.checklist)[0]!.short.vi).toBe("Nhãn đã sửa");
  });

  it("re-imported with the same code becomes version 2; the old round keeps version 1's text", async () => {
    const again = await send(await editedFile(5, "Nội dung phiên bản hai"));
    if (again.kind !== "preview") throw new Error(JSON.stringify(again));
    expect(again.version).toBe(2);
    expect(await saveTemplate(deps, secretary, again.draftId)).toMatchObject({ kind: "saved", version: 2 });
    const old = await deps.rounds.findLatestRound(secretary.cellId);
    const report = await roundReport(deps, secretary, old!.id);
    if (report.kind !== "report") throw new Error(report.kind);
    expect(checklistItems(report.report.checklist)).toHaveLength(9);
    expect(checklistItems(report.report.checklist)[0]!.text.vi).toBe("Nội dung đã sửa của biểu hiện thứ nhất");
    const listed = await listTemplates(deps, secretary);
    expect(listed.kind === "list" && listed.entries.map((e) => [e.code, e.version, e.itemCount])).toEqual([
      ["nq04-xii", 2, 27],
      ["dang-uy-phuong", 2, 5],
    ]);
    expect(listed.kind === "list" && listed.chosen).toEqual({ code: "dang-uy-phuong", version: 2 });
  });

  it("cannot be deleted once a round used it", async () => {
    expect(await deleteTemplate(deps, secretary, "dang-uy-phuong")).toEqual({ kind: "inUse", code: "dang-uy-phuong" });
  });

  it("a file with a duplicate code, or under the built-in code, changes nothing", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await editedFile(9, "x")) as unknown as ArrayBuffer);
    workbook.getWorksheet("Biểu hiện")!.getCell("C7").value = "1.1";
    const result = await send(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(result).toMatchObject({ kind: "problems", problems: [{ sheet: "items", row: 7, column: "code", kind: "duplicate", value: "1.1", firstRow: 2 }] });
    const download = await downloadTemplate(deps, secretary, "nq04-xii");
    if (download.kind !== "file") throw new Error(download.kind);
    expect(await send(download.bytes)).toMatchObject({ kind: "problems", problems: [{ field: "code", kind: "codeTaken", builtIn: true, row: 3 }] });
    expect(await deps.templates.latestVersion("dang-uy-phuong")).toBe(2);
    expect(await send(new TextEncoder().encode("not a zip"))).toEqual({ kind: "unreadable", reason: "notSpreadsheet" });
    expect(await send(new Uint8Array(10), "mau.docx")).toEqual({ kind: "unsupported" });
    expect(
      await importTemplateFile(deps, secretary, {
        fileName: "a.xlsx",
        size: 2 * 1024 * 1024,
        download: async () => {
          throw new Error("not downloaded");
        },
      }),
    ).toMatchObject({ kind: "tooLarge" });
  });

  it("is refused to a plain member", async () => {
    expect(await listTemplates(deps, members[0]!)).toEqual({ kind: "forbidden" });
    expect(
      await send(new Uint8Array(1)).then(() => importTemplateFile(deps, members[0]!, { fileName: "a.xlsx", size: 1, download: async () => new Uint8Array(1) })),
    ).toEqual({ kind: "forbidden" });
  });
});
