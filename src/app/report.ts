/** `/baocao`: the aggregate of a round for the secretary side. */
import { dayInZone } from "../domain/calendar.js";
import { checklistItems, type Checklist } from "../domain/checklist.js";
import { buildReport, type ReportData } from "../domain/report.js";
import { canSeeReport } from "../domain/roles.js";
import { checklistFor, type AppDeps } from "./deps.js";
import type { CellRecord, MemberWithCell, RoundRecord } from "./ports.js";

export interface RoundReport {
  cell: CellRecord;
  round: RoundRecord;
  checklist: Checklist;
  data: ReportData;
  generatedAt: Date;
}

export type ReportResult = { kind: "report"; report: RoundReport } | { kind: "forbidden" } | { kind: "noRound" };

/** The report of the cell's latest round; only the secretary, deputy and committee may ask. */
export async function roundReport(deps: AppDeps, actor: MemberWithCell): Promise<ReportResult> {
  if (!canSeeReport(actor.role)) return { kind: "forbidden" };
  const round = await deps.store.findLatestRound(actor.cellId);
  if (!round) return { kind: "noRound" };
  const checklist = checklistFor(deps, round.checklistCode, round.checklistVersion);
  const rows = await deps.store.roundReportRows(round.id, actor.cellId);
  const now = deps.clock();
  const data = buildReport({
    members: rows.members,
    filed: rows.filed,
    codes: checklistItems(checklist).map((i) => i.code),
    today: dayInZone(now, actor.cell.timezone),
  });
  return { kind: "report", report: { cell: actor.cell, round, checklist, data, generatedAt: now } };
}
