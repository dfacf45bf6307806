/**
 * The self-examination (tự soi) and correction plan (tự sửa) of one member in one round,
 * as a pure state machine. The app persists what it returns; the bot renders its screen.
 *
 * Flow: one question per item of the round's checklist → review (change any answer) → for each marked item a measure and a
 * target date → confirm → submitted. A submitted form can be reopened until the deadline;
 * resubmitting replaces what was filed. After the deadline every event is refused.
 */
import { beyondHorizon, compareDays, type Day } from "./calendar.js";
import { byCode, isItemCode } from "./checklist.js";
import { cleanText, textLength } from "./text.js";

export const ANSWER_VALUES = ["NONE", "MINOR", "SIGNIFICANT"] as const;
export type AnswerValue = (typeof ANSWER_VALUES)[number];

/** Measures are free text within these bounds (characters, counted after cleaning: see cleanText). */
export const MEASURE_MIN_LENGTH = 5;
export const MEASURE_MAX_LENGTH = 1000;

export interface ItemAnswer {
  value: AnswerValue;
  /** Correction measure (biện pháp khắc phục); only for items marked present. */
  measure: string | null;
  /** Target date (thời hạn), "YYYY-MM-DD"; only for items marked present. */
  targetDate: Day | null;
}

/** Where the member is. Stored (versioned) so a restart resumes in the same place. */
export type Screen =
  | { kind: "question"; index: number; fromReview?: boolean }
  | { kind: "review" }
  | { kind: "pick" }
  | { kind: "measure"; code: string; fromConfirm?: boolean }
  | { kind: "date"; code: string; fromConfirm?: boolean }
  | { kind: "confirm" }
  | { kind: "submitted" };

export type AssessmentStatus = "DRAFT" | "SUBMITTED";

export interface AssessmentState {
  /** Item codes in checklist order. */
  codes: readonly string[];
  /** Answers by item code: read them with answerOf (a code may be "constructor"). */
  answers: Readonly<Record<string, ItemAnswer>>;
  screen: Screen;
  status: AssessmentStatus;
  /** A submitted form reopened for changes: what was filed stays until resubmission. */
  editing: boolean;
}

export type AssessmentEvent =
  | { type: "answer"; index: number; value: AnswerValue }
  | { type: "back"; index: number }
  | { type: "review" }
  | { type: "pick" }
  | { type: "change"; index: number }
  | { type: "continue" }
  | { type: "measure"; code: string; text: string }
  | { type: "keepMeasure"; code: string }
  | { type: "date"; code: string; day: Day }
  | { type: "editPlan"; code: string }
  | { type: "submit" }
  | { type: "reopen" };

export type RejectReason =
  | "locked" // deadline passed or round closed
  | "stale" // the event is for a screen the member is no longer on
  | "tooShort"
  | "tooLong"
  | "pastDate"
  | "tooFar" // a target date past the horizon (calendar.ts, TYPED_DAY_HORIZON_MONTHS.target)
  | "incomplete";

export type Transition = { ok: true; state: AssessmentState; changed: string[]; submitted?: boolean } | { ok: false; reason: RejectReason };

/** Facts from outside the form that decide what is allowed. */
export interface AssessmentContext {
  /** The member's today in the cell's time zone. */
  today: Day;
  /** Deadline passed or round closed: the form is read-only. */
  locked: boolean;
}

const isMarked = (answer: ItemAnswer | undefined): boolean => answer !== undefined && answer.value !== "NONE";

/** The answer given for the item `code`, or undefined (never something Object.prototype has). */
export function answerOf(state: Pick<AssessmentState, "answers">, code: string): ItemAnswer | undefined {
  return byCode(state.answers, code);
}

/** A new, empty form. */
export function newAssessment(codes: readonly string[]): AssessmentState {
  return { codes, answers: {}, screen: { kind: "question", index: 0 }, status: "DRAFT", editing: false };
}

/** Index of the first item without an answer, or -1 when all are answered. */
export function firstUnanswered(state: AssessmentState): number {
  return state.codes.findIndex((code) => answerOf(state, code) === undefined);
}

/** Codes of items marked present (MINOR or SIGNIFICANT), in checklist order. */
export function markedCodes(state: Pick<AssessmentState, "codes" | "answers">): string[] {
  return state.codes.filter((code) => isMarked(answerOf(state, code)));
}

