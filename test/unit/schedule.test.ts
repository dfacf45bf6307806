/** Schedule math against injected instants, in a cell on Hà Nội time (UTC+7, no DST). */
import { describe, expect, it } from "vitest";
import { endOfDay, zonedInstant } from "../../src/domain/calendar.js";
import {
  followUpToSend,
  daysBetween,
  decodeFollowUpDay,
  dueFollowUpPeriod,
  dueReminder,
  encodeFollowUpDay,
  followUpInstant,
  nextFollowUp,
  parseSchedule,
  parseTime,
  roundEnded,
  shiftDays,
  type FollowUpSchedule,
} from "../../src/domain/schedule.js";

const HCM = "Asia/Ho_Chi_Minh";
/** The instant the wall clock in Hà Nội shows `day` `hh:mm`. */
const local = (day: string, hour = 0, minute = 0, second = 0, ms = 0) => zonedInstant(day, HCM, hour, minute, second, ms);
const schedule = (day: FollowUpSchedule["day"], time = "08:00"): FollowUpSchedule => ({ day, time, timeZone: HCM });

describe("parseSchedule", () => {
  it("accepts a day of month 1–28 with a time", () => {
    expect(parseSchedule("1", "08:00")).toEqual({ ok: true, day: 1, time: "08:00" });
    expect(parseSchedule("28", "17:30")).toEqual({ ok: true, day: 28, time: "17:30" });
    expect(parseSchedule(" 15 ", "8:05")).toEqual({ ok: true, day: 15, time: "08:05" });
  });

  it.each(["cuối", "cuoi", "last", "CUỐI", "Last"])("reads %j as the last day of the month", (text) => {
    expect(parseSchedule(text, "09:00")).toEqual({ ok: true, day: "last", time: "09:00" });
  });

  it.each(["29", "30", "31"])("refuses day %s as too late (not every month has it)", (text) => {
    expect(parseSchedule(text, "08:00")).toEqual({ ok: false, reason: "dayTooLate" });
  });

  it.each(["0", "32", "abc", "", "1.5", "100", "-1"])("refuses day %j as not a day", (text) => {
    expect(parseSchedule(text, "08:00")).toEqual({ ok: false, reason: "day" });
  });

  it.each(["24:00", "7", "08:60", "abc", "8:5"])("refuses time %j", (text) => {
    expect(parseSchedule("1", text)).toEqual({ ok: false, reason: "time" });
  });

  it("checks the day before the time", () => {
    expect(parseSchedule("31", "99:99")).toEqual({ ok: false, reason: "dayTooLate" });
    expect(parseSchedule("x", "99:99")).toEqual({ ok: false, reason: "day" });
  });

  it("defaults a missing time to 08:00", () => {
    expect(parseSchedule("5", undefined)).toEqual({ ok: true, day: 5, time: "08:00" });
    expect(parseSchedule("cuối", undefined)).toEqual({ ok: true, day: "last", time: "08:00" });
  });
});

describe("parseTime", () => {
  it.each([
    ["8:05", "08:05"],
    ["08:05", "08:05"],
    ["0:00", "00:00"],
    ["23:59", "23:59"],
    [" 7:30 ", "07:30"],
    ["8h30", "08:30"],
    ["8.30", "08:30"],
  ])("normalises %j to %j", (text, expected) => {
    expect(parseTime(text)).toBe(expected);
  });

  it.each(["24:00", "7", "08:60", "", "8:5", "123:00", "ab:cd", "08:00:00"])("returns null for %j", (text) => {
    expect(parseTime(text)).toBeNull();
  });
});

describe("stored follow-up day", () => {
  it("stores the last day as 0 and reads it back", () => {
    expect(encodeFollowUpDay("last")).toBe(0);
    expect(encodeFollowUpDay(12)).toBe(12);
    expect(decodeFollowUpDay(0)).toBe("last");
    expect(decodeFollowUpDay(12)).toBe(12);
  });
});

