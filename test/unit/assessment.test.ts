import { describe, it, expect } from "vitest";
import {
  ANSWER_VALUES,
  decodeScreen,
  encodeScreen,
  isComplete,
  markedCodes,
  newAssessment,
  resume,
  transition,
  type AnswerValue,
  type AssessmentContext,
  type AssessmentEvent,
  type AssessmentState,
  type Screen,
} from "../../src/domain/assessment.js";
import { itemCodes } from "../../src/domain/checklist.js";
import { DEFAULT_CHECKLIST, loadChecklists } from "../../src/infra/checklists.js";

const checklist = loadChecklists().get(`${DEFAULT_CHECKLIST.code}@${DEFAULT_CHECKLIST.version}`);
if (!checklist) throw new Error("default checklist nq04-xii@1 not shipped");
const CODES = itemCodes(checklist);
const LAST = CODES.length - 1;
const ctx: AssessmentContext = { today: "2026-11-22", locked: false };

/** Applies an event that must be accepted. */
function step(state: AssessmentState, event: AssessmentEvent, context: AssessmentContext = ctx): AssessmentState {
  const result = transition(state, event, context);
  if (!result.ok) throw new Error(`event ${JSON.stringify(event)} refused: ${result.reason} (screen ${JSON.stringify(state.screen)})`);
  return result.state;
}

function run(state: AssessmentState, events: AssessmentEvent[]): AssessmentState {
  return events.reduce((s, e) => step(s, e), state);
}

/** Answers items [0, count) in order; `marks` gives non-NONE answers by code. */
function answerFirst(count: number, marks: Record<string, AnswerValue> = {}, from = newAssessment(CODES)): AssessmentState {
  let state = from;
  for (let index = 0; index < count; index++) {
    state = step(state, { type: "answer", index, value: marks[CODES[index]!] ?? "NONE" });
  }
  return state;
}

const answerAll = (marks: Record<string, AnswerValue> = {}) => answerFirst(CODES.length, marks);

/** A complete form at confirm, with 1.2 and 2.3 marked and planned. */
function confirmedForm(): AssessmentState {
  return run(answerAll({ "1.2": "MINOR", "2.3": "SIGNIFICANT" }), [
    { type: "continue" },
    { type: "measure", code: "1.2", text: "Học tập nghị quyết hằng tháng" },
    { type: "date", code: "1.2", day: "2026-12-31" },
    { type: "measure", code: "2.3", text: "Kê khai lại tài sản đầy đủ" },
    { type: "date", code: "2.3", day: "2027-01-15" },
  ]);
}

describe("checklist codes used by the form", () => {
  it("are the 27 codes 1.1..3.9 of the shipped checklist", () => {
    expect(CODES).toHaveLength(27);
    expect(CODES[0]).toBe("1.1");
    expect(CODES[LAST]).toBe("3.9");
  });
});

