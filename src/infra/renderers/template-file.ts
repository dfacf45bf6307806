/**
 * The template file format (/mau): an XLSX with a sheet "Mẫu" (field | value: name, code,
 * version, English name, source) and a sheet "Biểu hiện" (one row per item, columns found by
 * their header), or a JSON file in the shape of locales/checklists/*.json. The labels below are
 * the file format itself (the reader finds columns by them), so they are fixed, not translated;
 * English labels are accepted too.
 */
import ExcelJS from "exceljs";
import { readWorkbook, XLSX_LIMITS } from "./xlsx-reader.js";
import type { TemplateFileFormat, TemplateFileRead, TemplateFiles, UnreadableReason } from "../../app/ports/template-files.js";
import type { ItemSheetRow } from "../../domain/meeting.js";
import type { Checklist } from "../../domain/checklist.js";
import {
  INFO_FIELDS,
  ITEM_COLUMNS,
  templateRows,
  type InfoField,
  type ItemColumn,
  type TemplateInput,
  type TemplateProblem,
  type TemplateRow,
} from "../../domain/templates.js";

export const INFO_SHEET = "Mẫu";
export const ITEMS_SHEET = "Biểu hiện";
const INFO_LABELS: Record<InfoField, string[]> = {
  name: ["Tên mẫu", "Name"],
  code: ["Mã mẫu", "Code"],
  version: ["Phiên bản", "Version"],
  nameEn: ["Tên mẫu (English)", "Name (English)"],
  source: ["Nguồn", "Source"],
};
export const COLUMN_LABELS: Record<ItemColumn, string[]> = {
  groupCode: ["Mã nhóm", "Group code"],
  groupTitle: ["Tên nhóm", "Group title"],
  code: ["Mã", "Code"],
  text: ["Nội dung", "Text"],
  short: ["Nhãn ngắn", "Short label"],
  textEn: ["Nội dung (English)", "Text (English)"],
  shortEn: ["Nhãn ngắn (English)", "Short label (English)"],
  summary: ["Tóm lược", "Summary"],
};
const REQUIRED_COLUMNS: ItemColumn[] = ["groupCode", "groupTitle", "code", "text", "short"];

const norm = (s: string): string => s.normalize("NFC").trim().toLowerCase().replace(/\s+/g, " ");
const matches = (labels: string[], value: string): boolean => labels.some((l) => norm(l) === norm(value));

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * The file is read by ./xlsx-reader.ts, which inflates only the parts a template needs and
 * within bounds (a file under 1 MB can unpack to hundreds of MB); exceljs only writes.
 */
async function readXlsx(bytes: Uint8Array): Promise<TemplateFileRead> {
  if (bytes.length < 4 || ZIP_MAGIC.some((b, i) => bytes[i] !== b)) return { ok: false, unreadable: "notSpreadsheet" };
  const finder = (names: string[]) => (sheetNames: string[]) => sheetNames.find((s) => names.some((n) => norm(n) === norm(s)));
  const infoName = finder([INFO_SHEET, "Template"]);
  const itemsName = finder([ITEMS_SHEET, "Items"]);
  const workbook = await readWorkbook(bytes, (names) => [infoName(names), itemsName(names)].filter((n) => n !== undefined));
  if (!workbook.ok) return { ok: false, unreadable: workbook.reason, ...(workbook.detail ? { detail: workbook.detail } : {}) };
  const sheet = (name: string | undefined) => (name === undefined ? undefined : workbook.sheets.get(name));
  const infoSheet = sheet(infoName(workbook.sheetNames));
  const itemsSheet = sheet(itemsName(workbook.sheetNames));
  if (!infoSheet) return { ok: false, unreadable: "missingSheet", detail: INFO_SHEET };
  if (!itemsSheet) return { ok: false, unreadable: "missingSheet", detail: ITEMS_SHEET };
  if (itemsSheet.size === 0) return { ok: false, unreadable: "emptySheet", detail: ITEMS_SHEET };
  if (infoSheet.size === 0) return { ok: false, unreadable: "emptySheet", detail: INFO_SHEET };
  /** A cell's text ("" when empty); null for a formula (a template holds values only). */
  const cellText = (cells: Map<number, string | null> | undefined, col: number): string | null => {
    const value = cells?.get(col);
    return value === undefined ? "" : value;
  };
  const problems: TemplateProblem[] = [];
  const input: TemplateInput = { info: {}, infoRows: {}, rows: [] };
  for (const [rowNumber, cells] of infoSheet) {
    const label = cellText(cells, 1) ?? "";
    const field = INFO_FIELDS.find((f) => matches(INFO_LABELS[f], label));
    if (!field) continue;
    input.infoRows[field] = rowNumber;
    const value = cellText(cells, 2);
    if (value === null) problems.push({ sheet: "info", row: rowNumber, field, kind: "formula" });
    else input.info[field] = value;
  }
  const columns = new Map<ItemColumn, number>();
  for (const [col, value] of itemsSheet.get(1) ?? []) {
    const column = ITEM_COLUMNS.find((c) => matches(COLUMN_LABELS[c], value ?? ""));
    if (column && !columns.has(column)) columns.set(column, col);
  }
  const missing = REQUIRED_COLUMNS.find((c) => !columns.has(c));
  if (missing) return { ok: false, unreadable: "missingColumn", detail: COLUMN_LABELS[missing][0] };
  for (const [rowNumber, cells] of itemsSheet) {
    if (rowNumber === 1) continue;
    const r: TemplateRow = { row: rowNumber, cells: {} };
    for (const [column, col] of columns) {
      const value = cellText(cells, col);
      if (value === null) problems.push({ sheet: "items", row: rowNumber, column, kind: "formula" });
      else r.cells[column] = value;
    }
    input.rows.push(r);
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, input };
}

