/** Read-only aggregate queries behind summaries, report files, the private detail and the roll-up. */
import type { DetailRow, RollupRows, RoundReportRows } from "./records.js";

export interface ReportQueries {
  roundReportRows(roundId: number, cellId: number): Promise<RoundReportRows>;
  detailRows(roundId: number, cellId: number): Promise<DetailRow[]>;
  /**
   * Across every cell's latest round: members counted, members who submitted, and how many
   * members marked each item at each level. The query a higher committee's roll-up runs.
   */
  rollupRows(): Promise<RollupRows>;
}
