/** Pause arithmetic (issue 13): what is due during and after a /tamdung pause, and the member's mute. */
import { describe, expect, it } from "vitest";
import { endOfDay } from "../../src/domain/calendar.js";
import { followUpDueWithPause, mutedPeriodFor, parsePause, pauseHolds, reminderDueWithPause, type Pause } from "../../src/domain/pause.js";
import { followUpToSend, type FollowUpSchedule } from "../../src/domain/schedule.js";

const HN = "Asia/Ho_Chi_Minh";
/** Hà Nội wall time → instant (UTC+7, no DST). */
const hn = (iso: string) => new Date(`${iso}+07:00`);
const monthly: FollowUpSchedule = { day: 1, time: "08:00", timeZone: HN };
const since = hn("2026-01-01T00:00:00");
/** Tết 2027: 05/02 – 12/02. */
const tet: Pause = { from: "2027-02-05", until: "2027-02-12" };

describe("parsePause", () => {
  it("takes two dd/mm/yyyy days, the last not before the first nor before today", () => {
    expect(parsePause("05/02/2027", "12/02/2027", "2027-01-20")).toEqual({ ok: true, pause: tet });
    expect(parsePause("12/02/2027", "05/02/2027", "2027-01-20")).toEqual({ ok: false, reason: "order" });
    expect(parsePause("01/01/2027", "05/01/2027", "2027-01-20")).toEqual({ ok: false, reason: "past" });
    expect(parsePause("31/02/2027", "05/03/2027", "2027-01-20")).toEqual({ ok: false, reason: "impossible" });
    expect(parsePause("mai", "05/03/2027", "2027-01-20")).toEqual({ ok: false, reason: "format" });
    expect(parsePause("01/02/2027", "30/06/2027", "2027-01-20")).toEqual({ ok: false, reason: "tooLong" });
  });

  it("refuses days past the horizon, a year ahead (01/01/9999 is a typo, not a plan)", () => {
    expect(parsePause("01/01/9999", "02/01/9999", "2026-11-22")).toEqual({ ok: false, reason: "tooFar", latest: "2027-11-22" });
    expect(parsePause("20/11/2027", "23/11/2027", "2026-11-22")).toEqual({ ok: false, reason: "tooFar", latest: "2027-11-22" });
    expect(parsePause("20/11/2027", "22/11/2027", "2026-11-22")).toEqual({ ok: true, pause: { from: "2027-11-20", until: "2027-11-22" } });
  });

  it("allows a pause that has already begun", () => {
    expect(parsePause("15/01/2027", "25/01/2027", "2027-01-20").ok).toBe(true);
  });
});

describe("pauseHolds", () => {
  it("holds from 00:00 of the first day until the message's usual time on the day after the last", () => {
    expect(pauseHolds(hn("2027-02-04T23:59:59"), tet, HN, "08:00")).toBe(false);
    expect(pauseHolds(hn("2027-02-05T00:00:00"), tet, HN, "08:00")).toBe(true);
    expect(pauseHolds(hn("2027-02-12T23:59:00"), tet, HN, "08:00")).toBe(true);
    expect(pauseHolds(hn("2027-02-13T07:59:00"), tet, HN, "08:00")).toBe(true);
    expect(pauseHolds(hn("2027-02-13T08:00:00"), tet, HN, "08:00")).toBe(false);
    expect(pauseHolds(hn("2027-02-13T08:00:00"), null, HN, "08:00")).toBe(false);
  });
});

