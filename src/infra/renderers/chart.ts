/**
 * The round's chart for the group chat: horizontal bars, one per item marked by at least one
 * member, under the three group titles, with minor and needs-correction stacked. The SVG is
 * written by hand and rasterised by resvg with the DejaVu fonts shipped in node_modules, so
 * Vietnamese diacritics render the same on every machine (no system fonts).
 */
import { createRequire } from "node:module";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import type { TFunction } from "i18next";
import type { ReportDocumentInput } from "../../app/documents.js";
import { documentText } from "./common.js";

/** Width of the PNG in pixels; the height grows with the number of rows. */
export const CHART_WIDTH = 1200;

const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")), "ttf");
export const FONT_FILES = [path.join(fontDir, "DejaVuSans.ttf"), path.join(fontDir, "DejaVuSans-Bold.ttf")];

export const COLOR = { minor: "#F2B705", significant: "#C62828", text: "#1F2937", muted: "#6B7280", grid: "#E5E7EB", band: "#F3F4F6" };
export const PAD = 40;
const LABEL_X = PAD;
const LABEL_WIDTH = 520;
const BAR_X = PAD + LABEL_WIDTH + 20;
/** Room after the longest bar for its count. */
const BAR_WIDTH = CHART_WIDTH - BAR_X - PAD - 50;
const LABEL_SIZE = 16;
/** DejaVu Sans averages a little under 0.6 em per character; estimate generously. */
const CHAR_EM = 0.6;

/** Escapes text for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function textWidth(text: string, size: number, bold = false): number {
  return [...text].length * size * (bold ? CHAR_EM + 0.06 : CHAR_EM);
}

/** Shortens text to an estimated width, ending in "…". */
export function fit(text: string, size: number, width: number, bold = false): string {
  if (textWidth(text, size, bold) <= width) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(`${chars.join("")}…`, size, bold) > width) chars.pop();
  return `${chars.join("").trimEnd()}…`;
}

/**
 * Word-wraps text into at most `maxLines` lines of `width`, the last one shortened with "…"
 * if the text is longer still (a long committee's name and a campaign's title fit in two).
 */
export function wrapText(text: string, size: number, width: number, bold = false, maxLines = 2): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidth(candidate, size, bold) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines.map((l) => fit(l, size, width, bold));
  return [...lines.slice(0, maxLines - 1), fit(lines.slice(maxLines - 1).join(" "), size, width, bold)];
}

/** Word-wraps a label into at most two lines of the label column. */
function wrap(text: string): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidth(candidate, LABEL_SIZE) > LABEL_WIDTH) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= 2) return lines;
  return [lines[0] ?? "", fit(lines.slice(1).join(" "), LABEL_SIZE, LABEL_WIDTH)];
}

/** A step of 1, 2 or 5 × 10ⁿ giving at most about eight grid lines. */
function gridStep(max: number): number {
  const rough = Math.max(1, max / 8);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? rough;
  return Math.max(1, step);
}

export function svgText(x: number, y: number, content: string, attrs: Record<string, string | number> = {}): string {
  const extra = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join("");
  return `<text x="${x}" y="${y}"${extra}>${escapeXml(content)}</text>`;
}

/**
 * Builds the chart's SVG (exported for tests: the PNG cannot be read back as text).
 */
