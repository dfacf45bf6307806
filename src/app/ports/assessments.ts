/** Members' forms (bản tự soi) outside the answer path: creating, filed answers, correction items. */
import type { AssessmentRecord, CorrectionItem, FiledForm, ItemAnswer } from "./records.js";

export interface AssessmentsRepository {
  findAssessment(roundId: number, memberId: number): Promise<AssessmentRecord | null>;
  createAssessment(a: { roundId: number; memberId: number; checklistCode: string; checklistVersion: number; cursor: string }): Promise<AssessmentRecord>;
  /** The member's filed answers in a round (empty when nothing was submitted). */
  filedAnswers(assessmentId: number): Promise<Record<string, ItemAnswer>>;
  /** Correction items of the cell's active members from submitted forms filed before `filedBefore`. */
  correctionItems(cellId: number, filedBefore: Date, memberId?: number): Promise<CorrectionItem[]>;
  /** The forms of these rounds (of one member when given), with their filed answers, in one query. */
  filedForms(roundIds: number[], memberId?: number): Promise<FiledForm[]>;
}
