/**
 * Messages the app sends on its own (reminders, follow-ups, summaries). The app decides what
 * and to whom; a MessageRenderer (bot/presenters) decides the words, in each person's language.
 */
import type { Checklist } from "../domain/checklist.js";
import type { CellRecord, RoundRecord } from "./ports.js";
import type { RoundReport } from "./report.js";

/**
 * A message as the channel's renderer made it: the text, plus whatever the channel's send
 * call takes besides the recipient (for Telegram: parse_mode, reply_markup, …). The app
 * stores it in the outbox as it is and never looks inside; the channel's sender sends it.
 */
export interface OutgoingMessage {
  text: string;
  [parameter: string]: unknown;
}

export interface ReminderInput {
  locale: string | null;
  cell: CellRecord;
  round: RoundRecord;
  daysLeft: number;
  answered: number;
  total: number;
  /** True for /nhacnho (sent by the secretary), false for the scheduled ones. */
  nudge: boolean;
}

export interface FollowUpItemView {
  assessmentId: number;
  itemCode: string;
  /** Position of the item in its checklist (for compact button data). */
  index: number;
  measure: string;
  targetDate: string | null;
  /** This period's answer, if any. */
  status: "DONE" | "IN_PROGRESS" | "NOT_STARTED" | null;
  note: string | null;
}

export interface FollowUpInput {
  locale: string | null;
  cell: CellRecord;
  /** "YYYY-MM" */
  period: string;
  checklists: (code: string, version: number) => Checklist;
  items: (FollowUpItemView & { checklistCode: string; checklistVersion: number })[];
  /** This message's place among the member's follow-up messages of the month (0-based). */
  page: number;
  pages: number;
  /** The chi ủy's collective measures (/tusoi taphe), asked of the secretary: the message says whose they are. */
  collective?: boolean;
}

/**
 * Items per follow-up message. A member with many long measures gets several messages, so
 * none exceeds Telegram's 4,096 characters (the presenter shortens each measure and note).
 */
export const FOLLOW_UP_PAGE_SIZE = 5;

/** The member's follow-up items in messages of FOLLOW_UP_PAGE_SIZE, in order. */
export function followUpPages<T>(items: T[]): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += FOLLOW_UP_PAGE_SIZE) pages.push(items.slice(i, i + FOLLOW_UP_PAGE_SIZE));
  return pages;
}

export interface MessageRenderer {
  reminder(input: ReminderInput): OutgoingMessage;
  /** The announcement of a new round in the cell's group, with the button to start. */
  roundOpened(cell: CellRecord, round: RoundRecord, locale: string | null): OutgoingMessage;
  /** One message of the member's follow-up (one page of items). */
  followUp(input: FollowUpInput): OutgoingMessage;
  /** The end-of-round summary for the group, in as many messages as its length needs. */
  roundSummary(report: RoundReport, locale: string | null): OutgoingMessage[];
  /**
   * The closed round's report as it goes back to one member in private: the group summary's
   * figures (never anyone's answers) and the meeting's conclusions, in as many messages as needed.
   */
  reportBack(input: { report: RoundReport; conclusions: string; locale: string | null }): OutgoingMessage[];
  /** The report DOCX for that member: the channel's method and parameters (the bytes encoded to be stored). */
  reportBackFile(input: { report: RoundReport; roundNumber: number; bytes: Uint8Array; locale: string | null }): OutgoingFile;
}

/** A file as the channel sends it: its send method and parameters, storable as JSON in the outbox. */
export interface OutgoingFile {
  method: string;
  payload: Record<string, unknown>;
}
