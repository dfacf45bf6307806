/** The secretary's view of the cell's members, role changes and name corrections. */
import { normalizeFullName } from "../domain/names.js";
import { canManageRoles, type Role } from "../domain/roles.js";
import type { AppDeps } from "./deps.js";
import type { CellRecord, MemberRecord, MemberWithCell } from "./ports.js";
import { serializeAwaited } from "./awaited-input.js";

export type MembersResult = { kind: "members"; members: MemberRecord[] } | { kind: "forbidden" };

export async function listMembers(deps: Pick<AppDeps, "members">, actor: MemberWithCell): Promise<MembersResult> {
  if (!canManageRoles(actor.role)) return { kind: "forbidden" };
  return { kind: "members", members: await deps.members.listActiveMembers(actor.cellId) };
}

export type RoleChange = Exclude<Role, "SECRETARY"> | "REMOVE";

export type SetRoleResult = { kind: "changed"; member: MemberRecord; role: RoleChange } | { kind: "forbidden" } | { kind: "notInCell" } | { kind: "self" };

/**
 * The secretary makes a member deputy (phó bí thư) or committee member (chi ủy viên), takes it
 * back (MEMBER), or removes them from the cell (their answers are kept). The secretary's own
 * role is not changed here: handing it over is its own confirmed step (app/handover.ts).
 */
export async function setMemberRole(
  deps: Pick<AppDeps, "clock" | "members">,
  actor: MemberWithCell,
  memberId: number,
  role: RoleChange,
): Promise<SetRoleResult> {
  if (!canManageRoles(actor.role)) return { kind: "forbidden" };
  if (memberId === actor.id) return { kind: "self" };
  const target = await deps.members.findMember(memberId);
  if (!target || target.cellId !== actor.cellId || target.leftAt) return { kind: "notInCell" };
  if (role === "REMOVE") await deps.members.markMemberLeft(target.id, deps.clock());
  else await deps.members.setMemberRole(target.id, role);
  return { kind: "changed", member: target, role };
}

/** Awaited input "the next text is this member's corrected name", stored on the secretary's user. */
export const awaitingRename = (memberId: number): string => serializeAwaited("renameMember", { id: memberId });

/** The member whose name the secretary is typing, or null (anything else, or forged). */
export function parseAwaitingRename(stored: string | null): { memberId: number } | null {
  try {
    const v = JSON.parse(stored ?? "") as { v?: unknown; k?: unknown; id?: unknown };
    if (v.v === 1 && v.k === "renameMember" && Number.isSafeInteger(v.id) && (v.id as number) > 0) return { memberId: v.id as number };
  } catch {
    // not a rename
  }
  return null;
}

export type StartRenameResult = { kind: "askName"; member: MemberRecord } | { kind: "forbidden" } | { kind: "notInCell" };

/** "Sửa họ tên" in the member menu: the secretary's next private text becomes that member's name. */
export async function startRenameMember(deps: Pick<AppDeps, "members" | "users">, actor: MemberWithCell, memberId: number): Promise<StartRenameResult> {
  if (!canManageRoles(actor.role)) return { kind: "forbidden" };
  const target = await deps.members.findMember(memberId);
  if (!target || target.cellId !== actor.cellId || target.leftAt) return { kind: "notInCell" };
  await deps.users.setAwaiting(actor.userId, awaitingRename(target.id));
  return { kind: "askName", member: target };
}

export type RenameResult =
  | { kind: "renamed"; member: MemberRecord; fullName: string }
  | { kind: "forbidden" }
  | { kind: "notInCell" }
  | { kind: "tooShort" }
  | { kind: "tooLong" }
  | { kind: "noLetter" };

/**
 * The secretary's typed correction of a member's name. Checked again when the text arrives:
 * the actor must still be the secretary of that member's cell and the member still in it
 * (otherwise the pending correction is dropped). An invalid name keeps it pending, so the
 * secretary can type it again.
 */
export async function renameMember(
  deps: Pick<AppDeps, "members" | "users">,
  actor: MemberWithCell,
  awaiting: string | null,
  text: string,
): Promise<RenameResult> {
  const pending = parseAwaitingRename(awaiting);
  const target = pending && (await deps.members.findMember(pending.memberId));
  if (!canManageRoles(actor.role)) {
    await deps.users.setAwaiting(actor.userId, null);
    return { kind: "forbidden" };
  }
  if (!target || target.cellId !== actor.cellId || target.leftAt) {
    await deps.users.setAwaiting(actor.userId, null);
    return { kind: "notInCell" };
  }
  const name = normalizeFullName(text);
  if (!name.ok) return { kind: name.reason };
  await deps.members.setMemberName(target.id, name.value);
  await deps.users.setAwaiting(actor.userId, null);
  return { kind: "renamed", member: target, fullName: name.value };
}

export type RejoinResult =
  | { kind: "approved"; member: MemberWithCell }
  | { kind: "forbidden" }
  | { kind: "stale" }
  | { kind: "memberElsewhere"; member: MemberRecord; cell: CellRecord };

/**
 * The secretary approves a removed member's request to rejoin (see joinCell). `removedAt` is
 * the removal the request was about: a button from an earlier removal, or pressed twice,
 * changes nothing. Only the secretary of that member's cell may approve.
 */
export async function approveRejoin(
  deps: Pick<AppDeps, "answerPath" | "members">,
  actor: MemberWithCell,
  memberId: number,
  removedAt: Date,
): Promise<RejoinResult> {
  if (!canManageRoles(actor.role)) return { kind: "forbidden" };
  const target = await deps.members.findMember(memberId);
  if (!target || target.cellId !== actor.cellId) return { kind: "forbidden" };
  if (target.leftAt?.getTime() !== removedAt.getTime()) return { kind: "stale" };
  const elsewhere = await deps.answerPath.findActiveMembership(target.userId);
  if (elsewhere) return { kind: "memberElsewhere", member: target, cell: elsewhere.cell };
  if (!(await deps.members.reactivateMember(target.id, removedAt))) return { kind: "stale" };
  return { kind: "approved", member: { ...target, leftAt: null } };
}

export type MemberMenuResult = { kind: "menu"; member: MemberWithCell } | { kind: "forbidden" } | { kind: "notInCell" };

/** The secretary opens one member's menu in /vaitro. */
export async function memberMenu(deps: Pick<AppDeps, "members">, actor: MemberWithCell, memberId: number): Promise<MemberMenuResult> {
  if (!canManageRoles(actor.role)) return { kind: "forbidden" };
  const target = await deps.members.findMember(memberId);
  if (!target || target.cellId !== actor.cellId || target.leftAt) return { kind: "notInCell" };
  return { kind: "menu", member: target };
}
