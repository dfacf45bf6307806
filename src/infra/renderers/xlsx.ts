/**
 * Spreadsheets for the secretary: the round report as three sheets (summary, by item,
 * participation) to be filtered or copied into a committee's own template, and the private
 * detail of every member's answers. Numbers are stored as numbers.
 */
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import type { DetailInput, ReportDocumentInput } from "../../app/documents.js";
import { dayParts } from "../../domain/calendar.js";
import { documentText, showDay, showMonth, type DocText } from "./common.js";

type Cell = string | number | Date | null;

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
function sheetName(name: string): string {
  return (
    name
      .replace(/[[\]:*?/\\]/g, " ")
      .trim()
      .slice(0, 31) || "Sheet"
  );
}

export function newWorkbook(title: string): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "tu-soi-tu-sua-bot";
  workbook.title = title;
  return workbook;
}

/** The row of a table sheet's column headers, under its title row. */
export const TABLE_HEADER_ROW = 2;

/** Whole percents (70) as a fraction (0.7) for a cell shown "70%": Excel's percentage, not a number 70. */
export const PERCENT_FORMAT = "0%";
export const fraction = (percent: number): number => percent / 100;

/**
 * A sheet ready to print: a bold title row (what and whose, merged across the columns), then a
 * bold, frozen header row with the given column widths. A4 landscape, one page wide, the header
 * repeated on every printed page, page numbers in the footer.
 */
