/** Read-only aggregate queries behind summaries, report files and the private detail (the committee roll-up: ports/committees.ts). */
import type { CollectiveFormRow, DetailRow, RoundReportRows } from "./records.js";

export interface ReportQueries {
  roundReportRows(roundId: number, cellId: number): Promise<RoundReportRows>;
  detailRows(roundId: number, cellId: number): Promise<DetailRow[]>;
  /** The round's chi ủy collective form (/tusoi taphe): filed or not, and its marked items; null when never opened. Members' rows never include it. */
  collectiveForm(roundId: number): Promise<CollectiveFormRow | null>;
}