export function renderChartSvg(input: ReportDocumentInput, t: TFunction): string {
  const text = documentText(t);
  const { data } = input;
  const parts: string[] = [];
  let y = 0;

  const title = text("chart.title", { cell: input.cellName, round: input.roundTitle });
  parts.push(svgText(PAD, 54, fit(title, 26, CHART_WIDTH - 2 * PAD, true), { "font-size": 26, "font-weight": "bold", fill: COLOR.text }));
  const marked = input.groups.flatMap((g) => g.items).filter((i) => i.total > 0);
  const subtitle = text(marked.length > 0 ? "chart.subtitleWithCaption" : "chart.subtitle", {
    submitted: data.submitted,
    total: data.total,
    percent: data.percent,
  });
  parts.push(svgText(PAD, 88, fit(subtitle, 17, CHART_WIDTH - 2 * PAD), { "font-size": 17, fill: COLOR.muted }));

  if (marked.length === 0) {
    const height = 400;
    const message = text(data.submitted === 0 ? "chart.noForms" : "chart.nothingMarked");
    parts.push(`<rect x="${PAD}" y="130" width="${CHART_WIDTH - 2 * PAD}" height="${height - 170}" rx="12" fill="${COLOR.band}"/>`);
    parts.push(
      svgText(CHART_WIDTH / 2, 130 + (height - 170) / 2 + 8, fit(message, 22, CHART_WIDTH - 4 * PAD), {
        "font-size": 22,
        fill: COLOR.muted,
        "text-anchor": "middle",
      }),
    );
    return wrapSvg(parts, height);
  }

  // Legend.
  const legendY = 112;
  let legendX = PAD;
  for (const key of ["minor", "significant"] as const) {
    const label = text(`chart.${key}`);
    parts.push(`<rect x="${legendX}" y="${legendY}" width="18" height="18" rx="3" fill="${COLOR[key]}"/>`);
    parts.push(svgText(legendX + 26, legendY + 15, label, { "font-size": 16, fill: COLOR.text }));
    legendX += 26 + textWidth(label, 16) + 36;
  }

  const max = Math.max(...marked.map((i) => i.total));
  const step = gridStep(max);
  const axisMax = Math.ceil(max / step) * step;
  const scale = BAR_WIDTH / axisMax;
  const rows: string[] = [];
  y = 150;
  const top = y;

  for (const group of input.groups) {
    rows.push(`<rect x="${PAD - 10}" y="${y + 6}" width="${CHART_WIDTH - 2 * PAD + 20}" height="34" rx="6" fill="${COLOR.band}"/>`);
    rows.push(svgText(PAD, y + 29, fit(group.title, 17, CHART_WIDTH - 2 * PAD, true), { "font-size": 17, "font-weight": "bold", fill: COLOR.text }));
    y += 46;
    const items = group.items.filter((i) => i.total > 0);
    if (items.length === 0) {
      rows.push(svgText(PAD + 16, y + 18, text("chart.groupEmpty"), { "font-size": 15, "font-style": "italic", fill: COLOR.muted }));
      y += 32;
      continue;
    }
    for (const item of items) {
      const lines = wrap(text("common.itemLabel", { code: item.code, short: item.short }));
      const rowHeight = lines.length > 1 ? 50 : 34;
      const mid = y + rowHeight / 2;
      lines.forEach((line, i) => {
        const baseline = mid + 6 + (i - (lines.length - 1) / 2) * 20;
        rows.push(svgText(LABEL_X, baseline, line, { "font-size": LABEL_SIZE, fill: COLOR.text }));
      });
      const minorWidth = item.minor * scale;
      const significantWidth = item.significant * scale;
      const barTop = mid - 11;
      if (minorWidth > 0) rows.push(`<rect x="${BAR_X}" y="${barTop}" width="${minorWidth.toFixed(1)}" height="22" fill="${COLOR.minor}"/>`);
      if (significantWidth > 0)
        rows.push(
          `<rect x="${(BAR_X + minorWidth).toFixed(1)}" y="${barTop}" width="${significantWidth.toFixed(1)}" height="22" fill="${COLOR.significant}"/>`,
        );
      if (minorWidth >= 28 && item.significant > 0)
        rows.push(svgText(BAR_X + minorWidth / 2, mid + 5, String(item.minor), { "font-size": 13, fill: COLOR.text, "text-anchor": "middle" }));
      if (significantWidth >= 28 && item.minor > 0)
        rows.push(
          svgText(BAR_X + minorWidth + significantWidth / 2, mid + 5, String(item.significant), { "font-size": 13, fill: "#FFFFFF", "text-anchor": "middle" }),
        );
      rows.push(svgText(BAR_X + minorWidth + significantWidth + 8, mid + 6, String(item.total), { "font-size": 16, "font-weight": "bold", fill: COLOR.text }));
      y += rowHeight;
    }
  }

  // Grid lines and the axis under the rows, drawn first so the bars sit on top.
  const grid: string[] = [];
  for (let value = 0; value <= axisMax; value += step) {
    const x = BAR_X + value * scale;
    grid.push(
      `<line x1="${x.toFixed(1)}" y1="${top}" x2="${x.toFixed(1)}" y2="${y + 6}" stroke="${value === 0 ? COLOR.muted : COLOR.grid}" stroke-width="1"/>`,
    );
    grid.push(svgText(x, y + 26, String(value), { "font-size": 14, fill: COLOR.muted, "text-anchor": "middle" }));
  }
  grid.push(svgText(BAR_X + BAR_WIDTH / 2, y + 50, text("chart.axis"), { "font-size": 15, fill: COLOR.muted, "text-anchor": "middle" }));

  parts.push(...grid, ...rows);
  return wrapSvg(parts, y + 72);
}

export function wrapSvg(parts: string[], height: number): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${Math.ceil(height)}" viewBox="0 0 ${CHART_WIDTH} ${Math.ceil(height)}" font-family="DejaVu Sans">`,
    `<rect width="100%" height="100%" fill="#FFFFFF"/>`,
    ...parts,
    `</svg>`,
  ].join("\n");
}

/**
 * Renders the round's bar chart as a PNG, 1200 px wide.
 *
 * @example
 *   await ctx.replyWithPhoto(new InputFile(renderChartPng(input, i18n.t("vi")), "bieu-do.png"));
 */
export function renderChartPng(input: ReportDocumentInput, t: TFunction): Buffer {
  const svg = renderChartSvg(input, t);
  const resvg = new Resvg(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" },
    fitTo: { mode: "width", value: CHART_WIDTH },
  });
  return resvg.render().asPng();
}
