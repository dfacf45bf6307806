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
import { LOCALES } from "../../config.js";
import { percent } from "../../domain/report.js";
import { dayFields, documentText, roman, showDay, showMonth, signedChange, upper, type DocText } from "./common.js";

export const FONT = "Times New Roman";
/**
 * Sizes in half-points: 14 pt body; 15 pt for "ĐẢNG CỘNG SẢN VIỆT NAM" and "BÁO CÁO" as in
 * 36-HD/VPTW; 13 pt in the item tables so six columns fit; 12 pt "Nơi nhận:" over 11 pt lines.
 */
export const BODY = 28;
export const LARGE = 30;
export const SMALL = 24;
export const TABLE = 26;
export const RECIPIENT = 22;
/** A generous width of one bold 13 pt character in twips, to size table columns to their headings. */
const HEADER_CHAR = 160;

/** A4 in twips, and the margins of 36-HD/VPTW (top/bottom 20 mm, left 30 mm, right 15 mm). */
export const PAGE = { width: 11906, height: 16838 };
export const MM = 56.7;
export const MARGIN = { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) };
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

/**
 * A blank to fill in by hand: where the higher body goes when it is not set (a real document
 * never prints a placeholder name), and the number left for the office's register.
 */
export const DOTS = "\u2026".repeat(12);
export const BLANK_NUMBER = " ".repeat(8);
/** The place in the date line when it is not set: dots to write it on, as for the higher body. */
export const PLACE_DOTS = "\u2026".repeat(5);

/** The date line: "<place>, ngày … tháng … năm …", the place dotted when it is not set. */
export function dateLineOf(text: DocText, place: string, issuedDay: string, keyPrefix = ""): string {
  return text(`${keyPrefix}dateWithPlace`, { place: place.trim() || PLACE_DOTS, ...dayFields(issuedDay) });
}

/** "T/M CHI BỘ" and its like: the unit's own sign-off when it set one, else its level's, in the document's language. */
export function onBehalfOf(marks: { signOff: string | null; signOffBody: string } | undefined, fallback: "cell" | "committee", text: DocText): string {
  return marks?.signOff ?? text(`docx.signOff.onBehalf.${marks?.signOffBody ?? fallback}`);
}

type RunStyle = Pick<IRunOptions, "bold" | "italics" | "underline" | "size">;

/** The w:lang of every run: vi-VN for the Vietnamese document, en-US for the English one. */
export interface RunLanguage {
  lang: string;
}

export function runOf(fonts: RunLanguage, text: string, style: RunStyle = {}): TextRun {
  return new TextRun({ text, font: FONT, size: BODY, language: { value: fonts.lang }, ...style });
}

export interface LineOptions extends RunStyle {
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  indent?: boolean;
  after?: number;
  before?: number;
  /** Line spacing in 240ths of a line: 240 single (header, tables), 300 for the body. */
  line?: number;
  keepNext?: boolean;
}

export function lineOf(fonts: RunLanguage, text: string, options: LineOptions = {}): Paragraph {
  const { align, indent, after, before, line, keepNext, ...style } = options;
  return new Paragraph({
    alignment: align ?? AlignmentType.JUSTIFIED,
    indent: indent ? { firstLine: 720 } : undefined,
    spacing: { before: before ?? 0, after: after ?? 0, line: line ?? 240, lineRule: LineRuleType.AUTO },
    keepNext,
    children: [runOf(fonts, text, style)],
  });
}

/** A cell of the item tables: centred vertically, with a little padding, optionally shaded. */
export function cellOf(fonts: RunLanguage, width: number, lines: Paragraph[], opts: { shade?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    shading: opts.shade ? { fill: "E7E6E6", color: "auto", type: "clear" } : undefined,
    children: lines.length > 0 ? lines : [lineOf(fonts, "")],
  });
}

