/**
 * Messages the app sends on its own (reminders, follow-ups, summaries). The app decides what
 * and to whom; a MessageRenderer (bot/presenters) decides the words, in each person's language.
 */
import type { Checklist } from "../domain/checklist.js";
import type { CellRecord, RoundRecord } from "./ports.js";
import type { RoundReport } from "./report.js";

export interface OutgoingMessage {
  text: string;
  parse_mode: "HTML";
  reply_markup?: unknown;
  link_preview_options?: { is_disabled: boolean };
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
}

export interface MessageRenderer {
  reminder(input: ReminderInput): OutgoingMessage;
  followUp(input: FollowUpInput): OutgoingMessage;
  roundSummary(report: RoundReport, locale: string | null): OutgoingMessage;
}
