/** Committees, their tree, roster and link codes with Prisma. One query or one transaction per method. */
import type {
  EnteredFiguresRecord,
  EnteredUnitRecord,
  ReportTextKey,
  ReportTexts,
  CellBrief,
  CellUnder,
  CommitteeNode,
  CommitteeRecord,
  CommitteeSettings,
  CommitteesRepository,
  LinkRecord,
  NewCommittee,
  RosterEntry,
  RosterEntryWithCommittee,
} from "../../app/ports.js";
import { isCommitteeRole, type CommitteeRole } from "../../domain/committee.js";
import type { Destination } from "../../app/messages.js";
import type { Db } from "./client.js";
import type { Committee, CommitteeMember } from "./generated/client.js";
import { isUniqueViolation, toCell, toDestination } from "./rows.js";

const toCommittee = (row: Committee): CommitteeRecord => ({
  id: row.id,
  name: row.name,
  group: toDestination(row.groupChannel, row.groupAddress),
  groupTitle: row.groupTitle,
  joinCode: row.joinCode,
  timezone: row.timezone,
  parentCommitteeId: row.parentCommitteeId,
});

const toEntry = (row: CommitteeMember): RosterEntry => ({
  id: row.id,
  committeeId: row.committeeId,
  userId: row.userId,
  fullName: row.fullName,
  role: isCommitteeRole(row.role) ? row.role : "MEMBER",
  leftAt: row.leftAt,
});

export class PrismaCommittees implements CommitteesRepository {
  constructor(private readonly db: Db) {}

  async findCommitteeByGroup(group: Destination): Promise<CommitteeRecord | null> {
    const row = await this.db.committee.findUnique({ where: { groupChannel_groupAddress: { groupChannel: group.channel, groupAddress: group.address } } });
    return row && toCommittee(row);
  }

  async findCommittee(id: number): Promise<CommitteeRecord | null> {
    const row = await this.db.committee.findUnique({ where: { id } });
    return row && toCommittee(row);
  }

  async findCommitteeByJoinCode(joinCode: string): Promise<CommitteeRecord | null> {
    const row = await this.db.committee.findUnique({ where: { joinCode } });
    return row && toCommittee(row);
  }

  async createCommittee(input: NewCommittee): Promise<{ committee: CommitteeRecord; secretary: RosterEntry }> {
    const { secretary } = input;
    return this.db.$transaction(async (tx) => {
      await tx.user.upsert({
        where: { id: secretary.userId },
        create: { id: secretary.userId, firstName: secretary.firstName, username: secretary.username },
        update: {},
      });
      const committee = await tx.committee.create({
        data: {
          name: input.name,
          groupChannel: input.group?.channel ?? null,
          groupAddress: input.group?.address ?? null,
          groupTitle: input.groupTitle,
          joinCode: input.joinCode,
          timezone: input.timezone,
        },
      });
      const entry = await tx.committeeMember.create({
        data: { committeeId: committee.id, userId: secretary.userId, fullName: secretary.fullName, role: "SECRETARY" },
      });
      return { committee: toCommittee(committee), secretary: toEntry(entry) };
    });
  }

  async renameCommittee(id: number, name: string, groupTitle: string): Promise<CommitteeRecord> {
    return toCommittee(await this.db.committee.update({ where: { id }, data: { name, groupTitle } }));
  }

