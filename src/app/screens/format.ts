/** Days, times and localized text as screens show them (every channel). */
import { dayInZone, formatDay, zonedParts } from "../../domain/calendar.js";
import type { LocalizedText } from "../../domain/checklist.js";
import type { Locale } from "../../config.js";

/** The text in the user's language. */
export const local = (text: LocalizedText, locale: Locale): string => text[locale];

/** "14:05 22/11/2026" in the cell's time zone. */
export function formatTime(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")} ${formatDay(dayInZone(instant, timeZone))}`;
}

/** A follow-up month, "2026-11" → "11/2026". */
export const formatPeriod = (period: string): string => `${period.slice(5, 7)}/${period.slice(0, 4)}`;
