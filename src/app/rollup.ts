/**
 * The higher committee's view: every cell's latest round added up. Aggregates only. Not yet a
 * bot command (the committee's own interface is a later issue); measured by `npm run bench`.
 */
import { checklistItems } from "../domain/checklist.js";
import { percent, tallyItems, type ItemCount } from "../domain/report.js";
import type { AppDeps } from "./deps.js";

export interface Rollup {
  cells: number;
  members: number;
  submitted: number;
  percent: number;
  /** Items marked by at least one member, most frequent first (ties in checklist order). */
  items: ItemCount[];
}

export async function committeeRollup(deps: Pick<AppDeps, "checklist" | "reports">): Promise<Rollup> {
  const rows = await deps.reports.rollupRows();
  const items = tallyItems(rows.items, checklistItems(deps.checklist).map((item) => item.code));
  return { cells: rows.cells, members: rows.members, submitted: rows.submitted, percent: percent(rows.submitted, rows.members), items };
}
