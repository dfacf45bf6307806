/**
 * What is due at `now`: deadline reminders, the end of a round, the monthly follow-up.
 * Pure functions of the clock and the stored settings; the scheduler only asks "what is due
 * now?" on every tick, so a tick missed while the bot was down is caught up at the next one,
 * and idempotency keys make sure each message is enqueued once.
 */
import { addMonths, dayInZone, dayOf, dayParts, daysInMonth, zonedInstant, type Day } from "./calendar.js";

/** Reminders go out this many days before the deadline day, at 08:00 cell time. */
export const REMINDER_DAYS_BEFORE = [3, 1] as const;
export const REMINDER_TIME = { hour: 8, minute: 0 } as const;

/** The follow-up day of month: 1–28, or "last" (the last day of each month). */
export type FollowUpDay = number | "last";

export interface FollowUpSchedule {
  day: FollowUpDay;
  /** "HH:MM", 24-hour, cell time. */
  time: string;
  timeZone: string;
}

/** Stored form of the follow-up day: 0 means the last day of the month. */
export const encodeFollowUpDay = (day: FollowUpDay): number => (day === "last" ? 0 : day);
export const decodeFollowUpDay = (stored: number): FollowUpDay => (stored === 0 ? "last" : stored);

export type ScheduleParse = { ok: true; day: FollowUpDay; time: string } | { ok: false; reason: "day" | "dayTooLate" | "time" };

/**
 * Parses `/lich <ngày 1–28 | cuối> <HH:MM>`. Days 29–31 are refused ("dayTooLate"): not every
 * month has them; "cuối" (or "last") means the last day of each month.
 */
export function parseSchedule(dayText: string, timeText: string | undefined): ScheduleParse {
  const d = dayText.trim().toLowerCase();
  let day: FollowUpDay;
  if (d === "cuối" || d === "cuoi" || d === "last") day = "last";
  else if (/^\d{1,2}$/.test(d)) {
    const n = Number(d);
    if (n >= 29 && n <= 31) return { ok: false, reason: "dayTooLate" };
    if (n < 1 || n > 28) return { ok: false, reason: "day" };
    day = n;
  } else return { ok: false, reason: "day" };
  const time = parseTime(timeText ?? "08:00");
  if (!time) return { ok: false, reason: "time" };
  return { ok: true, day, time };
}

/** "8:05" or "08:05" → "08:05"; null when not a valid 24-hour time. */
export function parseTime(text: string): string | null {
  const m = /^\s*(\d{1,2})[:h.](\d{2})\s*$/.exec(text);
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}

/** A month, "YYYY-MM": the period a follow-up belongs to. */
export type Period = string;

export const periodOf = (day: Day): Period => day.slice(0, 7);

/** The instant of the follow-up in a given month. */
export function followUpInstant(period: Period, schedule: FollowUpSchedule): Date {
  const [year, month] = period.split("-").map(Number) as [number, number];
  const date = schedule.day === "last" ? daysInMonth(year, month) : schedule.day;
  const [hour, minute] = schedule.time.split(":").map(Number) as [number, number];
  return zonedInstant(dayOf(year, month, date), schedule.timeZone, hour, minute);
}

/** The period whose follow-up is due at `now` (this month's, once its time has come), or null. */
export function dueFollowUpPeriod(now: Date, schedule: FollowUpSchedule): Period | null {
  const period = periodOf(dayInZone(now, schedule.timeZone));
  return now.getTime() >= followUpInstant(period, schedule).getTime() ? period : null;
}

/** The month before `period`. */
export function previousPeriod(period: Period): Period {
  return periodOf(addMonths(`${period}-01`, -1));
}

/** A follow-up run: the month it is for and the moment it was due. */
export interface FollowUpRun {
  period: Period;
  at: Date;
}

