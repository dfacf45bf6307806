/** The audit log of the private detail view with Prisma. One query or one transaction per method. */
import type { AuditEntry, AuditLog } from "../../app/ports.js";
import type { Db } from "./client.js";
import { decodeTime } from "./time.js";

export class PrismaAuditLog implements AuditLog {
  constructor(private readonly db: Db) {}

  async addAudit(entry: { cellId: number; actorMemberId: number; action: string; roundId: number | null; at: Date }): Promise<void> {
    await this.db.auditLog.create({
      data: { cellId: entry.cellId, actorMemberId: entry.actorMemberId, action: entry.action, roundId: entry.roundId, createdAt: entry.at },
    });
  }

  async listAudit(cellId: number, limit: number): Promise<AuditEntry[]> {
    // One query: the entries with the actor's name and the round's title.
    const rows = await this.db.$queryRaw<{ actorName: string | null; action: string; roundTitle: string | null; at: string | Date }[]>`
      SELECT m."fullName" AS "actorName", a."action" AS "action", r."title" AS "roundTitle", a."createdAt" AS "at"
      FROM "AuditLog" a
      LEFT JOIN "Member" m ON m."id" = a."actorMemberId"
      LEFT JOIN "Round" r ON r."id" = a."roundId"
      WHERE a."cellId" = ${cellId}
      ORDER BY a."id" DESC LIMIT ${limit}`;
    return rows.map((r) => ({ actorName: r.actorName ?? "?", action: r.action, roundTitle: r.roundTitle, at: decodeTime(r.at)! }));
  }
}
