import { describe, it, expect } from "vitest";
import { NAME_MAX_LENGTH, NAME_MIN_LENGTH, TITLE_MAX_LENGTH, normalizeFullName, normalizeName } from "../../src/domain/names.js";

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

describe("normalizeName: invisible and bidi characters", () => {
  it("a name made only of zero-width characters is tooShort", () => {
    expect(normalizeName("\u200B\u200B\u200B")).toEqual({ ok: false, reason: "tooShort" });
    expect(normalizeName("\u200C\u200D\uFEFF\u200B")).toEqual({ ok: false, reason: "tooShort" });
  });

  it("removes a right-to-left override, leaving nothing in its place", () => {
    expect(normalizeName("Nguyễn\u202EVăn A")).toEqual({ ok: true, value: "NguyễnVăn A" });
  });

  it("removes every bidi control", () => {
    const controls = "\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";
    expect(normalizeName(`Trần ${controls}Thị Bình`)).toEqual({ ok: true, value: "Trần Thị Bình" });
  });

  it("composes decomposed Vietnamese letters (NFC)", () => {
    const result = normalizeName("Nguye\u0302\u0303n Văn An");
    expect(result).toEqual({ ok: true, value: "Nguyễn Văn An" });
    expect(result.ok && result.value.normalize("NFC")).toBe(result.ok && result.value);
  });

  it("composes across a removed zero-width character", () => {
    expect(normalizeName("Le\u200B\u0302 Văn")).toEqual({ ok: true, value: "Lê Văn" });
  });

  it("counts the length after cleaning", () => {
    // 100 letters padded with invisible characters are still 100 characters.
    expect(normalizeName(`${"a".repeat(100)}${"\u200B".repeat(50)}`)).toEqual({ ok: true, value: "a".repeat(100) });
    // 100 decomposed "ễ" (3 code points each) are 100 characters once composed.
    expect(normalizeName("e\u0302\u0303".repeat(100))).toEqual({ ok: true, value: "ễ".repeat(100) });
    expect(normalizeName("A\u200B\u200B\u200B")).toEqual({ ok: false, reason: "tooShort" });
  });

  it("applies to cell names and titles too (the same function with a larger maximum)", () => {
    expect(normalizeName("\uFEFF\u200B", TITLE_MAX_LENGTH)).toEqual({ ok: false, reason: "tooShort" });
    expect(normalizeName("Chi bộ\u202E 1", TITLE_MAX_LENGTH)).toEqual({ ok: true, value: "Chi bộ 1" });
  });
});

describe("normalizeFullName: a person's full name", () => {
  it("must contain a letter: digits or symbols only are refused as noLetter", () => {
    expect(normalizeFullName("123456")).toEqual({ ok: false, reason: "noLetter" });
    expect(normalizeFullName("--- ...")).toEqual({ ok: false, reason: "noLetter" });
    expect(normalizeFullName("\u0301\u0301")).toEqual({ ok: false, reason: "noLetter" });
  });

  it("accepts Vietnamese names, also with a digit, and cleans them like normalizeName", () => {
    expect(normalizeFullName("  Nguyễn\u202E Văn  An ")).toEqual({ ok: true, value: "Nguyễn Văn An" });
    expect(normalizeFullName("Nguyễn Văn An 2")).toEqual({ ok: true, value: "Nguyễn Văn An 2" });
  });

  it("keeps the length rules: tooShort before noLetter, tooLong over 100", () => {
    expect(normalizeFullName("1")).toEqual({ ok: false, reason: "tooShort" });
    expect(normalizeFullName("\u200B\u200B\u200B")).toEqual({ ok: false, reason: "tooShort" });
    expect(normalizeFullName("ễ".repeat(101))).toEqual({ ok: false, reason: "tooLong" });
  });

  it("the letter rule is for person names only: cell names and titles may be digits", () => {
    expect(normalizeName("2026", TITLE_MAX_LENGTH)).toEqual({ ok: true, value: "2026" });
  });
});
