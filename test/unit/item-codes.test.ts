/**
 * Issue 17 point 1: one grammar for item codes, shared by the template import and everything
 * that reads a code back (the form's stored screen, the answers by code, the built-in files).
 */
import { describe, expect, it } from "vitest";
import {
  answerOf,
  decodeScreen,
  encodeScreen,
  firstUnanswered,
  isComplete,
  markedCodes,
  newAssessment,
  transition,
  type AssessmentContext,
  type AssessmentEvent,
  type AssessmentState,
  type Screen,
} from "../../src/domain/assessment.js";
import { byCode, checklistProblems, compareCodes, isItemCode, itemCodes, ITEM_CODE_MAX_LENGTH } from "../../src/domain/checklist.js";
import { checkTemplate, checklistOfDraft, TEMPLATE_LIMITS, type TemplateInput, type TemplateRow } from "../../src/domain/templates.js";
import { DEFAULT_CHECKLIST, loadChecklists } from "../../src/infra/checklists.js";
import { inChecklistOrder } from "../../src/app/checklists.js";

const ODD = ["A1", "II-2", "b.3", "x", "constructor", "toString", "valueOf", "Zz-9.long_12", "1.10", "1.2", "0", "a_b"];
const BAD = ["", "-x", ".1", "_a", "a b", "1.4 ", "Zz-9.long_123", "__proto__", "a/b", "câu1", "1,2", "<b>", "a:b"];

const row = (n: number, code: string): TemplateRow => ({
  row: n,
  cells: { groupCode: "G", groupTitle: "Nhóm", code, text: `Nội dung ${code}`, short: `Nhãn ${code}` },
});
const input = (codes: string[]): TemplateInput => ({ info: { name: "Mẫu", code: "mau-ma" }, infoRows: {}, rows: codes.map((c, i) => row(i + 2, c)) });

describe("the item code grammar", () => {
  it("accepts letters, digits, '.', '-', '_', starting with a letter or digit, up to 12 characters", () => {
    for (const code of ODD) expect(isItemCode(code), code).toBe(true);
    for (const code of BAD) expect(isItemCode(code), code).toBe(false);
    expect(ITEM_CODE_MAX_LENGTH).toBe(12);
    expect(TEMPLATE_LIMITS.itemCodeLength).toBe(ITEM_CODE_MAX_LENGTH);
  });

  it("is the import's: a code is accepted by checkTemplate exactly when isItemCode says so", () => {
    const result = checkTemplate(input(ODD));
    expect(result.ok).toBe(true);
    // (The import trims cells, so "1.4 " is read as "1.4"; an empty cell is "required".)
    for (const code of BAD.filter((c) => c !== "" && c.trim() === c)) {
      const bad = checkTemplate(input([code]));
      expect(bad.ok ? [] : bad.problems.map((p) => p.kind), code).toEqual(["badCode"]);
    }
  });

  it("is the built-in files' too: the shipped checklists pass it, and a code outside it is a problem", () => {
    const shipped = loadChecklists().get(`${DEFAULT_CHECKLIST.code}@${DEFAULT_CHECKLIST.version}`)!;
    expect(checklistProblems(shipped)).toEqual([]);
    const broken = { ...shipped, groups: [{ ...shipped.groups[0]!, items: [{ ...shipped.groups[0]!.items[0]!, code: "1 1" }] }] };
    expect(checklistProblems(broken).join()).toContain("item code 1 1");
  });

  it("sorts codes naturally when no checklist gives the order: 1.2 before 1.10, letters without regard to case", () => {
    expect(["1.10", "1.2", "1.1", "2.1", "1.9"].sort(compareCodes)).toEqual(["1.1", "1.2", "1.9", "1.10", "2.1"]);
    expect(["b.3", "A1", "a2", "II-2"].sort(compareCodes)).toEqual(["A1", "a2", "b.3", "II-2"]);
  });
});

