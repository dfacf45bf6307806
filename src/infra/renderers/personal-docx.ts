/**
 * A member's personal papers as Word files, in the Party's layout for a personal paper: the
 * cell on the left ("*" under it), "ĐẢNG CỘNG SẢN VIỆT NAM" and the place and date on the
 * right, the title, the member's name, a table, and "NGƯỜI VIẾT" with the member's name at the
 * foot. Two papers: the correction plan after a round (kế hoạch khắc phục), and the year's
 * record (material for the annual self-review). Each carries one member's own items only.
 * Built from the report DOCX's helpers (docx.ts); words from locales/<lang>/papers.json.
 */
import type { Paragraph } from "docx";
import { AlignmentType, Document, Packer, Table, TableLayoutType, TableRow, UnderlineType, WidthType } from "docx";
import type { TFunction } from "i18next";
import type { PersonalPaperHead, PlanDocumentInput, ReviewDocumentInput } from "../../app/documents.js";
import { documentText, showDay, showMonth, upper, type DocText } from "./common.js";
import {
  BODY,
  borderless,
  cellOf,
  dateLineOf,
  DOTS,
  dottedLine,
  FONT,
  issuer,
  LARGE,
  lineOf,
  MARGIN,
  MM,
  PAGE,
  TABLE,
  TEXT_WIDTH,
  type LineOptions,
  type RunLanguage,
} from "./docx.js";

function head(input: PersonalPaperHead, text: DocText, t: TFunction, fonts: RunLanguage): Table {
  const centered = { align: AlignmentType.CENTER } as const;
  const higher = input.higherBody.trim();
  const left = [
    lineOf(fonts, higher ? upper(higher) : DOTS, centered),
    lineOf(fonts, issuer(documentText(t), t, input.cellName), { ...centered, bold: true }),
    lineOf(fonts, "*", centered),
  ];
  const dateLine = dateLineOf(text, input.place, input.issuedDay);
  const right = [
    lineOf(fonts, text("party"), { ...centered, bold: true, size: LARGE, underline: { type: UnderlineType.SINGLE } }),
    lineOf(fonts, "", centered),
    lineOf(fonts, dateLine, { ...centered, italics: true }),
  ];
  const leftWidth = Math.round(TEXT_WIDTH * 0.44);
  return borderless([leftWidth, TEXT_WIDTH - leftWidth], [[left, right]], fonts);
}

function body(fonts: RunLanguage, value: string, options: LineOptions = {}): Paragraph {
  return lineOf(fonts, value, { indent: true, after: 80, line: 300, ...options });
}

function heading(fonts: RunLanguage, value: string): Paragraph {
  return lineOf(fonts, value, { bold: true, before: 120, after: 80, line: 300, keepNext: true, align: AlignmentType.LEFT });
}

/** A bordered table: a shaded header row that repeats on every page, then the rows. */
function table(fonts: RunLanguage, widths: number[], headers: string[], rows: string[][]): Table {
  const cell = (value: string, i: number, style: LineOptions = {}) =>
    cellOf(
      fonts,
      widths[i] ?? 0,
      value.split("\n").map((line) => lineOf(fonts, line, { size: TABLE, align: i === 0 ? AlignmentType.CENTER : AlignmentType.LEFT, ...style })),
    );
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: headers.map((h, i) =>
          cellOf(fonts, widths[i] ?? 0, [lineOf(fonts, h, { size: TABLE, bold: true, align: AlignmentType.CENTER })], { shade: true }),
        ),
      }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, i)) })),
    ],
  });
}

/**
 * "30/11/2026" in 13 pt Times New Roman with the cell's padding, and some room: a date column
 * this wide never breaks the date over two lines (a share of the page did, at 13 %).
 */
const DATE_WIDTH = 1500;

/** Column widths from shares of the text width; a `null` share is a date column of DATE_WIDTH. */
const widthsOf = (shares: (number | null)[]): number[] => {
  const fixed = shares.filter((s) => s === null).length * DATE_WIDTH;
  const total = shares.reduce<number>((a, b) => a + (b ?? 0), 0);
  const widths = shares.map((s) => (s === null ? DATE_WIDTH : Math.floor(((TEXT_WIDTH - fixed) * s) / total)));
  let last = shares.length - 1;
  while (last > 0 && shares[last] === null) last--;
  widths[last]! += TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths;
};