export function tableSheet(workbook: ExcelJS.Workbook, name: string, columns: { header: string; width: number }[], title: string): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(sheetName(name), {
    views: [{ state: "frozen", ySplit: TABLE_HEADER_ROW, xSplit: 0 }],
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${TABLE_HEADER_ROW}:${TABLE_HEADER_ROW}`,
    },
    headerFooter: { oddFooter: "&C&P/&N" },
  });
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width;
  });
  sheet.mergeCells(1, 1, 1, columns.length);
  const heading = sheet.getCell(1, 1);
  heading.value = title;
  heading.font = { bold: true, size: 13 };
  heading.alignment = { vertical: "middle", wrapText: true };
  // Tall enough for the title's lines: a 13 pt character takes about 1.3 of a column's width units.
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  sheet.getRow(1).height = Math.max(1, Math.ceil(([...title].length * 1.3) / width)) * 18 + 6;
  const header = sheet.getRow(TABLE_HEADER_ROW);
  header.values = columns.map((c) => c.header);
  styleHeader(header);
  return sheet;
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: "middle", wrapText: true };
  row.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7E6E6" } };
    cell.border = { bottom: { style: "thin" } };
  });
}

/**
 * Gives a row of wrapped text the height of its longest cell (spreadsheet programs keep a
 * written file's row one line high, and wrapped lines would print over the next row).
 */
export function fitRowHeight(row: ExcelJS.Row, sheet: ExcelJS.Worksheet): void {
  let lines = 1;
  row.eachCell((cell, column) => {
    if (typeof cell.value !== "string") return;
    const width = sheet.getColumn(column).width ?? 10;
    lines = Math.max(lines, Math.ceil(([...cell.value].length * 1.1) / width));
  });
  if (lines > 1) row.height = lines * 15 + 3;
}

export async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A calendar day as a date cell (sortable and filterable), shown dd/mm/yyyy by the column format. */
function excelDay(day: string): Date {
  const { year, month, date } = dayParts(day);
  return new Date(Date.UTC(year, month - 1, date));
}

function yesNo(text: DocText, value: boolean): string {
  return text(value ? "common.yes" : "common.no");
}

/** The summary's percentages (stored as fractions, shown as percents). */
const PERCENT_ROWS = new Set(["percent", "previousCorrectedPercent"]);

function summaryRows(input: ReportDocumentInput, text: DocText): [string, Cell, boolean][] {
  const { data, trend } = input;
  const r = data.remediation;
  const rows: [string, Cell][] = [
    ["cell", input.cellName],
    ["round", input.roundTitle],
    ["deadline", showDay(input.deadlineDay)],
    ["issued", showDay(input.issuedDay)],
    ["submitted", data.submitted],
    ["total", data.total],
    ["percent", fraction(data.percent)],
    ["pending", data.pendingNames.join(", ")],
    ["cleanForms", data.cleanForms],
  ];
  if (input.firstFollowUpDay && r.committed > 0) {
    // As /baocao and the DOCX: no follow-up has asked yet, so the month's figures would all be
    // "no answer"; the day the bot will ask instead.
    rows.push(["committed", r.committed], ["followUp", text("xlsx.summary.followUpValue", { date: showDay(input.firstFollowUpDay) })]);
  } else {
    rows.push(
      ["period", showMonth(text, input.period)],
      ["committed", r.committed],
      ["corrected", r.corrected],
      ["inProgress", r.inProgress],
      ["notStarted", r.notStarted],
      ["noAnswer", r.noAnswer],
      ["overdue", r.overdue],
    );
  }
  if (trend) {
    rows.push(
      ["previousRound", trend.previousRoundTitle],
      ["previousDeadline", showDay(trend.previousDeadlineDay)],
      ["previousSubmitted", trend.previousSubmitted],
      ["previousTotal", trend.previousTotal],
      ["previousCommitted", trend.previousCommitted],
      ["previousCorrected", trend.previousCorrected],
      ["previousCorrectedPercent", fraction(trend.previousCorrectedPercent)],
    );
  }
  return rows.map(([key, value]) => [text(`xlsx.summary.${key}`), value, PERCENT_ROWS.has(key)]);
}

/**
 * Renders the round report as an .xlsx workbook: "Tổng hợp", "Theo biểu hiện" (every item,
 * zeros included) and "Tham gia" (who submitted; never who marked what).
 */
export async function renderReportXlsx(input: ReportDocumentInput, t: TFunction): Promise<Buffer> {
  const text = documentText(t);
  const workbook = newWorkbook(`${input.cellName} - ${input.roundTitle}`);
  const title = (sheet: string) => text("xlsx.sheetTitle", { sheet, cell: input.cellName, round: input.roundTitle });

  const summary = tableSheet(
    workbook,
    text("xlsx.sheets.summary"),
    [
      { header: text("xlsx.summary.label"), width: 44 },
      { header: text("xlsx.summary.value"), width: 60 },
    ],
    title(text("xlsx.sheets.summary")),
  );
  for (const [label, value, isPercent] of summaryRows(input, text)) {
    const row = summary.addRow([label, value]);
    if (isPercent) row.getCell(2).numFmt = PERCENT_FORMAT;
    fitRowHeight(row, summary);
  }
  summary.getColumn(2).alignment = { horizontal: "left", wrapText: true, vertical: "top" };
  summary.getColumn(1).alignment = { vertical: "top", wrapText: true };

  const items = tableSheet(
    workbook,
    text("xlsx.sheets.items"),
    [
      { header: text("xlsx.items.group"), width: 30 },
      { header: text("xlsx.items.code"), width: 7 },
      { header: text("xlsx.items.short"), width: 50 },
      { header: text("xlsx.items.minor"), width: 12 },
      { header: text("xlsx.items.significant"), width: 14 },
      { header: text("xlsx.items.total"), width: 14 },
      { header: text("xlsx.items.previous"), width: 14 },
      { header: text("xlsx.items.change"), width: 10 },
    ],
    title(text("xlsx.sheets.items")),
  );
  for (const group of input.groups) {
    for (const item of group.items) {
      const previous = item.previousTotal;
      items.addRow([
        group.shortTitle,
        item.code,
        item.short,
        item.minor,
        item.significant,
        item.total,
        previous,
        previous === null ? null : item.total - previous,
      ]);
    }
  }
  // "+2" / "-1" / "0" while the cell keeps its number.
  items.getColumn(8).numFmt = "+0;-0;0";
  items.autoFilter = { from: { row: TABLE_HEADER_ROW, column: 1 }, to: { row: TABLE_HEADER_ROW, column: 8 } };

  const participation = tableSheet(
    workbook,
    text("xlsx.sheets.participation"),
    [
      { header: text("xlsx.participation.name"), width: 32 },
      { header: text("xlsx.participation.submitted"), width: 12 },
      { header: text("xlsx.participation.reachable"), width: 20 },
    ],
    title(text("xlsx.sheets.participation")),
  );
  for (const row of input.participation) {
    participation.addRow([row.name, yesNo(text, row.submitted), yesNo(text, row.reachable)]);
  }
  participation.autoFilter = { from: { row: TABLE_HEADER_ROW, column: 1 }, to: { row: TABLE_HEADER_ROW, column: 3 } };

  return toBuffer(workbook);
}

/** Rows above the header of the detail sheet: title, subtitle, a blank line. */
export const DETAIL_HEADER_ROW = 4;

/**
 * Renders the secretary's private detail: one row per marked item of each member (name,
 * submitted, code, label, level, measure, target date, latest progress and its month), and
 * one row for a member who marked nothing or did not submit. Target dates are date cells.
 */
export async function renderDetailXlsx(input: DetailInput, t: TFunction): Promise<Buffer> {
  const text = documentText(t);
  const workbook = newWorkbook(`${input.cellName} - ${input.roundTitle}`);
  const sheet = workbook.addWorksheet(sheetName(text("xlsx.sheets.detail")), {
    views: [{ state: "frozen", ySplit: DETAIL_HEADER_ROW, xSplit: 1 }],
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const columns: [string, number][] = [
    ["name", 28],
    ["submitted", 10],
    ["code", 7],
    ["short", 42],
    ["level", 18],
    ["measure", 50],
    ["targetDate", 12],
    ["progress", 18],
    ["progressMonth", 14],
  ];
  columns.forEach(([, width], i) => {
    sheet.getColumn(i + 1).width = width;
  });

  sheet.getCell("A1").value = text("xlsx.detail.title", { cell: input.cellName, round: input.roundTitle });
  sheet.getCell("A1").font = { bold: true, size: 13 };
  sheet.getCell("A2").value = text("xlsx.detail.subtitle", { deadline: showDay(input.deadlineDay), issued: showDay(input.issuedDay) });
  sheet.getCell("A2").font = { italic: true };
  const header = sheet.getRow(DETAIL_HEADER_ROW);
  header.values = columns.map(([key]) => text(`xlsx.detail.${key}`));
  styleHeader(header);

  const rows: Cell[][] = [];
  for (const member of input.members) {
    const submitted = yesNo(text, member.submitted);
    if (member.items.length === 0) {
      const note = text(member.submitted ? "xlsx.detail.nothingMarked" : "xlsx.detail.notSubmitted");
      rows.push([member.name, submitted, null, note, null, null, null, null, null]);
      continue;
    }
    for (const item of member.items) {
      rows.push([
        member.name,
        submitted,
        item.code,
        item.short,
        text(`common.level.${item.level}`),
        item.measure,
        item.targetDate ? excelDay(item.targetDate) : null,
        item.progress ? text(`common.progress.${item.progress}`) : null,
        showMonth(text, item.progressPeriod) || null,
      ]);
    }
  }
  sheet.addRows(rows);
  sheet.getColumn(7).numFmt = "dd/mm/yyyy";
  sheet.getColumn(6).alignment = { wrapText: true, vertical: "top" };
  sheet.getColumn(4).alignment = { wrapText: true, vertical: "top" };
  sheet.autoFilter = { from: { row: DETAIL_HEADER_ROW, column: 1 }, to: { row: DETAIL_HEADER_ROW, column: columns.length } };

  return toBuffer(workbook);
}
