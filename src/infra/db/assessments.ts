/** Forms outside the answer path (creating, filed answers, correction items) with Prisma. One query or one transaction per method. */
import type { AnswerValue, AssessmentRecord, AssessmentsRepository, CorrectionItem, FiledForm, ItemAnswer } from "../../app/ports.js";
import type { TouchedAssessment } from "../../app/ports/assessments.js";
import type { Db } from "./client.js";
import type { Prisma } from "./generated/client.js";
import { toAnswers, toAssessment, assessmentInclude, isUniqueViolation } from "./rows.js";

export class PrismaAssessments implements AssessmentsRepository {
  constructor(private readonly db: Db) {}

  async findAssessment(roundId: number, memberId: number): Promise<TouchedAssessment | null> {
    const row = await this.db.assessment.findUnique({
      where: { roundId_memberId_collective: { roundId, memberId, collective: false } },
      include: assessmentInclude,
    });
    return row && { ...toAssessment(row), updatedAt: row.updatedAt };
  }

  async findCollective(roundId: number): Promise<TouchedAssessment | null> {
    // The secretary who opened it is its memberId; a later secretary continues the same form.
    const row = await this.db.assessment.findFirst({ where: { roundId, collective: true }, include: assessmentInclude, orderBy: { id: "asc" } });
    return row && { ...toAssessment(row), updatedAt: row.updatedAt };
  }

  async createAssessment(a: {
    roundId: number;
    memberId: number;
    checklistCode: string;
    checklistVersion: number;
    cursor: string;
    collective?: boolean;
  }): Promise<AssessmentRecord> {
    if (a.collective) {
      // One collective form per round: an existing one (even opened by a former secretary) is kept.
      const existing = await this.findCollective(a.roundId);
      if (existing) return existing;
    }
    try {
      return toAssessment(await this.db.assessment.create({ data: { ...a, collective: a.collective ?? false }, include: assessmentInclude }));
    } catch (error) {
      // Created concurrently (a double tap on /tusoi): use the one that won.
      if (!isUniqueViolation(error)) throw error;
      const existing = a.collective ? await this.findCollective(a.roundId) : await this.findAssessment(a.roundId, a.memberId);
      if (!existing) throw error;
      return existing;
    }
  }

  async filedAnswers(assessmentId: number): Promise<Record<string, ItemAnswer>> {
    return toAnswers(await this.db.filedAnswer.findMany({ where: { assessmentId } }));
  }

  async correctionItems(cellId: number, filedBefore: Date, memberId?: number): Promise<CorrectionItem[]> {
    return this.correctionItemsWhere({
      collective: false,
      submittedAt: { not: null, lt: filedBefore },
      member: { cellId, leftAt: null, ...(memberId ? { id: memberId } : {}) },
    });
  }

  async collectiveCorrectionItems(cellId: number, filedBefore: Date): Promise<CorrectionItem[]> {
    // The cell's committee, not a person: whoever opened the form may have left since.
    return this.correctionItemsWhere({ collective: true, submittedAt: { not: null, lt: filedBefore }, round: { cellId } });
  }

  private async correctionItemsWhere(assessment: Prisma.AssessmentWhereInput): Promise<CorrectionItem[]> {
    const rows = await this.db.filedAnswer.findMany({
      where: { value: { not: "NONE" }, measure: { not: null }, assessment },
      include: { assessment: { select: { roundId: true, memberId: true, checklistCode: true, checklistVersion: true, submittedAt: true } } },
      orderBy: [{ assessmentId: "asc" }, { itemCode: "asc" }],
    });
    return rows.map((r) => ({
      assessmentId: r.assessmentId,
      roundId: r.assessment.roundId,
      memberId: r.assessment.memberId,
      itemCode: r.itemCode,
      value: r.value,
      measure: r.measure!,
      targetDate: r.targetDate,
      checklistCode: r.assessment.checklistCode,
      checklistVersion: r.assessment.checklistVersion,
      submittedAt: r.assessment.submittedAt!,
    }));
  }

  async filedForms(roundIds: number[], memberId?: number): Promise<FiledForm[]> {
    if (roundIds.length === 0) return [];
    const rows = await this.db.assessment.findMany({
      where: { roundId: { in: roundIds }, collective: false, ...(memberId ? { memberId } : {}) },
      select: {
        id: true,
        roundId: true,
        memberId: true,
        submittedAt: true,
        filedAnswers: { select: { itemCode: true, value: true, measure: true, targetDate: true } },
      },
      orderBy: { id: "asc" },
    });
    return rows.map((r) => ({
      assessmentId: r.id,
      roundId: r.roundId,
      memberId: r.memberId,
      submitted: r.submittedAt !== null,
      answers: r.filedAnswers.map((a) => ({ ...a, value: a.value as AnswerValue })),
    }));
  }
}
