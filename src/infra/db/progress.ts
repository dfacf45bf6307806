/** Monthly follow-up answers with Prisma. One query or one transaction per method. */
import type { ProgressRecord, ProgressRepository } from "../../app/ports.js";
import type { Db } from "./client.js";

export class PrismaProgress implements ProgressRepository {
  constructor(private readonly db: Db) {}

  async progressFor(assessmentIds: number[]): Promise<ProgressRecord[]> {
    if (assessmentIds.length === 0) return [];
    const rows = await this.db.correctionProgress.findMany({ where: { assessmentId: { in: assessmentIds } }, orderBy: [{ period: "asc" }] });
    return rows.map((r) => ({ ...r, status: r.status as ProgressRecord["status"] }));
  }

  async saveProgress(p: { assessmentId: number; itemCode: string; period: string; status: ProgressRecord["status"]; at: Date }): Promise<void> {
    const id = { assessmentId: p.assessmentId, itemCode: p.itemCode, period: p.period };
    await this.db.correctionProgress.upsert({
      where: { assessmentId_itemCode_period: id },
      create: { ...id, status: p.status, answeredAt: p.at },
      update: { status: p.status, answeredAt: p.at },
    });
  }

  async saveProgressNote(p: { assessmentId: number; itemCode: string; period: string; note: string }): Promise<boolean> {
    const { count } = await this.db.correctionProgress.updateMany({
      where: { assessmentId: p.assessmentId, itemCode: p.itemCode, period: p.period },
      data: { note: p.note },
    });
    return count === 1;
  }
}