describe("answering questions", () => {
  it("a new form starts on question 0 as an empty draft", () => {
    const state = newAssessment(CODES);
    expect(state.screen).toEqual({ kind: "question", index: 0 });
    expect(state.status).toBe("DRAFT");
    expect(state.editing).toBe(false);
    expect(state.answers).toEqual({});
  });

  it("answering item 1 records the answer and moves to item 2", () => {
    const result = transition(newAssessment(CODES), { type: "answer", index: 0, value: "MINOR" }, ctx);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state.screen).toEqual({ kind: "question", index: 1 });
    expect(result.state.answers["1.1"]).toEqual({ value: "MINOR", measure: null, targetDate: null });
    expect(result.changed).toEqual(["1.1"]);
    expect(result.state.status).toBe("DRAFT");
  });

  it("does not mutate the state it is given", () => {
    const state = newAssessment(CODES);
    const snapshot = structuredClone(state);
    step(state, { type: "answer", index: 0, value: "SIGNIFICANT" });
    expect(state).toEqual(snapshot);
  });

  it("answering the last item goes to review", () => {
    const before = answerFirst(LAST);
    expect(before.screen).toEqual({ kind: "question", index: LAST });
    const after = step(before, { type: "answer", index: LAST, value: "SIGNIFICANT" });
    expect(after.screen).toEqual({ kind: "review" });
    expect(after.answers["3.9"]?.value).toBe("SIGNIFICANT");
    expect(Object.keys(after.answers)).toHaveLength(27);
  });

  it("rejects an answer for another index than the current question as stale and leaves the state unchanged", () => {
    const state = answerFirst(3);
    const snapshot = structuredClone(state);
    for (const index of [2, 4, 0, 99, -1]) {
      expect(transition(state, { type: "answer", index, value: "MINOR" }, ctx)).toEqual({ ok: false, reason: "stale" });
    }
    expect(state).toEqual(snapshot);
    expect(state.screen).toEqual({ kind: "question", index: 3 });
    expect(state.answers["1.3"]?.value).toBe("NONE");
  });

  it("rejects an answer while on the review screen as stale", () => {
    const state = answerAll();
    expect(transition(state, { type: "answer", index: LAST, value: "MINOR" }, ctx)).toEqual({ ok: false, reason: "stale" });
  });

  it("accepts each of the three answer values", () => {
    expect(ANSWER_VALUES).toEqual(["NONE", "MINOR", "SIGNIFICANT"]);
    for (const value of ANSWER_VALUES) {
      const state = step(newAssessment(CODES), { type: "answer", index: 0, value });
      expect(state.answers["1.1"]?.value).toBe(value);
    }
  });
});

describe("going back", () => {
  it("back moves to the previous question without dropping answers", () => {
    const state = answerFirst(4);
    const back = step(state, { type: "back", index: 4 });
    expect(back.screen).toEqual({ kind: "question", index: 3 });
    expect(back.answers).toEqual(state.answers);
  });

  it("back is refused on the first question", () => {
    expect(transition(newAssessment(CODES), { type: "back", index: 0 }, ctx)).toEqual({ ok: false, reason: "stale" });
  });

  it("back for an index other than the current question is refused", () => {
    expect(transition(answerFirst(4), { type: "back", index: 3 }, ctx)).toEqual({ ok: false, reason: "stale" });
  });

  it("back then re-answer changes that answer, moves on, and keeps later answers", () => {
    let state = answerFirst(5, { "1.5": "MINOR" });
    state = run(state, [
      { type: "back", index: 5 },
      { type: "back", index: 4 },
    ]);
    expect(state.screen).toEqual({ kind: "question", index: 3 });
    state = step(state, { type: "answer", index: 3, value: "SIGNIFICANT" });
    expect(state.screen).toEqual({ kind: "question", index: 4 });
    expect(state.answers["1.4"]?.value).toBe("SIGNIFICANT");
    expect(state.answers["1.5"]).toEqual({ value: "MINOR", measure: null, targetDate: null });
    expect(Object.keys(state.answers)).toEqual(["1.1", "1.2", "1.3", "1.4", "1.5"]);
  });
});

describe("resume", () => {
  it("goes to the first unanswered item after answering 1–5 and going back to 3", () => {
    const state = run(answerFirst(5), [
      { type: "back", index: 5 },
      { type: "back", index: 4 },
      { type: "back", index: 3 },
    ]);
    expect(state.screen).toEqual({ kind: "question", index: 2 });
    expect(resume(state).screen).toEqual({ kind: "question", index: 5 });
  });

  it("shows the review for a fully answered draft left on a question", () => {
    const state = step(answerAll(), { type: "change", index: 7 });
    expect(state.screen).toEqual({ kind: "question", index: 7, fromReview: true });
    expect(resume(state).screen).toEqual({ kind: "review" });
  });

  it("keeps a plan screen of a fully answered draft", () => {
    const state = step(answerAll({ "2.2": "MINOR" }), { type: "continue" });
    expect(state.screen).toEqual({ kind: "measure", code: "2.2" });
    expect(resume(state).screen).toEqual({ kind: "measure", code: "2.2" });
  });

  it("shows the submitted screen for a submitted form", () => {
    const submitted = step(confirmedForm(), { type: "submit" });
    expect(resume({ ...submitted, screen: { kind: "review" } }).screen).toEqual({ kind: "submitted" });
  });

  it("puts a new form on question 0", () => {
    expect(resume(newAssessment(CODES)).screen).toEqual({ kind: "question", index: 0 });
  });
});

