/**
 * Calendar days and time zones without a date library. A calendar day is "YYYY-MM-DD"
 * (target dates, deadline days); an instant is a Date. Time zones are IANA names.
 */

/** A calendar day, "YYYY-MM-DD". */
export type Day = string;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** Builds a Day from its parts (no validation). */
export function dayOf(year: number, month: number, date: number): Day {
  return `${pad(year, 4)}-${pad(month)}-${pad(date)}`;
}

export function dayParts(day: Day): { year: number; month: number; date: number } {
  const [y, m, d] = day.split("-").map(Number);
  return { year: y!, month: m!, date: d! };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True when the parts name a real calendar day (31/02 is not). */
export function isRealDay(year: number, month: number, date: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(date) &&
    year >= 1900 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    date >= 1 &&
    date <= daysInMonth(year, month)
  );
}

export type DayParseResult = { ok: true; day: Day } | { ok: false; reason: "format" | "impossible" };

/**
 * Parses a typed date "dd/mm/yyyy" (also accepts "-" or "." as separators and 1-digit day
 * or month), e.g. "5/12/2026" → "2026-12-05".
 */
export function parseTypedDay(text: string): DayParseResult {
  const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!match) return { ok: false, reason: "format" };
  const [date, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!isRealDay(year, month, date)) return { ok: false, reason: "impossible" };
  return { ok: true, day: dayOf(year, month, date) };
}

/**
 * How far ahead a typed date may be, in months from today (in the cell's or committee's zone).
 * A round's or a campaign's deadline and a pause (/tamdung) at most a year: a self-criticism
 * round runs weeks, reviews are yearly, and a pause is a holiday (92 days at most, domain/pause.ts),
 * so anything later is a typo (01/01/9999, 2062 for 2026). A measure's target date at most two
 * years: a correction may reasonably run to the end of next year, past the next yearly review.
 * The README ("Dates") states the same.
 */
export const TYPED_DAY_HORIZON_MONTHS = { deadline: 12, pause: 12, target: 24 } as const;
export type TypedDayKind = keyof typeof TYPED_DAY_HORIZON_MONTHS;

/** The latest day a person may type for `kind`, seen from `today`. */
export function latestTypedDay(today: Day, kind: TypedDayKind): Day {
  return addMonths(today, TYPED_DAY_HORIZON_MONTHS[kind]);
}

/** True when `day` is past the horizon of `kind` seen from `today`. */
export function beyondHorizon(day: Day, today: Day, kind: TypedDayKind): boolean {
  return compareDays(day, latestTypedDay(today, kind)) > 0;
}

export type BoundedDayParseResult = DayParseResult | { ok: false; reason: "tooFar"; latest: Day };

/** parseTypedDay, then the horizon of `kind`: every typed date goes through here (or beyondHorizon). */
export function parseTypedDayWithin(text: string, today: Day, kind: TypedDayKind): BoundedDayParseResult {
  const parsed = parseTypedDay(text);
  if (parsed.ok && beyondHorizon(parsed.day, today, kind)) return { ok: false, reason: "tooFar", latest: latestTypedDay(today, kind) };
  return parsed;
}

/** "2026-12-05" → "05/12/2026", the way Vietnamese users write dates. */
export function formatDay(day: Day): string {
  const { year, month, date } = dayParts(day);
  return `${pad(date)}/${pad(month)}/${pad(year, 4)}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    zoneFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock parts of an instant in a time zone. */
export function zonedParts(instant: Date, timeZone: string) {
  const parts = Object.fromEntries(
    zoneFormatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    date: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The calendar day of an instant in a time zone. */
export function dayInZone(instant: Date, timeZone: string): Day {
  const p = zonedParts(instant, timeZone);
  return dayOf(p.year, p.month, p.date);
}

/** Offset of the zone from UTC at an instant, in milliseconds (UTC+7 → 25 200 000). */
function zoneOffset(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.date, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant at which the wall clock in `timeZone` shows `day` `hour:minute:second.ms`. */
export function zonedInstant(day: Day, timeZone: string, hour = 0, minute = 0, second = 0, ms = 0): Date {
  const { year, month, date } = dayParts(day);
  const wall = Date.UTC(year, month - 1, date, hour, minute, second, ms);
  let instant = wall - zoneOffset(new Date(wall), timeZone);
  // A second pass settles days when the offset changes (DST) between the guess and the answer.
  instant = wall - zoneOffset(new Date(instant), timeZone);
  return new Date(instant);
}

/** The last instant of a day in a zone: a deadline "dd/mm/yyyy" means that day 23:59. */
export function endOfDay(day: Day, timeZone: string): Date {
  return zonedInstant(day, timeZone, 23, 59, 59, 999);
}

/** Adds whole months, clamping to the month's last day (31/08 + 6 months → 28/02 or 29/02). */
export function addMonths(day: Day, months: number): Day {
  const { year, month, date } = dayParts(day);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return dayOf(y, m, Math.min(date, daysInMonth(y, m)));
}

export function endOfMonth(day: Day): Day {
  const { year, month } = dayParts(day);
  return dayOf(year, month, daysInMonth(year, month));
}

export function endOfYear(day: Day): Day {
  return dayOf(dayParts(day).year, 12, 31);
}

/** Days compare as strings because the format is fixed-width. */
export function compareDays(a: Day, b: Day): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