/** A table without borders: one inner array per row, one paragraph list per cell. */
export function borderless(columnWidths: number[], rows: Paragraph[][][], fonts: RunLanguage): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: rows.map(
      (cells) =>
        new TableRow({
          cantSplit: true,
          children: cells.map(
            (lines, i) =>
              new TableCell({
                width: { size: columnWidths[i] ?? 0, type: WidthType.DXA },
                margins: { left: 0, right: 0 },
                verticalAlign: VerticalAlignTable.TOP,
                children: lines.length > 0 ? lines : [lineOf(fonts, "")],
              }),
          ),
        }),
    ),
  });
}

/**
 * The issuing body: the cell's name, with "Chi bộ" ("Party cell") in front when the name does
 * not already start with the prefix of any language (an English document of "Chi bộ Phòng Tổ
 * chức" prints "CHI BỘ PHÒNG TỔ CHỨC", not "PARTY CELL CHI BỘ …").
 */
export function issuer(text: DocText, t: TFunction, cellName: string): string {
  const name = cellName.trim();
  const prefixes = LOCALES.map((lng) => String(t("documents:docx.cellPrefix", { lng })));
  return prefixes.some((p) => upper(name).startsWith(upper(p))) ? upper(name) : upper(`${text("docx.cellPrefix")} ${name}`);
}

function header(input: ReportDocumentInput, text: DocText, t: TFunction, fonts: RunLanguage): Table {
  const centered = { align: AlignmentType.CENTER } as const;
  const higher = input.higherBody.trim();
  // The higher body keeps its line when it is not set: dots to fill in, never a made-up name.
  const left: Paragraph[] = [lineOf(fonts, higher ? upper(higher) : DOTS, centered)];
  left.push(lineOf(fonts, issuer(text, t, input.cellName), { ...centered, bold: true }));
  left.push(lineOf(fonts, "*", centered));
  // The number the secretary set, or blank for the office's register (never the round's sequence number).
  const number = lineOf(
    fonts,
    text("docx.number", { number: input.documentNumber?.trim() || BLANK_NUMBER, suffix: input.marks?.numberSuffix ?? "CB" }),
    centered,
  );
  const dateLine = dateLineOf(text, input.place, input.issuedDay, "docx.");
  const party = lineOf(fonts, text("docx.party"), { ...centered, bold: true, size: LARGE, underline: { type: UnderlineType.SINGLE } });
  const leftWidth = Math.round(TEXT_WIDTH * 0.44);
  // Two rows so the date always sits level with the document number, however the names wrap.
  return borderless(
    [leftWidth, TEXT_WIDTH - leftWidth],
    [
      [left, [party]],
      [[number], [lineOf(fonts, dateLine, { ...centered, italics: true })]],
    ],
    fonts,
  );
}

export function heading(fonts: RunLanguage, number: number, title: string): Paragraph {
  return lineOf(fonts, `${roman(number)}. ${title}`, { bold: true, before: 120, after: 80, line: 300, keepNext: true, align: AlignmentType.LEFT });
}

export function body(fonts: RunLanguage, text: string): Paragraph {
  return lineOf(fonts, text, { indent: true, after: 80, line: 300 });
}

/**
 * Widths of the item table: the code and number columns just wide enough for the longest word
 * of their heading (so "correction" is not broken), the label column takes the rest.
 */
export function columnWidths(headers: string[], minimum: number): number[] {
  const fit = (heading: string, min: number) => Math.max(min, Math.max(...heading.split(/\s+/).map((w) => [...w].length)) * HEADER_CHAR + 240);
  const others = headers.map((h, i) => (i === 1 ? 0 : fit(h, i === 0 ? 600 : minimum)));
  others[1] = TEXT_WIDTH - others.reduce((a, b) => a + b, 0);
  return others;
}

/** An item's share of the forms: "43%"; "<1%" rather than a 0% beside a count; "—" without forms. */
export function share(count: number, base: number): string {
  if (base <= 0) return "\u2014";
  const value = percent(count, base);
  return count > 0 && value === 0 ? "<1%" : `${value}%`;
}

