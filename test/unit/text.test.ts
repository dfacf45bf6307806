import { describe, it, expect } from "vitest";
import { cleanText } from "../../src/domain/text.js";
import { MEASURE_MIN_LENGTH, newAssessment, transition, type AssessmentState } from "../../src/domain/assessment.js";

describe("cleanText", () => {
  it("removes zero-width characters, bidi controls and the byte-order mark", () => {
    expect(cleanText("a\u200Bb\u200Cc\u200Dd\uFEFFe\u202Ef\u2066g\u2069h\u061Ci\u200Ej\u200Fk")).toBe("abcdefghijk");
  });

  it("turns C0 and C1 controls into spaces and collapses whitespace on one line", () => {
    expect(cleanText("a\u0000b\u0085c\u009Fd\u007F \t\n e")).toBe("a b c d e");
  });

  it("keeps line breaks in multi-line text (CRLF and U+2028 become \\n), other controls become spaces", () => {
    expect(cleanText("  Dòng 1\r\nDòng\u00002\u2028Dòng 3\n", { multiline: true })).toBe("Dòng 1\nDòng 2\nDòng 3");
  });

  it("keeps Vietnamese diacritics, composed to NFC", () => {
    expect(cleanText("Tie\u0302\u0301ng Vie\u0323\u0302t")).toBe("Tiếng Việt");
  });

  it("leaves emoji variation selectors alone", () => {
    expect(cleanText("Chi bộ ❤️")).toBe("Chi bộ ❤️");
  });
});

describe("measure validation", () => {
  const CODES = ["1.1"];
  const atMeasure: AssessmentState = {
    ...newAssessment(CODES),
    answers: { "1.1": { value: "MINOR", measure: null, targetDate: null } },
    screen: { kind: "measure", code: "1.1" },
  };
  const ctx = { today: "2026-11-22", locked: false };

  it("a measure of only zero-width characters is tooShort", () => {
    const result = transition(atMeasure, { type: "measure", code: "1.1", text: "\u200B".repeat(MEASURE_MIN_LENGTH + 5) }, ctx);
    expect(result).toMatchObject({ ok: false, reason: "tooShort" });
  });

  it("stores the measure without bidi controls, NFC, line breaks kept", () => {
    const result = transition(atMeasure, { type: "measure", code: "1.1", text: "Ho\u0323c ta\u0302\u0323p\u202E\nhằng tháng" }, ctx);
    expect(result.ok && result.state.answers["1.1"]?.measure).toBe("Học tập\nhằng tháng");
  });

  it("counts the length after cleaning", () => {
    const result = transition(atMeasure, { type: "measure", code: "1.1", text: "ab\u200B\u200B\u200B\u200Bc" }, ctx);
    expect(result).toMatchObject({ ok: false, reason: "tooShort" });
  });
});
