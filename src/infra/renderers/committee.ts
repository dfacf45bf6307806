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
import { dayFields, showDay, showMonth, upper, type DocText } from "./common.js";
import { CHART_WIDTH, COLOR, FONT_FILES, PAD, fit, svgText, wrapSvg } from "./chart.js";
import {
  BLANK_NUMBER, BODY, DOTS, FONT, LARGE, MARGIN, MM, PAGE, RECIPIENT, SMALL, TABLE, TEXT_WIDTH, body, borderless, cellOf, columnWidths, dottedLine, groupTable,
  heading, lineOf, type LineOptions, type RunLanguage,
} from "./docx.js";
import { newWorkbook, tableSheet, toBuffer } from "./xlsx.js";

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
  const number = lineOf(fonts, text("number", { number: input.documentNumber.trim() || BLANK_NUMBER }), centered);
  const date = dayFields(input.issuedDay);
  const dateLine = input.place.trim() ? text("dateWithPlace", { place: input.place.trim(), ...date }) : text("date", date);
  const party = lineOf(fonts, text("party"), { ...centered, bold: true, size: LARGE, underline: { type: UnderlineType.SINGLE } });
  const leftWidth = Math.round(TEXT_WIDTH * 0.44);
  return borderless([leftWidth, TEXT_WIDTH - leftWidth], [
    [left, [party]],
    [[number], [lineOf(fonts, dateLine, { ...centered, italics: true })]],
  ], fonts);
}

/** The participation table: one row per direct unit, as in the /tonghop lines. */
function unitsTable(input: CommitteeDocumentInput, text: DocText, fonts: RunLanguage): Table {
  const small = (value: string, style: LineOptions = {}) => lineOf(fonts, value, { size: TABLE, align: AlignmentType.CENTER, ...style });
  const headers = [text("units.number"), text("units.unit"), text("units.members"), text("units.submitted"), text("units.percent")];
  const widths = columnWidths(headers, 1300);
  const headerRow = new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h, i) => cellOf(fonts, widths[i] ?? 0, [small(h, { bold: true })], { shade: true })) });
  const rows = input.data.units.map((u, i) => new TableRow({
    cantSplit: true,
    children: [String(i + 1), u.name, String(u.members), String(u.submitted), `${u.percent}%`]
      .map((v, c) => cellOf(fonts, widths[c] ?? 0, [small(v, c === 1 ? { align: AlignmentType.LEFT } : {})])),
  }));
  const d = input.data;
  const total = new TableRow({
    cantSplit: true,
    children: ["", text("units.total"), String(d.members), String(d.submitted), `${d.percent}%`]
      .map((v, c) => cellOf(fonts, widths[c] ?? 0, [small(v, { bold: true, ...(c === 1 ? { align: AlignmentType.LEFT } : {}) })])),
  });
  return new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, rows: [headerRow, ...rows, total] });
}