describe("review and changing answers", () => {
  it("pick → change → answer returns to review with the new answer", () => {
    let state = run(answerAll(), [{ type: "pick" }, { type: "change", index: 10 }]);
    expect(state.screen).toEqual({ kind: "question", index: 10, fromReview: true });
    state = step(state, { type: "answer", index: 10, value: "MINOR" });
    expect(state.screen).toEqual({ kind: "review" });
    expect(state.answers[CODES[10]!]?.value).toBe("MINOR");
    expect(CODES[10]).toBe("2.2");
  });

  it("change is refused for an index outside the checklist", () => {
    const state = step(answerAll(), { type: "pick" });
    expect(transition(state, { type: "change", index: 27 }, ctx)).toEqual({ ok: false, reason: "stale" });
    expect(transition(state, { type: "change", index: -1 }, ctx)).toEqual({ ok: false, reason: "stale" });
  });

  it("answering NONE to an item that had a measure and a date clears both", () => {
    let state = confirmedForm();
    expect(state.answers["1.2"]).toEqual({ value: "MINOR", measure: "Học tập nghị quyết hằng tháng", targetDate: "2026-12-31" });
    state = run(state, [{ type: "pick" }, { type: "change", index: 1 }, { type: "answer", index: 1, value: "NONE" }]);
    expect(state.screen).toEqual({ kind: "review" });
    expect(state.answers["1.2"]).toEqual({ value: "NONE", measure: null, targetDate: null });
    expect(markedCodes(state)).toEqual(["2.3"]);
  });

  it("changing the level of a marked item keeps its measure and date", () => {
    const state = run(confirmedForm(), [{ type: "pick" }, { type: "change", index: 1 }, { type: "answer", index: 1, value: "SIGNIFICANT" }]);
    expect(state.answers["1.2"]).toEqual({ value: "SIGNIFICANT", measure: "Học tập nghị quyết hằng tháng", targetDate: "2026-12-31" });
  });

  it("the review event from pick returns to review only when every item is answered", () => {
    const state = step(answerAll(), { type: "pick" });
    expect(step(state, { type: "review" }).screen).toEqual({ kind: "review" });
    const gap = { ...state, answers: { ...state.answers } };
    delete (gap.answers as Record<string, unknown>)["2.5"];
    expect(transition(gap, { type: "review" }, ctx)).toEqual({ ok: false, reason: "incomplete" });
  });
});

