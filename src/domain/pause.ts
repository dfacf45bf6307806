/**
 * Pausing a cell (/tamdung, e.g. over Tết) and a member's one-month mute of the follow-up.
 * Pure arithmetic over the schedule math (schedule.ts): while a pause holds, no reminder and no
 * follow-up is due; when it ends, what fell due during it is due once, at its usual time of day
 * on the day after the pause (never at midnight), and only the latest of it: one reminder (none
 * after the deadline), one follow-up. "Not twice" is the outbox keys' job, as always.
 */
import { compareDays, dayInZone, parseTypedDayWithin, zonedInstant, type Day } from "./calendar.js";
import {
  dueReminder,
  followUpToSend,
  nextFollowUp,
  periodOf,
  REMINDER_TIME,
  shiftDays,
  daysBetween,
  type FollowUpRun,
  type FollowUpSchedule,
  type Period,
  type ReminderDue,
} from "./schedule.js";

/** First and last paused day, inclusive, in the cell's time zone. */
export interface Pause {
  from: Day;
  until: Day;
}

/** The longest pause, in days: a pause is a holiday, not a way to switch the cell off. */
export const MAX_PAUSE_DAYS = 92;

export type PauseParse =
  { ok: true; pause: Pause } | { ok: false; reason: "format" | "impossible" | "order" | "past" | "tooLong" } | { ok: false; reason: "tooFar"; latest: Day };

/**
 * `/tamdung <dd/mm/yyyy> <dd/mm/yyyy>`: both days valid, the last not before the first nor
 * before today, at most MAX_PAUSE_DAYS long, neither past the pause horizon (a year ahead,
 * calendar.ts). A first day in the past is allowed (the pause is already running), a last day
 * in the past is not (it would change nothing).
 */
export function parsePause(fromText: string, untilText: string, today: Day): PauseParse {
  const from = parseTypedDayWithin(fromText, today, "pause");
  if (!from.ok) return from.reason === "tooFar" ? from : { ok: false, reason: from.reason };
  const until = parseTypedDayWithin(untilText, today, "pause");
  if (!until.ok) return until.reason === "tooFar" ? until : { ok: false, reason: until.reason };
  if (compareDays(until.day, from.day) < 0) return { ok: false, reason: "order" };
  if (compareDays(until.day, today) < 0) return { ok: false, reason: "past" };
  if (daysBetween(from.day, until.day) + 1 > MAX_PAUSE_DAYS) return { ok: false, reason: "tooLong" };
  return { ok: true, pause: { from: from.day, until: until.day } };
}

/** "HH:MM" → [hour, minute]. */
const clock = (time: string): [number, number] => time.split(":").map(Number) as [number, number];

/**
 * True while the pause holds back messages sent at `time` ("HH:MM" cell time): from 00:00 of
 * its first day until `time` on the day after its last, so what was held goes out at its usual
 * hour the morning after, not at midnight.
 */
export function pauseHolds(now: Date, pause: Pause | null, timeZone: string, time: string): boolean {
  if (!pause) return false;
  const [hour, minute] = clock(time);
  const start = zonedInstant(pause.from, timeZone);
  const resume = zonedInstant(shiftDays(pause.until, 1), timeZone, hour, minute);
  return now.getTime() >= start.getTime() && now.getTime() < resume.getTime();
}

/** True when the pause's last day is over (a finished pause is shown nowhere). */
export function pauseOver(now: Date, pause: Pause, timeZone: string): boolean {
  return compareDays(dayInZone(now, timeZone), pause.until) > 0;
}

/**
 * The follow-up due at `now` under a pause: none while it holds; afterwards the usual rule
 * (followUpToSend), which owes the one latest follow-up not yet sent: this month's once its
 * time has come, else last month's if it was missed. So a pause across a follow-up day sends
 * that follow-up once, the morning after the pause.
 */
export function followUpDueWithPause(now: Date, schedule: FollowUpSchedule, lastDoneAt: Date | null, since: Date, pause: Pause | null): FollowUpRun | null {
  if (pauseHolds(now, pause, schedule.timeZone, schedule.time)) return null;
  return followUpToSend(now, schedule, lastDoneAt, since);
}

const REMINDER_CLOCK = `${String(REMINDER_TIME.hour).padStart(2, "0")}:${String(REMINDER_TIME.minute).padStart(2, "0")}`;

/**
 * The deadline reminder due at `now` under a pause: none while it holds; afterwards the latest
 * one whose time has come (dueReminder), so a pause across both reminders sends one, the
 * morning after; and none if the deadline passed during the pause (a late reminder is noise).
 */
export function reminderDueWithPause(now: Date, deadlineDay: Day, deadline: Date, timeZone: string, pause: Pause | null): ReminderDue | null {
  if (pauseHolds(now, pause, timeZone, REMINDER_CLOCK)) return null;
  return dueReminder(now, deadlineDay, deadline, timeZone);
}

/**
 * The follow-up month a member's "mute for a month" button skips: the next follow-up that has
 * not happened yet at `now` (this month's if its time is still ahead, else next month's).
 */
export function mutedPeriodFor(now: Date, schedule: FollowUpSchedule): Period {
  return periodOf(dayInZone(nextFollowUp(now, schedule), schedule.timeZone));
}
