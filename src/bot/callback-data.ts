/**
 * Callback data codecs. Data comes back from the client and can be forged, so every decode
 * validates shape and ranges and returns null on anything unexpected. The leading "1" is the
 * format version: buttons from an older format are recognised as stale, never misread.
 * Telegram limits callback data to 64 bytes; every payload here stays far below.
 */
import type { AnswerValue } from "../domain/assessment.js";
import { FILE_CODES, type Codec, type CallbackScope, type ReportFile } from "./callback-codec.js";
import { COMMITTEE_CALLBACKS } from "./features/committee/callbacks.js";
import { ENTERED_UNIT_CALLBACKS } from "./features/entered-units.callbacks.js";
import { MEETING_CALLBACKS } from "./features/meeting.callbacks.js";
import { TEMPLATE_CODE } from "../domain/templates.js";

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

/** Close a round (secretary/deputy, from the "already open" message). */
export const CLOSE_ROUND_PATTERN = matcher("cr", ID);
export const encodeCloseRound = (roundId: number) => `${VERSION}cr:${roundId}`;

/** "Đóng đợt sớm" under a summary: asks for confirmation (in private) before closing. */
export const ASK_CLOSE_ROUND_PATTERN = matcher("cq", ID);
export const encodeAskCloseRound = (roundId: number) => `${VERSION}cq:${roundId}`;
export const CANCEL_CLOSE_ROUND = `${VERSION}cq:no`;

/**
 * "Nhắc các đồng chí chưa nộp" under a committee's nudge to a cell's secretary: /nhacnho for
 * that cell. Names the cell, so only its own secretary or deputy can act on it.
 */
export const NUDGE_CELL_PATTERN = matcher("nc", ID);
export const encodeNudgeCell = (cellId: number) => `${VERSION}nc:${cellId}`;

/** A page of the /vaitro member list. */
export const MEMBERS_PAGE_PATTERN = matcher("vp", INDEX);
export const encodeMembersPage = (page: number) => `${VERSION}vp:${page}`;

/** Role management: open a member's menu, or set their role. */
export const MEMBER_MENU_PATTERN = matcher("mm", ID);
export const encodeMemberMenu = (memberId: number) => `${VERSION}mm:${memberId}`;
export const ROLE_CODES = { DEPUTY: "d", COMMITTEE: "c", MEMBER: "m", REMOVE: "x" } as const;
export type RoleCode = keyof typeof ROLE_CODES;
export const SET_ROLE_PATTERN = matcher("sr", ID, "([dcmx])");
export const encodeSetRole = (memberId: number, role: RoleCode) => `${VERSION}sr:${memberId}:${ROLE_CODES[role]}`;
export const roleFromCode = (code: string): RoleCode | null =>
  (Object.entries(ROLE_CODES).find(([, c]) => c === code)?.[0] as RoleCode | undefined) ?? null;
/** "Sửa họ tên" in a member's menu (the secretary corrects that member's name). */
export const RENAME_MEMBER_PATTERN = matcher("rn", ID);
export const encodeRenameMember = (memberId: number) => `${VERSION}rn:${memberId}`;
/**
 * "Cho tham gia lại": the secretary approves a removed member's rejoining. Carries the removal
 * instant (epoch ms, base 36, 8–10 characters: at most 25 bytes in all) so the button only
 * ever approves the removal it was sent for.
 */
export const REJOIN_PATTERN = matcher("rj", ID, "([0-9a-z]{1,10})");
export const encodeRejoin = (memberId: number, removedAt: Date) => `${VERSION}rj:${memberId}:${removedAt.getTime().toString(36)}`;
export const rejoinStamp = (code: string): Date | null => {
  const ms = parseInt(code, 36);
  return Number.isSafeInteger(ms) && ms > 0 ? new Date(ms) : null;
};

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

/** Report buttons: a file of a round for the group, another round's summary, the private detailed spreadsheet. */
export type { ReportFile, ReportTextCode } from "./callback-codec.js";
export const REPORT_FILE_PATTERN = matcher("rf", ID, "([dxc])");
export const encodeReportFile = (roundId: number, file: ReportFile) => `${VERSION}rf:${roundId}:${FILE_CODES[file]}`;
export const reportFileFromCode = (code: string): ReportFile | null =>
  (Object.entries(FILE_CODES).find(([, c]) => c === code)?.[0] as ReportFile | undefined) ?? null;
