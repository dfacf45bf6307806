/** Members' forms (bản tự soi) outside the answer path: creating, filed answers, correction items. */
import type { AssessmentRecord, CorrectionItem, FiledForm, ItemAnswer } from "./records.js";

/** A form with the time it last changed (which of two forms waiting for typed text was touched last). */
export type TouchedAssessment = AssessmentRecord & { updatedAt: Date };

export interface AssessmentsRepository {
  /** The member's own form in a round (never the collective one). */
  findAssessment(roundId: number, memberId: number): Promise<TouchedAssessment | null>;
  /** The chi ủy's collective form in a round, whoever of the secretaries opened it. */
  findCollective(roundId: number): Promise<TouchedAssessment | null>;
  /** With `collective`, the round's collective form (memberId: the secretary who opened it); at most one per round. */
  createAssessment(a: {
    roundId: number;
    memberId: number;
    checklistCode: string;
    checklistVersion: number;
    cursor: string;
    collective?: boolean;
  }): Promise<AssessmentRecord>;
  /** The member's filed answers in a round (empty when nothing was submitted). */
  filedAnswers(assessmentId: number): Promise<Record<string, ItemAnswer>>;
  /** Correction items of the cell's active members from submitted forms filed before `filedBefore` (members' own forms only). */
  correctionItems(cellId: number, filedBefore: Date, memberId?: number): Promise<CorrectionItem[]>;
  /** Correction items of the cell's collective forms filed before `filedBefore` (asked of the secretary). */
  collectiveCorrectionItems(cellId: number, filedBefore: Date): Promise<CorrectionItem[]>;
  /** The forms of these rounds (of one member when given), with their filed answers, in one query. */
  filedForms(roundIds: number[], memberId?: number): Promise<FiledForm[]>;
}
