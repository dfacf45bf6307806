/**
 * The roll-up's aggregate queries (raw SQL: the database groups, per cell, over up to millions
 * of filed answers; the ORM would load every row first). Aggregates only: no name, no form.
 * Members' own forms only: a chi ủy's collective form (/tusoi taphe) is never counted.
 */
import type { CampaignCellRow, CampaignItemRow, CampaignTotals, CommitteeReports } from "../../app/ports.js";
import type { RemediationSummary } from "../../domain/report.js";
import type { Db } from "./client.js";
import type { Engine } from "./engine.js";
import { Prisma } from "./generated/client.js";
import { decodeTime } from "./time.js";

type Num = number | bigint | null;
const n = (value: Num): number => Number(value ?? 0);
const remediation = (r: Record<keyof RemediationSummary, Num>): RemediationSummary => ({
  committed: n(r.committed),
  corrected: n(r.corrected),
  inProgress: n(r.inProgress),
  notStarted: n(r.notStarted),
  noAnswer: n(r.noAnswer),
  overdue: n(r.overdue),
});

/**
 * SQLite: a query's first column, every row, read on the prepared-statement connection
 * (sqlite-engine.ts). The roll-up counts a province's quarter million marked answers per item
 * with it rather than with GROUP BY: SQLite has no hash aggregate and sorted every row into
 * its few dozen groups, about twice the time of reading them (bench/web.ts).
 */
export type FirstColumn = (query: Prisma.Sql) => unknown[];

type MarkedRow = { cellId: number | null; itemCode: string; value: string; count: number } & RemediationSummary;

/**
 * The correction figures of one marked answer (columns of marked()'s rows `x`), each 1 or 0:
 * summed per group on PostgreSQL, packed into one number per row on SQLite (bit i: the i-th).
 * The latest follow-up answer decides "corrected"; this period's answer "in progress" / "not
 * started" (the cell report's rule, buildReport).
 */
function remediationFlags(today: string): [keyof RemediationSummary, Prisma.Sql][] {
  const open = Prisma.sql`x."hasMeasure" = 1 AND COALESCE(x."latest", '') <> 'DONE'`;
  return [
    ["committed", Prisma.sql`x."hasMeasure"`],
    ["corrected", Prisma.sql`CASE WHEN x."hasMeasure" = 1 AND x."latest" = 'DONE' THEN 1 ELSE 0 END`],
    ["inProgress", Prisma.sql`CASE WHEN ${open} AND x."current" = 'IN_PROGRESS' THEN 1 ELSE 0 END`],
    ["notStarted", Prisma.sql`CASE WHEN ${open} AND x."current" = 'NOT_STARTED' THEN 1 ELSE 0 END`],
    ["noAnswer", Prisma.sql`CASE WHEN ${open} AND x."current" IS NULL THEN 1 ELSE 0 END`],
    ["overdue", Prisma.sql`CASE WHEN ${open} AND x."targetDate" IS NOT NULL AND x."targetDate" < ${today} THEN 1 ELSE 0 END`],
  ];
}

export class PrismaCommitteeReports implements CommitteeReports {
  constructor(
    private readonly db: Db,
    private readonly engine: Engine = "sqlite",
    /** SQLite: counts the marked answers here (FirstColumn); without it, the database groups them. */
    private readonly firstColumn?: FirstColumn,
  ) {}

