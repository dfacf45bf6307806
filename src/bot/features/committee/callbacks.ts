/**
 * The committee's buttons ("w" for the committee level). Each names the committee it was posted
 * for (and the campaign), so a button replayed from another committee's message is refused by
 * the use case. Built with the typed helper (callback-codec.ts); the `*_PATTERN` and `encode…`
 * names are those callback-data.ts always exported (its scope table and tests read them).
 */
import { codec, codeField, fileField, idField, optional, textField, wordField, type ReportFile } from "../../callback-codec.js";

const OFFICER = "officer" as const;

/** A file of the roll-up (DOCX, XLSX, chart), for its committee and campaign. */
export const committeeFileData = codec("committeeFile", "wf", { committeeId: idField, campaignId: idField, file: fileField }, { scope: "anyone" });
/** Another campaign's roll-up, from the picker under it. */
export const committeeCampaignData = codec("committeeCampaign", "wp", { committeeId: idField, campaignId: idField }, { scope: "anyone" });
/** "Kết thúc đợt": asks for the confirmation in private. */
export const askEndCampaignData = codec("askEndCampaign", "we", { committeeId: idField, campaignId: idField }, { scope: "anyone" });
/** The confirmation: ends the campaign. */
export const endCampaignData = codec("endCampaign", "wy", { committeeId: idField, campaignId: idField }, { scope: "private" });
export const cancelEndCampaignData = codec("cancelEndCampaign", "wn", {}, { scope: "private" });
/** /tonghop in private by an officer of several committees: which one. */
export const chooseCommitteeData = codec("chooseCommittee", "wt", { committeeId: idField }, { scope: "private" });
/** A cell with its own round open joins a committee's campaign. */
export const joinCampaignData = codec("joinCampaign", "wj", { campaignId: idField }, { scope: OFFICER, refusal: "committee:campaign.joinForbidden" });
/** The committee roster in /vaitro: one entry's menu, and a role for it. */
export const rosterMenuData = codec("rosterMenu", "wm", { entryId: idField }, { scope: OFFICER, refusal: "committee:roster.forbidden" });
export const ROSTER_ROLE_CODES = { DEPUTY: "d", STAFF: "s", MEMBER: "m", REMOVE: "x" } as const;
export type RosterRoleCode = keyof typeof ROSTER_ROLE_CODES;
export const rosterRoleData = codec(
  "rosterRole",
  "wr",
  { entryId: idField, role: codeField(ROSTER_ROLE_CODES) },
  { scope: OFFICER, refusal: "committee:roster.forbidden" },
);
/** The name a person joining a committee's roster is listed under: confirm it, or type another. */
export const rosterNameData = codec("rosterName", "wc", { entryId: idField, choice: wordField("ok", "edit") }, { scope: "private" });
/**
 * "Chuyển sang …": the unit's secretary confirms moving under the committee of that link code.
 * Carries the link's id and a token derived from the code typed, the unit and the secretary
 * (app/committee.ts moveToken): only the one who typed that code for that unit can confirm; a
 * button without a token (sent before) is stale.
 */
export const confirmMoveData = codec(
  "confirmMove",
  "wv",
  { linkId: idField, token: optional(textField("[A-Za-z0-9_-]{16}", 16)) },
  { scope: OFFICER, refusal: "committee:attach.forbidden" },
);

/** Every committee codec, for the guard's table. */
export const COMMITTEE_CALLBACKS = [
  committeeFileData,
  committeeCampaignData,
  askEndCampaignData,
  endCampaignData,
  cancelEndCampaignData,
  chooseCommitteeData,
  joinCampaignData,
  rosterMenuData,
  rosterRoleData,
  confirmMoveData,
  rosterNameData,
] as const;

export const COMMITTEE_FILE_PATTERN = committeeFileData.pattern;
export const encodeCommitteeFile = (committeeId: number, campaignId: number, file: ReportFile) => committeeFileData.encode({ committeeId, campaignId, file });
export const COMMITTEE_CAMPAIGN_PATTERN = committeeCampaignData.pattern;
export const encodeCommitteeCampaign = (committeeId: number, campaignId: number) => committeeCampaignData.encode({ committeeId, campaignId });
export const ASK_END_CAMPAIGN_PATTERN = askEndCampaignData.pattern;
export const encodeAskEndCampaign = (committeeId: number, campaignId: number) => askEndCampaignData.encode({ committeeId, campaignId });
export const END_CAMPAIGN_PATTERN = endCampaignData.pattern;
export const encodeEndCampaign = (committeeId: number, campaignId: number) => endCampaignData.encode({ committeeId, campaignId });
export const CANCEL_END_CAMPAIGN = cancelEndCampaignData.encode({});
export const CHOOSE_COMMITTEE_PATTERN = chooseCommitteeData.pattern;
export const encodeChooseCommittee = (committeeId: number) => chooseCommitteeData.encode({ committeeId });
export const JOIN_CAMPAIGN_PATTERN = joinCampaignData.pattern;
export const encodeJoinCampaign = (campaignId: number) => joinCampaignData.encode({ campaignId });
export const ROSTER_MENU_PATTERN = rosterMenuData.pattern;
export const encodeRosterMenu = (entryId: number) => rosterMenuData.encode({ entryId });
export const ROSTER_ROLE_PATTERN = rosterRoleData.pattern;
export const encodeRosterRole = (entryId: number, role: RosterRoleCode) => rosterRoleData.encode({ entryId, role });
export const ROSTER_NAME_PATTERN = rosterNameData.pattern;
export const encodeRosterName = (entryId: number, choice: "ok" | "edit") => rosterNameData.encode({ entryId, choice });
export const CONFIRM_MOVE_PATTERN = confirmMoveData.pattern;
export const encodeConfirmMove = (linkId: number, token: string) => confirmMoveData.encode({ linkId, token });
