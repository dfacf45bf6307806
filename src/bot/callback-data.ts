/**
 * Callback data codecs. Data comes back from the client and can be forged, so every decode
 * validates shape and ranges and returns null on anything unexpected. The leading "1" is the
 * format version: buttons from an older format are recognised as stale, never misread.
 * Telegram limits callback data to 64 bytes; every payload here stays far below.
 */
import type { AnswerValue } from "../domain/assessment.js";
import type { Codec, CallbackScope } from "./callback-codec.js";
import { COMMITTEE_CALLBACKS } from "./features/committee/callbacks.js";
import { ENTERED_UNIT_CALLBACKS } from "./features/entered-units.callbacks.js";
import { HANDOVER_CALLBACKS } from "./features/handover.callbacks.js";
import { MEETING_CALLBACKS } from "./features/meeting.callbacks.js";
import { MEMBERS_CALLBACKS } from "./features/members.callbacks.js";
import { PAPERS_CALLBACKS } from "./features/papers.callbacks.js";
import { REPORT_BACK_CALLBACKS } from "./features/report-back.callbacks.js";
import { REPORT_CALLBACKS } from "./features/report.callbacks.js";
import { ROUNDS_CALLBACKS } from "./features/rounds.callbacks.js";
import { TEMPLATE_CALLBACK_KIND } from "./features/templates.callbacks.js";

const VERSION = "1";
const ID = "([1-9]\\d{0,9})";
const INDEX = "(\\d{1,3})";

function matcher(kind: string, ...fields: string[]): RegExp {
  return new RegExp(`^${VERSION}${kind}${fields.map((f) => `:${f}`).join("")}$`);
}

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
  answer: "a", back: "b", review: "r", pick: "p", change: "c", continue: "n", keep: "k", date: "d", editPlan: "e", submit: "s", reopen: "o", page: "v",
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
    case "back": case "change": case "keep": case "editPlan": case "page":
      return index !== undefined && extra === undefined ? { action, id, index } : null;
    case "review": case "pick": case "continue": case "submit": case "reopen":
      return index === undefined && extra === undefined ? { action, id } : null;
    default:
      return null;
  }
}

/** Name confirmation after joining. */
export const NAME_OK = `${VERSION}nm:ok`;
export const NAME_EDIT = `${VERSION}nm:edit`;

/** Language choice. */
export const LANG_PATTERN = matcher("lg", "(vi|en)");
export const encodeLang = (locale: string) => `${VERSION}lg:${locale}`;

/**
 * "Nhắc các đồng chí chưa nộp" under a committee's nudge to a cell's secretary: /nhacnho for
 * that cell. Names the cell, so only its own secretary or deputy can act on it.
 */
export const NUDGE_CELL_PATTERN = matcher("nc", ID);
export const encodeNudgeCell = (cellId: number) => `${VERSION}nc:${cellId}`;

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

export type { ReportFile, ReportTextCode } from "./callback-codec.js";

/** "Tạm dừng nhắc 1 tháng" on a follow-up of a month (YYYYMM). */
export const MUTE_FOLLOW_UP_PATTERN = matcher("mu", "(\\d{4})(0[1-9]|1[0-2])");
export const encodeMuteFollowUp = (period: string) => `${VERSION}mu:${period.replace("-", "")}`;

/**
 * Every feature's buttons but the member loop's (above) live next to their feature, built with
 * the typed helper (callback-codec.ts) (/mau's with its own grammar); re-exported here under
 * the names they always had.
 */
export * from "./features/committee/callbacks.js";
export * from "./features/meeting.callbacks.js";
export * from "./features/entered-units.callbacks.js";
export * from "./features/rounds.callbacks.js";
export * from "./features/report.callbacks.js";
export * from "./features/report-back.callbacks.js";
export * from "./features/members.callbacks.js";
export * from "./features/handover.callbacks.js";
export * from "./features/papers.callbacks.js";
export * from "./features/templates.callbacks.js";

/**
 * Where a button may be pressed and whether its handler may edit the message under it. Data can
 * be forged and pressed on any message, so bot/middlewares/callback-guard.ts checks every press
 * against its kind's scope, in the database, before any handler runs:
 * - "private": only in the presser's own private chat with the bot (forms, confirmations, cancels).
 * - "officer": in a group, only the secretary or deputy of the group's own unit (the cell or the
 *   committee whose group it is); the handler may then edit the message. In private: the
 *   handler's use case checks the presser's right over what the button names.
 * - "anyone": anyone may press; in a group the handler never edits the message (it answers, or
 *   sends elsewhere, after its use case's own check).
 */
export type { CallbackScope };
export interface CallbackKind {
  name: string;
  match: RegExp | string;
  scope: CallbackScope;
  /** What a refused press is told (an i18n key); default by scope. */
  refusal?: string;
}

/** A typed codec's kind: its name, what it matches and its scope, declared with it. */
const kindOf = (c: Codec): CallbackKind => ({ name: c.name, match: c.match, scope: c.scope, ...(c.refusal ? { refusal: c.refusal } : {}) });

/** The features' own codec modules (each codec carries its scope: one can't be made without). */
const FEATURE_CODECS: readonly Codec[] = [
  ...ROUNDS_CALLBACKS, ...MEMBERS_CALLBACKS, ...REPORT_CALLBACKS, ...REPORT_BACK_CALLBACKS, ...PAPERS_CALLBACKS, ...HANDOVER_CALLBACKS,
  ...MEETING_CALLBACKS, ...ENTERED_UNIT_CALLBACKS, ...COMMITTEE_CALLBACKS,
];

export const CALLBACK_KINDS: readonly CallbackKind[] = [
  { name: "form", match: FORM_PATTERN, scope: "private" },
  { name: "nameOk", match: NAME_OK, scope: "private" },
  { name: "nameEdit", match: NAME_EDIT, scope: "private" },
  { name: "language", match: LANG_PATTERN, scope: "anyone" },
  { name: "followUp", match: FOLLOW_UP_PATTERN, scope: "private" },
  { name: "nudgeCell", match: NUDGE_CELL_PATTERN, scope: "private" },
  { name: "muteFollowUp", match: MUTE_FOLLOW_UP_PATTERN, scope: "private" },
  ...FEATURE_CODECS.map(kindOf),
  TEMPLATE_CALLBACK_KIND,
];

/** The kind of a press (null: data the bot never emits). */
export function callbackKind(data: string): CallbackKind | null {
  return CALLBACK_KINDS.find((k) => (typeof k.match === "string" ? k.match === data : k.match.test(data))) ?? null;
}
