/** `/baocao`: the aggregate of a round for the secretary side, and the end-of-round summary. */
import { dayInZone } from "../domain/calendar.js";
import { checklistItems, type Checklist } from "../domain/checklist.js";
import { buildReport, type ProgressValue, type ReportData } from "../domain/report.js";
import { canSeeReport } from "../domain/roles.js";
import { periodOf } from "../domain/schedule.js";
import { checklistFor, type AppDeps } from "./deps.js";
import type { CellRecord, MemberWithCell, RoundRecord } from "./ports.js";

export interface RoundReport {
  cell: CellRecord;
  round: RoundRecord;
  checklist: Checklist;
  data: ReportData;
  /** "YYYY-MM": the month the remediation figures describe. */
  period: string;
  /** Members Telegram said the bot cannot reach (blocked it, or never opened it). */
  unreachableNames: string[];
  generatedAt: Date;
}

export type ReportResult = { kind: "report"; report: RoundReport } | { kind: "forbidden" } | { kind: "noRound" };

/** The report of the cell's latest round; only the secretary, deputy and committee may ask. */
export async function roundReport(deps: AppDeps, actor: MemberWithCell): Promise<ReportResult> {
  if (!canSeeReport(actor.role)) return { kind: "forbidden" };
  const round = await deps.store.findLatestRound(actor.cellId);
  if (!round) return { kind: "noRound" };
  return { kind: "report", report: await reportForRound(deps, actor.cell, round) };
}

/** Builds a round's report: participation, items, and this month's correction progress. */
export async function reportForRound(deps: AppDeps, cell: CellRecord, round: RoundRecord): Promise<RoundReport> {
  const checklist = checklistFor(deps, round.checklistCode, round.checklistVersion);
  const now = deps.clock();
  const today = dayInZone(now, cell.timezone);
  const period = periodOf(today);
  const rows = await deps.store.roundReportRows(round.id, cell.id);
  const memberOf = new Map(rows.filed.map((f) => [f.assessmentId, f.memberId]));
  const progress = new Map<string, ProgressValue>();
  const answeredThisPeriod = new Set<string>();
  // Ordered by period: the last one seen per item is the latest.
  for (const p of await deps.store.progressFor([...memberOf.keys()])) {
    const key = `${memberOf.get(p.assessmentId)}:${p.itemCode}`;
    progress.set(key, p.status);
    if (p.period === period) answeredThisPeriod.add(key);
  }
  const data = buildReport({
    members: rows.members, filed: rows.filed, codes: checklistItems(checklist).map((i) => i.code), today, progress, answeredThisPeriod,
  });
  const unreachableNames = (await deps.store.unreachableMembers(cell.id)).map((m) => m.fullName);
  return { cell, round, checklist, data, period, unreachableNames, generatedAt: now };
}
