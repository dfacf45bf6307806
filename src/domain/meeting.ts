/**
 * The meeting (sinh hoạt chuyên đề) a round is discussed at: its day, members present out of
 * the total, who chaired. Aggregate figures only. Pure parsing and checks; the use case
 * (app/meeting.ts) stores it.
 */
import { compareDays, parseTypedDay, type Day } from "./calendar.js";

/** A cell's meeting as recorded. */
export interface Meeting {
  /** "YYYY-MM-DD" in the cell's time zone. */
  day: Day;
  present: number;
  total: number;
  /** Who chaired; empty when not given. */
  chair: string;
}

/** Upper bound of members a cell's meeting may count (a cell is tens, not thousands). */
export const MEETING_MAX_TOTAL = 9999;

export type DayCheck = { ok: true; day: Day } | { ok: false; reason: "format" | "impossible" | "future" | "beforeRound" };

/** A typed meeting day: a real dd/mm/yyyy, not after `today`, not before the round opened (`earliest`). */
export function checkMeetingDay(text: string, today: Day, earliest: Day): DayCheck {
  const parsed = parseTypedDay(text.trim());
  if (!parsed.ok) return parsed;
  if (compareDays(parsed.day, today) > 0) return { ok: false, reason: "future" };
  if (compareDays(parsed.day, earliest) < 0) return { ok: false, reason: "beforeRound" };
  return { ok: true, day: parsed.day };
}

export type AttendanceCheck = { ok: true; present: number; total: number } | { ok: false; reason: "format" | "noMembers" | "morePresent" };

/** "18/20": members present out of the total (the total at least 1, present not more than it). */
export function parseAttendance(text: string): AttendanceCheck {
  const m = /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/.exec(text);
  if (!m) return { ok: false, reason: "format" };
  const present = Number(m[1]);
  const total = Number(m[2]);
  if (total < 1) return { ok: false, reason: "noMembers" };
  if (present > total) return { ok: false, reason: "morePresent" };
  return { ok: true, present, total };
}

export type MeetingArgs =
  | { kind: "none" }
  | { kind: "ok"; day: Day; present: number; total: number }
  | { kind: "usage" }
  | { kind: "badDay"; reason: "format" | "impossible" | "future" | "beforeRound" }
  | { kind: "badAttendance"; reason: "format" | "noMembers" | "morePresent" };

/** `/sinhhoat dd/mm/yyyy <có mặt>/<tổng số>`: both parts, checked; no arguments: the step-by-step questions. */
export function parseMeetingArgs(args: string, today: Day, earliest: Day): MeetingArgs {
  const parts = args.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return { kind: "none" };
  if (parts.length !== 2) return { kind: "usage" };
  const day = checkMeetingDay(parts[0]!, today, earliest);
  if (!day.ok) return { kind: "badDay", reason: day.reason };
  const attendance = parseAttendance(parts[1]!);
  if (!attendance.ok) return { kind: "badAttendance", reason: attendance.reason };
  return { kind: "ok", day: day.day, present: attendance.present, total: attendance.total };
}

/** One row of the item-count sheet a committee's office fills for a unit not on the bot (null cell: a formula). */
export interface ItemSheetRow {
  row: number;
  code: string | null;
  count: string | null;
}

export type ItemSheetProblem =
  | { row: number; column: "code"; kind: "unknownCode"; value: string }
  | { row: number; column: "code"; kind: "duplicate"; value: string; firstRow: number }
  | { row: number; column: "code" | "count"; kind: "formula" }
  | { row: number; column: "count"; kind: "notNumber"; value: string }
  | { row: number; column: "count"; kind: "moreThanSubmitted"; value: number; submitted: number };

export type ItemSheetCheck = { ok: true; items: Record<string, number> } | { ok: false; problems: ItemSheetProblem[] };

/**
 * The filled sheet: every row's item code one of the campaign's, once; its count a whole number
 * (empty: 0), at most the unit's submitted forms. Every problem at once, by row and column.
 */
export function checkItemSheet(rows: ItemSheetRow[], codes: readonly string[], submitted: number): ItemSheetCheck {
  const known = new Set(codes);
  const seen = new Map<string, number>();
  const problems: ItemSheetProblem[] = [];
  const items: Record<string, number> = {};
  for (const r of rows) {
    if (r.code === null) problems.push({ row: r.row, column: "code", kind: "formula" });
    if (r.count === null) problems.push({ row: r.row, column: "count", kind: "formula" });
    const code = (r.code ?? "").trim();
    const text = (r.count ?? "").trim();
    if (r.code === null || (!code && !text)) continue;
    if (!known.has(code)) {
      problems.push({ row: r.row, column: "code", kind: "unknownCode", value: code });
      continue;
    }
    const first = seen.get(code);
    if (first !== undefined) {
      problems.push({ row: r.row, column: "code", kind: "duplicate", value: code, firstRow: first });
      continue;
    }
    seen.set(code, r.row);
    if (r.count === null) continue;
    if (!/^\d{1,6}$/.test(text || "0")) {
      problems.push({ row: r.row, column: "count", kind: "notNumber", value: text });
      continue;
    }
    const count = Number(text || "0");
    if (count > submitted) problems.push({ row: r.row, column: "count", kind: "moreThanSubmitted", value: count, submitted });
    else if (count > 0) items[code] = count;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, items };
}