  async setCommitteeGroup(id: number, group: Destination | null): Promise<CommitteeRecord | null> {
    try {
      return toCommittee(
        await this.db.committee.update({ where: { id }, data: { groupChannel: group?.channel ?? null, groupAddress: group?.address ?? null } }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  async committeeTree(): Promise<CommitteeNode[]> {
    const rows = await this.db.committee.findMany({ select: { id: true, parentCommitteeId: true, name: true }, orderBy: { id: "asc" } });
    return rows.map((r) => ({ id: r.id, parentId: r.parentCommitteeId, name: r.name }));
  }

  async setCommitteeParent(id: number, parentId: number): Promise<void> {
    await this.db.committee.update({ where: { id }, data: { parentCommitteeId: parentId } });
  }

  async cellParent(cellId: number): Promise<number | null> {
    return (await this.db.cell.findUnique({ where: { id: cellId }, select: { parentCommitteeId: true } }))?.parentCommitteeId ?? null;
  }

  async setCellParent(cellId: number, committeeId: number): Promise<void> {
    await this.db.cell.update({ where: { id: cellId }, data: { parentCommitteeId: committeeId } });
  }

  cellsUnder(committeeIds: number[]): Promise<CellUnder[]>;
  cellsUnder(committeeIds: number[], columns: "brief"): Promise<CellBrief[]>;
  async cellsUnder(committeeIds: number[], columns?: "brief"): Promise<CellUnder[] | CellBrief[]> {
    if (committeeIds.length === 0) return [];
    const where = { parentCommitteeId: { in: committeeIds } };
    if (columns === "brief") {
      const rows = await this.db.cell.findMany({ where, orderBy: { id: "asc" }, select: { id: true, name: true, parentCommitteeId: true, timezone: true } });
      return rows.map((c) => ({ id: c.id, name: c.name, parentCommitteeId: c.parentCommitteeId!, timezone: c.timezone }));
    }
    const rows = await this.db.cell.findMany({ where, orderBy: { id: "asc" } });
    return rows.map((c) => ({ ...toCell(c), parentCommitteeId: c.parentCommitteeId! }));
  }

  committeeSettings(id: number): Promise<CommitteeSettings> {
    return this.db.committee.findUniqueOrThrow({
      where: { id },
      select: { place: true, higherBody: true, reportNumber: true, numberSuffix: true, signOff: true, conclusion21: true },
    });
  }

  async setCommitteeSettings(id: number, settings: Partial<CommitteeSettings>): Promise<void> {
    await this.db.committee.update({ where: { id }, data: settings });
  }

  async rosterEntry(committeeId: number, userId: bigint): Promise<RosterEntry | null> {
    const row = await this.db.committeeMember.findUnique({ where: { committeeId_userId: { committeeId, userId } } });
    return row && !row.leftAt ? toEntry(row) : null;
  }

  async rosterEntryById(id: number): Promise<RosterEntry | null> {
    const row = await this.db.committeeMember.findUnique({ where: { id } });
    return row && toEntry(row);
  }

  async rostersOf(userId: bigint): Promise<RosterEntryWithCommittee[]> {
    const rows = await this.db.committeeMember.findMany({ where: { userId, leftAt: null }, include: { committee: true }, orderBy: { id: "asc" } });
    return rows.map((r) => ({ ...toEntry(r), committee: toCommittee(r.committee) }));
  }

  async addToRoster(committeeId: number, user: { id: bigint; firstName: string; username: string | null }, fullName: string): Promise<RosterEntry> {
    return this.db.$transaction(async (tx) => {
      await tx.user.upsert({ where: { id: user.id }, create: { id: user.id, firstName: user.firstName, username: user.username }, update: {} });
      const row = await tx.committeeMember.upsert({
        where: { committeeId_userId: { committeeId, userId: user.id } },
        create: { committeeId, userId: user.id, fullName },
        // Someone removed earlier comes back as a plain roster member.
        update: {},
      });
      if (!row.leftAt) return toEntry(row);
      return toEntry(await tx.committeeMember.update({ where: { id: row.id }, data: { leftAt: null, role: "MEMBER" } }));
    });
  }

  async listRoster(committeeId: number): Promise<RosterEntry[]> {
    const rows = await this.db.committeeMember.findMany({ where: { committeeId, leftAt: null }, orderBy: { id: "asc" } });
    return rows.map(toEntry);
  }

  async setRosterRole(id: number, role: CommitteeRole): Promise<void> {
    await this.db.committeeMember.update({ where: { id }, data: { role } });
  }

  async setRosterName(id: number, fullName: string): Promise<void> {
    await this.db.committeeMember.update({ where: { id }, data: { fullName } });
  }

  async removeFromRoster(id: number, at: Date): Promise<void> {
    await this.db.committeeMember.update({ where: { id }, data: { leftAt: at } });
  }

  async campaignTexts(committeeId: number, campaignId: number): Promise<ReportTexts> {
    const row = await this.db.campaignReportText.findUnique({ where: { committeeId_campaignId: { committeeId, campaignId } } });
    return { assessment: row?.assessment ?? "", direction: row?.direction ?? "" };
  }

  async setCampaignText(committeeId: number, campaignId: number, key: ReportTextKey, text: string): Promise<void> {
    await this.db.campaignReportText.upsert({
      where: { committeeId_campaignId: { committeeId, campaignId } },
      create: { committeeId, campaignId, [key]: text || null },
      update: { [key]: text || null },
    });
  }

  async enteredUnits(committeeIds: number[]): Promise<EnteredUnitRecord[]> {
    if (committeeIds.length === 0) return [];
    return this.db.enteredUnit.findMany({
      where: { committeeId: { in: committeeIds } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: { id: true, committeeId: true, name: true },
    });
  }

  async addEnteredUnit(unit: { committeeId: number; name: string; createdByUserId: bigint }): Promise<{ unit: EnteredUnitRecord; created: boolean }> {
    const select = { id: true, committeeId: true, name: true } as const;
    const where = { committeeId_name: { committeeId: unit.committeeId, name: unit.name } };
    const existing = await this.db.enteredUnit.findUnique({ where, select });
    if (existing) return { unit: existing, created: false };
    try {
      return { unit: await this.db.enteredUnit.create({ data: unit, select }), created: true };
    } catch (error) {
      // Two officers adding the same name at once: the other one's row stands.
      const row = await this.db.enteredUnit.findUnique({ where, select });
      if (row) return { unit: row, created: false };
      throw error;
    }
  }

  findEnteredUnit(id: number): Promise<EnteredUnitRecord | null> {
    return this.db.enteredUnit.findUnique({ where: { id }, select: { id: true, committeeId: true, name: true } });
  }

  async enteredFigures(campaignId: number, unitIds: number[]): Promise<EnteredFiguresRecord[]> {
    if (unitIds.length === 0) return [];
    const rows = await this.db.enteredFigures.findMany({ where: { campaignId, unitId: { in: unitIds } }, orderBy: { unitId: "asc" } });
    return rows.map((r) => ({
      unitId: r.unitId,
      campaignId: r.campaignId,
      members: r.members,
      submitted: r.submitted,
      meetingDay: r.meetingDay,
      present: r.present,
      items: r.items === null ? null : parseItems(r.items),
    }));
  }

  async setEnteredFigures(f: EnteredFiguresRecord & { enteredByUserId: bigint }): Promise<void> {
    const data = {
      members: f.members,
      submitted: f.submitted,
      meetingDay: f.meetingDay,
      present: f.present,
      items: f.items === null ? null : JSON.stringify(f.items),
      enteredByUserId: f.enteredByUserId,
    };
    await this.db.enteredFigures.upsert({
      where: { unitId_campaignId: { unitId: f.unitId, campaignId: f.campaignId } },
      create: { unitId: f.unitId, campaignId: f.campaignId, ...data },
      update: data,
    });
  }

  async createLink(link: { code: string; committeeId: number; createdByUserId: bigint; createdAt: Date; expiresAt: Date }): Promise<LinkRecord> {
    const row = await this.db.committeeLink.create({ data: link });
    return { id: row.id, code: row.code, committeeId: row.committeeId, expiresAt: row.expiresAt };
  }

  async findLink(code: string): Promise<LinkRecord | null> {
    return this.db.committeeLink.findUnique({ where: { code }, select: { id: true, code: true, committeeId: true, expiresAt: true } });
  }

  async findLinkById(id: number): Promise<LinkRecord | null> {
    return this.db.committeeLink.findUnique({ where: { id }, select: { id: true, code: true, committeeId: true, expiresAt: true } });
  }
}

/** Stored item counts: {code: count}, anything else dropped. */
function parseItems(text: string): Record<string, number> {
  try {
    const value = JSON.parse(text) as unknown;
    if (!value || typeof value !== "object" || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).filter((e): e is [string, number] => Number.isSafeInteger(e[1]) && (e[1] as number) >= 0),
    );
  } catch {
    return {};
  }
}
