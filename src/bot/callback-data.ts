/**
 * Callback data codecs. Data comes back from the client and can be forged, so every decode
 * validates shape and ranges and returns null on anything unexpected. The leading "1" is the
 * format version: buttons from an older format are recognised as stale, never misread.
 * Telegram limits callback data to 64 bytes; every payload here stays far below.
 */
import { TEMPLATE_CODE } from "../domain/templates.js";

const VERSION = "1";
const ID = "([1-9]\\d{0,9})";
const INDEX = "(\\d{1,3})";

function matcher(kind: string, ...fields: string[]): RegExp {
  return new RegExp(`^${VERSION}${kind}${fields.map((f) => `:${f}`).join("")}$`);
}

// The member loop's choice ids (the form, the name on joining, the monthly follow-up) are
// channel-neutral: a text channel maps a typed number back to the same id (src/app/screens/choice-ids.ts).
export {
  decodeFollowUp, decodeForm, encodeFollowUp, encodeForm, FOLLOW_UP_PATTERN, FORM_PATTERN, NAME_EDIT, NAME_OK, QUICK_PICKS,
  type FollowUpAction, type FormAction, type QuickPick,
} from "../app/screens/choice-ids.js";
import { FOLLOW_UP_PATTERN, FORM_PATTERN, NAME_EDIT, NAME_OK } from "../app/screens/choice-ids.js";

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

/** Report buttons: a file of a round for the group, another round's summary, the private detailed spreadsheet. */
export type ReportFile = "docx" | "xlsx" | "chart";
const FILE_CODES: Record<ReportFile, string> = { docx: "d", xlsx: "x", chart: "c" };
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
 * Committee buttons ("w" for the committee level). Each names the committee it was posted for
 * (and the campaign), so a button replayed from another committee's message is refused.
 */
export const COMMITTEE_FILE_PATTERN = matcher("wf", ID, ID, "([dxc])");
export const encodeCommitteeFile = (committeeId: number, campaignId: number, file: ReportFile) => `${VERSION}wf:${committeeId}:${campaignId}:${FILE_CODES[file]}`;
export const COMMITTEE_CAMPAIGN_PATTERN = matcher("wp", ID, ID);
export const encodeCommitteeCampaign = (committeeId: number, campaignId: number) => `${VERSION}wp:${committeeId}:${campaignId}`;
export const ASK_END_CAMPAIGN_PATTERN = matcher("we", ID, ID);
export const encodeAskEndCampaign = (committeeId: number, campaignId: number) => `${VERSION}we:${committeeId}:${campaignId}`;
export const END_CAMPAIGN_PATTERN = matcher("wy", ID, ID);
export const encodeEndCampaign = (committeeId: number, campaignId: number) => `${VERSION}wy:${committeeId}:${campaignId}`;
export const CANCEL_END_CAMPAIGN = `${VERSION}wn`;
/** /tonghop in private by an officer of several committees: which one. */
export const CHOOSE_COMMITTEE_PATTERN = matcher("wt", ID);
export const encodeChooseCommittee = (committeeId: number) => `${VERSION}wt:${committeeId}`;
/** A cell with its own round open joins a committee's campaign. */
export const JOIN_CAMPAIGN_PATTERN = matcher("wj", ID);
export const encodeJoinCampaign = (campaignId: number) => `${VERSION}wj:${campaignId}`;
/** The committee roster in /vaitro: one entry's menu, and a role for it. */
export const ROSTER_MENU_PATTERN = matcher("wm", ID);
export const encodeRosterMenu = (entryId: number) => `${VERSION}wm:${entryId}`;
export const ROSTER_ROLE_CODES = { DEPUTY: "d", STAFF: "s", MEMBER: "m", REMOVE: "x" } as const;
export type RosterRoleCode = keyof typeof ROSTER_ROLE_CODES;
export const ROSTER_ROLE_PATTERN = matcher("wr", ID, "([dsmx])");
export const encodeRosterRole = (entryId: number, role: RosterRoleCode) => `${VERSION}wr:${entryId}:${ROSTER_ROLE_CODES[role]}`;
export const rosterRoleFromCode = (code: string): RosterRoleCode | null =>
  (Object.entries(ROSTER_ROLE_CODES).find(([, c]) => c === code)?.[0] as RosterRoleCode | undefined) ?? null;
