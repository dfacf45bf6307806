/**
 * What the use cases need from storage, as plain data. Implemented by `infra/db/store.ts`
 * (Prisma); tests can provide their own.
 */
import type { AnswerValue, AssessmentStatus, ItemAnswer } from "../domain/assessment.js";
import type { FiledAnswerRow } from "../domain/report.js";
import type { Role } from "../domain/roles.js";

export interface UserRecord {
  id: bigint;
  firstName: string;
  locale: string | null;
  awaiting: string | null;
  unreachableAt: Date | null;
}

export interface CellRecord {
  id: number;
  name: string;
  groupChatId: bigint;
  groupTitle: string;
  joinCode: string;
  timezone: string;
}

export interface MemberRecord {
  id: number;
  cellId: number;
  userId: bigint;
  fullName: string;
  role: Role;
  nameConfirmed: boolean;
  leftAt: Date | null;
}

export interface MemberWithCell extends MemberRecord {
  cell: CellRecord;
}

export interface RoundRecord {
  id: number;
  cellId: number;
  title: string;
  deadline: Date;
  deadlineDay: string;
  checklistCode: string;
  checklistVersion: number;
  openedAt: Date;
  closedAt: Date | null;
}

export interface AssessmentRecord {
  id: number;
  roundId: number;
  memberId: number;
  checklistCode: string;
  checklistVersion: number;
  cursor: string;
  status: AssessmentStatus;
  editing: boolean;
  submittedAt: Date | null;
  answers: Record<string, ItemAnswer>;
}

/** What to write after a transition, in one transaction. */
export interface AssessmentWrite {
  assessmentId: number;
  cursor: string;
  status: AssessmentStatus;
  editing: boolean;
  /** Answers to upsert (the working copy). */
  answers: Record<string, ItemAnswer>;
  /** Replace the filed answers with the working copy and stamp submittedAt. */
  file?: { at: Date };
}

export interface NewCell {
  name: string;
  groupChatId: bigint;
  groupTitle: string;
  joinCode: string;
  timezone: string;
  secretary: { userId: bigint; firstName: string; username: string | null; fullName: string };
}

export interface NewRound {
  cellId: number;
  title: string;
  deadline: Date;
  deadlineDay: string;
  checklistCode: string;
  checklistVersion: number;
  openedByMemberId: number;
  /** Instant used to close an open round whose deadline has passed. */
  now: Date;
}

export type OpenRoundResult = { ok: true; round: RoundRecord; closedExpired: RoundRecord | null } | { ok: false; open: RoundRecord };

export interface RoundReportRows {
  members: { id: number; fullName: string; submitted: boolean }[];
  filed: FiledAnswerRow[];
}

export interface Store {
  /** Records that an update was handled; false when it was seen before. */
  markUpdateProcessed(updateId: number): Promise<boolean>;
  pruneProcessedUpdates(before: Date): Promise<number>;

  /** Creates the user on first contact, refreshes the name, clears "unreachable". */
  touchUser(user: { id: bigint; firstName: string; username: string | null }): Promise<UserRecord>;
  findUser(id: bigint): Promise<UserRecord | null>;
  setUserLocale(id: bigint, locale: string): Promise<void>;
  setAwaiting(id: bigint, awaiting: string | null): Promise<void>;

  findCellByGroup(groupChatId: bigint): Promise<CellRecord | null>;
  findCellByJoinCode(joinCode: string): Promise<CellRecord | null>;
  /** Creates the cell and its secretary's membership together. */
  createCell(cell: NewCell): Promise<{ cell: CellRecord; secretary: MemberRecord }>;
  renameCell(cellId: number, name: string, groupTitle: string): Promise<CellRecord>;

  /** The member's current (not left) membership, with its cell. */
  findActiveMembership(userId: bigint): Promise<MemberWithCell | null>;
  findMember(memberId: number): Promise<MemberWithCell | null>;
  /** Adds or re-activates a membership. */
  addMember(cellId: number, user: { id: bigint; firstName: string; username: string | null }, fullName: string): Promise<MemberRecord>;
  setMemberName(memberId: number, fullName: string): Promise<void>;
  setMemberRole(memberId: number, role: Role): Promise<void>;
  markMemberLeft(memberId: number, at: Date): Promise<void>;
  listActiveMembers(cellId: number): Promise<MemberRecord[]>;

  findOpenRound(cellId: number): Promise<RoundRecord | null>;
  findRound(roundId: number): Promise<RoundRecord | null>;
  findLatestRound(cellId: number): Promise<RoundRecord | null>;
  /** Opens a round unless one is open and not yet past its deadline (that one is closed). */
  openRound(round: NewRound): Promise<OpenRoundResult>;
  closeRound(roundId: number, at: Date): Promise<void>;

  findAssessment(roundId: number, memberId: number): Promise<AssessmentRecord | null>;
  findAssessmentById(id: number): Promise<AssessmentRecord | null>;
  createAssessment(a: { roundId: number; memberId: number; checklistCode: string; checklistVersion: number; cursor: string }): Promise<AssessmentRecord>;
  saveAssessment(write: AssessmentWrite): Promise<void>;
  /** The member's filed answers in a round (empty when nothing was submitted). */
  filedAnswers(assessmentId: number): Promise<Record<string, ItemAnswer>>;

  roundReportRows(roundId: number, cellId: number): Promise<RoundReportRows>;
}

export type { AnswerValue };
