/** Members of cells with Prisma. One query or one transaction per method. */
import type { Role } from "../../domain/roles.js";
import type { MemberRecord, MemberWithCell, MembersRepository, UserRecord } from "../../app/ports.js";
import type { Db } from "./client.js";
import { toMember, toCell } from "./rows.js";

export class PrismaMembers implements MembersRepository {
  constructor(private readonly db: Db) {}

  async findMember(memberId: number): Promise<MemberWithCell | null> {
    const row = await this.db.member.findUnique({ where: { id: memberId }, include: { cell: true } });
    return row && { ...toMember(row), cell: toCell(row.cell) };
  }

  async addMember(cellId: number, user: { id: bigint; firstName: string; username: string | null }, fullName: string): Promise<MemberRecord> {
    return this.db.$transaction(async (tx) => {
      await tx.user.upsert({ where: { id: user.id }, create: { id: user.id, firstName: user.firstName, username: user.username }, update: {} });
      const row = await tx.member.upsert({
        where: { cellId_userId: { cellId, userId: user.id } },
        create: { cellId, userId: user.id, fullName },
        update: { leftAt: null },
      });
      return toMember(row);
    });
  }

  async setMemberName(memberId: number, fullName: string): Promise<void> {
    await this.db.member.update({ where: { id: memberId }, data: { fullName, nameConfirmed: true } });
  }

  async setMemberRole(memberId: number, role: Role): Promise<void> {
    await this.db.member.update({ where: { id: memberId }, data: { role } });
  }

  async markMemberLeft(memberId: number, at: Date): Promise<void> {
    await this.db.member.update({ where: { id: memberId }, data: { leftAt: at, role: "MEMBER" } });
  }

  async findMembershipInCell(cellId: number, userId: bigint): Promise<MemberRecord | null> {
    const row = await this.db.member.findUnique({ where: { cellId_userId: { cellId, userId } } });
    return row && toMember(row);
  }

  async reactivateMember(memberId: number, leftAt: Date): Promise<boolean> {
    // Conditional on the removal it approves: a double press, or a button from an earlier
    // removal, matches nothing.
    const { count } = await this.db.member.updateMany({ where: { id: memberId, leftAt }, data: { leftAt: null } });
    return count === 1;
  }

  async listActiveMembers(cellId: number): Promise<MemberRecord[]> {
    const rows = await this.db.member.findMany({ where: { cellId, leftAt: null }, orderBy: { id: "asc" } });
    return rows.map(toMember);
  }

  async pendingMembers(roundId: number, cellId: number): Promise<(MemberRecord & { user: UserRecord; answered: number })[]> {
    const rows = await this.db.member.findMany({
      // The secretary's collective form (/tusoi taphe) does not count as their own submission.
      where: { cellId, leftAt: null, NOT: { assessments: { some: { roundId, collective: false, submittedAt: { not: null } } } } },
      include: { user: true, assessments: { where: { roundId, collective: false }, select: { _count: { select: { answers: true } } } } },
      orderBy: { id: "asc" },
    });
    return rows.map((r) => ({ ...toMember(r), user: r.user, answered: r.assessments[0]?._count.answers ?? 0 }));
  }

  async membersWithUsers(memberIds: number[]): Promise<(MemberRecord & { user: UserRecord })[]> {
    if (memberIds.length === 0) return [];
    const rows = await this.db.member.findMany({ where: { id: { in: memberIds } }, include: { user: true }, orderBy: { id: "asc" } });
    return rows.map((r) => ({ ...toMember(r), user: r.user }));
  }

  async unreachableMembers(cellId: number): Promise<MemberRecord[]> {
    const rows = await this.db.member.findMany({ where: { cellId, leftAt: null, user: { unreachableAt: { not: null } } }, orderBy: { id: "asc" } });
    return rows.map(toMember);
  }

  async handOverSecretary(cellId: number, fromMemberId: number | null, toMemberId: number, fromRole: Role): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const current = await tx.member.findFirst({ where: { cellId, role: "SECRETARY", leftAt: null }, orderBy: { id: "asc" }, select: { id: true } });
      if ((current?.id ?? null) !== fromMemberId) return false;
      const target = await tx.member.findFirst({ where: { id: toMemberId, cellId, leftAt: null }, select: { id: true } });
      if (!target || target.id === fromMemberId) return false;
      if (fromMemberId !== null) await tx.member.update({ where: { id: fromMemberId }, data: { role: fromRole } });
      await tx.member.update({ where: { id: toMemberId }, data: { role: "SECRETARY" } });
      return true;
    });
  }

  async muteFollowUp(memberId: number, period: string): Promise<void> {
    await this.db.member.update({ where: { id: memberId }, data: { followUpMutedPeriod: period } });
  }

  async mutedMembers(cellId: number, period: string): Promise<number[]> {
    const rows = await this.db.member.findMany({ where: { cellId, followUpMutedPeriod: period }, select: { id: true } });
    return rows.map((r) => r.id);
  }

  async secretaryOf(cellId: number): Promise<MemberRecord | null> {
    const row = await this.db.member.findFirst({ where: { cellId, role: "SECRETARY", leftAt: null }, orderBy: { id: "asc" } });
    return row && toMember(row);
  }
}