export const REPORT_ROUND_PATTERN = matcher("rr", ID);
export const encodeReportRound = (roundId: number) => `${VERSION}rr:${roundId}`;
export const DETAIL_XLSX_PATTERN = matcher("rx", ID);
export const encodeDetailXlsx = (roundId: number) => `${VERSION}rx:${roundId}`;

/** After the meeting (issue 13): the report back to the members of a closed round. */
export const REPORT_BACK_PATTERN = matcher("rb", ID);
export const encodeReportBack = (roundId: number) => `${VERSION}rb:${roundId}`;
export const REPORT_BACK_CONCLUSIONS_PATTERN = matcher("rk", ID);
export const encodeReportBackConclusions = (roundId: number) => `${VERSION}rk:${roundId}`;
export const REPORT_BACK_SEND_PATTERN = matcher("rs", ID);
export const encodeReportBackSend = (roundId: number) => `${VERSION}rs:${roundId}`;
export const CANCEL_REPORT_BACK = `${VERSION}rb:no`;
/** The cell's year totals under /baocao. */
export const REPORT_YEAR_PATTERN = matcher("ry", "(\\d{4})");
export const encodeReportYear = (year: number) => `${VERSION}ry:${year}`;
/** The member's own papers: the plan of their latest round, the year's record. */
export const PLAN_DOCX = `${VERSION}pd`;
export const REVIEW_DOCX_PATTERN = matcher("kd", "(\\d{4})");
export const encodeReviewDocx = (year: number) => `${VERSION}kd:${year}`;
/** "Giao chức bí thư": ask to confirm, then confirm with the old secretary's new role (m: member, d: deputy). */
export const HANDOVER_PATTERN = matcher("ho", ID);
export const encodeHandover = (memberId: number) => `${VERSION}ho:${memberId}`;
export const HANDOVER_CONFIRM_PATTERN = matcher("hc", ID, "([md])");
export const encodeHandoverConfirm = (memberId: number, stayAs: "MEMBER" | "DEPUTY") => `${VERSION}hc:${memberId}:${stayAs === "DEPUTY" ? "d" : "m"}`;
export const CANCEL_HANDOVER = `${VERSION}ho:no`;
/** "Tạm dừng nhắc 1 tháng" on a follow-up of a month (YYYYMM). */
export const MUTE_FOLLOW_UP_PATTERN = matcher("mu", "(\\d{4})(0[1-9]|1[0-2])");
export const encodeMuteFollowUp = (period: string) => `${VERSION}mu:${period.replace("-", "")}`;

/**
 * /mau buttons: use a template for new rounds (u), download it (g), delete it (x), by template
 * code; save a draft (s); import (i). Each names the unit it acts for (`c<cell id>` or
 * `k<committee id>`), since one person may manage a cell's and a committee's templates; the
 * unit is checked against what the presser may manage. Buttons without a unit (sent before
 * units) act for the presser's cell.
 */
export type TemplateUnit = { kind: "CELL" | "COMMITTEE"; id: number };
export type TemplateAction = ({ action: "use" | "download" | "delete"; code: string } | { action: "save"; id: number } | { action: "import" }) & { unit?: TemplateUnit };
const TEMPLATE_KIND = { use: "u", download: "g", delete: "x" } as const;
export const TEMPLATE_PATTERN = /^1t[ugxsi]/;
const UNIT = "(?::([ck])([1-9]\\d{0,9}))?";
// The template code's grammar is the import's (TEMPLATE_CODE): one definition, so every code saved has working buttons.
const TEMPLATE_CODE_DATA = new RegExp(`^${VERSION}t([ugx])${UNIT}:(${TEMPLATE_CODE.source.replace(/^\^|\$$/g, "")})$`);
const TEMPLATE_SAVE_DATA = new RegExp(`^${VERSION}ts${UNIT}:${ID}$`);
const TEMPLATE_IMPORT_DATA = new RegExp(`^${VERSION}ti${UNIT}$`);

const unitPart = (unit: TemplateUnit | undefined): string => (unit ? `:${unit.kind === "CELL" ? "c" : "k"}${unit.id}` : "");
const unitOf = (kind: string | undefined, id: string | undefined): { unit?: TemplateUnit } =>
  kind && id ? { unit: { kind: kind === "c" ? "CELL" : "COMMITTEE", id: Number(id) } } : {};

export function encodeTemplate(action: TemplateAction): string {
  const unit = unitPart(action.unit);
  if (action.action === "save") return `${VERSION}ts${unit}:${action.id}`;
  if (action.action === "import") return `${VERSION}ti${unit}`;
  return `${VERSION}t${TEMPLATE_KIND[action.action]}${unit}:${action.code}`;
}

