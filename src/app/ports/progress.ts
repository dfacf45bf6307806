/** The monthly follow-up answers on correction items (tiến độ khắc phục). */
import type { ProgressRecord } from "./records.js";

export interface ProgressRepository {
  /** All progress answers on the given forms, oldest period first. */
  progressFor(assessmentIds: number[]): Promise<ProgressRecord[]>;
  /** Records (or replaces, within the same period) a member's progress answer. */
  saveProgress(p: { assessmentId: number; itemCode: string; period: string; status: ProgressRecord["status"]; at: Date }): Promise<void>;
  saveProgressNote(p: { assessmentId: number; itemCode: string; period: string; note: string }): Promise<boolean>;
}
