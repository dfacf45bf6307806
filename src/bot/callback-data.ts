/**
 * Callback data codecs. Data comes back from the client and can be forged, so every decode
 * validates shape and ranges and returns null on anything unexpected. The leading "1" is the
 * format version: buttons from an older format are recognised as stale, never misread.
 * Telegram limits callback data to 64 bytes; every payload here stays far below.
 */
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

function matcher(kind: string, ...fields: string[]): RegExp {
  return new RegExp(`^${VERSION}${kind}${fields.map((f) => `:${f}`).join("")}$`);
}

// The member loop's choice ids (the form, the name on joining, the monthly follow-up) are
// channel-neutral: a text channel maps a typed number back to the same id (src/app/screens/choice-ids.ts).
export {
  decodeFollowUp,
  decodeForm,
  encodeFollowUp,
  encodeForm,
  FOLLOW_UP_PATTERN,
  FORM_PATTERN,
  NAME_EDIT,
  NAME_OK,
  QUICK_PICKS,
  type FollowUpAction,
  type FormAction,
  type QuickPick,
} from "../app/screens/choice-ids.js";
import { FOLLOW_UP_PATTERN, FORM_PATTERN, NAME_EDIT, NAME_OK } from "../app/screens/choice-ids.js";

/** Language choice. */
export const LANG_PATTERN = matcher("lg", "(vi|en)");
export const encodeLang = (locale: string) => `${VERSION}lg:${locale}`;

/**
 * "Nhắc các đồng chí chưa nộp" under a committee's nudge to a cell's secretary: /nhacnho for
 * that cell. Names the cell, so only its own secretary or deputy can act on it.
 */
export const NUDGE_CELL_PATTERN = matcher("nc", ID);
export const encodeNudgeCell = (cellId: number) => `${VERSION}nc:${cellId}`;

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
  ...ROUNDS_CALLBACKS,
  ...MEMBERS_CALLBACKS,
  ...REPORT_CALLBACKS,
  ...REPORT_BACK_CALLBACKS,
  ...PAPERS_CALLBACKS,
  ...HANDOVER_CALLBACKS,
  ...MEETING_CALLBACKS,
  ...ENTERED_UNIT_CALLBACKS,
  ...COMMITTEE_CALLBACKS,
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