describe("followUpInstant", () => {
  it("is the day at the time in the cell's zone", () => {
    expect(followUpInstant("2026-12", schedule(1)).toISOString()).toBe("2026-12-01T01:00:00.000Z");
    expect(followUpInstant("2026-12", schedule(15, "17:45")).toISOString()).toBe("2026-12-15T10:45:00.000Z");
  });

  it("falls on the previous UTC day for an early local time", () => {
    expect(followUpInstant("2027-01", schedule(1, "00:30")).toISOString()).toBe("2026-12-31T17:30:00.000Z");
  });

  it('puts "last" on the 28th of February in a common year and the 29th in a leap year', () => {
    expect(followUpInstant("2027-02", schedule("last")).toISOString()).toBe("2027-02-28T01:00:00.000Z");
    expect(followUpInstant("2028-02", schedule("last")).toISOString()).toBe("2028-02-29T01:00:00.000Z");
  });

  it('puts "last" on the 30th of a 30-day month and the 31st of a 31-day month', () => {
    expect(followUpInstant("2026-04", schedule("last")).toISOString()).toBe("2026-04-30T01:00:00.000Z");
    expect(followUpInstant("2026-12", schedule("last")).toISOString()).toBe("2026-12-31T01:00:00.000Z");
  });

  it("keeps day 28 on the 28th in February", () => {
    expect(followUpInstant("2027-02", schedule(28)).toISOString()).toBe("2027-02-28T01:00:00.000Z");
    expect(followUpInstant("2028-02", schedule(28)).toISOString()).toBe("2028-02-28T01:00:00.000Z");
  });
});

describe("dueFollowUpPeriod", () => {
  const day1 = schedule(1);

  it("is null before this month's follow-up time", () => {
    expect(dueFollowUpPeriod(local("2026-12-01", 7, 59, 59, 999), day1)).toBeNull();
  });

  it("is this month from the follow-up instant on", () => {
    expect(dueFollowUpPeriod(local("2026-12-01", 8), day1)).toBe("2026-12");
    expect(dueFollowUpPeriod(local("2026-12-01", 8, 0, 0, 1), day1)).toBe("2026-12");
  });

  it("is still this month after the bot was down across the due time", () => {
    expect(dueFollowUpPeriod(local("2026-12-03", 10), day1)).toBe("2026-12");
  });

  it("stays this month until the last minute of the month, local time", () => {
    expect(dueFollowUpPeriod(local("2026-12-31", 23, 59), day1)).toBe("2026-12");
  });

  it("is null early on the 1st of the next month: January's follow-up is not yet due", () => {
    const now = local("2027-01-01", 7, 59);
    expect(now.toISOString()).toBe("2027-01-01T00:59:00.000Z");
    expect(dueFollowUpPeriod(now, day1)).toBeNull();
  });

  it("uses the cell's month, not UTC's: Dec 1 00:45 in Hà Nội is still Nov 30 in UTC", () => {
    const midnight = schedule(1, "00:30");
    const now = local("2026-12-01", 0, 45);
    expect(now.toISOString()).toBe("2026-11-30T17:45:00.000Z");
    expect(dueFollowUpPeriod(now, midnight)).toBe("2026-12");
    // Before December's time on the 1st, nothing is due (November's period is not looked back at).
    expect(dueFollowUpPeriod(local("2026-12-01", 0, 15), midnight)).toBeNull();
  });

  it('with "last", is null until the last day\'s time, then that month', () => {
    const last = schedule("last");
    expect(dueFollowUpPeriod(local("2027-02-27", 9), last)).toBeNull();
    expect(dueFollowUpPeriod(local("2027-02-28", 8), last)).toBe("2027-02");
    expect(dueFollowUpPeriod(local("2028-02-28", 9), last)).toBeNull();
    expect(dueFollowUpPeriod(local("2028-02-29", 8), last)).toBe("2028-02");
  });
});

