/** Rounds (đợt tự soi) with Prisma. One query or one transaction per method. */
import type { NewRound, OpenRoundWithCell, ReportTextKey, ReportTexts, RoundOpening, RoundRecord, RoundsRepository } from "../../app/ports.js";
import type { Meeting } from "../../domain/meeting.js";
import type { Db } from "./client.js";
import { toCell } from "./rows.js";

/** Exactly a RoundRecord's fields (the same shape every implementation returns). */
const roundFields = {
  id: true,
  cellId: true,
  title: true,
  deadline: true,
  deadlineDay: true,
  checklistCode: true,
  checklistVersion: true,
  openedAt: true,
  closedAt: true,
} as const;

export class PrismaRounds implements RoundsRepository {
  constructor(private readonly db: Db) {}

  findOpenRound(cellId: number): Promise<RoundRecord | null> {
    return this.db.round.findFirst({ where: { cellId, closedAt: null }, orderBy: { id: "desc" }, select: roundFields });
  }

  findLatestRound(cellId: number): Promise<RoundRecord | null> {
    return this.db.round.findFirst({ where: { cellId }, orderBy: { id: "desc" }, select: roundFields });
  }

  async openRound(input: NewRound): Promise<RoundOpening> {
    // One transaction: SQLite serialises writers, so two /dotmoi at once cannot both open.
    return this.db.$transaction(async (tx) => {
      const open = await tx.round.findFirst({ where: { cellId: input.cellId, closedAt: null }, orderBy: { id: "desc" }, select: roundFields });
      let closedExpired: RoundRecord | null = null;
      if (open) {
        if (open.deadline.getTime() >= input.now.getTime()) return { ok: false as const, open };
        closedExpired = await tx.round.update({ where: { id: open.id }, data: { closedAt: input.now }, select: roundFields });
      }
      const round = await tx.round.create({
        data: {
          cellId: input.cellId,
          title: input.title,
          deadline: input.deadline,
          deadlineDay: input.deadlineDay,
          checklistCode: input.checklistCode,
          checklistVersion: input.checklistVersion,
          openedByMemberId: input.openedByMemberId,
          openedAt: input.now,
        },
        select: roundFields,
      });
      return { ok: true as const, round, closedExpired };
    });
  }

  async closeRound(roundId: number, at: Date): Promise<boolean> {
    const { count } = await this.db.round.updateMany({ where: { id: roundId, closedAt: null }, data: { closedAt: at } });
    return count === 1;
  }

  async listOpenRounds(): Promise<OpenRoundWithCell[]> {
    const rows = await this.db.round.findMany({
      where: { closedAt: null },
      select: { ...roundFields, lastReminderDays: true, cell: true },
      orderBy: { id: "asc" },
    });
    return rows.map((r) => ({ ...r, cell: toCell(r.cell) }));
  }

  async setLastReminderDays(roundId: number, days: number): Promise<void> {
    await this.db.round.update({ where: { id: roundId }, data: { lastReminderDays: days } });
  }

  recentRounds(cellId: number, limit: number): Promise<RoundRecord[]> {
    return this.db.round.findMany({ where: { cellId }, orderBy: { id: "desc" }, take: limit, select: roundFields });
  }

  roundNumber(round: RoundRecord): Promise<number> {
    return this.db.round.count({ where: { cellId: round.cellId, id: { lte: round.id } } });
  }

  previousRound(round: RoundRecord): Promise<RoundRecord | null> {
    return this.db.round.findFirst({ where: { cellId: round.cellId, id: { lt: round.id } }, orderBy: { id: "desc" }, select: roundFields });
  }

  roundsOfCell(cellId: number): Promise<RoundRecord[]> {
    return this.db.round.findMany({ where: { cellId }, orderBy: { id: "asc" }, select: roundFields });
  }

  async roundConclusions(roundId: number): Promise<string> {
    return (await this.db.round.findUnique({ where: { id: roundId }, select: { conclusions: true } }))?.conclusions ?? "";
  }

  async setRoundConclusions(roundId: number, text: string): Promise<void> {
    await this.db.round.update({ where: { id: roundId }, data: { conclusions: text || null } });
  }

  async roundMeeting(roundId: number): Promise<Meeting | null> {
    const row = await this.db.round.findUnique({
      where: { id: roundId },
      select: { meetingDay: true, meetingPresent: true, meetingTotal: true, meetingChair: true },
    });
    if (!row?.meetingDay || row.meetingPresent === null || row.meetingTotal === null) return null;
    return { day: row.meetingDay, present: row.meetingPresent, total: row.meetingTotal, chair: row.meetingChair ?? "" };
  }

  async setRoundMeeting(roundId: number, meeting: Meeting): Promise<void> {
    await this.db.round.update({
      where: { id: roundId },
      data: { meetingDay: meeting.day, meetingPresent: meeting.present, meetingTotal: meeting.total, meetingChair: meeting.chair || null },
    });
  }

  async roundTexts(roundId: number): Promise<ReportTexts> {
    const row = await this.db.round.findUnique({ where: { id: roundId }, select: { assessment: true, direction: true } });
    return { assessment: row?.assessment ?? "", direction: row?.direction ?? "" };
  }

  async setRoundText(roundId: number, key: ReportTextKey, text: string): Promise<void> {
    await this.db.round.update({ where: { id: roundId }, data: { [key]: text || null } });
  }

  async setRoundDeadline(roundId: number, deadline: Date): Promise<void> {
    await this.db.round.updateMany({ where: { id: roundId, closedAt: null }, data: { deadline } });
  }
}
