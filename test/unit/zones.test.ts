import { describe, expect, it } from "vitest";
import { isVietnamTime, utcOffsetLabel, utcOffsetMinutes } from "../../src/domain/zones.js";

describe("time zones as people read them", () => {
  it("knows Vietnam's zone by both of its names", () => {
    expect(isVietnamTime("Asia/Ho_Chi_Minh")).toBe(true);
    expect(isVietnamTime("Asia/Saigon")).toBe(true);
    expect(isVietnamTime("Asia/Bangkok")).toBe(false);
    expect(isVietnamTime("Etc/GMT-7")).toBe(false);
  });

  it("writes the UTC offset of any other zone at the instant, with DST", () => {
    const winter = new Date("2027-01-01T01:00:00Z");
    const summer = new Date("2027-07-01T01:00:00Z");
    expect(utcOffsetLabel(winter, "Asia/Tokyo")).toBe("UTC+9");
    expect(utcOffsetLabel(winter, "Asia/Kolkata")).toBe("UTC+5:30");
    expect(utcOffsetLabel(winter, "Asia/Kathmandu")).toBe("UTC+5:45");
    expect(utcOffsetLabel(winter, "UTC")).toBe("UTC");
    expect(utcOffsetLabel(winter, "Europe/Berlin")).toBe("UTC+1");
    expect(utcOffsetLabel(summer, "Europe/Berlin")).toBe("UTC+2");
    expect(utcOffsetLabel(winter, "America/St_Johns")).toBe("UTC-3:30");
    expect(utcOffsetLabel(winter, "America/New_York")).toBe("UTC-5");
    expect(utcOffsetMinutes(winter, "Asia/Ho_Chi_Minh")).toBe(420);
  });
});