  async campaignParticipation(campaignId: number, cellIds: number[]): Promise<CampaignCellRow[]> {
    if (cellIds.length === 0) return [];
    // Counted like the cell's own report (countedIn): current members, and members who left
    // after the round opened but had submitted in it. Two grouped passes joined to the cells
    // (current members per cell; the round's submitted forms, with how many of them are of
    // members of the cell who left since), not two correlated subqueries per cell: PostgreSQL
    // ran those as 2,000 × 2 subplans with a member lookup per form (0.46 s in the province
    // bench; hash joins and aggregates: 0.22 s), SQLite alike with a few ms more.
    const rows = await this.db.$queryRaw<
      {
        cellId: Num;
        roundId: Num;
        closedAt: unknown;
        deadline: unknown;
        threshold: Num;
        members: Num;
        submitted: Num;
        openedAt: unknown;
        followUpDay: Num;
        followUpTime: string;
        lastFollowUpAt: unknown;
      }[]
    >`
      SELECT c."id" AS "cellId", r."id" AS "roundId", r."closedAt" AS "closedAt", r."deadline" AS "deadline", c."reportThreshold" AS "threshold",
        r."openedAt" AS "openedAt", c."followUpDay" AS "followUpDay", c."followUpTime" AS "followUpTime", c."lastFollowUpAt" AS "lastFollowUpAt",
        COALESCE(cur."n", 0) + COALESCE(s."left", 0) AS "members", COALESCE(s."n", 0) AS "submitted"
      FROM "Cell" c
      LEFT JOIN "Round" r ON r."cellId" = c."id" AND r."campaignId" = ${campaignId}
      LEFT JOIN (
        SELECT m."cellId" AS "cellId", COUNT(*) AS "n" FROM "Member" m
        WHERE m."leftAt" IS NULL AND ${this.among(Prisma.sql`m."cellId"`, cellIds)}
        GROUP BY m."cellId"
      ) cur ON cur."cellId" = c."id"
      LEFT JOIN (
        SELECT a."roundId" AS "roundId", COUNT(*) AS "n", SUM(CASE WHEN m."leftAt" IS NOT NULL AND m."cellId" = r2."cellId" THEN 1 ELSE 0 END) AS "left"
        FROM "Round" r2
        JOIN "Assessment" a ON a."roundId" = r2."id" AND NOT a."collective" AND a."submittedAt" IS NOT NULL
        JOIN "Member" m ON m."id" = a."memberId" AND (m."leftAt" IS NULL OR m."leftAt" >= r2."openedAt")
        WHERE r2."campaignId" = ${campaignId} AND ${this.among(Prisma.sql`r2."cellId"`, cellIds)}
        GROUP BY a."roundId"
      ) s ON s."roundId" = r."id"
      WHERE ${this.among(Prisma.sql`c."id"`, cellIds)}`;
    return rows.map((r) => ({
      cellId: n(r.cellId),
      roundId: r.roundId === null ? null : n(r.roundId),
      closedAt: decodeTime(r.closedAt),
      deadline: decodeTime(r.deadline),
      threshold: n(r.threshold),
      members: n(r.members),
      submitted: n(r.submitted),
      openedAt: decodeTime(r.openedAt),
      followUpDay: n(r.followUpDay),
      followUpTime: r.followUpTime,
      lastFollowUpAt: decodeTime(r.lastFollowUpAt),
    }));
  }

  async campaignItems(campaignId: number, cellIds: number[], today: string, period: string): Promise<CampaignItemRow[]> {
    if (cellIds.length === 0) return [];
    const rows = await this.marked(campaignId, cellIds, today, period, true);
    return rows.map((r) => ({ cellId: r.cellId!, itemCode: r.itemCode, value: r.value, count: r.count, remediation: remediation(r) }));
  }

  async campaignMeetings(campaignId: number): Promise<{ cellId: number; day: string; present: number; total: number }[]> {
    const rows = await this.db.round.findMany({
      where: { campaignId, meetingDay: { not: null }, meetingPresent: { not: null }, meetingTotal: { not: null } },
      select: { cellId: true, meetingDay: true, meetingPresent: true, meetingTotal: true },
    });
    return rows.map((r) => ({ cellId: r.cellId, day: r.meetingDay!, present: r.meetingPresent!, total: r.meetingTotal! }));
  }

  async campaignCollectives(campaignId: number): Promise<number[]> {
    const rows = await this.db.assessment.findMany({
      where: { collective: true, submittedAt: { not: null }, round: { campaignId } },
      select: { round: { select: { cellId: true } } },
    });
    return [...new Set(rows.map((r) => r.round.cellId))];
  }

