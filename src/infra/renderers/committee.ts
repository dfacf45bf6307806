/**
 * A committee's files for a campaign, from the same data as its `/tonghop` text: the report
 * (DOCX, the 36-HD/VPTW layout of the cell report, built from its helpers), the spreadsheet
 * (summary, direct units, one row per cell, one per item) and the chart (participation per
 * direct unit). Aggregates only; the words come from locales/<lang>/committee.json (doc.*).
 */
import { AlignmentType, Document, Header, Packer, PageNumber, Paragraph, Table, TableLayoutType, TableRow, TextRun, UnderlineType, WidthType } from "docx";
import { Resvg } from "@resvg/resvg-js";
import type { TFunction } from "i18next";
import type { CommitteeDocumentInput } from "../../app/documents.js";
import { byCode } from "../../domain/checklist.js";
import { showDay, showMonth, upper, type DocText } from "./common.js";
import { CHART_WIDTH, COLOR, FONT_FILES, PAD, fit, svgText, wrapSvg, wrapText } from "./chart.js";
import {
  BLANK_NUMBER,
  BODY,
  DOTS,
  FONT,
  LARGE,
  MARGIN,
  MM,
  PAGE,
  RECIPIENT,
  SMALL,
  TABLE,
  TEXT_WIDTH,
  body,
  borderless,
  closingBlock,
  cellOf,
  columnWidths,
  dateLineOf,
  groupTable,
  heading,
  lineOf,
  onBehalfOf,
  typedSection,
  type LineOptions,
  type RunLanguage,
} from "./docx.js";
import { fitRowHeight, fraction, newWorkbook, PERCENT_FORMAT, TABLE_HEADER_ROW, tableSheet, toBuffer } from "./xlsx.js";

/** The committee's document words (locales/<lang>/committee.json, doc.*), values inserted as they are. */
function committeeText(t: TFunction): DocText {
  return (key, values = {}) => String(t(`committee:doc.${key}`, { ...values, interpolation: { escapeValue: false } }));
}

function header(input: CommitteeDocumentInput, text: DocText, fonts: RunLanguage): Table {
  const centered = { align: AlignmentType.CENTER } as const;
  const higher = input.higherBody.trim();
  const left = [
    lineOf(fonts, higher ? upper(higher) : DOTS, centered),
    lineOf(fonts, upper(input.committeeName), { ...centered, bold: true }),
    lineOf(fonts, "*", centered),
  ];
  const number = lineOf(fonts, text("number", { number: input.documentNumber.trim() || BLANK_NUMBER, suffix: input.marks?.numberSuffix ?? "ĐU" }), centered);
  const dateLine = dateLineOf(text, input.place, input.issuedDay);
  const party = lineOf(fonts, text("party"), { ...centered, bold: true, size: LARGE, underline: { type: UnderlineType.SINGLE } });
  const leftWidth = Math.round(TEXT_WIDTH * 0.44);
  return borderless(
    [leftWidth, TEXT_WIDTH - leftWidth],
    [
      [left, [party]],
      [[number], [lineOf(fonts, dateLine, { ...centered, italics: true })]],
    ],
    fonts,
  );
}

/** The participation table: one row per direct unit, as in the /tonghop lines. */
function unitsTable(input: CommitteeDocumentInput, text: DocText, fonts: RunLanguage): Table {
  const small = (value: string, style: LineOptions = {}) => lineOf(fonts, value, { size: TABLE, align: AlignmentType.CENTER, ...style });
  const headers = [text("units.number"), text("units.unit"), text("units.members"), text("units.submitted"), text("units.percent")];
  const widths = columnWidths(headers, 1300);
  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: headers.map((h, i) => cellOf(fonts, widths[i] ?? 0, [small(h, { bold: true })], { shade: true })),
  });
  const rows = input.data.units.map(
    (u, i) =>
      new TableRow({
        cantSplit: true,
        children: [String(i + 1), u.entered ? text("xlsx.enteredMark", { name: u.name }) : u.name, String(u.members), String(u.submitted), `${u.percent}%`].map(
          (v, c) => cellOf(fonts, widths[c] ?? 0, [small(v, c === 1 ? { align: AlignmentType.LEFT } : {})]),
        ),
      }),
  );
  const d = input.data;
  const total = new TableRow({
    cantSplit: true,
    children: ["", text("units.total"), String(d.members), String(d.submitted), `${d.percent}%`].map((v, c) =>
      cellOf(fonts, widths[c] ?? 0, [small(v, { bold: true, ...(c === 1 ? { align: AlignmentType.LEFT } : {}) })]),
    ),
  });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [headerRow, ...rows, total],
  });
}

