/**
 * Time zones as people read them: "giờ Việt Nam" for the cells' own zone, the UTC offset
 * ("UTC+9", "UTC+5:30", "UTC-3") for any other, never a raw IANA identifier.
 */
import { isValidTimeZone, zonedParts } from "./calendar.js";

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

/** Words IANA zone names spell in capitals (Etc/GMT-7, US/Eastern, UTC). */
const ZONE_ACRONYMS = new Set(["gmt", "utc", "uct", "us"]);

/**
 * The spelling to store and show. Intl accepts any letter case ("asia/ho_chi_minh"), so the
 * spelling only matters to people: a zone Node lists is stored as listed; any other valid
 * zone as typed (Etc/GMT-7, US/Eastern are real IANA names that Node does not list). Only
 * all-lower-case input, which nobody chose on purpose, gets the usual capitals guessed.
 */
export function zoneSpelling(zone: string): string {
  const known = Intl.supportedValuesOf("timeZone");
  const listed = known.find((z) => z.toLowerCase() === zone.toLowerCase());
  if (listed) return listed;
  if (zone !== zone.toLowerCase()) return zone;
  // ICU lists some zones only by their old alias (Asia/Saigon for Asia/Ho_Chi_Minh).
  return zone.replace(/[a-z0-9]+/g, (word) => (ZONE_ACRONYMS.has(word) || /\d/.test(word) ? word.toUpperCase() : word[0]!.toUpperCase() + word.slice(1)));
}

/**
 * Zones offered when a typed one is not recognised (/caidat muigio): Vietnam's first, then
 * where cells abroad (embassies, students, workers) most often are.
 */
export const COMMON_ZONES = [
  "Asia/Ho_Chi_Minh",
  "Asia/Bangkok",
  "Asia/Vientiane",
  "Asia/Phnom_Penh",
  "Asia/Shanghai",
  "Asia/Seoul",
  "Asia/Tokyo",
  "Asia/Singapore",
  "Australia/Sydney",
  "Europe/Moscow",
  "Europe/Berlin",
  "Europe/Paris",
  "Europe/London",
  "America/New_York",
  "America/Los_Angeles",
] as const;

export type ZoneParse = { ok: true; zone: string } | { ok: false };

/** A typed IANA zone, validated as the configuration validates DEFAULT_TIMEZONE, in its stored spelling. */
export function parseZone(text: string): ZoneParse {
  const zone = text.trim();
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone) || !isValidTimeZone(zone)) return { ok: false };
  return { ok: true, zone: zoneSpelling(zone) };
}
