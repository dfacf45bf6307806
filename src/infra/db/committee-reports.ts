/**
 * The roll-up's aggregate queries (raw SQL: the database groups, per cell, over up to millions
 * of filed answers; the ORM would load every row first). Aggregates only: no name, no form.
 * Members' own forms only: a chi ủy's collective form (/tusoi taphe) is never counted.
 */
import type { CampaignCellRow, CampaignItemRow, CampaignTotals, CommitteeReports } from "../../app/ports.js";
import type { Db } from "./client.js";
import { Prisma } from "./generated/client.js";
import { decodeTime } from "./time.js";

type Num = number | bigint | null;
const n = (value: Num): number => Number(value ?? 0);

export class PrismaCommitteeReports implements CommitteeReports {
  constructor(private readonly db: Db) {}

  async campaignParticipation(campaignId: number, cellIds: number[]): Promise<CampaignCellRow[]> {
    if (cellIds.length === 0) return [];
    // Counted like the cell's own report (countedIn): current members, and members who left
    // after the round opened but had submitted in it.
    const rows = await this.db.$queryRaw<{ cellId: Num; roundId: Num; closedAt: unknown; deadline: unknown; threshold: Num; members: Num; submitted: Num }[]>`
      SELECT c."id" AS "cellId", r."id" AS "roundId", r."closedAt" AS "closedAt", r."deadline" AS "deadline", c."reportThreshold" AS "threshold",
        (SELECT COUNT(*) FROM "Member" m WHERE m."cellId" = c."id" AND (m."leftAt" IS NULL OR (r."id" IS NOT NULL AND m."leftAt" >= r."openedAt"
           AND EXISTS (SELECT 1 FROM "Assessment" a WHERE a."roundId" = r."id" AND a."memberId" = m."id" AND NOT a."collective" AND a."submittedAt" IS NOT NULL)))) AS "members",
        (SELECT COUNT(*) FROM "Assessment" a JOIN "Member" m ON m."id" = a."memberId"
           WHERE a."roundId" = r."id" AND NOT a."collective" AND a."submittedAt" IS NOT NULL AND (m."leftAt" IS NULL OR m."leftAt" >= r."openedAt")) AS "submitted"
      FROM "Cell" c LEFT JOIN "Round" r ON r."cellId" = c."id" AND r."campaignId" = ${campaignId}
      WHERE c."id" IN (${Prisma.join(cellIds)})`;
    return rows.map((r) => ({
      cellId: n(r.cellId), roundId: r.roundId === null ? null : n(r.roundId), closedAt: decodeTime(r.closedAt), deadline: decodeTime(r.deadline),
      threshold: n(r.threshold), members: n(r.members), submitted: n(r.submitted),
    }));
  }

  async campaignItems(campaignId: number, cellIds: number[], today: string, period: string): Promise<CampaignItemRow[]> {
    if (cellIds.length === 0) return [];
    // The latest follow-up answer decides "corrected"; this period's answer "in progress" /
    // "not started" (the cell report's rule, buildReport).
    const rows = await this.db.$queryRaw<{
      cellId: Num; itemCode: string; value: string; count: Num; committed: Num; corrected: Num; inProgress: Num; notStarted: Num; noAnswer: Num; overdue: Num;
    }[]>`
      SELECT x."cellId" AS "cellId", x."itemCode" AS "itemCode", x."value" AS "value", COUNT(*) AS "count",
        SUM(x."hasMeasure") AS "committed",
        SUM(CASE WHEN x."hasMeasure" = 1 AND x."latest" = 'DONE' THEN 1 ELSE 0 END) AS "corrected",
        SUM(CASE WHEN x."hasMeasure" = 1 AND COALESCE(x."latest", '') <> 'DONE' AND x."current" = 'IN_PROGRESS' THEN 1 ELSE 0 END) AS "inProgress",
        SUM(CASE WHEN x."hasMeasure" = 1 AND COALESCE(x."latest", '') <> 'DONE' AND x."current" = 'NOT_STARTED' THEN 1 ELSE 0 END) AS "notStarted",
        SUM(CASE WHEN x."hasMeasure" = 1 AND COALESCE(x."latest", '') <> 'DONE' AND x."current" IS NULL THEN 1 ELSE 0 END) AS "noAnswer",
        SUM(CASE WHEN x."hasMeasure" = 1 AND COALESCE(x."latest", '') <> 'DONE' AND x."targetDate" IS NOT NULL AND x."targetDate" < ${today} THEN 1 ELSE 0 END) AS "overdue"
      FROM (
        SELECT r."cellId" AS "cellId", f."itemCode" AS "itemCode", f."value" AS "value", f."targetDate" AS "targetDate",
          CASE WHEN f."measure" IS NOT NULL AND f."measure" <> '' THEN 1 ELSE 0 END AS "hasMeasure",
          (SELECT p."status" FROM "CorrectionProgress" p WHERE p."assessmentId" = f."assessmentId" AND p."itemCode" = f."itemCode" ORDER BY p."period" DESC LIMIT 1) AS "latest",
          (SELECT p."status" FROM "CorrectionProgress" p WHERE p."assessmentId" = f."assessmentId" AND p."itemCode" = f."itemCode" AND p."period" = ${period}) AS "current"
        FROM "Round" r
        JOIN "Assessment" a ON a."roundId" = r."id" AND NOT a."collective" AND a."submittedAt" IS NOT NULL
        JOIN "Member" m ON m."id" = a."memberId" AND (m."leftAt" IS NULL OR m."leftAt" >= r."openedAt")
        JOIN "FiledAnswer" f ON f."assessmentId" = a."id" AND f."value" IN ('MINOR', 'SIGNIFICANT')
        WHERE r."campaignId" = ${campaignId} AND r."cellId" IN (${Prisma.join(cellIds)})
      ) x
      GROUP BY x."cellId", x."itemCode", x."value"`;
    return rows.map((r) => ({
      cellId: n(r.cellId), itemCode: r.itemCode, value: r.value, count: n(r.count),
      remediation: {
        committed: n(r.committed), corrected: n(r.corrected), inProgress: n(r.inProgress), notStarted: n(r.notStarted), noAnswer: n(r.noAnswer), overdue: n(r.overdue),
      },
    }));
  }