/**
 * The follow-up to enqueue at `now`, given the last follow-up time already processed: this
 * month's once its time has come (again if /lich moved it later in the month); otherwise last
 * month's if it was missed (the bot was down across the end of the month, e.g. with a "last
 * day" schedule), but only if the cell already existed then (`since`). Null when nothing is
 * owed. Each member still gets at most one message a month (the outbox key).
 */
export function followUpToSend(now: Date, schedule: FollowUpSchedule, lastDoneAt: Date | null, since: Date): FollowUpRun | null {
  const owed = (at: Date) => lastDoneAt === null || lastDoneAt.getTime() < at.getTime();
  const current = periodOf(dayInZone(now, schedule.timeZone));
  const currentAt = followUpInstant(current, schedule);
  if (now.getTime() >= currentAt.getTime()) return owed(currentAt) ? { period: current, at: currentAt } : null;
  const previous = previousPeriod(current);
  const previousAt = followUpInstant(previous, schedule);
  return owed(previousAt) && since.getTime() < previousAt.getTime() ? { period: previous, at: previousAt } : null;
}

/** The next follow-up strictly after `now`. */
/**
 * Whether a round's measures have been asked about in `period` (issue 19): some answer of this
 * month, or this month's follow-up ran (`lastFollowUpAt` at or after its time) after the round
 * opened. Until then the month's figures would all read "no answer": reports say instead when
 * the bot will ask (the cell's /baocao and files, and the committee's roll-up per counted cell).
 */
export function followUpAskedFor(input: {
  period: Period;
  schedule: FollowUpSchedule;
  lastFollowUpAt: Date | null;
  roundOpenedAt: Date;
  answeredThisMonth: boolean;
}): boolean {
  const last = input.lastFollowUpAt;
  const ran = last !== null && last.getTime() >= followUpInstant(input.period, input.schedule).getTime() && last.getTime() > input.roundOpenedAt.getTime();
  return input.answeredThisMonth || ran;
}

export function nextFollowUp(now: Date, schedule: FollowUpSchedule): Date {
  const period = periodOf(dayInZone(now, schedule.timeZone));
  const thisMonth = followUpInstant(period, schedule);
  if (thisMonth.getTime() > now.getTime()) return thisMonth;
  return followUpInstant(periodOf(addMonths(`${period}-01`, 1)), schedule);
}

export interface ReminderDue {
  /** Days before the deadline day this reminder is for (3 or 1). */
  daysBefore: number;
  /** Whole days left until the deadline day, counted from today (0 on the deadline day). */
  daysLeft: number;
}

/**
 * The reminder due for a round at `now`: the latest one whose time has come, so a bot that was
 * down across the 3-day reminder and back after the 1-day one sends only the 1-day one. Null
 * once the deadline has passed (a late reminder is skipped, not sent).
 */
export function dueReminder(now: Date, deadlineDay: Day, deadline: Date, timeZone: string): ReminderDue | null {
  if (now.getTime() > deadline.getTime()) return null;
  let due: ReminderDue | null = null;
  for (const daysBefore of REMINDER_DAYS_BEFORE) {
    const at = zonedInstant(shiftDays(deadlineDay, -daysBefore), timeZone, REMINDER_TIME.hour, REMINDER_TIME.minute);
    if (now.getTime() >= at.getTime() && (!due || daysBefore < due.daysBefore))
      due = { daysBefore, daysLeft: daysBetween(dayInZone(now, timeZone), deadlineDay) };
  }
  return due;
}

/** A day moved by whole days. */
export function shiftDays(day: Day, days: number): Day {
  const { year, month, date } = dayParts(day);
  const d = new Date(Date.UTC(year, month - 1, date + days));
  return dayOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Day, to: Day): number {
  const a = dayParts(from);
  const b = dayParts(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.date) - Date.UTC(a.year, a.month - 1, a.date)) / 86_400_000);
}

/** True once a round's deadline has passed: its final summary is due and it closes. */
export const roundEnded = (now: Date, deadline: Date): boolean => now.getTime() > deadline.getTime();
