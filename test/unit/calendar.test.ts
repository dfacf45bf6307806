import { describe, it, expect } from "vitest";
import {
  addMonths,
  compareDays,
  dayInZone,
  daysInMonth,
  endOfDay,
  endOfMonth,
  endOfYear,
  formatDay,
  isRealDay,
  isValidTimeZone,
  parseTypedDay,
  parseTypedDayWithin,
  TYPED_DAY_HORIZON_MONTHS,
  zonedInstant,
} from "../../src/domain/calendar.js";

const HCM = "Asia/Ho_Chi_Minh";

describe("parseTypedDay", () => {
  it.each([
    ["15/12/2026", "2026-12-15"],
    ["5/1/2027", "2027-01-05"],
    ["05/01/2027", "2027-01-05"],
    ["29/02/2028", "2028-02-29"],
    ["31/12/2026", "2026-12-31"],
    ["15-12-2026", "2026-12-15"],
    ["15.12.2026", "2026-12-15"],
    ["  15/12/2026  ", "2026-12-15"],
  ])("parses %j as %s", (text, day) => {
    expect(parseTypedDay(text)).toEqual({ ok: true, day });
  });

  it.each([["31/02/2026"], ["29/02/2027"], ["31/04/2026"], ["00/12/2026"], ["15/13/2026"], ["15/00/2026"], ["01/01/1899"]])(
    "rejects %j as impossible",
    (text) => {
      expect(parseTypedDay(text)).toEqual({ ok: false, reason: "impossible" });
    },
  );

  it.each([["2026-12-15"], ["abc"], [""], ["15/12/26"], ["15/12"], ["115/12/2026"], ["15/12/2026x"], ["15 12 2026"], ["１５/１２/２０２６"]])(
    "rejects %j as format",
    (text) => {
      expect(parseTypedDay(text)).toEqual({ ok: false, reason: "format" });
    },
  );
});

