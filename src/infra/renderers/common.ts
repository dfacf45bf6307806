/**
 * What the report renderers share: plain-text translation (documents are not HTML, so
 * i18next must not escape names), day and month formatting, and the per-item change sign.
 */
import type { TFunction } from "i18next";
import { dayParts, formatDay } from "../../domain/calendar.js";

/** Translates a key of locales/<lang>/documents.json with unescaped values. */
export type DocText = (key: string, values?: Record<string, string | number>) => string;

/**
 * Wraps the app's TFunction for documents: the key is prefixed with the `documents`
 * namespace and interpolated values are inserted as they are (no HTML escaping, since
 * docx, exceljs and our SVG writer escape for their own formats).
 */
export function documentText(t: TFunction, namespace = "documents"): DocText {
  return (key, values = {}) => String(t(`${namespace}:${key}`, { ...values, interpolation: { escapeValue: false } }));
}

/** "2026-12-05" → { dd: "05", mm: "12", yyyy: "2026" }, for the date line of the document. */
export function dayFields(day: string): { dd: string; mm: string; yyyy: string } {
  const { year, month, date } = dayParts(day);
  return { dd: String(date).padStart(2, "0"), mm: String(month).padStart(2, "0"), yyyy: String(year) };
}

/** "2026-12-05" → "05/12/2026"; null or empty → "". */
export function showDay(day: string | null): string {
  return day ? formatDay(day) : "";
}

/** "2026-11" → "11/2026" through the locale's month pattern. */
export function showMonth(text: DocText, period: string | null): string {
  if (!period) return "";
  const { year, month } = dayParts(`${period}-01`);
  return text("common.month", { mm: String(month).padStart(2, "0"), yyyy: String(year) });
}

/** Change from the previous round (shared with the chat summary). */
export { signedChange } from "../../domain/report.js";

const ROMAN: [number, string][] = [
  [10, "X"],
  [9, "IX"],
  [5, "V"],
  [4, "IV"],
  [1, "I"],
];

/** Section numbers of the report: 1 → "I", 4 → "IV". */
export function roman(n: number): string {
  let out = "";
  let rest = n;
  for (const [value, numeral] of ROMAN) {
    while (rest >= value) {
      out += numeral;
      rest -= value;
    }
  }
  return out;
}

/** Upper case by Vietnamese rules (keeps every diacritic: "Chi bộ" → "CHI BỘ"). */
export function upper(text: string): string {
  return text.toLocaleUpperCase("vi");
}