describe("correction plan", () => {
  it("continue from review goes to the measure of the first marked item in checklist order", () => {
    // 2.3 is marked first; 1.2 is marked later from the review, but comes first in the checklist.
    let state = answerAll({ "2.3": "SIGNIFICANT" });
    state = run(state, [{ type: "pick" }, { type: "change", index: 1 }, { type: "answer", index: 1, value: "MINOR" }]);
    expect(markedCodes(state)).toEqual(["1.2", "2.3"]);
    state = step(state, { type: "continue" });
    expect(state.screen).toEqual({ kind: "measure", code: "1.2" });
  });

  it("goes measure → date → next marked item's measure → date → confirm", () => {
    let state = step(answerAll({ "1.2": "MINOR", "2.3": "SIGNIFICANT", "3.9": "MINOR" }), { type: "continue" });
    const screens: Screen[] = [state.screen];
    const events: AssessmentEvent[] = [
      { type: "measure", code: "1.2", text: "Biện pháp một" },
      { type: "date", code: "1.2", day: "2026-12-01" },
      { type: "measure", code: "2.3", text: "Biện pháp hai" },
      { type: "date", code: "2.3", day: "2026-12-02" },
      { type: "measure", code: "3.9", text: "Biện pháp ba" },
      { type: "date", code: "3.9", day: "2026-12-03" },
    ];
    for (const event of events) {
      const result = transition(state, event, ctx);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.changed).toEqual([(event as { code: string }).code]);
      state = result.state;
      screens.push(state.screen);
    }
    expect(screens).toEqual([
      { kind: "measure", code: "1.2" },
      { kind: "date", code: "1.2" },
      { kind: "measure", code: "2.3" },
      { kind: "date", code: "2.3" },
      { kind: "measure", code: "3.9" },
      { kind: "date", code: "3.9" },
      { kind: "confirm" },
    ]);
    expect(state.answers["2.3"]).toEqual({ value: "SIGNIFICANT", measure: "Biện pháp hai", targetDate: "2026-12-02" });
    expect(isComplete(state)).toBe(true);
  });

  it("continue with nothing marked goes straight to confirm", () => {
    expect(step(answerAll(), { type: "continue" }).screen).toEqual({ kind: "confirm" });
  });

  it("a measure or date for another item than the current one is stale", () => {
    const state = step(answerAll({ "1.2": "MINOR", "2.3": "MINOR" }), { type: "continue" });
    expect(transition(state, { type: "measure", code: "2.3", text: "Biện pháp hai" }, ctx)).toEqual({ ok: false, reason: "stale" });
    expect(transition(state, { type: "date", code: "1.2", day: "2026-12-01" }, ctx)).toEqual({ ok: false, reason: "stale" });
  });

  describe("measure length", () => {
    const atMeasure = () => step(answerAll({ "1.1": "MINOR" }), { type: "continue" });
    const measure = (text: string) => transition(atMeasure(), { type: "measure", code: "1.1", text }, ctx);

    it("rejects fewer than 5 characters after trimming as tooShort", () => {
      expect(measure("abcd")).toEqual({ ok: false, reason: "tooShort" });
      expect(measure("   abcd   ")).toEqual({ ok: false, reason: "tooShort" });
      expect(measure("Sửa")).toEqual({ ok: false, reason: "tooShort" });
      expect(measure("")).toEqual({ ok: false, reason: "tooShort" });
      expect(measure("          ")).toEqual({ ok: false, reason: "tooShort" });
    });

    it("accepts exactly 5 characters, counting Vietnamese letters as one each, and stores the trimmed text", () => {
      const text = "Sửa đ"; // 5 characters, 7 UTF-8 bytes
      expect([...text]).toHaveLength(5);
      const result = measure(`  ${text}  `);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.state.answers["1.1"]?.measure).toBe("Sửa đ");
      expect(result.state.screen).toEqual({ kind: "date", code: "1.1" });
    });

    it("counts characters, not UTF-16 units: 4 emoji are too short, 1000 emoji are accepted", () => {
      expect(measure("😀😀😀😀")).toEqual({ ok: false, reason: "tooShort" });
      expect(measure("😀".repeat(1000)).ok).toBe(true);
    });

    it("accepts exactly 1000 characters and rejects 1001 as tooLong", () => {
      const ok = measure("ử".repeat(1000));
      expect(ok.ok).toBe(true);
      if (ok.ok) expect([...(ok.state.answers["1.1"]?.measure ?? "")]).toHaveLength(1000);
      expect(measure("ử".repeat(1001))).toEqual({ ok: false, reason: "tooLong" });
      expect(measure(`  ${"a".repeat(1000)}  `).ok).toBe(true);
    });

    it("accepts 'Sửa đổi' (7 characters)", () => {
      expect(measure("Sửa đổi").ok).toBe(true);
    });
  });

  describe("target date", () => {
    const atDate = () => run(answerAll({ "1.1": "MINOR" }), [{ type: "continue" }, { type: "measure", code: "1.1", text: "Sửa đổi" }]);

    it("rejects a day before today as pastDate", () => {
      expect(transition(atDate(), { type: "date", code: "1.1", day: "2026-11-21" }, ctx)).toEqual({ ok: false, reason: "pastDate" });
      expect(transition(atDate(), { type: "date", code: "1.1", day: "2025-12-31" }, ctx)).toEqual({ ok: false, reason: "pastDate" });
    });

    it("accepts today", () => {
      const state = step(atDate(), { type: "date", code: "1.1", day: "2026-11-22" });
      expect(state.answers["1.1"]?.targetDate).toBe("2026-11-22");
      expect(state.screen).toEqual({ kind: "confirm" });
    });
  });

  it("keepMeasure keeps the existing measure and moves on like a typed measure", () => {
    let state = step(confirmedForm(), { type: "editPlan", code: "2.3" });
    state = step(state, { type: "keepMeasure", code: "2.3" });
    expect(state.answers["2.3"]?.measure).toBe("Kê khai lại tài sản đầy đủ");
    expect(state.screen).toEqual({ kind: "confirm" });
  });

  it("keepMeasure without a measure is stale", () => {
    const state = step(answerAll({ "1.1": "MINOR" }), { type: "continue" });
    expect(transition(state, { type: "keepMeasure", code: "1.1" }, ctx)).toEqual({ ok: false, reason: "stale" });
  });

  it("editPlan from confirm goes to the measure with fromConfirm, and a new measure returns to confirm keeping the date", () => {
    let state = step(confirmedForm(), { type: "editPlan", code: "1.2" });
    expect(state.screen).toEqual({ kind: "measure", code: "1.2", fromConfirm: true });
    const result = transition(state, { type: "measure", code: "1.2", text: "  Biện pháp mới  " }, ctx);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    state = result.state;
    expect(result.changed).toEqual(["1.2"]);
    expect(state.screen).toEqual({ kind: "confirm" });
    expect(state.answers["1.2"]).toEqual({ value: "MINOR", measure: "Biện pháp mới", targetDate: "2026-12-31" });
  });

  it("editPlan is refused for an unmarked item and outside confirm", () => {
    expect(transition(confirmedForm(), { type: "editPlan", code: "1.1" }, ctx)).toEqual({ ok: false, reason: "stale" });
    expect(transition(answerAll({ "1.2": "MINOR" }), { type: "editPlan", code: "1.2" }, ctx)).toEqual({ ok: false, reason: "stale" });
  });
});

