/**
 * Charts drawn on the server as SVG (no script): horizontal bars, one per row, each with its
 * label and value as text, a <title> and an aria-label; the page puts the full table beside it.
 */
import { escapeText } from "./html.js";

export interface Bar {
  label: string;
  value: number;
}

export function barChart(bars: Bar[], description: string): string {
  const rowHeight = 28;
  const labelWidth = 300;
  const barWidth = 300;
  const width = labelWidth + barWidth + 50;
  const height = Math.max(bars.length, 1) * rowHeight + 8;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rows = bars.map((bar, i) => {
    const y = 4 + i * rowHeight;
    const w = Math.max(bar.value > 0 ? 2 : 0, Math.round((bar.value / max) * barWidth));
    const label = bar.label.length > 40 ? `${bar.label.slice(0, 39)}…` : bar.label;
    return (
      `<g><title>${escapeText(`${bar.label}: ${bar.value}`)}</title>` +
      `<text x="${labelWidth - 6}" y="${y + 18}" text-anchor="end" class="chart-label">${escapeText(label)}</text>` +
      `<rect x="${labelWidth}" y="${y + 4}" width="${w}" height="${rowHeight - 10}" class="chart-bar"/>` +
      `<text x="${labelWidth + w + 6}" y="${y + 18}" class="chart-value">${bar.value}</text></g>`
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="${escapeText(description)}" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet">` +
    `<title>${escapeText(description)}</title>${rows.join("")}</svg>`
  );
}