describe("nextFollowUp", () => {
  it("is this month's instant when it has not come yet", () => {
    expect(nextFollowUp(local("2026-12-10", 12), schedule(15)).toISOString()).toBe("2026-12-15T01:00:00.000Z");
  });

  it("is next month's instant once this month's has come (strictly after now)", () => {
    expect(nextFollowUp(local("2026-11-15", 8), schedule(15)).toISOString()).toBe("2026-12-15T01:00:00.000Z");
    expect(nextFollowUp(local("2026-11-20", 8), schedule(15)).toISOString()).toBe("2026-12-15T01:00:00.000Z");
  });

  it("goes from December to January of the next year", () => {
    expect(nextFollowUp(local("2026-12-20"), schedule(15)).toISOString()).toBe("2027-01-15T01:00:00.000Z");
  });

  it('follows "last" through February', () => {
    expect(nextFollowUp(local("2027-01-31", 9), schedule("last")).toISOString()).toBe("2027-02-28T01:00:00.000Z");
    expect(nextFollowUp(local("2028-02-10"), schedule("last")).toISOString()).toBe("2028-02-29T01:00:00.000Z");
    expect(nextFollowUp(local("2026-12-31", 8), schedule("last")).toISOString()).toBe("2027-01-31T01:00:00.000Z");
  });
});

describe("dueReminder", () => {
  const deadlineDay = "2026-12-15";
  const deadline = endOfDay(deadlineDay, HCM);
  const due = (now: Date) => dueReminder(now, deadlineDay, deadline, HCM);

  it("is null before the 3-day mark (12th 08:00)", () => {
    expect(due(local("2026-12-01", 8))).toBeNull();
    expect(due(local("2026-12-12", 7, 59, 59, 999))).toBeNull();
  });

  it("is the 3-day reminder from exactly the 12th 08:00", () => {
    expect(due(local("2026-12-12", 8))).toEqual({ daysBefore: 3, daysLeft: 3 });
  });

  it("is still the 3-day reminder on the 13th, with two days left", () => {
    expect(due(local("2026-12-13", 9))).toEqual({ daysBefore: 3, daysLeft: 2 });
    expect(due(local("2026-12-14", 7, 59))).toEqual({ daysBefore: 3, daysLeft: 1 });
  });

  it("is the 1-day reminder from the 14th 08:00", () => {
    expect(due(local("2026-12-14", 8))).toEqual({ daysBefore: 1, daysLeft: 1 });
  });

  it("gives only the 1-day reminder to a bot down from the 11th to the 14th 09:00", () => {
    expect(due(local("2026-12-11", 12))).toBeNull();
    expect(due(local("2026-12-14", 9))).toEqual({ daysBefore: 1, daysLeft: 1 });
  });

  it("counts zero days left on the deadline day, by the cell's calendar", () => {
    expect(due(local("2026-12-15", 20))).toEqual({ daysBefore: 1, daysLeft: 0 });
    // 00:30 on the 15th in Hà Nội is still the 14th in UTC.
    expect(due(local("2026-12-15", 0, 30))).toEqual({ daysBefore: 1, daysLeft: 0 });
    expect(due(local("2026-12-15", 23, 59, 59, 999))).toEqual({ daysBefore: 1, daysLeft: 0 });
  });

  it("is null once the deadline has passed: a late reminder is skipped, not sent", () => {
    expect(due(local("2026-12-16"))).toBeNull();
    expect(due(new Date(deadline.getTime() + 1))).toBeNull();
    expect(due(local("2027-01-05", 8))).toBeNull();
  });

  it("gives the 3-day reminder (with the real days left) for a round opened 2 days before its deadline", () => {
    // The round opens on the 13th at 10:00, already past the 3-day mark (12th 08:00): the
    // function reports the 3-day reminder as due, counting the 2 days actually left.
    expect(due(local("2026-12-13", 10))).toEqual({ daysBefore: 3, daysLeft: 2 });
  });
});

describe("roundEnded", () => {
  const deadline = endOfDay("2026-12-15", HCM);

  it("is false before and at the deadline, true after it", () => {
    expect(deadline.toISOString()).toBe("2026-12-15T16:59:59.999Z");
    expect(roundEnded(local("2026-12-15", 20), deadline)).toBe(false);
    expect(roundEnded(deadline, deadline)).toBe(false);
    expect(roundEnded(new Date(deadline.getTime() + 1), deadline)).toBe(true);
    expect(roundEnded(local("2026-12-16"), deadline)).toBe(true);
  });

  it("ends a round whose deadline passed while the bot was down at the first instant it looks", () => {
    expect(roundEnded(local("2026-12-15", 20), deadline)).toBe(false);
    expect(roundEnded(local("2026-12-18", 9, 3), deadline)).toBe(true);
  });
});

