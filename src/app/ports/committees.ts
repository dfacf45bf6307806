/**
 * The committee level: committees and their tree, their roster (separate from cell
 * membership), link codes, campaigns with a round in every cell of a subtree, and the
 * aggregate queries behind the roll-up. The records live here, next to the ports that
 * exchange them (re-exported by ports.ts).
 */
import type { CommitteeRole } from "../../domain/committee.js";
import type { RemediationSummary } from "../../domain/report.js";
import type { Destination } from "../messages.js";
import type { CellRecord, NewOutboxMessage, RoundRecord } from "./records.js";

export type { CommitteeRole };
import type { ReportTextKey, ReportTexts } from "./rounds.js";

/** A direct unit not on the bot (/themdonvi): no group, no members; its figures are entered. */
export interface EnteredUnitRecord {
  id: number;
  committeeId: number;
  name: string;
}

/** An entered unit's figures in one campaign (/nhapso), as its own report gives them. */
export interface EnteredFiguresRecord {
  unitId: number;
  campaignId: number;
  members: number;
  submitted: number;
  /** "YYYY-MM-DD", null: no meeting held. */
  meetingDay: string | null;
  present: number | null;
  /** Members marking each item (no level), null when not entered. */
  items: Record<string, number> | null;
}

export interface CommitteeRecord {
  id: number;
  name: string;
  /** The committee's group; null: none (what it would get goes to its officers privately). */
  group: Destination | null;
  groupTitle: string;
  joinCode: string;
  timezone: string;
  parentCommitteeId: number | null;
}

export interface CommitteeSettings {
  place: string;
  /** The higher body printed above the committee when it is not linked under one. */
  higherBody: string;
  /** "Số <n>-BC/ĐU"; empty: left blank for the office's register. */
  reportNumber: string;
  /** The number's suffix ("HU") set by /caidat sohieu; empty: guessed from the name (domain/party-level). */
  numberSuffix: string;
  /** The sign-off ("T/M BAN THƯỜNG VỤ") set by /caidat kyten; empty: guessed from the name. */
  signOff: string;
  /** The report's intro cites Kết luận 21-KL/TW too (/caidat kl21); on by default. */
  conclusion21: boolean;
}

/** Someone on a committee's roster. */
export interface RosterEntry {
  id: number;
  committeeId: number;
  userId: bigint;
  fullName: string;
  role: CommitteeRole;
  leftAt: Date | null;
}

export interface RosterEntryWithCommittee extends RosterEntry {
  committee: CommitteeRecord;
}

export interface NewCommittee {
  name: string;
  /** Null: a committee without a group (made from a text channel's private chat). */
  group: Destination | null;
  groupTitle: string;
  joinCode: string;
  timezone: string;
  secretary: { userId: bigint; firstName: string; username: string | null; fullName: string };
}

export interface LinkRecord {
  id: number;
  code: string;
  committeeId: number;
  expiresAt: Date;
}

/** A cell under some committee, with what the roll-up and the announcements need. */
export interface CellUnder extends CellRecord {
  parentCommitteeId: number;
}

/** Only what the roll-up reads of a cell (2,000 cells at a province: the other columns are not loaded). */
export type CellBrief = Pick<CellUnder, "id" | "name" | "parentCommitteeId" | "timezone">;

export interface CommitteeNode {
  id: number;
  parentId: number | null;
  name: string;
}