function signOff(input: CommitteeDocumentInput, text: DocText, t: TFunction, fonts: RunLanguage): Table {
  const note = (value: string, style: LineOptions = {}) => lineOf(fonts, value, { size: SMALL, align: AlignmentType.LEFT, ...style });
  // The committee above receives the report ("Tỉnh ủy An Giang"), not the đảng bộ printed above this one.
  const higher = (input.marks ? input.marks.recipient : input.higherBody).trim();
  const recipients = [
    note(text("recipients.title"), { bold: true, italics: true }),
    note(text("recipients.higher", { body: higher || DOTS }), { size: RECIPIENT }),
    note(text("recipients.units"), { size: RECIPIENT }),
    note(text("recipients.archive"), { size: RECIPIENT }),
  ];
  return closingBlock(fonts, recipients, {
    onBehalf: onBehalfOf(input.marks, "committee", docText(t)),
    title: text("signOff.secretary"),
    name: input.secretaryName,
  });
}

/** The committee's report for a campaign as a .docx (A4, Times New Roman 14 pt). */
export async function renderCommitteeDocx(input: CommitteeDocumentInput, t: TFunction): Promise<Buffer> {
  const text = committeeText(t);
  const fonts: RunLanguage = { lang: input.locale === "vi" ? "vi-VN" : "en-US" };
  const d = input.data;
  const children: (Paragraph | Table)[] = [];
  let section = 0;
  children.push(header(input, text, fonts), lineOf(fonts, "", { after: 120 }));
  children.push(lineOf(fonts, text("docType"), { align: AlignmentType.CENTER, bold: true, size: LARGE, before: 120 }));
  children.push(lineOf(fonts, text("subject"), { align: AlignmentType.CENTER, bold: true }));
  children.push(lineOf(fonts, text("campaignLine", { campaign: input.campaignTitle }), { align: AlignmentType.CENTER, bold: true }));
  children.push(lineOf(fonts, "-----", { align: AlignmentType.CENTER, after: 240 }));
  // Kết luận 21-KL/TW as the cells' reports cite it (/caidat kl21 in the committee's group).
  const conclusion = input.conclusion21 === false ? "" : ` ${docText(t)("docx.conclusion21")}`;
  children.push(
    body(fonts, text(input.issuerName ? "introIssuer" : "intro", { deadline: showDay(input.deadlineDay), issuer: input.issuerName ?? "", conclusion })),
  );

  children.push(heading(fonts, ++section, text("participation.heading")));
  children.push(body(fonts, text("participation.started", { started: d.started, cells: d.cells, percent: d.startedPercent })));
  children.push(body(fonts, text("participation.complete", { complete: d.complete, cells: d.cells })));
  children.push(body(fonts, text("participation.members", { submitted: d.submitted, members: d.members, percent: d.percent })));
  // Issue 19: direct units the Party's way, the meetings, the collective forms apart, entered figures said.
  children.push(body(fonts, text("participation.directStarted", { started: d.direct.started, units: d.direct.units, percent: d.direct.startedPercent })));
  children.push(body(fonts, text("participation.directHeld", { ...d.direct, percent: d.direct.heldPercent })));
  children.push(body(fonts, text("participation.collectives", { count: d.collectives, cells: d.botCells })));
  const entered = input.cells.filter((c) => c.entered).map((c) => c.name);
  if (entered.length > 0) children.push(body(fonts, text("participation.entered", { names: entered.join(", ") })));
  children.push(unitsTable(input, text, fonts), lineOf(fonts, "", { size: 12 }));
  children.push(body(fonts, d.notStarted.length > 0 ? text("participation.notStarted", { names: d.notStarted.join(", ") }) : text("participation.allStarted")));

  children.push(heading(fonts, ++section, text("results.heading")));
  if (!input.closed) {
    children.push(body(fonts, text("results.withheld")));
  } else {
    children.push(body(fonts, text("results.intro", { counted: d.itemCells, cells: d.cells })));
    // Shares of the members whose marks count (the counted cells' forms and the entered units'
    // counts): the same base as /tonghop's "— n đảng viên (pct%)" (domain/committee.ts itemPercent).
    for (const group of input.groups) children.push(groupTable(group, false, docText(t), fonts, d.countedMembers), lineOf(fonts, "", { size: 12 }));
    const r = d.remediation;
    children.push(heading(fonts, ++section, text("correction.heading")));
    children.push(body(fonts, text("correction.committed", { count: r.committed })));
    if (input.firstFollowUpDay && r.committed > 0) {
      // No counted cell has been asked this month: the month's figures would all be "no answer".
      children.push(body(fonts, text("correction.notAskedYet", { date: showDay(input.firstFollowUpDay) })));
    } else {
      children.push(body(fonts, text("correction.status", { month: showMonth(docText(t), input.period) })));
      for (const key of ["corrected", "inProgress", "notStarted", "noAnswer", "overdue"] as const)
        children.push(body(fonts, text(`correction.${key}`, { count: r[key] })));
    }
  }
  for (const key of ["assessment", "direction"] as const) {
    children.push(heading(fonts, ++section, text(`${key}.heading`)));
    // What an officer typed (✍ under the ended campaign's /tonghop), else dotted lines to write on.
    children.push(...typedSection(fonts, input[key], key === "direction"));
  }
  children.push(lineOf(fonts, "", { after: 240, keepNext: true }), signOff(input, text, t, fonts));

  const document = new Document({
    creator: input.committeeName,
    title: text("fileTitle", { committee: input.committeeName }),
    styles: { default: { document: { run: { font: FONT, size: BODY, language: { value: fonts.lang } } } } },
    sections: [
      {
        properties: { titlePage: true, page: { size: PAGE, margin: { ...MARGIN, header: Math.round(10 * MM) } } },
        headers: {
          first: new Header({ children: [] }),
          default: new Header({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ font: FONT, size: BODY, children: [PageNumber.CURRENT] })] })],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** The cell report's words (the item tables' headers are the same in both documents). */
function docText(t: TFunction): DocText {
  return (key, values = {}) => String(t(`documents:${key}`, { ...values, interpolation: { escapeValue: false } }));
}

/**
 * The committee's spreadsheet: "Tổng hợp" (the /tonghop figures), "Đơn vị trực thuộc" (one
 * row per direct unit), "Theo chi bộ" (one row per cell: members, submitted, %, marks by item
 * and corrections, marks only for cells whose figures count) and "Theo biểu hiện".
 */
export async function renderCommitteeXlsx(input: CommitteeDocumentInput, t: TFunction): Promise<Buffer> {
  const text = committeeText(t);
  const d = input.data;
  const workbook = newWorkbook(`${input.committeeName} - ${input.campaignTitle}`);
  const title = (sheet: string) =>
    text("xlsx.sheetTitle", { sheet: text(`xlsx.sheets.${sheet}`), committee: input.committeeName, campaign: input.campaignTitle });
  const summary = tableSheet(
    workbook,
    text("xlsx.sheets.summary"),
    [
      { header: text("xlsx.label"), width: 44 },
      { header: text("xlsx.value"), width: 50 },
    ],
    title("summary"),
  );
  const rows: [string, string | number][] = [
    ["committee", input.committeeName],
    ["campaign", input.campaignTitle],
    ["deadline", showDay(input.deadlineDay)],
    ["issued", showDay(input.issuedDay)],
    ["cells", d.cells],
    ["started", d.started],
    ["startedPercent", fraction(d.startedPercent)],
    ["complete", d.complete],
    ["members", d.members],
    ["submitted", d.submitted],
    ["percent", fraction(d.percent)],
    ["directUnits", d.direct.units],
    ["directStarted", d.direct.started],
    ["directHeld", d.direct.held],
    ["meetings", d.direct.meetings],
    ["present", d.direct.present],
    ["collectives", d.collectives],
    ["status", text(input.closed ? "xlsx.closed" : "xlsx.open")],
  ];
  if (input.closed) {
    const r = d.remediation;
    rows.push(["itemCells", d.itemCells], ["committed", r.committed], ["corrected", r.corrected]);
    // "Đang khắc phục" is the month's answers: before a counted cell was asked, the day one will be instead (as the DOCX).
    if (input.firstFollowUpDay && r.committed > 0)
      rows.push(["followUp", text("correction.notAskedYet", { date: showDay(input.firstFollowUpDay) })], ["overdue", r.overdue]);
    else rows.push(["inProgress", r.inProgress], ["overdue", r.overdue]);
  }
  for (const [key, value] of rows) {
    const row = summary.addRow([text(`xlsx.summary.${key}`), value]);
    if (key === "startedPercent" || key === "percent") row.getCell(2).numFmt = PERCENT_FORMAT;
    fitRowHeight(row, summary);
  }
  summary.getColumn(2).alignment = { horizontal: "left", wrapText: true, vertical: "top" };
  summary.getColumn(1).alignment = { vertical: "top", wrapText: true };

  const units = tableSheet(
    workbook,
    text("xlsx.sheets.units"),
    [
      { header: text("units.unit"), width: 40 },
      { header: text("units.members"), width: 14 },
      { header: text("units.submitted"), width: 14 },
      { header: text("units.percent"), width: 10 },
    ],
    title("units"),
  );
  for (const u of d.units) units.addRow([u.entered ? text("xlsx.enteredMark", { name: u.name }) : u.name, u.members, u.submitted, fraction(u.percent)]);
  units.getColumn(4).numFmt = PERCENT_FORMAT;

  const codes = input.groups.flatMap((g) => g.items);
  const cells = tableSheet(
    workbook,
    text("xlsx.sheets.cells"),
    [
      { header: text("xlsx.cell"), width: 36 },
      { header: text("xlsx.parent"), width: 30 },
      { header: text("units.members"), width: 12 },
      { header: text("units.submitted"), width: 12 },
      { header: text("units.percent"), width: 8 },
      { header: text("xlsx.counted"), width: 14 },
      ...codes.map((c) => ({ header: c.code, width: 6 })),
      { header: text("xlsx.summary.committed"), width: 14 },
      { header: text("xlsx.summary.corrected"), width: 14 },
      { header: text("xlsx.summary.overdue"), width: 14 },
    ],
    title("cells"),
  );
  for (const c of input.cells) {
    const shown = input.closed && c.counted;
    cells.addRow([
      c.entered ? text("xlsx.enteredMark", { name: c.name }) : c.name,
      c.parentName,
      c.members,
      c.submitted,
      fraction(c.percent),
      text(shown ? "xlsx.yes" : "xlsx.no"),
      ...codes.map((code) => (shown ? (byCode(c.marks, code.code) ?? 0) : null)),
      shown ? c.remediation.committed : null,
      shown ? c.remediation.corrected : null,
      shown ? c.remediation.overdue : null,
    ]);
  }
  cells.getColumn(5).numFmt = PERCENT_FORMAT;
  cells.autoFilter = { from: { row: TABLE_HEADER_ROW, column: 1 }, to: { row: TABLE_HEADER_ROW, column: 6 } };

  const items = tableSheet(
    workbook,
    text("xlsx.sheets.items"),
    [
      { header: text("xlsx.group"), width: 30 },
      { header: text("xlsx.code"), width: 7 },
      { header: text("xlsx.item"), width: 50 },
      { header: text("xlsx.minor"), width: 12 },
      { header: text("xlsx.significant"), width: 14 },
      { header: text("xlsx.total"), width: 14 },
    ],
    title("items"),
  );
  for (const group of input.groups) {
    for (const item of group.items)
      items.addRow([group.shortTitle, item.code, item.short, ...(input.closed ? [item.minor, item.significant, item.total] : [null, null, null])]);
  }
  return toBuffer(workbook);
}

/** The committee's chart: the share of members who submitted, per direct unit (lowest first, as in the text). */
export function renderCommitteeChartSvg(input: CommitteeDocumentInput, t: TFunction): string {
  const text = committeeText(t);
  const d = input.data;
  const parts: string[] = [];
  // The title wraps to a second line rather than losing the campaign's name to "…".
  const title = wrapText(text("chart.title", { committee: input.committeeName, campaign: input.campaignTitle }), 26, CHART_WIDTH - 2 * PAD, true);
  title.forEach((line, i) => parts.push(svgText(PAD, 54 + i * 34, line, { "font-size": 26, "font-weight": "bold", fill: COLOR.text })));
  const drop = (title.length - 1) * 34;
  parts.push(
    svgText(
      PAD,
      88 + drop,
      fit(
        text("chart.subtitle", { submitted: d.submitted, members: d.members, percent: d.percent, started: d.started, cells: d.cells }),
        17,
        CHART_WIDTH - 2 * PAD,
      ),
      { "font-size": 17, fill: COLOR.muted },
    ),
  );
  const labelWidth = 420;
  const barX = PAD + labelWidth + 20;
  const barWidth = CHART_WIDTH - barX - PAD - 140;
  let y = 120 + drop;
  for (const unit of d.units) {
    parts.push(svgText(PAD, y + 22, fit(unit.name, 16, labelWidth), { "font-size": 16, fill: COLOR.text }));
    parts.push(`<rect x="${barX}" y="${y + 6}" width="${barWidth}" height="22" fill="${COLOR.band}"/>`);
    const width = (unit.percent / 100) * barWidth;
    if (width > 0) parts.push(`<rect x="${barX}" y="${y + 6}" width="${width.toFixed(1)}" height="22" fill="${COLOR.significant}"/>`);
    const label = text("chart.unit", { submitted: unit.submitted, members: unit.members, percent: unit.percent });
    parts.push(svgText(barX + barWidth + 8, y + 23, fit(label, 14, CHART_WIDTH - barX - barWidth - PAD), { "font-size": 14, fill: COLOR.text }));
    y += 34;
  }
  if (d.units.length === 0) {
    parts.push(svgText(CHART_WIDTH / 2, y + 40, text("chart.empty"), { "font-size": 20, fill: COLOR.muted, "text-anchor": "middle" }));
    y += 80;
  }
  return wrapSvg(parts, y + 30);
}

export function renderCommitteeChartPng(input: CommitteeDocumentInput, t: TFunction): Buffer {
  const resvg = new Resvg(renderCommitteeChartSvg(input, t), {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" },
    fitTo: { mode: "width", value: CHART_WIDTH },
  });
  return resvg.render().asPng();
}
