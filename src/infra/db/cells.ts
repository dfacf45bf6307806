/** Cells (group, join code, follow-up schedule, report settings) with Prisma. One query or one transaction per method. */
import type { CellRecord, CellSchedule, CellSettings, CellsRepository, MemberRecord, NewCell, Pause } from "../../app/ports.js";
import type { Destination } from "../../app/messages.js";
import type { Db } from "./client.js";
import type { Cell } from "./generated/client.js";
import { isUniqueViolation, toMember, toCell } from "./rows.js";

function toSchedule(c: Cell): CellSchedule {
  return {
    ...toCell(c),
    createdAt: c.createdAt,
    followUpDay: c.followUpDay,
    followUpTime: c.followUpTime,
    lastFollowUpAt: c.lastFollowUpAt,
    pause: c.pauseFrom && c.pauseUntil ? { from: c.pauseFrom, until: c.pauseUntil } : null,
  };
}

export class PrismaCells implements CellsRepository {
  constructor(private readonly db: Db) {}

  async findCellByGroup(group: Destination): Promise<CellRecord | null> {
    const row = await this.db.cell.findUnique({ where: { groupChannel_groupAddress: { groupChannel: group.channel, groupAddress: group.address } } });
    return row && toCell(row);
  }

  async findCellByJoinCode(joinCode: string): Promise<CellRecord | null> {
    const row = await this.db.cell.findUnique({ where: { joinCode } });
    return row && toCell(row);
  }

  async createCell(input: NewCell): Promise<{ cell: CellRecord; secretary: MemberRecord }> {
    const { secretary } = input;
    return this.db.$transaction(async (tx) => {
      await tx.user.upsert({
        where: { id: secretary.userId },
        create: { id: secretary.userId, firstName: secretary.firstName, username: secretary.username },
        update: {},
      });
      const cell = await tx.cell.create({
        data: {
          name: input.name,
          groupChannel: input.group?.channel ?? null,
          groupAddress: input.group?.address ?? null,
          groupTitle: input.groupTitle,
          joinCode: input.joinCode,
          timezone: input.timezone,
        },
      });
      const member = await tx.member.create({
        data: { cellId: cell.id, userId: secretary.userId, fullName: secretary.fullName, role: "SECRETARY" },
      });
      return { cell: toCell(cell), secretary: toMember(member) };
    });
  }

  async renameCell(cellId: number, name: string, groupTitle: string): Promise<CellRecord> {
    return toCell(await this.db.cell.update({ where: { id: cellId }, data: { name, groupTitle } }));
  }

  async setCellGroup(cellId: number, group: Destination | null): Promise<CellRecord | null> {
    try {
      const row = await this.db.cell.update({ where: { id: cellId }, data: { groupChannel: group?.channel ?? null, groupAddress: group?.address ?? null } });
      return toCell(row);
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  async listCellSchedules(): Promise<CellSchedule[]> {
    const rows = await this.db.cell.findMany({ orderBy: { id: "asc" } });
    return rows.map(toSchedule);
  }

  async findCellSchedule(cellId: number): Promise<CellSchedule | null> {
    const c = await this.db.cell.findUnique({ where: { id: cellId } });
    return c && toSchedule(c);
  }

  async setFollowUpSchedule(cellId: number, day: number, time: string): Promise<void> {
    await this.db.cell.update({ where: { id: cellId }, data: { followUpDay: day, followUpTime: time } });
  }

  async setLastFollowUpAt(cellId: number, at: Date): Promise<void> {
    await this.db.cell.update({ where: { id: cellId }, data: { lastFollowUpAt: at } });
  }

  async cellSettings(cellId: number): Promise<CellSettings> {
    const cell = await this.db.cell.findUniqueOrThrow({
      where: { id: cellId },
      select: {
        place: true,
        higherBody: true,
        reportThreshold: true,
        reportNumber: true,
        reportNumberRoundId: true,
        conclusion21: true,
        numberSuffix: true,
        signOff: true,
      },
    });
    return cell;
  }

  async setCellSettings(cellId: number, settings: Partial<CellSettings>): Promise<void> {
    await this.db.cell.update({ where: { id: cellId }, data: settings });
  }

  async setTimezone(cellId: number, timeZone: string): Promise<void> {
    await this.db.cell.update({ where: { id: cellId }, data: { timezone: timeZone } });
  }

  async setPause(cellId: number, pause: Pause | null): Promise<void> {
    await this.db.cell.update({ where: { id: cellId }, data: { pauseFrom: pause?.from ?? null, pauseUntil: pause?.until ?? null } });
  }
}
