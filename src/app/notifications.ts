/**
 * Messages the app sends on its own (reminders, follow-ups, summaries). The app decides what
 * and to whom; a MessageRenderer (bot/presenters) decides the words, in each person's language,
 * as channel-neutral messages (OutMessage: the bot's markup, choices, a file) that the outbox
 * stores and each channel's sender turns into its own API calls.
 */
import type { Checklist } from "../domain/checklist.js";
import type { OutMessage } from "./messages.js";
import type { CellRecord, RoundRecord } from "./ports.js";
import type { RoundReport } from "./report.js";

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
  reminder(input: ReminderInput): OutMessage;
  /** The announcement of a new round in the cell's group, with the choice to start. */
  roundOpened(cell: CellRecord, round: RoundRecord, locale: string | null): OutMessage;
  /** One message of the member's follow-up (one page of items). */
  followUp(input: FollowUpInput): OutMessage;
  /** The end-of-round summary for the group, in as many messages as its length needs. */
  roundSummary(report: RoundReport, locale: string | null): OutMessage[];
  /**
   * The closed round's report as it goes back to one member in private: the group summary's
   * figures (never anyone's answers) and the meeting's conclusions, in as many messages as needed.
   */
  reportBack(input: { report: RoundReport; conclusions: string; locale: string | null }): OutMessage[];
  /** The report DOCX for that member: a message with the file (the bytes encoded to be stored) and its caption as text. */
  reportBackFile(input: { report: RoundReport; roundNumber: number; bytes: Uint8Array; locale: string | null }): OutMessage;
}