export interface CommitteesRepository {
  findCommitteeByGroup(group: Destination): Promise<CommitteeRecord | null>;
  findCommittee(id: number): Promise<CommitteeRecord | null>;
  findCommitteeByJoinCode(joinCode: string): Promise<CommitteeRecord | null>;
  /** Creates the committee and its bí thư's roster entry together. */
  createCommittee(committee: NewCommittee): Promise<{ committee: CommitteeRecord; secretary: RosterEntry }>;
  renameCommittee(id: number, name: string, groupTitle: string): Promise<CommitteeRecord>;
  /** Links the committee to a group (a Zalo group: `@bot /dangbo` there) or unlinks it (null). Null when another unit holds that group already. */
  setCommitteeGroup(id: number, group: Destination | null): Promise<CommitteeRecord | null>;
  /** Every committee's id, parent and name (the tree is small: committees, not members). */
  committeeTree(): Promise<CommitteeNode[]>;
  setCommitteeParent(id: number, parentId: number): Promise<void>;
  /** The cell's committee (null when it is not linked). */
  cellParent(cellId: number): Promise<number | null>;
  setCellParent(cellId: number, committeeId: number): Promise<void>;
  /** Cells directly under any of these committees. */
  cellsUnder(committeeIds: number[]): Promise<CellUnder[]>;
  /** The same cells, only the columns the roll-up reads. */
  cellsUnder(committeeIds: number[], columns: "brief"): Promise<CellBrief[]>;
  committeeSettings(id: number): Promise<CommitteeSettings>;
  setCommitteeSettings(id: number, settings: Partial<CommitteeSettings>): Promise<void>;

  /** The person's current place on the committee's roster, or null. */
  rosterEntry(committeeId: number, userId: bigint): Promise<RosterEntry | null>;
  rosterEntryById(id: number): Promise<RosterEntry | null>;
  /** Every committee the person is currently on the roster of, with the committee. */
  rostersOf(userId: bigint): Promise<RosterEntryWithCommittee[]>;
  /** Adds (or brings back) the person on the roster as MEMBER; an existing entry is kept as it is. */
  addToRoster(committeeId: number, user: { id: bigint; firstName: string; username: string | null }, fullName: string): Promise<RosterEntry>;
  listRoster(committeeId: number): Promise<RosterEntry[]>;
  setRosterRole(id: number, role: CommitteeRole): Promise<void>;
  /** The full name the person confirmed or typed for the roster. */
  setRosterName(id: number, fullName: string): Promise<void>;
  removeFromRoster(id: number, at: Date): Promise<void>;

  /** The committee's own ĐÁNH GIÁ CHUNG and PHƯƠNG HƯỚNG for a campaign's report. */
  campaignTexts(committeeId: number, campaignId: number): Promise<ReportTexts>;
  setCampaignText(committeeId: number, campaignId: number, key: ReportTextKey, text: string): Promise<void>;
  /** Units not on the bot directly under any of these committees, by name. */
  enteredUnits(committeeIds: number[]): Promise<EnteredUnitRecord[]>;
  /** Adds a unit not on the bot under the committee; `created` false when one of that name is there already. */
  addEnteredUnit(unit: { committeeId: number; name: string; createdByUserId: bigint }): Promise<{ unit: EnteredUnitRecord; created: boolean }>;
  findEnteredUnit(id: number): Promise<EnteredUnitRecord | null>;
  /** The entered figures of these units in the campaign. */
  enteredFigures(campaignId: number, unitIds: number[]): Promise<EnteredFiguresRecord[]>;
  /** Records (or replaces) a unit's figures in a campaign. */
  setEnteredFigures(figures: EnteredFiguresRecord & { enteredByUserId: bigint }): Promise<void>;

  createLink(link: { code: string; committeeId: number; createdByUserId: bigint; createdAt: Date; expiresAt: Date }): Promise<LinkRecord>;
  findLink(code: string): Promise<LinkRecord | null>;
  findLinkById(id: number): Promise<LinkRecord | null>;
}

/** A campaign carries a round's fields, issued by a committee instead of held by a cell. */
export interface CampaignRecord extends Omit<RoundRecord, "cellId"> {
  committeeId: number;
}

export interface NewCampaign {
  committeeId: number;
  title: string;
  deadline: Date;
  deadlineDay: string;
  checklistCode: string;
  checklistVersion: number;
  openedByUserId: bigint;
  /** The committees whose cells get a round (the issuing committee's subtree). */
  committeeIds: number[];
  now: Date;
}