export function decodeTemplate(data: string): TemplateAction | null {
  const imported = TEMPLATE_IMPORT_DATA.exec(data);
  if (imported) return { action: "import", ...unitOf(imported[1], imported[2]) };
  const save = TEMPLATE_SAVE_DATA.exec(data);
  if (save) return { action: "save", id: Number(save[3]), ...unitOf(save[1], save[2]) };
  const coded = TEMPLATE_CODE_DATA.exec(data);
  if (!coded) return null;
  const action = coded[1] === "u" ? "use" : coded[1] === "g" ? "download" : "delete";
  return { action, code: coded[4]!, ...unitOf(coded[2], coded[3]) };
}

/**
 * The committee's, the meeting's and /nhapso's buttons live next to their features, built with
 * the typed helper (callback-codec.ts); re-exported here under the names they always had.
 */
export * from "./features/committee/callbacks.js";
export * from "./features/meeting.callbacks.js";
export * from "./features/entered-units.callbacks.js";

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
const FEATURE_CODECS: readonly Codec[] = [...MEETING_CALLBACKS, ...ENTERED_UNIT_CALLBACKS, ...COMMITTEE_CALLBACKS];

export const CALLBACK_KINDS: readonly CallbackKind[] = [
  { name: "form", match: FORM_PATTERN, scope: "private" },
  { name: "nameOk", match: NAME_OK, scope: "private" },
  { name: "nameEdit", match: NAME_EDIT, scope: "private" },
  { name: "language", match: LANG_PATTERN, scope: "anyone" },
  { name: "closeRound", match: CLOSE_ROUND_PATTERN, scope: "officer", refusal: "assessment:round.closeForbidden" },
  { name: "askCloseRound", match: ASK_CLOSE_ROUND_PATTERN, scope: "anyone" },
  { name: "cancelCloseRound", match: CANCEL_CLOSE_ROUND, scope: "private" },
  { name: "membersPage", match: MEMBERS_PAGE_PATTERN, scope: "officer", refusal: "admin:members.forbidden" },
  { name: "memberMenu", match: MEMBER_MENU_PATTERN, scope: "officer", refusal: "admin:members.forbidden" },
  { name: "setRole", match: SET_ROLE_PATTERN, scope: "officer", refusal: "admin:members.forbidden" },
  { name: "renameMember", match: RENAME_MEMBER_PATTERN, scope: "private" },
  { name: "rejoin", match: REJOIN_PATTERN, scope: "private" },
  { name: "followUp", match: FOLLOW_UP_PATTERN, scope: "private" },
  { name: "reportFile", match: REPORT_FILE_PATTERN, scope: "anyone" },
  { name: "reportRound", match: REPORT_ROUND_PATTERN, scope: "anyone" },
  { name: "detailXlsx", match: DETAIL_XLSX_PATTERN, scope: "private" },
  { name: "reportBack", match: REPORT_BACK_PATTERN, scope: "anyone" },
  { name: "reportBackConclusions", match: REPORT_BACK_CONCLUSIONS_PATTERN, scope: "private" },
  { name: "nudgeCell", match: NUDGE_CELL_PATTERN, scope: "private" },
  { name: "reportBackSend", match: REPORT_BACK_SEND_PATTERN, scope: "private" },
  { name: "cancelReportBack", match: CANCEL_REPORT_BACK, scope: "private" },
  { name: "reportYear", match: REPORT_YEAR_PATTERN, scope: "anyone" },
  { name: "planDocx", match: PLAN_DOCX, scope: "private" },
  { name: "reviewDocx", match: REVIEW_DOCX_PATTERN, scope: "private" },
  { name: "handover", match: HANDOVER_PATTERN, scope: "officer", refusal: "cycle:handover.forbidden" },
  { name: "handoverConfirm", match: HANDOVER_CONFIRM_PATTERN, scope: "officer", refusal: "cycle:handover.forbidden" },
  { name: "cancelHandover", match: CANCEL_HANDOVER, scope: "officer", refusal: "cycle:handover.forbidden" },
  { name: "muteFollowUp", match: MUTE_FOLLOW_UP_PATTERN, scope: "private" },
  { name: "template", match: TEMPLATE_PATTERN, scope: "private" },
  ...FEATURE_CODECS.map(kindOf),
];

/** The kind of a press (null: data the bot never emits). */
export function callbackKind(data: string): CallbackKind | null {
  return CALLBACK_KINDS.find((k) => (typeof k.match === "string" ? k.match === data : k.match.test(data))) ?? null;
}