  async campaignTotals(campaignId: number, cellIds: number[], today: string, period: string): Promise<CampaignTotals> {
    const none = { committed: 0, corrected: 0, inProgress: 0, notStarted: 0, noAnswer: 0, overdue: 0 };
    if (cellIds.length === 0) return { items: [], remediation: none };
    // Marked answers only, through the (assessmentId, value, itemCode) index: the counts never
    // touch the table, and the correction figures read only the marked rows.
    const marked = Prisma.sql`
      FROM "Round" r
      JOIN "Assessment" a ON a."roundId" = r."id" AND NOT a."collective" AND a."submittedAt" IS NOT NULL
      JOIN "Member" m ON m."id" = a."memberId" AND (m."leftAt" IS NULL OR m."leftAt" >= r."openedAt")
      JOIN "FiledAnswer" f ON f."assessmentId" = a."id" AND f."value" IN ('MINOR', 'SIGNIFICANT')
      WHERE r."campaignId" = ${campaignId} AND r."cellId" IN (${Prisma.join(cellIds)})`;
    const [items, fixes] = await Promise.all([
      this.db.$queryRaw<{ itemCode: string; value: string; count: Num }[]>`
        SELECT f."itemCode" AS "itemCode", f."value" AS "value", COUNT(*) AS "count" ${marked} GROUP BY f."itemCode", f."value"`,
      this.db.$queryRaw<{ committed: Num; corrected: Num; inProgress: Num; notStarted: Num; noAnswer: Num; overdue: Num }[]>`
        SELECT SUM(x."hasMeasure") AS "committed",
          SUM(CASE WHEN x."hasMeasure" = 1 AND x."latest" = 'DONE' THEN 1 ELSE 0 END) AS "corrected",
          SUM(CASE WHEN x."hasMeasure" = 1 AND COALESCE(x."latest", '') <> 'DONE' AND x."current" = 'IN_PROGRESS' THEN 1 ELSE 0 END) AS "inProgress",
          SUM(CASE WHEN x."hasMeasure" = 1 AND COALESCE(x."latest", '') <> 'DONE' AND x."current" = 'NOT_STARTED' THEN 1 ELSE 0 END) AS "notStarted",
          SUM(CASE WHEN x."hasMeasure" = 1 AND COALESCE(x."latest", '') <> 'DONE' AND x."current" IS NULL THEN 1 ELSE 0 END) AS "noAnswer",
          SUM(CASE WHEN x."hasMeasure" = 1 AND COALESCE(x."latest", '') <> 'DONE' AND x."targetDate" IS NOT NULL AND x."targetDate" < ${today} THEN 1 ELSE 0 END) AS "overdue"
        FROM (
          SELECT f."targetDate" AS "targetDate", CASE WHEN f."measure" IS NOT NULL AND f."measure" <> '' THEN 1 ELSE 0 END AS "hasMeasure",
            (SELECT p."status" FROM "CorrectionProgress" p WHERE p."assessmentId" = f."assessmentId" AND p."itemCode" = f."itemCode" ORDER BY p."period" DESC LIMIT 1) AS "latest",
            (SELECT p."status" FROM "CorrectionProgress" p WHERE p."assessmentId" = f."assessmentId" AND p."itemCode" = f."itemCode" AND p."period" = ${period}) AS "current"
          ${marked}
        ) x`,
    ]);
    const r = fixes[0];
    return {
      items: items.map((i) => ({ itemCode: i.itemCode, value: i.value, count: n(i.count) })),
      remediation: r ? {
        committed: n(r.committed), corrected: n(r.corrected), inProgress: n(r.inProgress), notStarted: n(r.notStarted), noAnswer: n(r.noAnswer), overdue: n(r.overdue),
      } : none,
    };
  }
}
