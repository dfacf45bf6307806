/** Read-only aggregate queries behind summaries, report files and the private detail (the committee roll-up: ports/committees.ts). */
import type { DetailRow, RoundReportRows } from "./records.js";

export interface ReportQueries {
  roundReportRows(roundId: number, cellId: number): Promise<RoundReportRows>;
  detailRows(roundId: number, cellId: number): Promise<DetailRow[]>;
}