describe("submitting", () => {
  it("submit from confirm yields SUBMITTED with submitted: true", () => {
    const result = transition(confirmedForm(), { type: "submit" }, ctx);
    expect(result).toMatchObject({ ok: true, submitted: true, changed: [] });
    if (!result.ok) return;
    expect(result.state.status).toBe("SUBMITTED");
    expect(result.state.editing).toBe(false);
    expect(result.state.screen).toEqual({ kind: "submitted" });
    expect(result.state.answers["2.3"]?.targetDate).toBe("2027-01-15");
  });

  it("ordinary transitions do not report submitted: true", () => {
    const result = transition(newAssessment(CODES), { type: "answer", index: 0, value: "NONE" }, ctx);
    expect(result.ok && result.submitted).toBe(false);
  });

  it("submit requires a complete plan: a marked item without measure is incomplete", () => {
    const state = answerAll({ "1.2": "MINOR" });
    expect(state.screen).toEqual({ kind: "review" });
    expect(transition(state, { type: "submit" }, ctx)).toEqual({ ok: false, reason: "incomplete" });
  });

  it("submit requires every item answered", () => {
    const partial: AssessmentState = { ...answerFirst(20), screen: { kind: "review" } };
    expect(transition(partial, { type: "submit" }, ctx)).toEqual({ ok: false, reason: "incomplete" });
  });

  it("submit is stale from a question screen", () => {
    expect(transition(answerFirst(3), { type: "submit" }, ctx)).toEqual({ ok: false, reason: "stale" });
  });

  it("a form with nothing marked can be submitted straight from review", () => {
    const result = transition(answerAll(), { type: "submit" }, ctx);
    expect(result).toMatchObject({ ok: true, submitted: true });
    if (result.ok) expect(result.state.status).toBe("SUBMITTED");
  });

  it("after submit every event other than reopen is stale", () => {
    const submitted = step(confirmedForm(), { type: "submit" });
    const events: AssessmentEvent[] = [
      { type: "answer", index: 0, value: "MINOR" },
      { type: "back", index: 1 },
      { type: "review" },
      { type: "pick" },
      { type: "change", index: 0 },
      { type: "continue" },
      { type: "measure", code: "1.2", text: "Biện pháp khác" },
      { type: "keepMeasure", code: "1.2" },
      { type: "date", code: "1.2", day: "2027-01-01" },
      { type: "editPlan", code: "1.2" },
      { type: "submit" },
    ];
    for (const event of events) {
      expect(transition(submitted, event, ctx), event.type).toEqual({ ok: false, reason: "stale" });
    }
    // Even with a screen that would otherwise accept the event.
    expect(transition({ ...submitted, screen: { kind: "confirm" } }, { type: "editPlan", code: "1.2" }, ctx)).toEqual({ ok: false, reason: "stale" });
  });

  it("reopen sets editing and goes to review, keeping status SUBMITTED and the answers", () => {
    const submitted = step(confirmedForm(), { type: "submit" });
    const result = transition(submitted, { type: "reopen" }, ctx);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state.editing).toBe(true);
    expect(result.state.status).toBe("SUBMITTED");
    expect(result.state.screen).toEqual({ kind: "review" });
    expect(result.state.answers).toEqual(submitted.answers);
    expect(result.submitted).toBe(false);
  });

  it("reopen is stale on a draft and on a form already reopened", () => {
    expect(transition(answerAll(), { type: "reopen" }, ctx)).toEqual({ ok: false, reason: "stale" });
    const reopened = run(confirmedForm(), [{ type: "submit" }, { type: "reopen" }]);
    expect(transition(reopened, { type: "reopen" }, ctx)).toEqual({ ok: false, reason: "stale" });
  });

  it("a reopened form can be changed and resubmitted", () => {
    let state = run(confirmedForm(), [{ type: "submit" }, { type: "reopen" }]);
    state = run(state, [{ type: "pick" }, { type: "change", index: 4 }, { type: "answer", index: 4, value: "MINOR" }, { type: "continue" }]);
    expect(state.screen).toEqual({ kind: "measure", code: "1.5" });
    state = run(state, [
      { type: "measure", code: "1.5", text: "Thẳng thắn tự phê bình" },
      { type: "date", code: "1.5", day: "2027-03-31" },
    ]);
    expect(state.screen).toEqual({ kind: "confirm" });
    const result = transition(state, { type: "submit" }, ctx);
    expect(result).toMatchObject({ ok: true, submitted: true });
    if (!result.ok) return;
    expect(result.state.status).toBe("SUBMITTED");
    expect(result.state.editing).toBe(false);
    expect(result.state.screen).toEqual({ kind: "submitted" });
    expect(markedCodes(result.state)).toEqual(["1.2", "1.5", "2.3"]);
  });
});

