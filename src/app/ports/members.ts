/** Members of cells (đảng viên): joining, names, roles, leaving, who is pending or unreachable. */
import type { MemberRecord, MemberWithCell, Role, UserRecord } from "./records.js";

export interface MembersRepository {
  findMember(memberId: number): Promise<MemberWithCell | null>;
  /** Adds or re-activates a membership. */
  addMember(cellId: number, user: { id: bigint; firstName: string; username: string | null }, fullName: string): Promise<MemberRecord>;
  setMemberName(memberId: number, fullName: string): Promise<void>;
  setMemberRole(memberId: number, role: Role): Promise<void>;
  markMemberLeft(memberId: number, at: Date): Promise<void>;
  /** The person's membership row in that cell, also when it has ended (left), or null. */
  findMembershipInCell(cellId: number, userId: bigint): Promise<MemberRecord | null>;
  /** Ends "left" for a membership that left at exactly `leftAt`; false when it did not (stale). */
  reactivateMember(memberId: number, leftAt: Date): Promise<boolean>;
  listActiveMembers(cellId: number): Promise<MemberRecord[]>;
  /** Active members of the cell who have not submitted in the round, with their user. */
  pendingMembers(roundId: number, cellId: number): Promise<(MemberRecord & { user: UserRecord; answered: number })[]>;
  /** The members with these ids, each with their user, in one query. */
  membersWithUsers(memberIds: number[]): Promise<(MemberRecord & { user: UserRecord })[]>;
  /** Members of the cell Telegram said are unreachable. */
  unreachableMembers(cellId: number): Promise<MemberRecord[]>;
  secretaryOf(cellId: number): Promise<MemberRecord | null>;
  /**
   * One transaction: `toMemberId` becomes the cell's secretary and `fromMemberId` (when given)
   * takes `fromRole`. False, changing nothing, unless `fromMemberId` is still the cell's
   * secretary (or, with null, the cell has no active secretary) and `toMemberId` an active member.
   */
  handOverSecretary(cellId: number, fromMemberId: number | null, toMemberId: number, fromRole: Role): Promise<boolean>;
  /** The one follow-up month ("YYYY-MM") the member skips. */
  muteFollowUp(memberId: number, period: string): Promise<void>;
  /** Members of the cell who muted the follow-up of `period`. */
  mutedMembers(cellId: number, period: string): Promise<number[]>;
}
