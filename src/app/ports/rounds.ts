/** Self-examination rounds (đợt tự soi): opening, closing, and finding them. */
import type { Meeting } from "../../domain/meeting.js";
import type { NewRound, OpenRoundWithCell, RoundOpening, RoundRecord } from "./records.js";

/** The report's typed sections: ĐÁNH GIÁ CHUNG and PHƯƠNG HƯỚNG ("" when not typed). */
export interface ReportTexts {
  assessment: string;
  direction: string;
}

export type ReportTextKey = keyof ReportTexts;

export interface RoundsRepository {
  findOpenRound(cellId: number): Promise<RoundRecord | null>;
  findLatestRound(cellId: number): Promise<RoundRecord | null>;
  /** Opens a round unless one is open and not yet past its deadline (that one is closed). */
  openRound(round: NewRound): Promise<RoundOpening>;
  /** Closes the round if still open; true when this call closed it. */
  closeRound(roundId: number, at: Date): Promise<boolean>;
  listOpenRounds(): Promise<OpenRoundWithCell[]>;
  setLastReminderDays(roundId: number, days: number): Promise<void>;
  recentRounds(cellId: number, limit: number): Promise<RoundRecord[]>;
  /** 1 for the cell's first round, 2 for the second, … */
  roundNumber(round: RoundRecord): Promise<number>;
  previousRound(round: RoundRecord): Promise<RoundRecord | null>;
  /** Every round of the cell, oldest first (the year's record picks its year's). */
  roundsOfCell(cellId: number): Promise<RoundRecord[]>;
  /** The meeting's conclusions for the round ("" when none were written). */
  roundConclusions(roundId: number): Promise<string>;
  setRoundConclusions(roundId: number, text: string): Promise<void>;
  /** The meeting recorded for the round (/sinhhoat), or null. */
  roundMeeting(roundId: number): Promise<Meeting | null>;
  /** Records (or corrects: the latest stands) the round's meeting. */
  setRoundMeeting(roundId: number, meeting: Meeting): Promise<void>;
  roundTexts(roundId: number): Promise<ReportTexts>;
  setRoundText(roundId: number, key: ReportTextKey, text: string): Promise<void>;
  /** Moves an open round's deadline instant (the cell's time zone changed; the day stays). */
  setRoundDeadline(roundId: number, deadline: Date): Promise<void>;
}
