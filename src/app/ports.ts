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
  filed: (FiledAnswerRow & { assessmentId: number })[];
}

export interface Store extends OutboxStore, FollowUpStore, ReportStore {
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
  /** The person's membership row in that cell, also when it has ended (left), or null. */
  findMembershipInCell(cellId: number, userId: bigint): Promise<MemberRecord | null>;
  /** Ends "left" for a membership that left at exactly `leftAt`; false when it did not (stale). */
  reactivateMember(memberId: number, leftAt: Date): Promise<boolean>;
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

/** A message to send later, exactly once per key. */
export interface NewOutboxMessage {
  key: string;
  kind: "REMINDER" | "NUDGE" | "FOLLOW_UP" | "ROUND_SUMMARY" | "ROUND_OPENED";
  cellId: number;
  memberId: number | null;
  roundId: number | null;
  chatId: bigint;
  method: string;
  /** Bot API parameters except chat_id. */
  payload: Record<string, unknown>;
  notBefore: Date;
  expiresAt: Date | null;
}

export interface OutboxMessage {
  id: number;
  key: string;
  kind: string;
  memberId: number | null;
  chatId: bigint;
  method: string;
  payload: Record<string, unknown>;
  attempts: number;
  expiresAt: Date | null;
}

/** The durable outbox: idempotent enqueue, leased claims, outcomes. */
export interface OutboxStore {
  /** Inserts the messages whose key is new; returns how many were new. */
  enqueue(messages: NewOutboxMessage[], createdAt: Date): Promise<number>;
  /** Where the message with this key stands (null when there is none). */
  outboxStatus(key: string): Promise<{ status: "PENDING" | "SENDING" | "SENT" | "FAILED" | "SKIPPED"; lastError: string | null } | null>;
  /**
   * Atomically claims up to `limit` due messages for `worker` until `leaseUntil`: pending ones,
   * and ones whose earlier claim expired (a sender that died after claiming).
   */
  claim(worker: string, now: Date, leaseUntil: Date, limit: number): Promise<OutboxMessage[]>;
  /**
   * Right before sending: extends the claim to `leaseUntil` if `worker` still holds it. False when
   * the lease lapsed and another sender took the message over (then this one must not send).
   */
  holdClaim(id: number, worker: string, now: Date, leaseUntil: Date): Promise<boolean>;
  markSent(id: number, worker: string, messageId: number | null, at: Date): Promise<void>;
  /** Back to pending, to be tried again at `notBefore`. */
  markRetry(id: number, worker: string, notBefore: Date, error: string, countAttempt: boolean): Promise<void>;
  markFailed(id: number, worker: string, error: string): Promise<void>;
  markSkipped(id: number, worker: string, reason: string): Promise<void>;
  /** When the earliest pending message becomes due, or null. */
  nextPendingAt(): Promise<Date | null>;
  /** Marks the user of a private chat unreachable (Telegram answered 403). */
  markUnreachable(userId: bigint, at: Date): Promise<void>;
  /** True when a message of `kind` to the member in the round was enqueued after `since`. */
  sentRecently(memberId: number, roundId: number, kinds: string[], since: Date): Promise<boolean>;
}

/** A correction item to follow up: a filed, marked answer with a measure. */
export interface CorrectionItem {
  assessmentId: number;
  roundId: number;
  memberId: number;
  itemCode: string;
  value: string;
  measure: string;
  targetDate: string | null;
  checklistCode: string;
  checklistVersion: number;
  submittedAt: Date;
}

export interface ProgressRecord {
  assessmentId: number;
  itemCode: string;
  period: string;
  status: "DONE" | "IN_PROGRESS" | "NOT_STARTED";
  note: string | null;
  answeredAt: Date;
}

export interface OpenRoundWithCell extends RoundRecord {
  lastReminderDays: number | null;
  cell: CellRecord;
}

export interface CellSchedule extends CellRecord {
  createdAt: Date;
  followUpDay: number;
  followUpTime: string;
  lastFollowUpAt: Date | null;
}

/** Queries and writes the scheduler and the follow-up need. */
export interface FollowUpStore {
  listOpenRounds(): Promise<OpenRoundWithCell[]>;
  /** Closes the round if still open; true when this call closed it. */
  closeRoundIfOpen(roundId: number, at: Date): Promise<boolean>;
  setLastReminderDays(roundId: number, days: number): Promise<void>;
  /** Active members of the cell who have not submitted in the round, with their user. */
  pendingMembers(roundId: number, cellId: number): Promise<(MemberRecord & { user: UserRecord; answered: number })[]>;
  listCellSchedules(): Promise<CellSchedule[]>;
  setFollowUpSchedule(cellId: number, day: number, time: string): Promise<void>;
  setLastFollowUpAt(cellId: number, at: Date): Promise<void>;
  /** Correction items of the cell's active members from submitted forms filed before `filedBefore`. */
  correctionItems(cellId: number, filedBefore: Date, memberId?: number): Promise<CorrectionItem[]>;
  /** All progress answers on the given forms. */
  progressFor(assessmentIds: number[]): Promise<ProgressRecord[]>;
  /** Records (or replaces, within the same period) a member's progress answer. */
  saveProgress(p: { assessmentId: number; itemCode: string; period: string; status: ProgressRecord["status"]; at: Date }): Promise<void>;
  saveProgressNote(p: { assessmentId: number; itemCode: string; period: string; note: string }): Promise<boolean>;
  /** Members of the cell Telegram said are unreachable. */
  unreachableMembers(cellId: number): Promise<MemberRecord[]>;
  findUserById(id: bigint): Promise<UserRecord | null>;
}

export interface CellSettings {
  place: string;
  higherBody: string;
  /** Forms needed (at least 3) before a closed round's item figures reach the group. */
  reportThreshold: number;
}

export interface AuditEntry {
  actorName: string;
  action: string;
  roundTitle: string | null;
  at: Date;
}

/** One member's filed form in a round, with the latest follow-up answer per item. */
export interface DetailRow {
  memberId: number;
  fullName: string;
  submitted: boolean;
  answers: { itemCode: string; value: string; measure: string | null; targetDate: string | null }[];
}

/** Queries behind report files, the private detail view and the audit log. */
export interface ReportStore {
  recentRounds(cellId: number, limit: number): Promise<RoundRecord[]>;
  /** 1 for the cell's first round, 2 for the second, … */
  roundNumber(round: RoundRecord): Promise<number>;
  previousRound(round: RoundRecord): Promise<RoundRecord | null>;
  cellSettings(cellId: number): Promise<CellSettings>;
  setCellSettings(cellId: number, settings: Partial<CellSettings>): Promise<void>;
  secretaryOf(cellId: number): Promise<MemberRecord | null>;
  addAudit(entry: { cellId: number; actorMemberId: number; action: string; roundId: number | null; at: Date }): Promise<void>;
  listAudit(cellId: number, limit: number): Promise<AuditEntry[]>;
  detailRows(roundId: number, cellId: number): Promise<DetailRow[]>;
  /**
   * Across every cell's latest round: members counted, members who submitted, and how many
   * members marked each item at each level. The query a higher committee's roll-up runs.
   */
  rollupRows(): Promise<RollupRows>;
}

export interface RollupRows {
  cells: number;
  members: number;
  submitted: number;
  items: { itemCode: string; value: string; count: number }[];
}