/** The next plan step still missing (measure before date, in checklist order), or null. */
export function nextPlanStep(state: AssessmentState): Screen | null {
  for (const code of markedCodes(state)) {
    const answer = answerOf(state, code)!;
    if (!answer.measure) return { kind: "measure", code };
    if (!answer.targetDate) return { kind: "date", code };
  }
  return null;
}

/** True when every item is answered and every marked item has a measure and a date. */
export function isComplete(state: AssessmentState): boolean {
  return firstUnanswered(state) === -1 && nextPlanStep(state) === null;
}

/** The screen after review: the first gap, or confirm when nothing is missing. */
function afterReview(state: AssessmentState): Screen {
  const gap = firstUnanswered(state);
  if (gap !== -1) return { kind: "question", index: gap };
  return nextPlanStep(state) ?? { kind: "confirm" };
}

/**
 * Where `/tusoi` puts the member back: the first unanswered item; otherwise the screen
 * they were on (a question they went back to is shown as the review instead).
 */
export function resume(state: AssessmentState): AssessmentState {
  if (state.status === "SUBMITTED" && !state.editing) return { ...state, screen: { kind: "submitted" } };
  const gap = firstUnanswered(state);
  if (gap !== -1) return { ...state, screen: { kind: "question", index: gap } };
  if (state.screen.kind === "question" || state.screen.kind === "submitted") return { ...state, screen: { kind: "review" } };
  return state;
}

/** A copy of the answers with `code`'s replaced (a computed key is an own property, even "__proto__"). */
function withAnswer(state: AssessmentState, code: string, answer: ItemAnswer): Record<string, ItemAnswer> {
  return { ...state.answers, [code]: answer };
}

const ok = (state: AssessmentState, changed: string[] = [], submitted = false): Transition => ({ ok: true, state, changed, submitted });
const reject = (reason: RejectReason): Transition => ({ ok: false, reason });