/** The name a person joining a committee's roster is listed under: confirm it, or type another. */
export const ROSTER_NAME_PATTERN = matcher("wc", ID, "(ok|edit)");
export const encodeRosterName = (entryId: number, choice: "ok" | "edit") => `${VERSION}wc:${entryId}:${choice}`;
/**
 * "Chuyển sang …": the unit's secretary confirms moving under the committee of that link code.
 * Carries the link's id and a token derived from the code typed, the unit and the secretary
 * (app/committee.ts moveToken): only the one who typed that code for that unit can confirm; a
 * button without a token (sent before) is stale.
 */
export const CONFIRM_MOVE_PATTERN = new RegExp(`^${VERSION}wv:${ID}(?::([A-Za-z0-9_-]{16}))?$`);
export const encodeConfirmMove = (linkId: number, token: string) => `${VERSION}wv:${linkId}:${token}`;

/** Issue 19: "✍ Đánh giá chung" / "✍ Phương hướng" under a closed round's /baocao and an ended campaign's /tonghop. */
export type ReportTextCode = "assessment" | "direction";
const TEXT_CODES: Record<ReportTextCode, string> = { assessment: "a", direction: "d" };
export const REPORT_TEXT_PATTERN = matcher("rt", ID, "([ad])");
export const encodeReportText = (roundId: number, key: ReportTextCode) => `${VERSION}rt:${roundId}:${TEXT_CODES[key]}`;
export const CAMPAIGN_TEXT_PATTERN = matcher("wx", ID, ID, "([ad])");
export const encodeCampaignText = (committeeId: number, campaignId: number, key: ReportTextCode) => `${VERSION}wx:${committeeId}:${campaignId}:${TEXT_CODES[key]}`;
export const reportTextFromCode = (code: string): ReportTextCode | null =>
  (Object.entries(TEXT_CODES).find(([, c]) => c === code)?.[0] as ReportTextCode | undefined) ?? null;
/** /nhapso: the unit not on the bot whose figures are entered (committee, unit). */
export const ENTER_UNIT_PATTERN = matcher("wu", ID, ID);
export const encodeEnterUnit = (committeeId: number, unitId: number) => `${VERSION}wu:${committeeId}:${unitId}`;
/** /nhapso: the item-count sheet of a unit not on the bot (committee, unit). */
export const ITEM_SHEET_PATTERN = matcher("wz", ID, ID);
export const encodeItemSheet = (committeeId: number, unitId: number) => `${VERSION}wz:${committeeId}:${unitId}`;

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
export type CallbackScope = "private" | "officer" | "anyone";
export interface CallbackKind {
  name: string;
  match: RegExp | string;
  scope: CallbackScope;
  /** What a refused press is told (an i18n key); default by scope. */
  refusal?: string;
}

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
  { name: "reportText", match: REPORT_TEXT_PATTERN, scope: "anyone" },
  { name: "campaignText", match: CAMPAIGN_TEXT_PATTERN, scope: "anyone" },
  { name: "enterUnit", match: ENTER_UNIT_PATTERN, scope: "private" },
  { name: "itemSheet", match: ITEM_SHEET_PATTERN, scope: "private" },
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
  { name: "committeeFile", match: COMMITTEE_FILE_PATTERN, scope: "anyone" },
  { name: "committeeCampaign", match: COMMITTEE_CAMPAIGN_PATTERN, scope: "anyone" },
  { name: "askEndCampaign", match: ASK_END_CAMPAIGN_PATTERN, scope: "anyone" },
  { name: "endCampaign", match: END_CAMPAIGN_PATTERN, scope: "private" },
  { name: "cancelEndCampaign", match: CANCEL_END_CAMPAIGN, scope: "private" },
  { name: "chooseCommittee", match: CHOOSE_COMMITTEE_PATTERN, scope: "private" },
  { name: "joinCampaign", match: JOIN_CAMPAIGN_PATTERN, scope: "officer", refusal: "committee:campaign.joinForbidden" },
  { name: "rosterMenu", match: ROSTER_MENU_PATTERN, scope: "officer", refusal: "committee:roster.forbidden" },
  { name: "rosterRole", match: ROSTER_ROLE_PATTERN, scope: "officer", refusal: "committee:roster.forbidden" },
  { name: "confirmMove", match: CONFIRM_MOVE_PATTERN, scope: "officer", refusal: "committee:attach.forbidden" },
  { name: "rosterName", match: ROSTER_NAME_PATTERN, scope: "private" },
];

/** The kind of a press (null: data the bot never emits). */
export function callbackKind(data: string): CallbackKind | null {
  return CALLBACK_KINDS.find((k) => (typeof k.match === "string" ? k.match === data : k.match.test(data))) ?? null;
}