/**
 * One group's item table: code, item, minor, needs correction, total, the total's share of
 * `base` (the forms counted; "—" when none) and, with a previous round, the change.
 */
export function groupTable(group: GroupRows, withChange: boolean, text: DocText, fonts: RunLanguage, base: number): Table {
  const small = (value: string, style: LineOptions = {}) => lineOf(fonts, value, { size: TABLE, align: AlignmentType.CENTER, ...style });
  const headers = [
    text("docx.results.code"),
    text("docx.results.item"),
    text("docx.results.minor"),
    text("docx.results.significant"),
    text("docx.results.total"),
    text("docx.results.percent"),
    ...(withChange ? [text("docx.results.change")] : []),
  ];
  const widths = columnWidths(headers, withChange ? 1000 : 1150);
  // The group's title is the table's first row, so it repeats with the column headers when the
  // table runs onto the next page and is never left alone at the bottom of a page.
  const titleRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [
      new TableCell({
        columnSpan: widths.length,
        width: { size: TEXT_WIDTH, type: WidthType.DXA },
        margins: { top: 60, bottom: 60, left: 80, right: 80 },
        children: [lineOf(fonts, group.title, { bold: true, italics: true, align: AlignmentType.LEFT })],
      }),
    ],
  });
  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: headers.map((h, i) => cellOf(fonts, widths[i] ?? 0, [small(h, { bold: true })], { shade: true })),
  });
  const rows = group.items.map((item) => {
    const values = [
      item.code,
      item.short,
      String(item.minor),
      String(item.significant),
      String(item.total),
      share(item.total, base),
      ...(withChange ? [item.previousTotal === null ? text("common.noPrevious") : signedChange(item.total, item.previousTotal)] : []),
    ];
    return new TableRow({
      cantSplit: true,
      children: values.map((v, i) => cellOf(fonts, widths[i] ?? 0, [small(v, i === 1 ? { align: AlignmentType.LEFT } : { bold: i === 4 && item.total > 0 })])),
    });
  });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [titleRow, headerRow, ...rows],
  });
}

export function dottedLine(keepNext = false): Paragraph {
  return new Paragraph({
    keepNext,
    tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH, leader: LeaderType.DOT }],
    spacing: { before: 120, after: 0, line: 276, lineRule: LineRuleType.AUTO },
    children: [new TextRun({ font: FONT, size: BODY, children: [new Tab()] })],
  });
}

/**
 * A typed section (ĐÁNH GIÁ CHUNG, PHƯƠNG HƯỚNG): one paragraph per non-empty line, or five
 * dotted lines to write on by hand when nothing was typed (the last two kept with what follows
 * when `keepLast`, so the sign-off never stands alone on a page).
 */
export function typedSection(fonts: RunLanguage, typed: string | undefined, keepLast: boolean): Paragraph[] {
  const lines = (typed ?? "")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length > 0) return lines.map((line) => body(fonts, line));
  return Array.from({ length: 5 }, (_, i) => dottedLine(keepLast && i >= 3));
}

function signOff(input: ReportDocumentInput, text: DocText, fonts: RunLanguage): Table {
  const note = (value: string, style: LineOptions = {}) => lineOf(fonts, value, { size: SMALL, align: AlignmentType.LEFT, ...style });
  // The committee itself receives the report ("Huyện ủy Châu Phú"), not the đảng bộ printed above.
  const higher = (input.marks ? input.marks.recipient : input.higherBody).trim();
  const recipients = [
    note(text("docx.recipients.title"), { bold: true, italics: true, size: SMALL }),
    note(text("docx.recipients.higher", { body: higher || DOTS }), { size: RECIPIENT }),
    note(text("docx.recipients.archive"), { size: RECIPIENT }),
  ];
  return closingBlock(fonts, recipients, { onBehalf: onBehalfOf(input.marks, "cell", text), title: text("docx.signOff.secretary"), name: input.secretaryName });
}