/** A campaign's round in one cell, with the cell (for its announcement). */
export interface CampaignRound extends RoundRecord {
  cell: CellRecord;
}

export interface CampaignOpening {
  campaign: CampaignRecord;
  /** The rounds created, one per cell that had no open round of its own. */
  rounds: CampaignRound[];
  /** Cells that kept their own open round (told, and they may join later). */
  busy: { cell: CellRecord; round: RoundRecord }[];
}

export interface CampaignsRepository {
  /**
   * One transaction: the campaign, a round in every cell under `committeeIds` that has no
   * round still running (an open round past its deadline is closed first, as /dotmoi does),
   * and the announcements (built by `announce` for each new round) in the outbox.
   */
  openCampaign(campaign: NewCampaign, announce: (round: CampaignRound) => NewOutboxMessage[]): Promise<CampaignOpening>;
  findCampaign(id: number): Promise<CampaignRecord | null>;
  /** The latest campaigns issued by any of these committees, newest first. */
  campaignsOf(committeeIds: number[], limit: number): Promise<CampaignRecord[]>;
  /** Marks the campaign ended early; true when this call did. */
  endCampaign(id: number, at: Date): Promise<boolean>;
  /** The campaign's rounds that are still open, with their cells. */
  openCampaignRounds(campaignId: number): Promise<CampaignRound[]>;
  /** The campaign's round in the cell, if it has one. */
  campaignRoundOf(campaignId: number, cellId: number): Promise<RoundRecord | null>;
  /** Adds the cell's round to the campaign when it has no open round; null when it has one. */
  joinCampaign(campaign: CampaignRecord, cellId: number, openedByMemberId: number, now: Date): Promise<RoundRecord | null>;
}

/** One cell's participation in a campaign: members counted and forms submitted. */
export interface CampaignCellRow {
  cellId: number;
  roundId: number | null;
  closedAt: Date | null;
  deadline: Date | null;
  threshold: number;
  members: number;
  submitted: number;
  /** The campaign round's opening, and the cell's follow-up schedule (for followUpAskedFor); null without a round. */
  openedAt: Date | null;
  followUpDay: number;
  followUpTime: string;
  lastFollowUpAt: Date | null;
}

/** Marked filed answers of a cell's campaign round, per item and level, with their correction state. */
export interface CampaignItemRow {
  cellId: number;
  itemCode: string;
  value: string;
  count: number;
  remediation: RemediationSummary;
}

export interface CommitteeReports {
  /**
   * For each of these cells, its campaign round's participation (counted as the cell's own
   * report counts: current members, and members who left after the round opened but had
   * submitted); a cell without a round counts its current members, none submitted.
   */
  campaignParticipation(campaignId: number, cellIds: number[]): Promise<CampaignCellRow[]>;
  /**
   * Members marking each item at each level in the cells' campaign rounds, with the state of
   * the measures: corrected (latest follow-up DONE), in progress / not started (this
   * `period`'s answer), no answer this period, overdue (target before `today`).
   */
  campaignItems(campaignId: number, cellIds: number[], today: string, period: string): Promise<CampaignItemRow[]>;
  /** The meetings recorded on the campaign's rounds (every cell; the caller keeps its subtree's). */
  campaignMeetings(campaignId: number): Promise<{ cellId: number; day: string; present: number; total: number }[]>;
  /** Cells whose chi ủy filed its collective form in the campaign's round. */
  campaignCollectives(campaignId: number): Promise<number[]>;
  /** The same over all these cells together: members per item and level, and the correction figures (what /tonghop shows). */
  campaignTotals(campaignId: number, cellIds: number[], today: string, period: string): Promise<CampaignTotals>;
  /** Only the members per item and level of campaignTotals, without the correction figures (an earlier campaign's change). */
  campaignItemCounts(campaignId: number, cellIds: number[]): Promise<CampaignTotals["items"]>;
}

export interface CampaignTotals {
  items: { itemCode: string; value: string; count: number }[];
  remediation: RemediationSummary;
}
