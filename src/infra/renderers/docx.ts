/**
 * The round report as a Word file in the Party's document format (Hướng dẫn 36-HD/VPTW):
 * A4, Times New Roman 14 pt, the two-column header (issuing body left, "ĐẢNG CỘNG SẢN VIỆT
 * NAM" and the date right), "BÁO CÁO" with its subject, numbered sections, the secretary's
 * sign-off and "Nơi nhận". Aggregates only: no member's answers appear.
 */
import {
  AlignmentType,
  Document,
  Header,
  LeaderType,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  UnderlineType,
  VerticalAlignTable,
  WidthType,
  type IRunOptions,
} from "docx";
import type { TFunction } from "i18next";
import type { GroupRows, ReportDocumentInput } from "../../app/documents.js";
import { dayFields, documentText, roman, showDay, showMonth, signedChange, upper, type DocText } from "./common.js";

const FONT = "Times New Roman";
/** Half-points: 14 pt body, 15 pt for the party heading and the document type, 12 pt for "Nơi nhận". */
const BODY = 28;
const LARGE = 30;
const SMALL = 24;
const TABLE = 26;

/** A4 in twips, and the margins of 36-HD/VPTW (top/bottom 20 mm, left 30 mm, right 15 mm). */
const PAGE = { width: 11906, height: 16838 };
const MM = 56.7;
const MARGIN = { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

type RunStyle = Pick<IRunOptions, "bold" | "italics" | "underline" | "size">;

interface Fonts {
  lang: string;
}

function runOf(fonts: Fonts, text: string, style: RunStyle = {}): TextRun {
  return new TextRun({ text, font: FONT, size: BODY, language: { value: fonts.lang }, ...style });
}

interface LineOptions extends RunStyle {
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  indent?: boolean;
  after?: number;
  before?: number;
  /** Line spacing in 240ths of a line: 240 single (header, tables), 300 for the body. */
  line?: number;
  keepNext?: boolean;
}

function lineOf(fonts: Fonts, text: string, options: LineOptions = {}): Paragraph {
  const { align, indent, after, before, line, keepNext, ...style } = options;
  return new Paragraph({
    alignment: align ?? AlignmentType.JUSTIFIED,
    indent: indent ? { firstLine: 720 } : undefined,
    spacing: { before: before ?? 0, after: after ?? 0, line: line ?? 240, lineRule: LineRuleType.AUTO },
    keepNext,
    children: [runOf(fonts, text, style)],
  });
}

/** Table cell with a paragraph per line, no borders of its own (the table decides). */
function cellOf(fonts: Fonts, width: number, lines: Paragraph[], opts: { shade?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    shading: opts.shade ? { fill: "E7E6E6", color: "auto", type: "clear" } : undefined,
    children: lines.length > 0 ? lines : [lineOf(fonts, "")],
  });
}

function borderless(columnWidths: number[], cells: Paragraph[][], fonts: Fonts): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        cantSplit: true,
        children: cells.map((lines, i) => new TableCell({
          width: { size: columnWidths[i] ?? 0, type: WidthType.DXA },
          margins: { left: 0, right: 0 },
          children: lines.length > 0 ? lines : [lineOf(fonts, "")],
        })),
      }),
    ],
  });
}

/** The issuing body: the cell's name, with "Chi bộ" in front when the name does not start with it. */
function issuer(text: DocText, cellName: string): string {
  const prefix = text("docx.cellPrefix");
  const name = cellName.trim();
  return upper(name).startsWith(upper(prefix)) ? upper(name) : upper(`${prefix} ${name}`);
}

function header(input: ReportDocumentInput, text: DocText, fonts: Fonts): Table {
  const centered = { align: AlignmentType.CENTER } as const;
  const left: Paragraph[] = [];
  if (input.higherBody.trim()) left.push(lineOf(fonts, upper(input.higherBody.trim()), centered));
  left.push(lineOf(fonts, issuer(text, input.cellName), { ...centered, bold: true }));
  left.push(lineOf(fonts, "*", centered));
  left.push(lineOf(fonts, text("docx.number", { number: String(input.roundNumber).padStart(2, "0") }), centered));

  const date = dayFields(input.issuedDay);
  const dateLine = input.place.trim()
    ? text("docx.dateWithPlace", { place: input.place.trim(), ...date })
    : text("docx.date", date);
  const right: Paragraph[] = [lineOf(fonts, text("docx.party"), { ...centered, bold: true, size: LARGE, underline: { type: UnderlineType.SINGLE } })];
  // The date sits level with the document number, as in the guide's layout.
  for (let i = 0; i < left.length - 2; i++) right.push(lineOf(fonts, "", centered));
  right.push(lineOf(fonts, dateLine, { ...centered, italics: true }));

  const leftWidth = Math.round(TEXT_WIDTH * 0.44);
  return borderless([leftWidth, TEXT_WIDTH - leftWidth], [left, right], fonts);
}