function signature(input: PersonalPaperHead, text: DocText, fonts: RunLanguage): Table {
  const centered = { align: AlignmentType.CENTER } as const;
  const right = [
    lineOf(fonts, text("writer"), { ...centered, bold: true }),
    lineOf(fonts, text("signHint"), { ...centered, italics: true }),
    ...Array.from({ length: 3 }, () => lineOf(fonts, "", centered)),
    lineOf(fonts, input.memberName, { ...centered, bold: true }),
  ];
  const leftWidth = Math.round(TEXT_WIDTH * 0.5);
  return borderless([leftWidth, TEXT_WIDTH - leftWidth], [[[], right]], fonts);
}

/** Who writes: name, position in the cell (when known), the cell. */
function identity(input: PersonalPaperHead, text: DocText, t: TFunction, fonts: RunLanguage): Paragraph[] {
  return [
    body(fonts, text("name", { name: input.memberName })),
    ...(input.role ? [body(fonts, text("position", { position: String(t(`common:role.${input.role}`, { lng: input.locale })) }))] : []),
    body(fonts, text("cell", { cell: input.cellName })),
  ];
}

/**
 * The chi ủy's comment on the plan (nhận xét của chi ủy), written by hand at the meeting that
 * hears it: dotted lines, then "T/M CHI ỦY" and the secretary's signature, kept together.
 */
function committeeComment(text: DocText, fonts: RunLanguage): (Paragraph | Table)[] {
  const centered = { align: AlignmentType.CENTER } as const;
  const signed = [
    lineOf(fonts, text("comment.onBehalf"), { ...centered, bold: true }),
    lineOf(fonts, text("comment.secretary"), { ...centered, bold: true }),
    lineOf(fonts, text("signHint"), { ...centered, italics: true }),
    ...Array.from({ length: 3 }, () => lineOf(fonts, "", centered)),
  ];
  const leftWidth = Math.round(TEXT_WIDTH * 0.5);
  return [
    lineOf(fonts, text("comment.heading"), { bold: true, before: 360, after: 80, line: 300, keepNext: true, align: AlignmentType.CENTER }),
    ...Array.from({ length: 5 }, () => dottedLine(true)),
    lineOf(fonts, "", { after: 120, keepNext: true }),
    borderless([leftWidth, TEXT_WIDTH - leftWidth], [[[], signed]], fonts),
  ];
}

async function paper(input: PersonalPaperHead, title: string, children: (Paragraph | Table)[]): Promise<Buffer> {
  const lang = input.locale === "vi" ? "vi-VN" : "en-US";
  const document = new Document({
    creator: input.memberName,
    title,
    styles: { default: { document: { run: { font: FONT, size: BODY, language: { value: lang } } } } },
    sections: [{ properties: { page: { size: PAGE, margin: { ...MARGIN, header: Math.round(10 * MM) } } }, children }],
  });
  return Packer.toBuffer(document);
}

/**
 * The member's correction plan after a round.
 *
 * @example
 *   const bytes = await renderPlanDocx(input, i18n.t("vi"));
 */
