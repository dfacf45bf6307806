/** The aggregate report queries with Prisma (raw SQL where the database should group). One query or one transaction per method. */
import type { AnswerValue } from "../../domain/assessment.js";
import type { DetailRow, ReportQueries, RollupRows, RoundReportRows } from "../../app/ports.js";
import type { Db } from "./client.js";
import { Prisma } from "./generated/client.js";
import { countedIn } from "./rows.js";

export class PrismaReportQueries implements ReportQueries {
  constructor(private readonly db: Db) {}

  async roundReportRows(roundId: number, cellId: number): Promise<RoundReportRows> {
    const round = await this.db.round.findUnique({ where: { id: roundId }, select: { openedAt: true } });
    const [members, filed] = await Promise.all([
      this.db.member.findMany({
        where: { cellId, ...countedIn(roundId, round?.openedAt ?? new Date(0)) },
        select: { id: true, fullName: true, assessments: { where: { roundId }, select: { submittedAt: true } } },
        orderBy: { id: "asc" },
      }),
      this.db.filedAnswer.findMany({
        where: { assessment: { roundId, submittedAt: { not: null } }, value: { not: "NONE" } },
        select: { assessmentId: true, itemCode: true, value: true, measure: true, targetDate: true, assessment: { select: { memberId: true } } },
      }),
    ]);
    return {
      members: members.map((m) => ({ id: m.id, fullName: m.fullName, submitted: m.assessments.some((a) => a.submittedAt !== null) })),
      filed: filed.map((f) => ({
        assessmentId: f.assessmentId, memberId: f.assessment.memberId, itemCode: f.itemCode, value: f.value as AnswerValue, measure: f.measure, targetDate: f.targetDate,
      })),
    };
  }

  async detailRows(roundId: number, cellId: number): Promise<DetailRow[]> {
    const round = await this.db.round.findUnique({ where: { id: roundId }, select: { openedAt: true } });
    const members = await this.db.member.findMany({
      where: { cellId, ...countedIn(roundId, round?.openedAt ?? new Date(0)) },
      include: {
        assessments: {
          where: { roundId },
          select: { id: true, submittedAt: true, filedAnswers: { where: { value: { not: "NONE" } }, select: { itemCode: true, value: true, measure: true, targetDate: true } } },
        },
      },
      orderBy: { fullName: "asc" },
    });
    return members.map((m) => {
      const form = m.assessments[0];
      return { memberId: m.id, assessmentId: form?.id ?? null, fullName: m.fullName, submitted: Boolean(form?.submittedAt), answers: form?.submittedAt ? form.filedAnswers : [] };
    });
  }

  async rollupRows(): Promise<RollupRows> {
    // Raw SQL: three aggregate queries over the latest round of each cell, with the database
    // doing the grouping (the ORM would load every row into memory first).
    const latest = Prisma.sql`SELECT MAX("id") AS "id" FROM "Round" GROUP BY "cellId"`;
    const [participation, items] = await Promise.all([
      this.db.$queryRaw<{ cells: bigint | number; members: bigint | number; submitted: bigint | number | null }[]>`
        SELECT COUNT(DISTINCT r."cellId") AS "cells", COUNT(m."id") AS "members",
               SUM(CASE WHEN a."submittedAt" IS NOT NULL THEN 1 ELSE 0 END) AS "submitted"
        FROM "Round" r
        JOIN "Member" m ON m."cellId" = r."cellId" AND m."leftAt" IS NULL
        LEFT JOIN "Assessment" a ON a."roundId" = r."id" AND a."memberId" = m."id"
        WHERE r."id" IN (${latest})`,
      this.db.$queryRaw<{ itemCode: string; value: string; count: bigint | number }[]>`
        SELECT f."itemCode" AS "itemCode", f."value" AS "value", COUNT(*) AS "count"
        FROM "FiledAnswer" f JOIN "Assessment" a ON a."id" = f."assessmentId"
        WHERE a."roundId" IN (${latest}) AND a."submittedAt" IS NOT NULL AND f."value" <> 'NONE'
        GROUP BY f."itemCode", f."value"`,
    ]);
    const p = participation[0];
    return {
      cells: Number(p?.cells ?? 0), members: Number(p?.members ?? 0), submitted: Number(p?.submitted ?? 0),
      items: items.map((i) => ({ itemCode: i.itemCode, value: i.value, count: Number(i.count) })),
    };
  }
}
