import ExcelJS from "exceljs";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { createI18n } from "../../src/infra/i18n/index.js";
import { checklistItems, itemCodes } from "../../src/domain/checklist.js";
import { newAssessment } from "../../src/domain/assessment.js";
import { checkTemplate, checklistOfDraft, templateRows, TEMPLATE_LIMITS, type TemplateInput, type TemplateRow } from "../../src/domain/templates.js";
import { loadChecklists } from "../../src/infra/checklists.js";
import { templateFiles } from "../../src/infra/renderers/template-file.js";
import { problemLine } from "../../src/bot/presenters/templates.js";
import { encodeTemplate, decodeTemplate } from "../../src/bot/callback-data.js";
import { mediaBomb, sharedStringsBomb, templateWorkbook } from "../support/xlsx-bombs.js";

const PNG_1X1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

const builtIn = loadChecklists().get("nq04-xii@2")!;
const row = (n: number, cells: TemplateRow["cells"]): TemplateRow => ({ row: n, cells });
const item = (n: number, code: string, group = "1", title = "Nhóm 1") =>
  row(n, { groupCode: group, groupTitle: title, code, text: `Nội dung ${code}`, short: `Nhãn ${code}` });
const input = (rows: TemplateRow[], info: TemplateInput["info"] = { name: "Mẫu của Đảng ủy", code: "mau-du" }): TemplateInput => ({
  info,
  infoRows: { name: 2, code: 3 },
  rows,
});

describe("checkTemplate", () => {
  it("accepts a clean file and keeps groups and items in order", () => {
    const result = checkTemplate(input([item(2, "1.1"), item(3, "1.2"), item(4, "2.1", "2", "Nhóm 2")]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.draft.itemCount).toBe(3);
    expect(result.draft.groups.map((g) => [g.code, g.number, g.items.map((i) => i.code)])).toEqual([
      ["1", 1, ["1.1", "1.2"]],
      ["2", 2, ["2.1"]],
    ]);
    expect(result.draft.groups[0]!.items[0]!.text).toEqual({ vi: "Nội dung 1.1", en: "Nội dung 1.1" }); // English falls back to Vietnamese
  });

  it("reports a duplicate code with its row and the first row", () => {
    const result = checkTemplate(input([item(5, "1.10"), item(6, "1.2"), item(7, "1.10")]));
    expect(result).toEqual({ ok: false, problems: [{ sheet: "items", row: 7, column: "code", kind: "duplicate", value: "1.10", firstRow: 5 }] });
  });

  it("reports every empty required cell, with its column", () => {
    const result = checkTemplate(input([row(4, { groupCode: "1", groupTitle: "Nhóm 1", code: "1.1", text: " ", short: "" })]));
    expect(result.ok ? [] : result.problems.map((p) => [p.kind, "row" in p ? p.row : null, "column" in p ? p.column : null])).toEqual([
      ["required", 4, "text"],
      ["required", 4, "short"],
    ]);
  });

  it("refuses codes that are not safe in button data, and a bad template code", () => {
    const result = checkTemplate(input([item(2, "1 1"), item(3, "x".repeat(13))], { name: "M", code: "Mẫu DU" }));
    expect(result.ok ? [] : result.problems.map((p) => p.kind + ("column" in p ? `:${p.column}:${p.row}` : `:${p.sheet}`))).toEqual([
      "badCode:info",
      "badCode:code:2",
      "badCode:code:3",
    ]);
  });

  it("limits text lengths and the number of items (1–200)", () => {
    const long = row(2, {
      groupCode: "1",
      groupTitle: "N",
      code: "1",
      text: "a".repeat(TEMPLATE_LIMITS.textLength + 1),
      short: "b".repeat(TEMPLATE_LIMITS.shortLength + 1),
    });
    const problems = (r: ReturnType<typeof checkTemplate>) => (r.ok ? [] : r.problems.map((p) => p.kind));
    expect(problems(checkTemplate(input([long])))).toEqual(["tooLong", "tooLong"]);
    expect(problems(checkTemplate(input([])))).toEqual(["tooFewItems"]);
    const many = Array.from({ length: 201 }, (_, i) => item(i + 2, `c${i}`));
    expect(problems(checkTemplate(input(many)))).toEqual(["tooManyItems"]);
    expect(checkTemplate(input(many.slice(0, 200))).ok).toBe(true);
  });

  it("requires a group's rows together and under one title", () => {
    const result = checkTemplate(input([item(2, "a"), item(3, "b", "2", "Nhóm 2"), item(4, "c", "1", "Khác")]));
    expect(result.ok ? [] : result.problems.map((p) => [p.kind, "row" in p ? p.row : null])).toEqual([
      ["groupSplit", 4],
      ["groupTitleDiffers", 4],
    ]);
  });

  it("skips blank rows and marks rows with “Tóm lược” as not verbatim", () => {
    const result = checkTemplate(input([item(2, "1"), row(3, {}), row(4, { ...item(4, "2").cells, summary: "x" })]));
    expect(result.ok && result.draft.groups[0]!.items.map((i) => i.verbatim)).toEqual([true, false]);
  });

  it("the count flows into the state machine: a 2-item template makes a 2-question form", () => {
    const result = checkTemplate(input([item(2, "A"), item(3, "B")]));
    if (!result.ok) throw new Error("not clean");
    const checklist = checklistOfDraft(result.draft, 1);
    expect(newAssessment(itemCodes(checklist)).codes).toEqual(["A", "B"]);
  });
});

describe("the template file (XLSX and JSON)", () => {
  const files = templateFiles();

  it("reads back what it writes: the built-in template round-trips through XLSX", async () => {
    const read = await files.read(await files.writeXlsx(builtIn), "xlsx");
    if (!read.ok) throw new Error(JSON.stringify(read));
    const checked = checkTemplate(read.input);
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    const back = checklistOfDraft(checked.draft, 2);
    expect(checklistItems(back).map((i) => [i.code, i.text.vi, i.short.vi, i.text.en, i.verbatim])).toEqual(
      checklistItems(builtIn).map((i) => [i.code, i.text.vi, i.short.vi, i.text.en, i.verbatim]),
    );
    expect(read.input.info.code).toBe("nq04-xii");
    expect(templateRows(builtIn).rows).toHaveLength(27);
  });

  it("reports a formula cell with its row and column", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await files.writeXlsx(builtIn)) as unknown as ArrayBuffer);
    workbook.getWorksheet("Biểu hiện")!.getCell("E4").value = { formula: "A1&B1" } as ExcelJS.CellFormulaValue;
    const read = await files.read(Buffer.from(await workbook.xlsx.writeBuffer()), "xlsx");
    expect(read).toEqual({ ok: false, problems: [{ sheet: "items", row: 4, column: "short", kind: "formula" }] });
  });

  it("tells a file that is not a spreadsheet, a broken zip, a missing sheet and bad JSON apart", async () => {
    expect(await files.read(new TextEncoder().encode("hello"), "xlsx")).toEqual({ ok: false, unreadable: "notSpreadsheet" });
    expect(await files.read(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "xlsx")).toEqual({ ok: false, unreadable: "brokenZip" });
    const lonely = new ExcelJS.Workbook();
    lonely.addWorksheet("Mẫu").addRow(["Tên mẫu", "X"]);
    expect(await files.read(Buffer.from(await lonely.xlsx.writeBuffer()), "xlsx")).toEqual({ ok: false, unreadable: "missingSheet", detail: "Biểu hiện" });
    expect(await files.read(new TextEncoder().encode("{ nope"), "json")).toEqual({ ok: false, unreadable: "badJson" });
  });

  it("reads the built-in JSON shape, numbering items 1, 2, …", async () => {
    const read = await files.read(new TextEncoder().encode(JSON.stringify(builtIn)), "json");
    if (!read.ok) throw new Error("unread");
    expect(read.input.rows[26]).toMatchObject({ row: 27, cells: { code: "3.9", groupCode: "3" } });
  });
});

