/**
 * The printable guides (docs/huong-dan-bi-thu.md for a cell's secretary, docs/huong-dan-van-phong.md
 * for a committee's office) as Word files: one A4 page each, Times New Roman, drawn from the
 * same Markdown the repository shows, so the two never drift apart. The Markdown is a small
 * subset: "# " the title, "## " a heading, "1. " and "- " list lines, other lines paragraphs;
 * **bold** (a button's name) and `code` (what to type) inside a line.
 */
import { readFile } from "node:fs/promises";
import { AlignmentType, Document, LineRuleType, Packer, Paragraph, TextRun } from "docx";
import { FONT, MM, PAGE } from "./docx.js";

/** Whose guide: a cell's secretary (and deputy), or a committee's office (its officers). */
export type GuideKind = "secretary" | "office";

const FILES: Record<GuideKind, string> = { secretary: "huong-dan-bi-thu", office: "huong-dan-van-phong" };

/** Body text in half-points: 12 pt, and each guide still fits one A4 page. */
const SIZE = 24;
const CODE_FONT = "Courier New";

/** The guide's Markdown, as in the repository (docs/). */
export function guideMarkdown(kind: GuideKind): Promise<string> {
  return readFile(new URL(`../../../docs/${FILES[kind]}.md`, import.meta.url), "utf8");
}

/** The file name the guide is sent under, e.g. "huong-dan-bi-thu.docx". */
export const guideFileName = (kind: GuideKind): string => `${FILES[kind]}.docx`;

/** A line's runs: **bold** as bold, `code` in a typewriter face (typed exactly), the rest plain. */
function runs(text: string, size: number, bold = false): TextRun[] {
  return text
    .split(/(\*\*[^*]+\*\*|`[^`]+`)/)
    .filter((part) => part !== "")
    .map((part) => {
      if (part.startsWith("**") && part.endsWith("**")) return new TextRun({ text: part.slice(2, -2), bold: true, size });
      if (part.startsWith("`") && part.endsWith("`")) return new TextRun({ text: part.slice(1, -1), font: CODE_FONT, size: size - 2, bold });
      return new TextRun({ text: part, size, bold });
    });
}

const spacing = (before: number, after: number) => ({ before, after, line: 252, lineRule: LineRuleType.AUTO });

/** The Markdown subset as paragraphs. */
export function guideParagraphs(markdown: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  for (const raw of markdown.split("\n")) {
    const line = raw.trimEnd();
    if (line.trim() === "") continue;
    if (line.startsWith("# ")) {
      paragraphs.push(
        new Paragraph({ alignment: AlignmentType.CENTER, spacing: spacing(0, 120), children: runs(line.slice(2).toUpperCase(), SIZE + 5, true) }),
      );
    } else if (line.startsWith("## ")) {
      paragraphs.push(new Paragraph({ keepNext: true, spacing: spacing(120, 40), children: runs(line.slice(3), SIZE + 1, true) }));
    } else {
      const item = /^(\d+\.|-)\s+(.*)$/.exec(line);
      if (item) {
        const marker = item[1] === "-" ? "•" : item[1]!;
        paragraphs.push(
          new Paragraph({
            alignment: AlignmentType.JUSTIFIED,
            spacing: spacing(0, 30),
            indent: { left: 360, hanging: 280 },
            children: [new TextRun({ text: `${marker}\t`, size: SIZE }), ...runs(item[2]!, SIZE)],
            tabStops: [{ type: "left", position: 360 }],
          }),
        );
      } else {
        paragraphs.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: spacing(0, 60), children: runs(line, SIZE) }));
      }
    }
  }
  return paragraphs;
}

/**
 * The guide as a DOCX: A4, narrow margins, one page.
 *
 * @example
 *   await ctx.replyWithDocument(new InputFile(await renderGuideDocx("secretary"), guideFileName("secretary")));
 */
export async function renderGuideDocx(kind: GuideKind): Promise<Buffer> {
  const markdown = await guideMarkdown(kind);
  const title = /^# (.*)$/m.exec(markdown)?.[1] ?? FILES[kind];
  const margin = Math.round(15 * MM);
  const document = new Document({
    title,
    styles: { default: { document: { run: { font: FONT, size: SIZE, language: { value: "vi-VN" } } } } },
    sections: [
      {
        properties: { page: { size: PAGE, margin: { top: margin, bottom: margin, left: Math.round(20 * MM), right: margin } } },
        children: guideParagraphs(markdown),
      },
    ],
  });
  return Packer.toBuffer(document);
}