describe("locked forms", () => {
  it("rejects every event with locked when the context is locked", () => {
    const locked: AssessmentContext = { today: "2026-11-22", locked: true };
    const draft = answerFirst(1);
    const confirm = confirmedForm();
    const submitted = step(confirm, { type: "submit" });
    const cases: [AssessmentState, AssessmentEvent][] = [
      [draft, { type: "answer", index: 1, value: "NONE" }],
      [draft, { type: "back", index: 1 }],
      [step(confirm, { type: "pick" }), { type: "review" }],
      [confirm, { type: "pick" }],
      [answerAll(), { type: "change", index: 0 }],
      [answerAll(), { type: "continue" }],
      [step(confirm, { type: "editPlan", code: "1.2" }), { type: "measure", code: "1.2", text: "Biện pháp mới" }],
      [step(confirm, { type: "editPlan", code: "1.2" }), { type: "keepMeasure", code: "1.2" }],
      [step(answerAll({ "1.1": "MINOR" }), { type: "continue" }), { type: "measure", code: "1.1", text: "Biện pháp" }],
      [confirm, { type: "editPlan", code: "1.2" }],
      [confirm, { type: "submit" }],
      [submitted, { type: "reopen" }],
    ];
    for (const [state, event] of cases) {
      // Sanity: the same event is accepted when not locked.
      expect(transition(state, event, ctx).ok, `${event.type} unlocked`).toBe(true);
      expect(transition(state, event, locked), event.type).toEqual({ ok: false, reason: "locked" });
    }
  });

  it("rejects a date with locked", () => {
    const state = run(answerAll({ "1.1": "MINOR" }), [{ type: "continue" }, { type: "measure", code: "1.1", text: "Biện pháp" }]);
    expect(transition(state, { type: "date", code: "1.1", day: "2026-12-01" }, { today: "2026-11-22", locked: true })).toEqual({ ok: false, reason: "locked" });
  });
});