function heading(fonts: Fonts, number: number, title: string): Paragraph {
  return lineOf(fonts, `${roman(number)}. ${title}`, { bold: true, before: 120, after: 80, line: 300, keepNext: true, align: AlignmentType.LEFT });
}

function body(fonts: Fonts, text: string): Paragraph {
  return lineOf(fonts, text, { indent: true, after: 80, line: 300 });
}

function groupTable(group: GroupRows, withChange: boolean, text: DocText, fonts: Fonts): Table {
  const numbers = withChange ? [950, 1050, 1050, 1050] : [1050, 1150, 1150];
  const code = 650;
  const widths = [code, TEXT_WIDTH - code - numbers.reduce((a, b) => a + b, 0), ...numbers];
  const small = (value: string, style: LineOptions = {}) =>
    lineOf(fonts, value, { size: TABLE, align: AlignmentType.CENTER, ...style });
  const headers = [
    text("docx.results.code"), text("docx.results.item"), text("docx.results.minor"),
    text("docx.results.significant"), text("docx.results.total"),
    ...(withChange ? [text("docx.results.change")] : []),
  ];
  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: headers.map((h, i) => cellOf(fonts, widths[i] ?? 0, [small(h, { bold: true })], { shade: true })),
  });
  const rows = group.items.map((item) => {
    const values = [
      item.code, item.short, String(item.minor), String(item.significant), String(item.total),
      ...(withChange ? [item.previousTotal === null ? text("common.noPrevious") : signedChange(item.total, item.previousTotal)] : []),
    ];
    return new TableRow({
      cantSplit: true,
      children: values.map((v, i) =>
        cellOf(fonts, widths[i] ?? 0, [small(v, i === 1 ? { align: AlignmentType.LEFT } : { bold: i === 4 && item.total > 0 })]),
      ),
    });
  });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [headerRow, ...rows],
  });
}

function dottedLine(): Paragraph {
  return new Paragraph({
    tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH, leader: LeaderType.DOT }],
    spacing: { before: 120, after: 0, line: 276, lineRule: LineRuleType.AUTO },
    children: [new TextRun({ font: FONT, size: BODY, children: [new Tab()] })],
  });
}

function signOff(input: ReportDocumentInput, text: DocText, fonts: Fonts): Table {
  const note = (value: string, style: LineOptions = {}) =>
    lineOf(fonts, value, { size: SMALL, align: AlignmentType.LEFT, ...style });
  const higher = input.higherBody.trim();
  const recipients = [
    note(text("docx.recipients.title"), { bold: true, italics: true, size: SMALL }),
    note(higher ? text("docx.recipients.higher", { body: higher }) : text("docx.recipients.higherDefault"), { size: 22 }),
    note(text("docx.recipients.archive"), { size: 22 }),
  ];
  const centered = { align: AlignmentType.CENTER, bold: true } as const;
  const signature = [
    lineOf(fonts, text("docx.signOff.onBehalf"), centered),
    lineOf(fonts, text("docx.signOff.secretary"), centered),
    ...Array.from({ length: 4 }, () => lineOf(fonts, "", centered)),
    lineOf(fonts, input.secretaryName, centered),
  ];
  const leftWidth = Math.round(TEXT_WIDTH * 0.5);
  return borderless([leftWidth, TEXT_WIDTH - leftWidth], [recipients, signature], fonts);
}

/**
 * Renders the round report as a .docx file.
 *
 * @example
 *   const buffer = await renderReportDocx(input, i18n.t("vi"));
 *   await ctx.replyWithDocument(new InputFile(buffer, "bao-cao.docx"));
 */
