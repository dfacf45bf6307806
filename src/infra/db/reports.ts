/** The aggregate report queries with Prisma (raw SQL where the database should group). One query or one transaction per method. */
import type { AnswerValue } from "../../domain/assessment.js";
import type { CollectiveFormRow, DetailRow, ReportQueries, RoundReportRows } from "../../app/ports.js";
import type { Db } from "./client.js";
import { countedIn } from "./rows.js";

export class PrismaReportQueries implements ReportQueries {
  constructor(private readonly db: Db) {}

  async roundReportRows(roundId: number, cellId: number): Promise<RoundReportRows> {
    const round = await this.db.round.findUnique({ where: { id: roundId }, select: { openedAt: true } });
    const [members, filed] = await Promise.all([
      this.db.member.findMany({
        where: { cellId, ...countedIn(roundId, round?.openedAt ?? new Date(0)) },
        // Members' own forms only: the chi ủy's collective form (/tusoi taphe) is never counted (collectiveForm).
        select: { id: true, fullName: true, assessments: { where: { roundId, collective: false }, select: { submittedAt: true } } },
        orderBy: { id: "asc" },
      }),
      this.db.filedAnswer.findMany({
        where: { assessment: { roundId, collective: false, submittedAt: { not: null } }, value: { not: "NONE" } },
        select: { assessmentId: true, itemCode: true, value: true, measure: true, targetDate: true, assessment: { select: { memberId: true } } },
      }),
    ]);
    return {
      members: members.map((m) => ({ id: m.id, fullName: m.fullName, submitted: m.assessments.some((a) => a.submittedAt !== null) })),
      filed: filed.map((f) => ({
        assessmentId: f.assessmentId,
        memberId: f.assessment.memberId,
        itemCode: f.itemCode,
        value: f.value as AnswerValue,
        measure: f.measure,
        targetDate: f.targetDate,
      })),
    };
  }

  async collectiveForm(roundId: number): Promise<CollectiveFormRow | null> {
    const row = await this.db.assessment.findFirst({
      where: { roundId, collective: true },
      select: {
        id: true,
        submittedAt: true,
        filedAnswers: { where: { value: { not: "NONE" } }, select: { itemCode: true, value: true, measure: true, targetDate: true } },
      },
      orderBy: { id: "asc" },
    });
    return row && { assessmentId: row.id, submitted: row.submittedAt !== null, answers: row.submittedAt ? row.filedAnswers : [] };
  }

  async detailRows(roundId: number, cellId: number): Promise<DetailRow[]> {
    const round = await this.db.round.findUnique({ where: { id: roundId }, select: { openedAt: true } });
    const members = await this.db.member.findMany({
      where: { cellId, ...countedIn(roundId, round?.openedAt ?? new Date(0)) },
      include: {
        assessments: {
          where: { roundId, collective: false },
          select: {
            id: true,
            submittedAt: true,
            filedAnswers: { where: { value: { not: "NONE" } }, select: { itemCode: true, value: true, measure: true, targetDate: true } },
          },
        },
      },
      orderBy: { fullName: "asc" },
    });
    return members.map((m) => {
      const form = m.assessments[0];
      return {
        memberId: m.id,
        assessmentId: form?.id ?? null,
        fullName: m.fullName,
        submitted: Boolean(form?.submittedAt),
        answers: form?.submittedAt ? form.filedAnswers : [],
      };
    });
  }
}