describe("the template file's bounds (issue 17: a small file that unpacks to hundreds of MB)", () => {
  const files = templateFiles();
  const read = (bytes: Uint8Array) => files.read(bytes, "xlsx");

  it("refuses a part that states a huge size before inflating anything, and one that lies about it once it passes 4 MB", async () => {
    expect(await read(await sharedStringsBomb("mau-chu", 380))).toEqual({ ok: false, unreadable: "tooLargeUnpacked", detail: "16 MB" });
    expect(await read(await sharedStringsBomb("mau-chu", 50, 2000))).toEqual({ ok: false, unreadable: "tooLargeUnpacked", detail: "4 MB" });
  });

  it("never inflates a part a template does not need: a media part that lies about its size is skipped", async () => {
    const result = await read(await mediaBomb("mau-anh", 900, 1000));
    expect(result.ok && result.input.info.code).toBe("mau-anh");
  });

  it("refuses too many zip entries, too many shared strings, and JSON with too many items", async () => {
    const parts: Record<string, Uint8Array> = {};
    for (let i = 0; i < 501; i++) parts[`xl/extra/p${i}.xml`] = new Uint8Array(1);
    expect(await read(zipSync(parts))).toEqual({ ok: false, unreadable: "tooManyParts", detail: "500" });

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await files.writeXlsx(builtIn)) as unknown as ArrayBuffer);
    const extra = workbook.addWorksheet("Thêm");
    for (let i = 0; i < 20_001; i++) extra.getCell(i + 1, 1).value = `chuỗi ${i}`;
    expect(await read(Buffer.from(await workbook.xlsx.writeBuffer()))).toEqual({ ok: false, unreadable: "tooManyCells", detail: "20000" });

    const many = { code: "mau-json", title: "Mẫu", groups: [{ code: "1", title: "Nhóm", items: Array.from({ length: 5001 }, () => ({})) }] };
    expect(await files.read(new TextEncoder().encode(JSON.stringify(many)), "json")).toEqual({ ok: false, unreadable: "tooManyCells", detail: "5000" });
  });

  it("refuses as broken a sheet with a tag of megabytes (no parsing that grows with its square)", async () => {
    const parts = await templateWorkbook("mau-the");
    const sheet = Object.keys(parts).find((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name) && name !== "xl/worksheets/sheet1.xml")!;
    parts[sheet] = new TextEncoder().encode(`<worksheet><sheetData><row r="1"><c ${"a".repeat(3_000_000)}/></row></sheetData></worksheet>`);
    expect(await read(zipSync(parts))).toEqual({ ok: false, unreadable: "brokenZip" });
  });

  it("counts merged ranges cell by cell, overlapping ones too", async () => {
    const parts = await templateWorkbook("mau-gop");
    const sheet = "xl/worksheets/sheet2.xml";
    const xml = new TextDecoder().decode(parts[sheet]);
    const merges = `<mergeCells count="20000">${'<mergeCell ref="A1:H28"/>'.repeat(20_000)}</mergeCells>`;
    parts[sheet] = new TextEncoder().encode(xml.replace("</sheetData>", `</sheetData>${merges}`));
    expect(await read(zipSync(parts))).toEqual({ ok: false, unreadable: "tooManyCells", detail: "50000" });
  });

  it("reads what Excel users do as exceljs did: merged group titles, rich text, numbers, a date, an image", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await files.writeXlsx(builtIn)) as unknown as ArrayBuffer);
    const info = workbook.getWorksheet("Mẫu")!;
    info.getCell("B3").value = "mau-excel";
    info.getCell("B6").value = new Date("2026-11-22T00:00:00Z");
    info.getCell("B6").numFmt = "dd/mm/yyyy";
    const items = workbook.getWorksheet("Biểu hiện")!;
    items.mergeCells("B2:B10");
    items.getCell("C3").value = 1.2;
    items.getCell("D4").value = { richText: [{ text: "Phần đậm", font: { bold: true } }, { text: " & phần thường <1>" }] };
    const image = workbook.addImage({ buffer: Buffer.from(PNG_1X1, "base64") as unknown as ExcelJS.Buffer, extension: "png" });
    items.addImage(image, "J2:K3");
    items.getCell("D5").value = { text: "Có liên kết", hyperlink: "https://example.org" };
    const result = await read(Buffer.from(await workbook.xlsx.writeBuffer()));
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.input.info).toMatchObject({ code: "mau-excel", source: "2026-11-22" });
    const rows = result.input.rows;
    expect(rows.slice(0, 9).map((r) => r.cells.groupTitle)).toEqual(Array(9).fill(rows[0]!.cells.groupTitle));
    expect(rows[1]!.cells.code).toBe("1.2");
    expect(rows[2]!.cells.text).toBe("Phần đậm & phần thường <1>");
    expect(rows[3]!.cells.text).toBe("Có liên kết");
    expect(rows).toHaveLength(27);
  });
});