type Localized = string | { vi?: unknown; en?: unknown };
const vi = (v: unknown): string =>
  typeof v === "string" ? v : typeof v === "object" && v && typeof (v as { vi?: unknown }).vi === "string" ? (v as { vi: string }).vi : "";
const en = (v: unknown): string => (typeof v === "object" && v && typeof (v as { en?: unknown }).en === "string" ? (v as { en: string }).en : "");
const str = (v: unknown): string => (typeof v === "string" || typeof v === "number" ? String(v) : "");

/**
 * JSON in the shape of the built-in files; items are numbered 1, 2, … in order ("Mục 7"). The
 * file is at most 1 MB; groups and items are bounded like an XLSX sheet's rows (1 MB of `{}`
 * would otherwise be 300,000 items, each checked and reported).
 */
function readJson(bytes: Uint8Array): TemplateFileRead {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, unreadable: "badJson" };
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return { ok: false, unreadable: "badJson" };
  const t = parsed as { code?: unknown; version?: unknown; title?: Localized; name?: Localized; source?: Localized; groups?: unknown };
  const title = t.title ?? t.name;
  const input: TemplateInput = {
    info: { name: vi(title), code: str(t.code), version: str(t.version), nameEn: en(title), source: vi(t.source) },
    infoRows: {},
    rows: [],
  };
  const groups = Array.isArray(t.groups) ? t.groups : [];
  const tooMany = { ok: false, unreadable: "tooManyCells", detail: String(XLSX_LIMITS.rows) } as const;
  if (groups.length > XLSX_LIMITS.rows) return tooMany;
  for (const [gi, g] of groups.entries()) {
    const group = (g ?? {}) as { code?: unknown; number?: unknown; title?: Localized; items?: unknown };
    const items = Array.isArray(group.items) ? group.items : [];
    for (const it of items) {
      if (input.rows.length >= XLSX_LIMITS.rows) return tooMany;
      const item = (it ?? {}) as { code?: unknown; text?: Localized; short?: Localized; verbatim?: unknown };
      input.rows.push({
        row: input.rows.length + 1,
        cells: {
          groupCode: str(group.code ?? group.number ?? gi + 1),
          groupTitle: vi(group.title),
          code: str(item.code),
          text: vi(item.text),
          short: vi(item.short),
          textEn: en(item.text),
          shortEn: en(item.short),
          summary: item.verbatim === false ? "x" : "",
        },
      });
    }
  }
  return { ok: true, input };
}

