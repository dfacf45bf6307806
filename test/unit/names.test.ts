import { describe, it, expect } from "vitest";
import { NAME_MAX_LENGTH, NAME_MIN_LENGTH, TITLE_MAX_LENGTH, normalizeName } from "../../src/domain/names.js";

describe("normalizeName", () => {
  it("collapses whitespace and trims", () => {
    expect(normalizeName("  Nguyễn   Văn\tAn \n")).toEqual({ ok: true, value: "Nguyễn Văn An" });
  });

  it("replaces control characters with spaces", () => {
    expect(normalizeName("Trần\u0000Thị\u007fBình\u001b")).toEqual({ ok: true, value: "Trần Thị Bình" });
  });

  it("has bounds 2 and 100 characters, titles 200", () => {
    expect([NAME_MIN_LENGTH, NAME_MAX_LENGTH, TITLE_MAX_LENGTH]).toEqual([2, 100, 200]);
  });

  it("rejects fewer than 2 characters as tooShort and accepts exactly 2", () => {
    expect(normalizeName("")).toEqual({ ok: false, reason: "tooShort" });
    expect(normalizeName(" Ý ")).toEqual({ ok: false, reason: "tooShort" });
    expect(normalizeName("\u0000\u0001")).toEqual({ ok: false, reason: "tooShort" });
    expect(normalizeName("Lê")).toEqual({ ok: true, value: "Lê" });
  });

  it("counts Vietnamese letters as one character each: 100 accepted, 101 tooLong", () => {
    expect(normalizeName("ễ".repeat(100))).toEqual({ ok: true, value: "ễ".repeat(100) });
    expect(normalizeName("ễ".repeat(101))).toEqual({ ok: false, reason: "tooLong" });
  });

  it("takes a custom maximum, e.g. for titles", () => {
    expect(normalizeName("a".repeat(150), TITLE_MAX_LENGTH)).toEqual({ ok: true, value: "a".repeat(150) });
    expect(normalizeName("a".repeat(201), TITLE_MAX_LENGTH)).toEqual({ ok: false, reason: "tooLong" });
  });
});