describe("isRealDay and daysInMonth", () => {
  it("knows month lengths including leap years", () => {
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  it("accepts real days and refuses impossible ones", () => {
    expect(isRealDay(2028, 2, 29)).toBe(true);
    expect(isRealDay(2027, 2, 29)).toBe(false);
    expect(isRealDay(2026, 0, 1)).toBe(false);
    expect(isRealDay(2026, 1, 1.5)).toBe(false);
  });
});

describe("time zones", () => {
  it("endOfDay in Ho Chi Minh is 23:59:59.999 local, 16:59:59.999Z", () => {
    expect(endOfDay("2026-12-15", HCM).toISOString()).toBe("2026-12-15T16:59:59.999Z");
  });

  it("zonedInstant gives local midnight", () => {
    expect(zonedInstant("2026-11-22", HCM).toISOString()).toBe("2026-11-21T17:00:00.000Z");
    expect(zonedInstant("2026-11-22", "UTC", 8, 30).toISOString()).toBe("2026-11-22T08:30:00.000Z");
  });

  it("endOfDay follows daylight saving changes", () => {
    // New York switches to EDT (UTC-4) on 2026-03-08 and back to EST (UTC-5) on 2026-11-01.
    expect(endOfDay("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-09T03:59:59.999Z");
    expect(endOfDay("2026-11-01", "America/New_York").toISOString()).toBe("2026-11-02T04:59:59.999Z");
  });

  it("dayInZone is the local day near midnight in UTC+7", () => {
    expect(dayInZone(new Date("2026-11-21T17:30:00Z"), HCM)).toBe("2026-11-22");
    expect(dayInZone(new Date("2026-11-21T17:00:00Z"), HCM)).toBe("2026-11-22");
    expect(dayInZone(new Date("2026-11-21T16:59:59.999Z"), HCM)).toBe("2026-11-21");
    expect(dayInZone(new Date("2026-11-21T17:30:00Z"), "UTC")).toBe("2026-11-21");
    expect(dayInZone(new Date("2026-12-31T17:00:00Z"), HCM)).toBe("2027-01-01");
  });

  it("isValidTimeZone accepts IANA zones and refuses others", () => {
    expect(isValidTimeZone(HCM)).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone("Asia/Hanoi_City")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });
});

describe("addMonths", () => {
  it.each([
    ["2026-08-31", 6, "2027-02-28"],
    ["2027-08-31", 6, "2028-02-29"],
    ["2026-11-30", 3, "2027-02-28"],
    ["2026-01-31", 1, "2026-02-28"],
    ["2026-03-31", 1, "2026-04-30"],
    ["2026-12-15", 1, "2027-01-15"],
    ["2026-11-22", 12, "2027-11-22"],
    ["2026-11-22", 0, "2026-11-22"],
    ["2026-01-31", -1, "2025-12-31"],
    ["2026-03-31", -1, "2026-02-28"],
  ])("%s + %i months is %s", (day, months, expected) => {
    expect(addMonths(day, months)).toBe(expected);
  });
});

describe("endOfMonth, endOfYear, formatDay, compareDays", () => {
  it("endOfMonth handles February in leap and common years", () => {
    expect(endOfMonth("2028-02-10")).toBe("2028-02-29");
    expect(endOfMonth("2027-02-10")).toBe("2027-02-28");
    expect(endOfMonth("2100-02-01")).toBe("2100-02-28");
    expect(endOfMonth("2000-02-01")).toBe("2000-02-29");
    expect(endOfMonth("2026-04-30")).toBe("2026-04-30");
    expect(endOfMonth("2026-12-01")).toBe("2026-12-31");
  });

  it("endOfYear is 31 December of the same year", () => {
    expect(endOfYear("2026-03-04")).toBe("2026-12-31");
    expect(endOfYear("2027-12-31")).toBe("2027-12-31");
  });

  it("formatDay writes dd/mm/yyyy", () => {
    expect(formatDay("2026-12-05")).toBe("05/12/2026");
    expect(formatDay("2027-01-31")).toBe("31/01/2027");
  });

  it("formatDay and parseTypedDay round-trip", () => {
    for (const day of ["2026-12-05", "2028-02-29", "2030-10-01"]) {
      expect(parseTypedDay(formatDay(day))).toEqual({ ok: true, day });
    }
  });

  it("compareDays orders days", () => {
    expect(compareDays("2026-11-21", "2026-11-22")).toBe(-1);
    expect(compareDays("2026-11-22", "2026-11-22")).toBe(0);
    expect(compareDays("2027-01-01", "2026-12-31")).toBe(1);
  });
});

describe("parseTypedDayWithin: the horizon of typed dates", () => {
  it("a deadline or a pause at most a year ahead, a target date two", () => {
    expect(TYPED_DAY_HORIZON_MONTHS).toEqual({ deadline: 12, pause: 12, target: 24 });
    expect(parseTypedDayWithin("22/11/2027", "2026-11-22", "deadline")).toEqual({ ok: true, day: "2027-11-22" });
    expect(parseTypedDayWithin("23/11/2027", "2026-11-22", "deadline")).toEqual({ ok: false, reason: "tooFar", latest: "2027-11-22" });
    expect(parseTypedDayWithin("01/01/9999", "2026-11-22", "pause")).toEqual({ ok: false, reason: "tooFar", latest: "2027-11-22" });
    expect(parseTypedDayWithin("22/11/2028", "2026-11-22", "target")).toEqual({ ok: true, day: "2028-11-22" });
    expect(parseTypedDayWithin("23/11/2028", "2026-11-22", "target")).toEqual({ ok: false, reason: "tooFar", latest: "2028-11-22" });
  });

  it("a year after 29/02 is 28/02; format and impossible days are reported as before", () => {
    expect(parseTypedDayWithin("01/03/2029", "2028-02-29", "deadline")).toEqual({ ok: false, reason: "tooFar", latest: "2029-02-28" });
    expect(parseTypedDayWithin("31/02/2027", "2026-11-22", "deadline")).toEqual({ ok: false, reason: "impossible" });
    expect(parseTypedDayWithin("mai", "2026-11-22", "deadline")).toEqual({ ok: false, reason: "format" });
  });
});
