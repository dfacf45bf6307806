/** Forms outside the answer path (creating, filed answers, correction items) with Prisma. One query or one transaction per method. */
import type { AnswerValue, AssessmentRecord, AssessmentsRepository, CorrectionItem, FiledForm, ItemAnswer } from "../../app/ports.js";
import type { Db } from "./client.js";
import { toAnswers, toAssessment, assessmentInclude, isUniqueViolation } from "./rows.js";

export class PrismaAssessments implements AssessmentsRepository {
  constructor(private readonly db: Db) {}

  async findAssessment(roundId: number, memberId: number): Promise<AssessmentRecord | null> {
    const row = await this.db.assessment.findUnique({ where: { roundId_memberId_collective: { roundId, memberId, collective: false } }, include: assessmentInclude });
    return row && toAssessment(row);
  }

  async createAssessment(a: { roundId: number; memberId: number; checklistCode: string; checklistVersion: number; cursor: string }): Promise<AssessmentRecord> {
    try {
      return toAssessment(await this.db.assessment.create({ data: a, include: assessmentInclude }));
    } catch (error) {
      // Created concurrently (a double tap on /tusoi): use the one that won.
      if (!isUniqueViolation(error)) throw error;
      const existing = await this.findAssessment(a.roundId, a.memberId);
      if (!existing) throw error;
      return existing;
    }
  }

  async filedAnswers(assessmentId: number): Promise<Record<string, ItemAnswer>> {
    return toAnswers(await this.db.filedAnswer.findMany({ where: { assessmentId } }));
  }

  async correctionItems(cellId: number, filedBefore: Date, memberId?: number): Promise<CorrectionItem[]> {
    const rows = await this.db.filedAnswer.findMany({
      where: {
        value: { not: "NONE" },
        measure: { not: null },
        assessment: { collective: false, submittedAt: { not: null, lt: filedBefore }, member: { cellId, leftAt: null, ...(memberId ? { id: memberId } : {}) } },
      },
      include: { assessment: { select: { roundId: true, memberId: true, checklistCode: true, checklistVersion: true, submittedAt: true } } },
      orderBy: [{ assessmentId: "asc" }, { itemCode: "asc" }],
    });
    return rows.map((r) => ({
      assessmentId: r.assessmentId, roundId: r.assessment.roundId, memberId: r.assessment.memberId, itemCode: r.itemCode, value: r.value,
      measure: r.measure!, targetDate: r.targetDate, checklistCode: r.assessment.checklistCode,
      checklistVersion: r.assessment.checklistVersion, submittedAt: r.assessment.submittedAt!,
    }));
  }

  async filedForms(roundIds: number[], memberId?: number): Promise<FiledForm[]> {
    if (roundIds.length === 0) return [];
    const rows = await this.db.assessment.findMany({
      where: { roundId: { in: roundIds }, collective: false, ...(memberId ? { memberId } : {}) },
      select: { id: true, roundId: true, memberId: true, submittedAt: true, filedAnswers: { select: { itemCode: true, value: true, measure: true, targetDate: true } } },
      orderBy: { id: "asc" },
    });
    return rows.map((r) => ({
      assessmentId: r.id, roundId: r.roundId, memberId: r.memberId, submitted: r.submittedAt !== null,
      answers: r.filedAnswers.map((a) => ({ ...a, value: a.value as AnswerValue })),
    }));
  }
}