/**
 * A report's closing, two columns without borders: who receives it on the left ("Nơi nhận"),
 * the signature on the right, centred and bold (on behalf of whom, the signer's title, four
 * blank lines to sign in, the name). The cell's and the committee's reports end with it.
 */
export function closingBlock(fonts: RunLanguage, recipients: Paragraph[], signer: { onBehalf: string; title: string; name: string }): Table {
  const centered = { align: AlignmentType.CENTER, bold: true } as const;
  const signature = [
    lineOf(fonts, signer.onBehalf, centered),
    lineOf(fonts, signer.title, centered),
    ...Array.from({ length: 4 }, () => lineOf(fonts, "", centered)),
    lineOf(fonts, signer.name, centered),
  ];
  const leftWidth = Math.round(TEXT_WIDTH * 0.5);
  return borderless([leftWidth, TEXT_WIDTH - leftWidth], [[recipients, signature]], fonts);
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
  const fonts: RunLanguage = { lang: input.locale === "vi" ? "vi-VN" : "en-US" };
  const { data } = input;
  const withChange = input.trend !== null;
  const itemCount = input.groups.reduce((sum, g) => sum + g.items.length, 0);
  const children: (Paragraph | Table)[] = [];
  let section = 0;

  children.push(header(input, text, t, fonts));
  children.push(lineOf(fonts, "", { after: 120 }));
  children.push(lineOf(fonts, text("docx.docType"), { align: AlignmentType.CENTER, bold: true, size: LARGE, before: 120 }));
  children.push(lineOf(fonts, text("docx.subject"), { align: AlignmentType.CENTER, bold: true }));
  children.push(lineOf(fonts, text("docx.roundLine", { round: input.roundTitle }), { align: AlignmentType.CENTER, bold: true }));
  children.push(lineOf(fonts, "-----", { align: AlignmentType.CENTER, after: 240 }));
  // Where the campaign runs under Kết luận 21-KL/TW (2021) as well as the resolution (the default).
  const conclusion = input.conclusion21 === false ? "" : ` ${text("docx.conclusion21")}`;
  children.push(body(fonts, text("docx.intro", { count: itemCount, deadline: showDay(input.deadlineDay), conclusion })));

  children.push(heading(fonts, ++section, text("docx.participation.heading")));
  children.push(body(fonts, text("docx.participation.submitted", { submitted: data.submitted, total: data.total, percent: data.percent })));
  if (data.pendingNames.length > 0) children.push(body(fonts, text("docx.participation.pending", { names: data.pendingNames.join(", ") })));
  else if (data.total > 0) children.push(body(fonts, text("docx.participation.allSubmitted")));
  if (input.meeting) {
    const { day, present, total, chair } = input.meeting;
    children.push(
      body(
        fonts,
        text("docx.participation.meeting", {
          day: showDay(day),
          present,
          total,
          chair: chair ? text("docx.participation.chair", { name: chair }) : "",
        }),
      ),
    );
  }

  children.push(heading(fonts, ++section, text("docx.results.heading")));
  children.push(body(fonts, text("docx.results.intro")));
  for (const group of input.groups) {
    children.push(groupTable(group, withChange, text, fonts, data.submitted));
    children.push(lineOf(fonts, "", { size: 12 }));
  }
  children.push(
    body(fonts, data.submitted > 0 ? text("docx.results.cleanForms", { count: data.cleanForms, submitted: data.submitted }) : text("docx.results.noForms")),
  );

  const r = data.remediation;
  children.push(heading(fonts, ++section, text("docx.correction.heading")));
  children.push(body(fonts, text("docx.correction.committed", { count: r.committed })));
  if (input.firstFollowUpDay && r.committed > 0) {
    // No follow-up has asked yet: the month's figures would all be "no answer".
    children.push(body(fonts, text("docx.correction.notAskedYet", { date: showDay(input.firstFollowUpDay) })));
  } else {
    children.push(body(fonts, text("docx.correction.status", { month: showMonth(text, input.period) })));
    for (const [key, count] of [
      ["corrected", r.corrected],
      ["inProgress", r.inProgress],
      ["notStarted", r.notStarted],
      ["noAnswer", r.noAnswer],
      ["overdue", r.overdue],
    ] as const) {
      children.push(body(fonts, text(`docx.correction.${key}`, { count })));
    }
  }

  if (input.collective) {
    children.push(heading(fonts, ++section, text("docx.collective.heading")));
    const { collective } = input;
    if (!collective.submitted) children.push(body(fonts, text("docx.collective.draft")));
    else {
      children.push(body(fonts, text("docx.collective.intro")));
      if (collective.items.length === 0) children.push(body(fonts, text("docx.collective.none")));
      for (const item of collective.items) {
        children.push(
          body(
            fonts,
            text("docx.collective.item", { code: item.code, short: item.short, level: text(`common.level.${item.level}`).toLocaleLowerCase(input.locale) }),
          ),
        );
        if (item.measure) {
          children.push(
            body(
              fonts,
              text("docx.collective.measure", {
                measure: item.measure,
                date: item.targetDate ? showDay(item.targetDate) : text("docx.collective.noDate"),
              }),
            ),
          );
        }
        if (item.progress)
          children.push(body(fonts, text("docx.collective.progress", { status: text(`common.progress.${item.progress}`).toLocaleLowerCase(input.locale) })));
      }
    }
  }

  if (input.trend) {
    const trend = input.trend;
    const current = input.groups.reduce((sum, g) => sum + g.items.reduce((s, i) => s + i.total, 0), 0);
    const previous = input.groups.reduce((sum, g) => sum + g.items.reduce((s, i) => s + (i.previousTotal ?? 0), 0), 0);
    children.push(heading(fonts, ++section, text("docx.trend.heading")));
    children.push(
      body(
        fonts,
        text("docx.trend.previous", {
          round: trend.previousRoundTitle,
          deadline: showDay(trend.previousDeadlineDay),
          submitted: trend.previousSubmitted,
          total: trend.previousTotal,
        }),
      ),
    );
    children.push(body(fonts, text("docx.trend.marks", { current, previous })));
    children.push(
      body(
        fonts,
        text("docx.trend.corrected", {
          corrected: trend.previousCorrected,
          committed: trend.previousCommitted,
          percent: trend.previousCorrectedPercent,
        }),
      ),
    );
  }

  // A small cell has no cell committee (chi ủy): the closing sections are the cell's own,
  // each with dotted lines to write on.
  // The last lines stay with the sign-off, so the signature never stands alone on a page.
  for (const key of ["assessment", "direction"] as const) {
    children.push(heading(fonts, ++section, text(`docx.${key}.heading`)));
    // What an officer typed (✍ under /baocao); for the assessment, else the meeting's
    // conclusions once the secretary wrote them (report back to the members); else dotted lines.
    for (const paragraph of typedSection(fonts, key === "assessment" ? input.assessment || input.conclusions : input.direction, key === "direction"))
      children.push(paragraph);
  }
  children.push(lineOf(fonts, "", { after: 240, keepNext: true }));
  children.push(signOff(input, text, fonts));

  const document = new Document({
    creator: input.cellName,
    title: text("docx.fileTitle", { cell: input.cellName }),
    styles: { default: { document: { run: { font: FONT, size: BODY, language: { value: fonts.lang } } } } },
    sections: [
      {
        // Page numbers from the second page, centred at the top, as 36-HD/VPTW asks.
        properties: { titlePage: true, page: { size: PAGE, margin: { ...MARGIN, header: Math.round(10 * MM) } } },
        headers: {
          first: new Header({ children: [] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ font: FONT, size: BODY, children: [PageNumber.CURRENT] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