/** Applies one event. Never throws; a refused event leaves the state as it was. */
export function transition(state: AssessmentState, event: AssessmentEvent, context: AssessmentContext): Transition {
  if (context.locked) return reject("locked");
  const screen = state.screen;
  const readOnly = state.status === "SUBMITTED" && !state.editing;
  if (readOnly && event.type !== "reopen") return reject("stale");

  switch (event.type) {
    case "answer": {
      if (screen.kind !== "question" || screen.index !== event.index) return reject("stale");
      const code = state.codes[event.index];
      if (code === undefined) return reject("stale");
      const previous = answerOf(state, code);
      // Changing the level keeps the plan; answering "no" drops it (nothing to correct).
      const answer: ItemAnswer =
        event.value === "NONE"
          ? { value: "NONE", measure: null, targetDate: null }
          : { value: event.value, measure: previous?.measure ?? null, targetDate: previous?.targetDate ?? null };
      const answers = withAnswer(state, code, answer);
      const last = event.index === state.codes.length - 1;
      const next: Screen = screen.fromReview || last ? { kind: "review" } : { kind: "question", index: event.index + 1 };
      return ok({ ...state, answers, screen: next }, [code]);
    }
    case "back": {
      if (screen.kind !== "question" || screen.index !== event.index || event.index === 0) return reject("stale");
      return ok({ ...state, screen: { kind: "question", index: event.index - 1 } });
    }
    case "review": {
      if (screen.kind !== "pick" && screen.kind !== "confirm") return reject("stale");
      if (firstUnanswered(state) !== -1) return reject("incomplete");
      return ok({ ...state, screen: { kind: "review" } });
    }
    case "pick": {
      if (screen.kind !== "review" && screen.kind !== "pick" && screen.kind !== "confirm") return reject("stale");
      return ok({ ...state, screen: { kind: "pick" } });
    }
    case "change": {
      if (screen.kind !== "pick" && screen.kind !== "review") return reject("stale");
      if (event.index < 0 || event.index >= state.codes.length) return reject("stale");
      return ok({ ...state, screen: { kind: "question", index: event.index, fromReview: true } });
    }
    case "continue": {
      if (screen.kind !== "review") return reject("stale");
      return ok({ ...state, screen: afterReview(state) });
    }
    case "measure": {
      if (screen.kind !== "measure" || screen.code !== event.code) return reject("stale");
      const previous = answerOf(state, event.code);
      if (!isMarked(previous)) return reject("stale");
      // Measures may span several lines; invisible and bidi characters never count or stay.
      const text = cleanText(event.text, { multiline: true });
      if (textLength(text) < MEASURE_MIN_LENGTH) return reject("tooShort");
      if (textLength(text) > MEASURE_MAX_LENGTH) return reject("tooLong");
      const answers = withAnswer(state, event.code, { ...previous!, measure: text });
      const next: Screen =
        screen.fromConfirm && previous!.targetDate ? { kind: "confirm" } : { kind: "date", code: event.code, fromConfirm: screen.fromConfirm };
      return ok({ ...state, answers, screen: next }, [event.code]);
    }
    case "keepMeasure": {
      const measure = answerOf(state, event.code)?.measure;
      if (!measure) return reject("stale");
      return transition(state, { type: "measure", code: event.code, text: measure }, context);
    }
    case "date": {
      if (screen.kind !== "date" || screen.code !== event.code) return reject("stale");
      const previous = answerOf(state, event.code);
      if (!isMarked(previous)) return reject("stale");
      if (compareDays(event.day, context.today) < 0) return reject("pastDate");
      if (beyondHorizon(event.day, context.today, "target")) return reject("tooFar");
      const updated: AssessmentState = { ...state, answers: withAnswer(state, event.code, { ...previous!, targetDate: event.day }) };
      const next = screen.fromConfirm ? { kind: "confirm" as const } : (nextPlanStep(updated) ?? { kind: "confirm" as const });
      return ok({ ...updated, screen: next }, [event.code]);
    }
    case "editPlan": {
      if (screen.kind !== "confirm" || !isMarked(answerOf(state, event.code))) return reject("stale");
      return ok({ ...state, screen: { kind: "measure", code: event.code, fromConfirm: true } });
    }
    case "submit": {
      if (screen.kind !== "confirm" && screen.kind !== "review") return reject("stale");
      if (!isComplete(state)) return reject("incomplete");
      return ok({ ...state, status: "SUBMITTED", editing: false, screen: { kind: "submitted" } }, [], true);
    }
    case "reopen": {
      if (!readOnly) return reject("stale");
      return ok({ ...state, editing: true, screen: { kind: "review" } });
    }
  }
}

/** Stored form of the screen; the version lets a later change recognise old cursors. */
export function encodeScreen(screen: Screen): string {
  return JSON.stringify({ v: 1, s: screen });
}

const isIndex = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) < 1000;
const isFlag = (value: unknown): boolean => value === undefined || typeof value === "boolean";

/** True when a decoded value is a screen this version can show. */
function isScreen(value: unknown): value is Screen {
  if (typeof value !== "object" || value === null) return false;
  const s = value as Record<string, unknown>;
  switch (s.kind) {
    case "question":
      return isIndex(s.index) && isFlag(s.fromReview);
    // Any code the template import accepts (one grammar: ITEM_CODE); whether the form has it is checked by the caller.
    case "measure":
    case "date":
      return isItemCode(s.code) && isFlag(s.fromConfirm);
    case "review":
    case "pick":
    case "confirm":
    case "submitted":
      return true;
    default:
      return false;
  }
}

/**
 * Reads a stored screen; anything unrecognised falls back to the first question (and
 * resume() then moves to the first unanswered item). `form` is the form's item codes in
 * order (a screen naming an index past them or a code not among them is not this form's),
 * or just their number.
 */
export function decodeScreen(stored: string | null | undefined, form: number | readonly string[] = Infinity): Screen {
  const itemCount = typeof form === "number" ? form : form.length;
  const hasCode = (code: string) => typeof form === "number" || form.includes(code);
  try {
    const parsed = JSON.parse(stored ?? "") as { v?: unknown; s?: unknown };
    if (parsed.v === 1 && isScreen(parsed.s)) {
      const s = parsed.s;
      if (s.kind === "question" ? s.index < itemCount : s.kind === "measure" || s.kind === "date" ? hasCode(s.code) : true) return s;
    }
  } catch {
    // fall through
  }
  return { kind: "question", index: 0 };
}