describe("a pause across a follow-up day", () => {
  const pause: Pause = { from: "2027-01-28", until: "2027-02-03" }; // the 1 February follow-up falls inside

  it("sends nothing while it holds", () => {
    for (const at of ["2027-02-01T08:00:00", "2027-02-02T12:00:00", "2027-02-04T07:59:00"]) {
      expect(followUpDueWithPause(hn(at), monthly, hn("2027-01-01T08:00:00"), since, pause)).toBeNull();
    }
  });

  it("owes that one follow-up the morning after, once: after it is recorded nothing more is due", () => {
    const run = followUpDueWithPause(hn("2027-02-04T08:00:00"), monthly, hn("2027-01-01T08:00:00"), since, pause);
    expect(run).toEqual({ period: "2027-02", at: hn("2027-02-01T08:00:00") });
    expect(followUpDueWithPause(hn("2027-02-04T08:01:00"), monthly, run!.at, since, pause)).toBeNull();
  });

  it("over two follow-up days owes only the latest (not one per missed month, not all at once)", () => {
    const long: Pause = { from: "2027-01-01", until: "2027-02-10" };
    expect(followUpDueWithPause(hn("2027-02-11T09:00:00"), monthly, hn("2026-12-01T08:00:00"), since, long)).toEqual({
      period: "2027-02",
      at: hn("2027-02-01T08:00:00"),
    });
  });

  it("a follow-up on the last day of a month held across the month's end is caught up early the next month", () => {
    const last: FollowUpSchedule = { day: "last", time: "19:00", timeZone: HN };
    const pause: Pause = { from: "2027-01-30", until: "2027-02-02" };
    expect(followUpDueWithPause(hn("2027-01-31T19:00:00"), last, hn("2026-12-31T19:00:00"), since, pause)).toBeNull();
    expect(followUpDueWithPause(hn("2027-02-03T18:59:00"), last, hn("2026-12-31T19:00:00"), since, pause)).toBeNull();
    expect(followUpDueWithPause(hn("2027-02-03T19:00:00"), last, hn("2026-12-31T19:00:00"), since, pause)).toEqual({
      period: "2027-01",
      at: hn("2027-01-31T19:00:00"),
    });
  });

  it("a pause that ended before the follow-up day changes nothing", () => {
    const early: Pause = { from: "2027-01-10", until: "2027-01-15" };
    const at = hn("2027-02-01T08:00:00");
    expect(followUpDueWithPause(at, monthly, hn("2027-01-01T08:00:00"), since, early)).toEqual(followUpToSend(at, monthly, hn("2027-01-01T08:00:00"), since));
  });
});

describe("a pause across a reminder", () => {
  const deadlineDay = "2027-02-20";
  const deadline = endOfDay(deadlineDay, HN);

  it("holds the 3-day reminder and sends it the morning after", () => {
    const pause: Pause = { from: "2027-02-16", until: "2027-02-17" }; // the 3-day reminder is 17/02 08:00
    expect(reminderDueWithPause(hn("2027-02-17T08:00:00"), deadlineDay, deadline, HN, pause)).toBeNull();
    expect(reminderDueWithPause(hn("2027-02-18T08:00:00"), deadlineDay, deadline, HN, pause)).toEqual({ daysBefore: 3, daysLeft: 2 });
  });

  it("across both reminders sends only the later one, once", () => {
    const pause: Pause = { from: "2027-02-15", until: "2027-02-19" };
    expect(reminderDueWithPause(hn("2027-02-19T09:00:00"), deadlineDay, deadline, HN, pause)).toBeNull();
    expect(reminderDueWithPause(hn("2027-02-20T08:00:00"), deadlineDay, deadline, HN, pause)).toEqual({ daysBefore: 1, daysLeft: 0 });
  });

  it("ending after the deadline sends no reminder at all", () => {
    const pause: Pause = { from: "2027-02-15", until: "2027-02-25" };
    expect(reminderDueWithPause(hn("2027-02-20T20:00:00"), deadlineDay, deadline, HN, pause)).toBeNull();
    expect(reminderDueWithPause(hn("2027-02-26T08:00:00"), deadlineDay, deadline, HN, pause)).toBeNull();
  });
});

describe("mutedPeriodFor", () => {
  it("mutes the next follow-up not yet sent: next month's after this month's went out, else this month's", () => {
    expect(mutedPeriodFor(hn("2027-03-01T09:00:00"), monthly)).toBe("2027-04");
    expect(mutedPeriodFor(hn("2027-02-28T09:00:00"), monthly)).toBe("2027-03");
  });
});

describe("parseZone (/caidat muigio)", () => {
  it("takes an IANA zone in any letter case and stores its listed spelling; refuses anything else", async () => {
    const { parseZone } = await import("../../src/domain/zones.js");
    expect(parseZone("asia/tokyo")).toEqual({ ok: true, zone: "Asia/Tokyo" });
    expect(parseZone("Europe/Berlin")).toEqual({ ok: true, zone: "Europe/Berlin" });
    expect(parseZone("Hà Nội")).toEqual({ ok: false });
    expect(parseZone("Mars/Olympus")).toEqual({ ok: false });
  });
});
