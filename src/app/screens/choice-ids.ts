/**
 * The member loop's choice ids: the form's answers and steps, the name confirmation on joining,
 * the monthly follow-up's progress answers. The same strings on every channel: Telegram's
 * callback data (≤ 64 bytes, as they always were), a text channel's numbered choices typed back.
 * Ids come back from the person and can be forged, so every decode validates shape and ranges
 * and returns null on anything unexpected. The leading "1" is the format version.
 */
import type { AnswerValue } from "../../domain/assessment.js";

const VERSION = "1";
const ID = "([1-9]\\d{0,9})";
const INDEX = "(\\d{1,3})";

const ANSWER_CODES: Record<AnswerValue, string> = { NONE: "n", MINOR: "m", SIGNIFICANT: "s" };
const ANSWER_BY_CODE: Record<string, AnswerValue> = { n: "NONE", m: "MINOR", s: "SIGNIFICANT" };

export type QuickPick = "eom" | "m3" | "m6" | "eoy";
export const QUICK_PICKS: readonly QuickPick[] = ["eom", "m3", "m6", "eoy"];

/** Form buttons: every one names the form (assessment id) it belongs to. */
export type FormAction =
  | { action: "answer"; id: number; index: number; value: AnswerValue }
  | { action: "back"; id: number; index: number }
  | { action: "review"; id: number }
  | { action: "pick"; id: number }
  | { action: "change"; id: number; index: number }
  | { action: "continue"; id: number }
  | { action: "keep"; id: number; index: number }
  | { action: "date"; id: number; index: number; pick: QuickPick }
  | { action: "editPlan"; id: number; index: number }
  | { action: "submit"; id: number }
  | { action: "reopen"; id: number }
  /** Another page of a long confirm or submitted screen (index = page); changes nothing. */
  | { action: "page"; id: number; index: number };

const FORM_KIND: Record<FormAction["action"], string> = {
  answer: "a",
  back: "b",
  review: "r",
  pick: "p",
  change: "c",
  continue: "n",
  keep: "k",
  date: "d",
  editPlan: "e",
  submit: "s",
  reopen: "o",
  page: "v",
};
const FORM_ACTION_BY_KIND = Object.fromEntries(Object.entries(FORM_KIND).map(([a, k]) => [k, a])) as Record<string, FormAction["action"]>;
export const FORM_PATTERN = /^1f:([a-z]):/;

export function encodeForm(action: FormAction): string {
  const parts = [`${VERSION}f:${FORM_KIND[action.action]}`, String(action.id)];
  if ("index" in action) parts.push(String(action.index));
  if (action.action === "answer") parts.push(ANSWER_CODES[action.value]);
  if (action.action === "date") parts.push(action.pick);
  return parts.join(":");
}

export function decodeForm(data: string): FormAction | null {
  const m = new RegExp(`^${VERSION}f:([a-z]):${ID}(?::${INDEX})?(?::([a-z0-9]{1,3}))?$`).exec(data);
  if (!m) return null;
  const action = FORM_ACTION_BY_KIND[m[1]!];
  const id = Number(m[2]);
  const index = m[3] === undefined ? undefined : Number(m[3]);
  const extra = m[4];
  switch (action) {
    case "answer": {
      const value = extra ? ANSWER_BY_CODE[extra] : undefined;
      return index !== undefined && value ? { action, id, index, value } : null;
    }
    case "date":
      return index !== undefined && QUICK_PICKS.includes(extra as QuickPick) ? { action, id, index, pick: extra as QuickPick } : null;
    case "back":
    case "change":
    case "keep":
    case "editPlan":
    case "page":
      return index !== undefined && extra === undefined ? { action, id, index } : null;
    case "review":
    case "pick":
    case "continue":
    case "submit":
    case "reopen":
      return index === undefined && extra === undefined ? { action, id } : null;
    default:
      return null;
  }
}

/** Name confirmation after joining. */
export const NAME_OK = `${VERSION}nm:ok`;
export const NAME_EDIT = `${VERSION}nm:edit`;

/** Follow-up buttons: a progress answer, or "add a note", for one item of one form in one month. */
export type FollowUpAction =
  | { action: "progress"; id: number; index: number; period: string; status: "DONE" | "IN_PROGRESS" | "NOT_STARTED" }
  | { action: "note"; id: number; index: number; period: string };

const PROGRESS_CODES = { DONE: "d", IN_PROGRESS: "i", NOT_STARTED: "n" } as const;
const PROGRESS_BY_CODE: Record<string, "DONE" | "IN_PROGRESS" | "NOT_STARTED"> = { d: "DONE", i: "IN_PROGRESS", n: "NOT_STARTED" };
export const FOLLOW_UP_PATTERN = /^1g:/;

export function encodeFollowUp(a: FollowUpAction): string {
  const base = `${VERSION}g:${a.id}:${a.index}:${a.period.replace("-", "")}`;
  return a.action === "note" ? `${base}:note` : `${base}:${PROGRESS_CODES[a.status]}`;
}

export function decodeFollowUp(data: string): FollowUpAction | null {
  const m = new RegExp(`^${VERSION}g:${ID}:${INDEX}:(\\d{4})(0[1-9]|1[0-2]):(d|i|n|note)$`).exec(data);
  if (!m) return null;
  const [id, index, period] = [Number(m[1]), Number(m[2]), `${m[3]}-${m[4]}`];
  if (m[5] === "note") return { action: "note", id, index, period };
  return { action: "progress", id, index, period, status: PROGRESS_BY_CODE[m[5]!]! };
}
