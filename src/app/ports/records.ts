/** The plain records the ports exchange: storage rows as the app sees them, no ORM types. */
import type { AnswerValue, AssessmentStatus, ItemAnswer } from "../../domain/assessment.js";
import type { FiledAnswerRow } from "../../domain/report.js";
import type { Pause } from "../../domain/pause.js";
import type { Role } from "../../domain/roles.js";
import type { Destination, OutMessage, Recipient } from "../messages.js";

export type { AnswerValue, ItemAnswer, Pause, Role };

/** Who someone is on one channel: "telegram" and their Telegram user id (as text), later "zalo" and its id. */
export interface ChannelIdentity {
  channel: string;
  externalId: string;
}

/** The name a channel shows for a person. */
export interface Profile {
  firstName: string;
  username: string | null;
}

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
  /** The cell's group; null: none (what it would get goes to the officers privately). */
  group: Destination | null;
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
  /** The chi ủy's collective form (/tusoi taphe), filled by the secretary; never a member's own. */
  collective: boolean;
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
  /** The form as the caller read it: write only if it still is (see AnswerPath.saveAssessment). */
  expected?: { cursor: string; status: AssessmentStatus; editing: boolean };
}

export interface NewCell {
  name: string;
  /** The cell's group; null: none (a cell set up from a text channel's private chat). */
  group: Destination | null;
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

/** What opening a round came to in storage (the use case turns it into its own result). */
export type RoundOpening = { ok: true; round: RoundRecord; closedExpired: RoundRecord | null } | { ok: false; open: RoundRecord };

export interface RoundReportRows {
  members: { id: number; fullName: string; submitted: boolean }[];
  filed: (FiledAnswerRow & { assessmentId: number })[];
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
  /** The pause of reminders and follow-ups, if one is set (possibly over already). */
  pause: Pause | null;
}

export interface CellSettings {
  place: string;
  higherBody: string;
  /** Forms needed (at least 3) before a closed round's item figures reach the group. */
  reportThreshold: number;
  /** The document number set for one round's report ("" = left blank for the register). */
  reportNumber: string;
  /** The round `reportNumber` belongs to; for any other round the number stays blank. */
  reportNumberRoundId: number | null;
  /** The campaign runs under Kết luận 21-KL/TW too (the report's intro says so); on by default. */
  conclusion21: boolean;
  /** The number's suffix ("CB") set by /caidat sohieu; empty: guessed from the name (domain/party-level). */
  numberSuffix: string;
  /** The sign-off ("T/M CHI BỘ") set by /caidat kyten; empty: guessed from the name. */
  signOff: string;
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
  /** The member's form in the round, if they opened one. */
  assessmentId: number | null;
  fullName: string;
  submitted: boolean;
  answers: { itemCode: string; value: string; measure: string | null; targetDate: string | null }[];
}

/** The chi ủy's collective form in a round, with what was filed (DESIGN §7): apart from the members' forms. */
export interface CollectiveFormRow {
  assessmentId: number;
  /** True once filed; a draft (opened, not filed) shows as "đang tự soi". */
  submitted: boolean;
  /** Filed answers marked present (MINOR or SIGNIFICANT); empty until filed. */
  answers: { itemCode: string; value: string; measure: string | null; targetDate: string | null }[];
}

/** A member's form in a round with what was filed (empty answers when never submitted). */
export interface FiledForm {
  assessmentId: number;
  roundId: number;
  memberId: number;
  submitted: boolean;
  answers: { itemCode: string; value: AnswerValue; measure: string | null; targetDate: string | null }[];
}

/** A message to send later, exactly once per key. */
export interface NewOutboxMessage {
  key: string;
  /** NOTICE: one person told of something an officer did to them on a text channel (a handover, a corrected name). */
  kind: "REMINDER" | "NUDGE" | "FOLLOW_UP" | "ROUND_SUMMARY" | "ROUND_OPENED" | "REPORT_BACK" | "NOTICE";
  cellId: number;
  memberId: number | null;
  roundId: number | null;
  /** Who it is for: a person (the outbox resolves their channel identity at enqueue time) or a group. */
  to: Recipient;
  /** What to send, channel-neutral: each channel's sender renders it for its API. */
  message: OutMessage;
  notBefore: Date;
  expiresAt: Date | null;
}

/** Where an outbox row stands. */
export type OutboxStatus = "PENDING" | "SENDING" | "SENT" | "FAILED" | "SKIPPED";

export interface OutboxMessage {
  id: number;
  key: string;
  kind: string;
  memberId: number | null;
  /** The channel whose sender sends it, and the address on that channel (Telegram: the chat id). */
  channel: string;
  recipient: string;
  /** What to send (rows stored before messages were channel-neutral are read into one, losslessly). */
  message: OutMessage;
  attempts: number;
  expiresAt: Date | null;
}