describe("correction items in checklist order", () => {
  it("sorts form by form, each in its checklist's order, not the store's code order; unknown codes last, naturally", () => {
    // What the store returns, ordered by code: "1.10" < "1.2", "Zz…" < "b.3".
    const stored = [
      { assessmentId: 2, itemCode: "1.10", index: 9 },
      { assessmentId: 2, itemCode: "1.2", index: 1 },
      { assessmentId: 1, itemCode: "Zz-9.long_12", index: 7 },
      { assessmentId: 1, itemCode: "b.3", index: 3 },
      { assessmentId: 1, itemCode: "q10", index: -1 },
      { assessmentId: 1, itemCode: "q9", index: -1 },
      { assessmentId: 1, itemCode: "A1", index: 0 },
    ];
    expect(inChecklistOrder(stored).map((i) => `${i.assessmentId}:${i.itemCode}`)).toEqual([
      "1:A1",
      "1:b.3",
      "1:Zz-9.long_12",
      "1:q9",
      "1:q10",
      "2:1.2",
      "2:1.10",
    ]);
  });
});

describe("records by item code", () => {
  it("byCode finds own entries only, never Object.prototype's", () => {
    const record: Record<string, number> = Object.fromEntries([["A1", 1]]);
    expect(byCode(record, "A1")).toBe(1);
    for (const code of ["constructor", "toString", "valueOf", "hasOwnProperty", "__proto__"]) expect(byCode(record, code), code).toBeUndefined();
    expect(byCode(Object.fromEntries([["constructor", 3]]), "constructor")).toBe(3);
  });
});

describe("a form on a template with odd codes", () => {
  const codes = itemCodes(checklistOfDraft((checkTemplate(input(ODD)) as { ok: true; draft: Parameters<typeof checklistOfDraft>[0] }).draft, 1));
  const ctx: AssessmentContext = { today: "2026-11-22", locked: false };
  const step = (state: AssessmentState, event: AssessmentEvent): AssessmentState => {
    const result = transition(state, event, ctx);
    if (!result.ok) throw new Error(`${JSON.stringify(event)} refused: ${result.reason}`);
    return result.state;
  };

  it("counts constructor, toString and valueOf as unanswered until answered", () => {
    const fresh = newAssessment(codes);
    expect(answerOf(fresh, "constructor")).toBeUndefined();
    let state = fresh;
    for (let index = 0; index < codes.indexOf("constructor"); index++) state = step(state, { type: "answer", index, value: "NONE" });
    expect(firstUnanswered(state)).toBe(codes.indexOf("constructor"));
    expect(markedCodes(state)).toEqual([]);
  });

  it("asks a measure and a date for every marked code, the stored screen surviving a save and reload in between", () => {
    let state = newAssessment(codes);
    codes.forEach((_code, index) => {
      state = step(state, { type: "answer", index, value: "MINOR" });
    });
    state = step(state, { type: "continue" });
    for (const code of codes) {
      // What the app stores and reads back before each typed text (a restart, another instance).
      state = { ...state, screen: decodeScreen(encodeScreen(state.screen), codes) };
      expect(state.screen).toEqual({ kind: "measure", code });
      state = step(state, { type: "measure", code, text: `Biện pháp ${code}` });
      state = { ...state, screen: decodeScreen(encodeScreen(state.screen), codes) };
      expect(state.screen).toEqual({ kind: "date", code });
      state = step(state, { type: "date", code, day: "2026-12-31" });
    }
    expect(state.screen).toEqual({ kind: "confirm" });
    expect(isComplete(state)).toBe(true);
  });

  it("decodes a stored measure or date screen for every code the import accepts", () => {
    for (const code of ODD) {
      for (const screen of [
        { kind: "measure", code },
        { kind: "date", code, fromConfirm: true },
      ] as Screen[]) {
        expect(decodeScreen(encodeScreen(screen), codes)).toEqual(screen);
        expect(decodeScreen(encodeScreen(screen))).toEqual(screen);
      }
    }
  });

  it("refuses a stored screen naming a code outside the grammar or not in this form", () => {
    for (const code of BAD) expect(decodeScreen(encodeScreen({ kind: "measure", code }), codes), code).toEqual({ kind: "question", index: 0 });
    expect(decodeScreen(encodeScreen({ kind: "date", code: "Q9" }), codes)).toEqual({ kind: "question", index: 0 });
    expect(decodeScreen(encodeScreen({ kind: "question", index: codes.length }), codes)).toEqual({ kind: "question", index: 0 });
  });
});