export async function renderPlanDocx(input: PlanDocumentInput, t: TFunction): Promise<Buffer> {
  const text = documentText(t, "papers");
  const month = documentText(t);
  const fonts: RunLanguage = { lang: input.locale === "vi" ? "vi-VN" : "en-US" };
  const centered = { align: AlignmentType.CENTER, bold: true } as const;
  const children: (Paragraph | Table)[] = [
    head(input, text, t, fonts),
    lineOf(fonts, "", { after: 120 }),
    lineOf(fonts, text("plan.title"), { ...centered, size: LARGE, before: 120 }),
    lineOf(fonts, text("plan.subtitle"), centered),
    lineOf(fonts, text("plan.round", { round: input.roundTitle, deadline: showDay(input.deadlineDay) }), { align: AlignmentType.CENTER, italics: true }),
    lineOf(fonts, "-----", { align: AlignmentType.CENTER, after: 240 }),
    ...identity(input, text, t, fonts),
    body(fonts, text("plan.intro")),
  ];
  if (input.items.length === 0) {
    children.push(body(fonts, text("plan.none")));
  } else {
    const rows = input.items.map((item, i) => [
      String(i + 1),
      `${item.code}. ${item.short}\n(${text(`level.${item.level}`)})`,
      item.measure ?? "—",
      showDay(item.targetDate) || "—",
      item.progress.length === 0
        ? text("plan.noProgress")
        : item.progress.map((p) => `${showMonth(month, p.period)}: ${text(`status.${p.status}`)}${p.note ? ` — ${p.note}` : ""}`).join("\n"),
    ]);
    children.push(
      table(
        fonts,
        widthsOf([6, 26, 32, null, 22]),
        ["plan.columns.no", "plan.columns.item", "plan.columns.measure", "plan.columns.date", "plan.columns.progress"].map((k) => text(k)),
        rows,
      ),
    );
  }
  children.push(body(fonts, text("plan.pledge"), { before: 160 }));
  children.push(lineOf(fonts, "", { after: 240, keepNext: true }));
  children.push(signature(input, text, fonts));
  children.push(...committeeComment(text, fonts));
  return paper(input, text("plan.fileTitle", { name: input.memberName }), children);
}

/**
 * The member's record of a year: rounds taken part in, items, measures and what became of them.
 *
 * @example
 *   const bytes = await renderReviewDocx(input, i18n.t("vi"));
 */
export async function renderReviewDocx(input: ReviewDocumentInput, t: TFunction): Promise<Buffer> {
  const text = documentText(t, "papers");
  const month = documentText(t);
  const fonts: RunLanguage = { lang: input.locale === "vi" ? "vi-VN" : "en-US" };
  const centered = { align: AlignmentType.CENTER, bold: true } as const;
  const { totals } = input;
  const children: (Paragraph | Table)[] = [
    head(input, text, t, fonts),
    lineOf(fonts, "", { after: 120 }),
    lineOf(fonts, text("review.title", { year: input.year }), { ...centered, size: LARGE, before: 120 }),
    lineOf(fonts, text("review.subtitle"), { align: AlignmentType.CENTER, italics: true }),
    lineOf(fonts, "-----", { align: AlignmentType.CENTER, after: 240 }),
    ...identity(input, text, t, fonts),
    heading(fonts, text("review.roundsHeading")),
    body(fonts, text("review.tookPart", { count: totals.tookPart, rounds: totals.rounds })),
    ...input.rounds.map((r) => body(fonts, text(r.tookPart ? "review.roundYes" : "review.roundNo", { round: r.title, deadline: showDay(r.deadlineDay) }))),
    heading(fonts, text("review.itemsHeading")),
  ];
  if (input.items.length === 0) {
    children.push(body(fonts, text("review.noItems")));
  } else {
    const outcome = (i: ReviewDocumentInput["items"][number]) =>
      i.state === "corrected" ? text("review.state.corrected", { month: showMonth(month, i.correctedIn) }) : text(`review.state.${i.state}`);
    const rows = input.items.map((i, n) => [
      String(n + 1),
      i.roundTitle,
      `${i.code}. ${i.short}\n(${text(`level.${i.level}`)})`,
      i.measure ?? "—",
      showDay(i.targetDate) || "—",
      outcome(i),
    ]);
    children.push(
      table(
        fonts,
        widthsOf([6, 16, 22, 28, null, 15]),
        ["review.columns.no", "review.columns.round", "review.columns.item", "review.columns.measure", "review.columns.date", "review.columns.outcome"].map(
          (k) => text(k),
        ),
        rows,
      ),
    );
  }
  children.push(body(fonts, text("review.totals", totals), { before: 160 }));
  children.push(heading(fonts, text("review.selfHeading")));
  for (let i = 0; i < 5; i++) children.push(dottedLine(i >= 3));
  children.push(lineOf(fonts, "", { after: 240, keepNext: true }));
  children.push(signature(input, text, fonts));
  return paper(input, text("review.fileTitle", { name: input.memberName, year: input.year }), children);
}