describe("shiftDays", () => {
  it.each([
    ["2026-12-15", 0, "2026-12-15"],
    ["2026-12-15", -3, "2026-12-12"],
    ["2026-11-30", 1, "2026-12-01"],
    ["2026-12-01", -1, "2026-11-30"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2027-01-01", -1, "2026-12-31"],
    ["2027-01-02", -3, "2026-12-30"],
    ["2027-02-28", 1, "2027-03-01"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2028-02-29", 1, "2028-03-01"],
    ["2028-03-01", -1, "2028-02-29"],
    ["2027-03-01", -1, "2027-02-28"],
    ["2028-01-01", 365, "2028-12-31"],
    ["2027-01-01", 365, "2028-01-01"],
  ])("moves %s by %i days to %s", (day, days, expected) => {
    expect(shiftDays(day, days)).toBe(expected);
  });
});

describe("daysBetween", () => {
  it.each([
    ["2026-12-12", "2026-12-15", 3],
    ["2026-12-15", "2026-12-12", -3],
    ["2026-12-15", "2026-12-15", 0],
    ["2026-12-31", "2027-01-01", 1],
    ["2027-02-01", "2027-03-01", 28],
    ["2028-02-01", "2028-03-01", 29],
    ["2028-01-01", "2029-01-01", 366],
    ["2027-01-01", "2028-01-01", 365],
  ])("from %s to %s is %i", (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });

  it("undoes shiftDays", () => {
    for (const n of [-400, -29, -1, 0, 1, 59, 366]) expect(daysBetween("2028-02-29", shiftDays("2028-02-29", n))).toBe(n);
  });
});

describe("followUpToSend: moved schedules and months missed across their end", () => {
  const lastDay = { day: "last" as const, time: "08:00", timeZone: "Asia/Ho_Chi_Minh" };
  const hn = (iso: string) => new Date(`${iso}+07:00`);
  const longAgo = new Date("2020-01-01T00:00:00Z");

  it("sends this month's once its time has come, and not again", () => {
    expect(followUpToSend(hn("2027-01-31T08:00:00"), lastDay, hn("2026-12-31T08:00:00"), longAgo)).toEqual({
      period: "2027-01",
      at: hn("2027-01-31T08:00:00"),
    });
    expect(followUpToSend(hn("2027-01-31T09:00:00"), lastDay, hn("2027-01-31T08:00:00"), longAgo)).toBeNull();
  });

  it("runs again this month when /lich moved the time later than the one already processed", () => {
    const moved = { day: 22, time: "12:50", timeZone: "Asia/Ho_Chi_Minh" };
    // The default (the 1st, 08:00) was processed when the cell was set up on the 22nd.
    expect(followUpToSend(hn("2026-11-22T12:50:00"), moved, hn("2026-11-01T08:00:00"), hn("2026-11-22T09:00:00"))).toEqual({
      period: "2026-11",
      at: hn("2026-11-22T12:50:00"),
    });
    expect(followUpToSend(hn("2026-11-22T12:49:00"), moved, hn("2026-11-01T08:00:00"), hn("2026-11-22T09:00:00"))).toBeNull();
  });

  it("catches up last month's when the bot was down across the end of the month", () => {
    expect(followUpToSend(hn("2027-02-01T10:00:00"), lastDay, hn("2026-12-31T08:00:00"), longAgo)).toEqual({
      period: "2027-01",
      at: hn("2027-01-31T08:00:00"),
    });
    expect(followUpToSend(hn("2027-02-01T10:00:00"), lastDay, hn("2027-01-31T08:00:00"), longAgo)).toBeNull();
  });

  it("owes nothing for a month before the cell existed", () => {
    expect(followUpToSend(hn("2027-02-01T10:00:00"), lastDay, null, hn("2027-01-31T09:00:00"))).toBeNull();
    expect(followUpToSend(hn("2027-02-01T10:00:00"), lastDay, null, hn("2027-01-15T09:00:00"))?.period).toBe("2027-01");
  });
});