export async function renderReportDocx(input: ReportDocumentInput, t: TFunction): Promise<Buffer> {
  const text = documentText(t);
  const fonts: Fonts = { lang: input.locale === "vi" ? "vi-VN" : "en-US" };
  const { data } = input;
  const withChange = input.trend !== null;
  const itemCount = input.groups.reduce((sum, g) => sum + g.items.length, 0);
  const children: (Paragraph | Table)[] = [];
  let section = 0;

  children.push(header(input, text, fonts));
  children.push(lineOf(fonts, "", { after: 120 }));
  children.push(lineOf(fonts, text("docx.docType"), { align: AlignmentType.CENTER, bold: true, size: LARGE, before: 120 }));
  children.push(lineOf(fonts, text("docx.subject"), { align: AlignmentType.CENTER, bold: true }));
  children.push(lineOf(fonts, text("docx.roundLine", { round: input.roundTitle }), { align: AlignmentType.CENTER, bold: true }));
  children.push(lineOf(fonts, "-----", { align: AlignmentType.CENTER, after: 240 }));
  children.push(body(fonts, text("docx.intro", { count: itemCount, deadline: showDay(input.deadlineDay) })));

  children.push(heading(fonts, ++section, text("docx.participation.heading")));
  children.push(body(fonts, text("docx.participation.submitted", { submitted: data.submitted, total: data.total, percent: data.percent })));
  if (data.pendingNames.length > 0) children.push(body(fonts, text("docx.participation.pending", { names: data.pendingNames.join(", ") })));
  else if (data.total > 0) children.push(body(fonts, text("docx.participation.allSubmitted")));

  children.push(heading(fonts, ++section, text("docx.results.heading")));
  children.push(body(fonts, text("docx.results.intro")));
  for (const group of input.groups) {
    children.push(lineOf(fonts, group.title, { bold: true, italics: true, before: 120, after: 60, keepNext: true, align: AlignmentType.LEFT }));
    children.push(groupTable(group, withChange, text, fonts));
  }
  children.push(lineOf(fonts, "", { after: 60 }));
  children.push(body(fonts, data.submitted > 0
    ? text("docx.results.cleanForms", { count: data.cleanForms, submitted: data.submitted })
    : text("docx.results.noForms")));

  const r = data.remediation;
  children.push(heading(fonts, ++section, text("docx.correction.heading")));
  children.push(body(fonts, text("docx.correction.committed", { count: r.committed })));
  children.push(body(fonts, text("docx.correction.status", { month: showMonth(text, input.period) })));
  for (const [key, count] of [["corrected", r.corrected], ["inProgress", r.inProgress], ["notStarted", r.notStarted], ["noAnswer", r.noAnswer], ["overdue", r.overdue]] as const) {
    children.push(body(fonts, text(`docx.correction.${key}`, { count })));
  }

  if (input.trend) {
    const trend = input.trend;
    const current = input.groups.reduce((sum, g) => sum + g.items.reduce((s, i) => s + i.total, 0), 0);
    const previous = input.groups.reduce((sum, g) => sum + g.items.reduce((s, i) => s + (i.previousTotal ?? 0), 0), 0);
    children.push(heading(fonts, ++section, text("docx.trend.heading")));
    children.push(body(fonts, text("docx.trend.previous", {
      round: trend.previousRoundTitle, deadline: showDay(trend.previousDeadlineDay), submitted: trend.previousSubmitted, total: trend.previousTotal,
    })));
    children.push(body(fonts, text("docx.trend.marks", { current, previous })));
    children.push(body(fonts, text("docx.trend.corrected", {
      corrected: trend.previousCorrected, committed: trend.previousCommitted, percent: trend.previousCorrectedPercent,
    })));
  }

  children.push(heading(fonts, ++section, text("docx.assessment.heading")));
  for (let i = 0; i < 5; i++) children.push(dottedLine());
  children.push(lineOf(fonts, "", { after: 240 }));
  children.push(signOff(input, text, fonts));

  const document = new Document({
    creator: input.cellName,
    title: text("docx.fileTitle", { cell: input.cellName }),
    styles: { default: { document: { run: { font: FONT, size: BODY, language: { value: fonts.lang } } } } },
    sections: [{
      // Page numbers from the second page, centred at the top, as 36-HD/VPTW asks.
      properties: { titlePage: true, page: { size: PAGE, margin: { ...MARGIN, header: Math.round(10 * MM) } } },
      headers: {
        first: new Header({ children: [] }),
        default: new Header({
          children: [new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ font: FONT, size: BODY, children: [PageNumber.CURRENT] })],
          })],
        }),
      },
      children,
    }],
  });
  return Packer.toBuffer(document);
}
