/**
 * The higher committee's view: every cell's latest round added up. Aggregates only. Not yet a
 * bot command (the committee's own interface is a later issue); measured by `npm run bench`.
 */
import { checklistItems } from "../domain/checklist.js";
import { percent, type ItemCount } from "../domain/report.js";
import type { AppDeps } from "./deps.js";

export interface Rollup {
  cells: number;
  members: number;
  submitted: number;
  percent: number;
  /** Items marked by at least one member, most frequent first (ties in checklist order). */
  items: ItemCount[];
}

export async function committeeRollup(deps: AppDeps): Promise<Rollup> {
  const rows = await deps.store.rollupRows();
  const order = new Map(checklistItems(deps.checklist).map((item, index) => [item.code, index]));
  const counts = new Map<string, ItemCount>();
  for (const row of rows.items) {
    const c = counts.get(row.itemCode) ?? { code: row.itemCode, minor: 0, significant: 0, total: 0 };
    if (row.value === "MINOR") c.minor += row.count;
    else c.significant += row.count;
    c.total += row.count;
    counts.set(row.itemCode, c);
  }
  const items = [...counts.values()].sort((a, b) => b.total - a.total || (order.get(a.code) ?? 99) - (order.get(b.code) ?? 99));
  return { cells: rows.cells, members: rows.members, submitted: rows.submitted, percent: percent(rows.submitted, rows.members), items };
}