async function writeXlsx(checklist: Checklist): Promise<Uint8Array> {
  const { info, rows } = templateRows(checklist);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "tu-soi-tu-sua-bot";
  const infoSheet = workbook.addWorksheet(INFO_SHEET);
  infoSheet.columns = [
    { header: "Trường", width: 22 },
    { header: "Giá trị", width: 80 },
  ];
  for (const field of INFO_FIELDS) infoSheet.addRow([INFO_LABELS[field][0], info[field]]);
  infoSheet.getRow(1).font = { bold: true };
  const itemsSheet = workbook.addWorksheet(ITEMS_SHEET, { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
  const widths: Record<ItemColumn, number> = { groupCode: 9, groupTitle: 30, code: 8, text: 80, short: 30, textEn: 60, shortEn: 25, summary: 9 };
  itemsSheet.columns = ITEM_COLUMNS.map((c) => ({ header: COLUMN_LABELS[c][0], width: widths[c] }));
  for (const row of rows) itemsSheet.addRow(ITEM_COLUMNS.map((c) => row[c]));
  itemsSheet.getRow(1).font = { bold: true };
  for (const col of ["B", "D", "F"]) itemsSheet.getColumn(col).alignment = { wrapText: true, vertical: "top" };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The item-count sheet of a unit not on the bot (/nhapso, issue 19): sheet "Số liệu", columns
 * "Mã" | "Biểu hiện" | "Số đảng viên" (found by header, English accepted); only the count is
 * read back with the code. Fixed labels: they are the file format.
 */
export const COUNT_SHEET = "Số liệu";
const COUNT_COLUMNS = { code: ["Mã", "Code"], item: ["Biểu hiện", "Item"], count: ["Số đảng viên", "Members"] } as const;

async function writeItemSheet(input: { checklist: Checklist; unitName: string; campaignTitle: string; counts: Record<string, number> }): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "tu-soi-tu-sua-bot";
  workbook.title = `${input.unitName} - ${input.campaignTitle}`;
  const sheet = workbook.addWorksheet(COUNT_SHEET, { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
  sheet.columns = [
    { header: COUNT_COLUMNS.code[0], width: 8 },
    { header: COUNT_COLUMNS.item[0], width: 70 },
    { header: COUNT_COLUMNS.count[0], width: 16 },
  ];
  for (const group of input.checklist.groups) {
    for (const item of group.items) sheet.addRow([item.code, item.short.vi, input.counts[item.code] ?? null]);
  }
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn(2).alignment = { wrapText: true, vertical: "top" };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Read by the same bounded reader as a template (./xlsx-reader.ts): the sheet comes from anyone's file. */
async function readItemSheet(bytes: Uint8Array): Promise<{ ok: true; rows: ItemSheetRow[] } | { ok: false; unreadable: UnreadableReason; detail?: string }> {
  if (bytes.length < 4 || ZIP_MAGIC.some((b, i) => bytes[i] !== b)) return { ok: false, unreadable: "notSpreadsheet" };
  const sheetName = (names: string[]) => names.find((s) => [COUNT_SHEET, "Counts"].some((n) => norm(n) === norm(s)));
  const workbook = await readWorkbook(bytes, (names) => [sheetName(names)].filter((n) => n !== undefined));
  if (!workbook.ok) return { ok: false, unreadable: workbook.reason, ...(workbook.detail ? { detail: workbook.detail } : {}) };
  const name = sheetName(workbook.sheetNames);
  const sheet = name === undefined ? undefined : workbook.sheets.get(name);
  if (!sheet) return { ok: false, unreadable: "missingSheet", detail: COUNT_SHEET };
  if (sheet.size === 0) return { ok: false, unreadable: "emptySheet", detail: COUNT_SHEET };
  const columns = new Map<"code" | "count", number>();
  for (const [col, value] of sheet.get(1) ?? []) {
    for (const key of ["code", "count"] as const) if (!columns.has(key) && matches([...COUNT_COLUMNS[key]], value ?? "")) columns.set(key, col);
  }
  for (const key of ["code", "count"] as const) if (!columns.has(key)) return { ok: false, unreadable: "missingColumn", detail: COUNT_COLUMNS[key][0] };
  /** A cell's text ("" when empty); null for a formula (domain/meeting.ts checkItemSheet names it). */
  const text = (cells: Map<number, string | null>, col: number): string | null => {
    const value = cells.get(col);
    return value === undefined ? "" : value;
  };
  const rows: ItemSheetRow[] = [];
  for (const [rowNumber, cells] of sheet) {
    if (rowNumber === 1) continue;
    rows.push({ row: rowNumber, code: text(cells, columns.get("code")!), count: text(cells, columns.get("count")!) });
  }
  return { ok: true, rows };
}

export function templateFiles(): TemplateFiles {
  return {
    read: (bytes: Uint8Array, format: TemplateFileFormat) => (format === "xlsx" ? readXlsx(bytes) : Promise.resolve(readJson(bytes))),
    writeXlsx,
    writeItemSheet,
    readItemSheet,
  };
}
