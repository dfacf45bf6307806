/** Who looked at individual answers, and when (the secretary side's private detail). */
import type { AuditEntry } from "./records.js";

export interface AuditLog {
  addAudit(entry: { cellId: number; actorMemberId: number; action: string; roundId: number | null; at: Date }): Promise<void>;
  /** The latest entries, with the actor's name and the round's title, in one query. */
  listAudit(cellId: number, limit: number): Promise<AuditEntry[]>;
}