describe("stored screen", () => {
  const screens: Screen[] = [
    { kind: "question", index: 0 },
    { kind: "question", index: 26, fromReview: true },
    { kind: "review" },
    { kind: "pick" },
    { kind: "measure", code: "2.3" },
    { kind: "measure", code: "1.2", fromConfirm: true },
    { kind: "date", code: "3.9", fromConfirm: true },
    { kind: "confirm" },
    { kind: "submitted" },
  ];

  it.each(screens.map((s) => [JSON.stringify(s), s] as const))("round-trips %s", (_label, screen) => {
    expect(decodeScreen(encodeScreen(screen))).toEqual(screen);
  });

  it("encodes with a version number", () => {
    expect(JSON.parse(encodeScreen({ kind: "review" }))).toEqual({ v: 1, s: { kind: "review" } });
  });

  it.each([["garbage"], [""], ["{"], ["null"], ["42"], ['{"v":2,"s":{"kind":"review"}}'], ['{"v":1}'], ['{"v":1,"s":{"kind":7}}']])(
    "decodes %j to question 0",
    (stored) => {
      expect(decodeScreen(stored)).toEqual({ kind: "question", index: 0 });
    },
  );

  it("decodes null and undefined to question 0", () => {
    expect(decodeScreen(null)).toEqual({ kind: "question", index: 0 });
    expect(decodeScreen(undefined)).toEqual({ kind: "question", index: 0 });
  });
});

describe("decodeScreen: corrupted cursors", () => {
  it("falls back to the first question for an unknown kind or an out-of-range item", () => {
    expect(decodeScreen('{"v":1,"s":{"kind":"bogus"}}')).toEqual({ kind: "question", index: 0 });
    expect(decodeScreen('{"v":1,"s":{"kind":"question","index":99}}', 27)).toEqual({ kind: "question", index: 0 });
    expect(decodeScreen('{"v":1,"s":{"kind":"measure","code":42}}')).toEqual({ kind: "question", index: 0 });
    expect(decodeScreen('{"v":1,"s":{"kind":"measure","code":"1.4"}}')).toEqual({ kind: "measure", code: "1.4" });
  });
});