  async campaignTotals(campaignId: number, cellIds: number[], today: string, period: string): Promise<CampaignTotals> {
    const total = { committed: 0, corrected: 0, inProgress: 0, notStarted: 0, noAnswer: 0, overdue: 0 };
    if (cellIds.length === 0) return { items: [], remediation: total };
    // One pass over the marked answers, grouped by item and level (a few dozen rows): the
    // counts and the correction figures together, the latter added up here.
    const rows = await this.marked(campaignId, cellIds, today, period, false);
    for (const row of rows) {
      const r = remediation(row);
      for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += r[key];
    }
    return { items: rows.map((i) => ({ itemCode: i.itemCode, value: i.value, count: i.count })), remediation: total };
  }

  async campaignItemCounts(campaignId: number, cellIds: number[]): Promise<CampaignTotals["items"]> {
    if (cellIds.length === 0) return [];
    // The marked answers' counts only, from each counted form's markedItems ("<value> <itemCode>"
    // joined by ","; written with the filed answers, prisma/schema.prisma): one row per form, not
    // one index seek per marked answer (a province's earlier campaign: 90,000 forms, a quarter
    // million marked answers). Which forms count is decided here, as in marked().
    const from = Prisma.sql`
      FROM "Round" r
      JOIN "Assessment" a ON a."roundId" = r."id" AND NOT a."collective" AND a."submittedAt" IS NOT NULL AND a."markedItems" <> ''
      JOIN "Member" m ON m."id" = a."memberId" AND (m."leftAt" IS NULL OR m."leftAt" >= r."openedAt")
      WHERE r."campaignId" = ${campaignId} AND ${this.among(Prisma.sql`r."cellId"`, cellIds)}`;
    const counts = new Map<string, number>();
    if (this.firstColumn) {
      for (const marked of this.firstColumn(Prisma.sql`SELECT a."markedItems" ${from}`)) {
        for (const key of String(marked).split(",")) counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    } else {
      const rows = await this.db.$queryRaw<{ key: string; count: Num }[]>`
        SELECT k."key" AS "key", COUNT(*) AS "count"
        FROM (SELECT unnest(string_to_array(a."markedItems", ',')) AS "key" ${from}) k
        GROUP BY k."key"`;
      for (const r of rows) counts.set(r.key, n(r.count));
    }
    return [...counts].map(([key, count]) => {
      const space = key.indexOf(" ");
      return { itemCode: key.slice(space + 1), value: key.slice(0, space), count };
    });
  }

  /**
   * The members' marked answers (MINOR, SIGNIFICANT) of the campaign's rounds in these cells,
   * per item and level (and per cell when `byCell`), with the correction figures
   * (remediationFlags).
   *
   * Both follow-up answers come from LEFT JOINs, not from correlated subqueries in the select
   * list: PostgreSQL flattens the inner query into the sums and ran such a subquery once per
   * reference (8 subplans × 256,000 rows in the province bench, 4.4 s), SQLite alike; and the
   * marked rows are read once for the counts and the corrections (they were two queries).
   * Whether an answer has a measure comes from FiledAnswer.hasMeasure, in the covering index
   * with the level, the item and the target date: the rows themselves are never read.
   *
   * Grouped by ONE text key (level, space, item; the cell's id in front per cell). PostgreSQL
   * groups it and reads the columns back with MIN (one value per group). SQLite counts it here
   * (FirstColumn), each row's key with its correction figures packed into a number in front:
   * the level is MINOR or SIGNIFICANT (no space) and the item comes last, so the key splits
   * unambiguously.
   */
  private async marked(campaignId: number, cellIds: number[], today: string, period: string, byCell: boolean): Promise<MarkedRow[]> {
    const inner = byCell ? Prisma.sql`r."cellId" AS "cellId", ` : Prisma.empty;
    const x = Prisma.sql`(
        SELECT ${inner}f."itemCode" AS "itemCode", f."value" AS "value", f."targetDate" AS "targetDate",
          CASE WHEN f."hasMeasure" THEN 1 ELSE 0 END AS "hasMeasure",
          lp."status" AS "latest", cp."status" AS "current"
        FROM "Round" r
        JOIN "Assessment" a ON a."roundId" = r."id" AND NOT a."collective" AND a."submittedAt" IS NOT NULL
        JOIN "Member" m ON m."id" = a."memberId" AND (m."leftAt" IS NULL OR m."leftAt" >= r."openedAt")
        JOIN "FiledAnswer" f ON f."assessmentId" = a."id" AND f."value" IN ('MINOR', 'SIGNIFICANT')
        LEFT JOIN "CorrectionProgress" cp ON cp."assessmentId" = f."assessmentId" AND cp."itemCode" = f."itemCode" AND cp."period" = ${period}
        LEFT JOIN "CorrectionProgress" lp ON lp."assessmentId" = f."assessmentId" AND lp."itemCode" = f."itemCode"
          AND NOT EXISTS (SELECT 1 FROM "CorrectionProgress" q WHERE q."assessmentId" = lp."assessmentId" AND q."itemCode" = lp."itemCode" AND q."period" > lp."period")
        WHERE r."campaignId" = ${campaignId} AND ${this.among(Prisma.sql`r."cellId"`, cellIds)}
      ) x`;
    const flags = remediationFlags(today);
    const key = byCell ? Prisma.sql`CAST(x."cellId" AS TEXT) || ' ' || x."value" || ' ' || x."itemCode"` : Prisma.sql`x."value" || ' ' || x."itemCode"`;
    if (this.firstColumn) {
      const packed = Prisma.join(
        flags.map(([, flag], bit) => Prisma.sql`${flag} * ${Prisma.raw(String(1 << bit))}`),
        " + ",
      );
      const groups = new Map<string, MarkedRow>();
      for (const [row, count] of this.tally(Prisma.sql`SELECT (${packed}) || ' ' || ${key} FROM ${x}`)) {
        const space = row.indexOf(" ");
        const bits = Number(row.slice(0, space));
        const group = row.slice(space + 1);
        let figures = groups.get(group);
        if (!figures) {
          const parts = group.split(" ");
          const [cellId, value] = byCell ? [Number(parts[0]), parts[1]!] : [null, parts[0]!];
          const itemCode = parts.slice(byCell ? 2 : 1).join(" ");
          figures = { cellId, itemCode, value, count: 0, committed: 0, corrected: 0, inProgress: 0, notStarted: 0, noAnswer: 0, overdue: 0 };
          groups.set(group, figures);
        }
        figures.count += count;
        flags.forEach(([name], bit) => {
          if (bits & (1 << bit)) figures[name] += count;
        });
      }
      return [...groups.values()];
    }
    const sums = Prisma.join(flags.map(([name, flag]) => Prisma.sql`SUM(${flag}) AS ${Prisma.raw(`"${name}"`)}`));
    const cell = byCell ? Prisma.sql`MIN(x."cellId") AS "cellId", ` : Prisma.empty;
    const rows = await this.db.$queryRaw<({ cellId: Num; itemCode: string; value: string; count: Num } & Record<keyof RemediationSummary, Num>)[]>`
      SELECT ${cell}MIN(x."itemCode") AS "itemCode", MIN(x."value") AS "value", COUNT(*) AS "count", ${sums}
      FROM ${x}
      GROUP BY ${key}`;
    return rows.map((r) => ({
      ...remediation(r),
      cellId: r.cellId === null || r.cellId === undefined ? null : n(r.cellId),
      itemCode: r.itemCode,
      value: r.value,
      count: n(r.count),
    }));
  }

  /** How many rows have each value of the query's first column (SQLite's FirstColumn). */
  private tally(query: Prisma.Sql): Map<string, number> {
    const counts = new Map<string, number>();
    for (const value of this.firstColumn!(query)) {
      const key = String(value);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  /**
   * `column` is one of `ids`, bound as ONE parameter (an array on PostgreSQL, JSON text read
   * by json_each on SQLite) rather than an `IN (…)` list of one parameter per cell: a province
   * has 2,000 cells, and SQLite refuses more than 32,766 parameters.
   */
  private among(column: Prisma.Sql, ids: number[]): Prisma.Sql {
    return this.engine === "postgresql"
      ? Prisma.sql`${column} = ANY(${ids}::int[])`
      : Prisma.sql`${column} IN (SELECT "value" FROM json_each(${JSON.stringify(ids)}))`;
  }
}