function signOff(input: CommitteeDocumentInput, text: DocText, fonts: RunLanguage): Table {
  const note = (value: string, style: LineOptions = {}) => lineOf(fonts, value, { size: SMALL, align: AlignmentType.LEFT, ...style });
  const recipients = [
    note(text("recipients.title"), { bold: true, italics: true }),
    note(text("recipients.higher", { body: input.higherBody.trim() || DOTS }), { size: RECIPIENT }),
    note(text("recipients.units"), { size: RECIPIENT }),
    note(text("recipients.archive"), { size: RECIPIENT }),
  ];
  const centered = { align: AlignmentType.CENTER, bold: true } as const;
  const signature = [
    lineOf(fonts, text("signOff.onBehalf"), centered),
    lineOf(fonts, text("signOff.secretary"), centered),
    ...Array.from({ length: 4 }, () => lineOf(fonts, "", centered)),
    lineOf(fonts, input.secretaryName, centered),
  ];
  const leftWidth = Math.round(TEXT_WIDTH * 0.5);
  return borderless([leftWidth, TEXT_WIDTH - leftWidth], [[recipients, signature]], fonts);
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
  children.push(body(fonts, text(input.issuerName ? "introIssuer" : "intro", { deadline: showDay(input.deadlineDay), issuer: input.issuerName ?? "" })));

  children.push(heading(fonts, ++section, text("participation.heading")));
  children.push(body(fonts, text("participation.started", { started: d.started, cells: d.cells, percent: d.startedPercent })));
  children.push(body(fonts, text("participation.complete", { complete: d.complete, cells: d.cells })));
  children.push(body(fonts, text("participation.members", { submitted: d.submitted, members: d.members, percent: d.percent })));
  children.push(unitsTable(input, text, fonts), lineOf(fonts, "", { size: 12 }));
  children.push(body(fonts, d.notStarted.length > 0 ? text("participation.notStarted", { names: d.notStarted.join(", ") }) : text("participation.allStarted")));

  children.push(heading(fonts, ++section, text("results.heading")));
  if (!input.closed) {
    children.push(body(fonts, text("results.withheld")));
  } else {
    children.push(body(fonts, text("results.intro", { counted: d.itemCells, cells: d.cells })));
    for (const group of input.groups) children.push(groupTable(group, false, docText(t), fonts), lineOf(fonts, "", { size: 12 }));
    const r = d.remediation;
    children.push(heading(fonts, ++section, text("correction.heading")));
    children.push(body(fonts, text("correction.committed", { count: r.committed })));
    children.push(body(fonts, text("correction.status", { month: showMonth(docText(t), input.period) })));
    for (const key of ["corrected", "inProgress", "notStarted", "noAnswer", "overdue"] as const) children.push(body(fonts, text(`correction.${key}`, { count: r[key] })));
  }
  for (const key of ["assessment", "direction"] as const) {
    children.push(heading(fonts, ++section, text(`${key}.heading`)));
    for (let i = 0; i < 5; i++) children.push(dottedLine(key === "direction" && i >= 3));
  }
  children.push(lineOf(fonts, "", { after: 240, keepNext: true }), signOff(input, text, fonts));

  const document = new Document({
    creator: input.committeeName,
    title: text("fileTitle", { committee: input.committeeName }),
    styles: { default: { document: { run: { font: FONT, size: BODY, language: { value: fonts.lang } } } } },
    sections: [{
      properties: { titlePage: true, page: { size: PAGE, margin: { ...MARGIN, header: Math.round(10 * MM) } } },
      headers: {
        first: new Header({ children: [] }),
        default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ font: FONT, size: BODY, children: [PageNumber.CURRENT] })] })] }),
      },
      children,
    }],
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
  const summary = tableSheet(workbook, text("xlsx.sheets.summary"), [{ header: text("xlsx.label"), width: 44 }, { header: text("xlsx.value"), width: 50 }]);
  const rows: [string, string | number][] = [
    ["committee", input.committeeName], ["campaign", input.campaignTitle], ["deadline", showDay(input.deadlineDay)], ["issued", showDay(input.issuedDay)],
    ["cells", d.cells], ["started", d.started], ["startedPercent", d.startedPercent], ["complete", d.complete], ["members", d.members], ["submitted", d.submitted],
    ["percent", d.percent], ["status", text(input.closed ? "xlsx.closed" : "xlsx.open")],
  ];
  if (input.closed) {
    const r = d.remediation;
    rows.push(["itemCells", d.itemCells], ["committed", r.committed], ["corrected", r.corrected], ["inProgress", r.inProgress], ["overdue", r.overdue]);
  }
  for (const [key, value] of rows) summary.addRow([text(`xlsx.summary.${key}`), value]);
  summary.getColumn(2).alignment = { horizontal: "left" };

  const units = tableSheet(workbook, text("xlsx.sheets.units"), [
    { header: text("units.unit"), width: 40 }, { header: text("units.members"), width: 14 }, { header: text("units.submitted"), width: 14 }, { header: text("units.percent"), width: 10 },
  ]);
  for (const u of d.units) units.addRow([u.name, u.members, u.submitted, u.percent]);

  const codes = input.groups.flatMap((g) => g.items);
  const cells = tableSheet(workbook, text("xlsx.sheets.cells"), [
    { header: text("xlsx.cell"), width: 36 }, { header: text("xlsx.parent"), width: 30 }, { header: text("units.members"), width: 12 },
    { header: text("units.submitted"), width: 12 }, { header: text("units.percent"), width: 8 }, { header: text("xlsx.counted"), width: 14 },
    ...codes.map((c) => ({ header: c.code, width: 6 })),
    { header: text("xlsx.summary.committed"), width: 14 }, { header: text("xlsx.summary.corrected"), width: 14 }, { header: text("xlsx.summary.overdue"), width: 14 },
  ]);
  for (const c of input.cells) {
    const shown = input.closed && c.counted;
    cells.addRow([
      c.name, c.parentName, c.members, c.submitted, c.percent, text(shown ? "xlsx.yes" : "xlsx.no"),
      ...codes.map((code) => (shown ? (c.marks[code.code] ?? 0) : null)),
      shown ? c.remediation.committed : null, shown ? c.remediation.corrected : null, shown ? c.remediation.overdue : null,
    ]);
  }
  cells.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 6 } };

  const items = tableSheet(workbook, text("xlsx.sheets.items"), [
    { header: text("xlsx.group"), width: 30 }, { header: text("xlsx.code"), width: 7 }, { header: text("xlsx.item"), width: 50 },
    { header: text("xlsx.minor"), width: 12 }, { header: text("xlsx.significant"), width: 14 }, { header: text("xlsx.total"), width: 14 },
  ]);
  for (const group of input.groups) {
    for (const item of group.items) items.addRow([group.shortTitle, item.code, item.short, ...(input.closed ? [item.minor, item.significant, item.total] : [null, null, null])]);
  }
  return toBuffer(workbook);
}

/** The committee's chart: the share of members who submitted, per direct unit (lowest first, as in the text). */
export function renderCommitteeChartSvg(input: CommitteeDocumentInput, t: TFunction): string {
  const text = committeeText(t);
  const d = input.data;
  const parts: string[] = [];
  parts.push(svgText(PAD, 54, fit(text("chart.title", { committee: input.committeeName, campaign: input.campaignTitle }), 26, CHART_WIDTH - 2 * PAD, true), { "font-size": 26, "font-weight": "bold", fill: COLOR.text }));
  parts.push(svgText(PAD, 88, fit(text("chart.subtitle", { submitted: d.submitted, members: d.members, percent: d.percent, started: d.started, cells: d.cells }), 17, CHART_WIDTH - 2 * PAD), { "font-size": 17, fill: COLOR.muted }));
  const labelWidth = 420;
  const barX = PAD + labelWidth + 20;
  const barWidth = CHART_WIDTH - barX - PAD - 140;
  let y = 120;
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