describe("problem messages", () => {
  it("say the row and column in Vietnamese", async () => {
    const t = (await createI18n("vi")).t("vi");
    expect(problemLine(t, { sheet: "items", row: 7, column: "code", kind: "duplicate", value: "1.10", firstRow: 5 }, "xlsx")).toBe(
      "Dòng 7, cột Mã: 1.10 trùng với dòng 5.",
    );
    expect(problemLine(t, { sheet: "items", row: 9, column: "text", kind: "required" }, "xlsx")).toBe("Dòng 9, cột Nội dung: còn trống.");
    expect(problemLine(t, { sheet: "info", row: 3, field: "code", kind: "codeTaken", value: "nq04-xii", builtIn: true }, "xlsx")).toContain(
      "Trang “Mẫu”, dòng 3 (Mã mẫu): mã nq04-xii là của mẫu có sẵn",
    );
  });
});

describe("template buttons", () => {
  it("stay within 64 bytes and refuse forged data", () => {
    const longest = encodeTemplate({ action: "download", code: "a".repeat(24) });
    expect(Buffer.byteLength(longest)).toBeLessThanOrEqual(64);
    expect(decodeTemplate(longest)).toEqual({ action: "download", code: "a".repeat(24) });
    expect(decodeTemplate(encodeTemplate({ action: "save", id: 12 }))).toEqual({ action: "save", id: 12 });
    expect(decodeTemplate("1tu:A B")).toBeNull();
    expect(decodeTemplate("1ts:0")).toBeNull();
  });
});
