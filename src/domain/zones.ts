/**
 * Time zones as people read them: "giờ Việt Nam" for the cells' own zone, the UTC offset
 * ("UTC+9", "UTC+5:30", "UTC-3") for any other, never a raw IANA identifier.
 */
import { zonedParts } from "./calendar.js";

/** The IANA names of Vietnam's time (Asia/Saigon is the older alias). */
const VIETNAM_ZONES = new Set(["Asia/Ho_Chi_Minh", "Asia/Saigon"]);

export function isVietnamTime(timeZone: string): boolean {
  return VIETNAM_ZONES.has(timeZone);
}

/** The zone's offset from UTC at an instant, in whole minutes (UTC+7 → 420). */
export function utcOffsetMinutes(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.date, p.hour, p.minute, p.second);
  return Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** "UTC+7", "UTC+5:30", "UTC-3", "UTC": the offset at `instant` (it may change with DST). */
export function utcOffsetLabel(instant: Date, timeZone: string): string {
  const minutes = utcOffsetMinutes(instant, timeZone);
  if (minutes === 0) return "UTC";
  const sign = minutes > 0 ? "+" : "-";
  const abs = Math.abs(minutes);
  const hours = Math.floor(abs / 60);
  const rest = abs % 60;
  return `UTC${sign}${hours}${rest ? `:${String(rest).padStart(2, "0")}` : ""}`;
}
