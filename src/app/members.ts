/** The secretary's view of the cell's members, and role changes. */
import { canManageRoles, type Role } from "../domain/roles.js";
import type { AppDeps } from "./deps.js";
import type { MemberRecord, MemberWithCell } from "./ports.js";

export type MembersResult = { kind: "members"; members: MemberRecord[] } | { kind: "forbidden" };

export async function listMembers(deps: AppDeps, actor: MemberWithCell): Promise<MembersResult> {
  if (!canManageRoles(actor.role)) return { kind: "forbidden" };
  return { kind: "members", members: await deps.store.listActiveMembers(actor.cellId) };
}

export type RoleChange = Exclude<Role, "SECRETARY"> | "REMOVE";

export type SetRoleResult =
  | { kind: "changed"; member: MemberRecord; role: RoleChange }
  | { kind: "forbidden" }
  | { kind: "notInCell" }
  | { kind: "self" };

/**
 * The secretary makes a member deputy (phó bí thư) or committee member (chi ủy viên), takes it
 * back (MEMBER), or removes them from the cell (their answers are kept). The secretary's own
 * role is not changed here (handing over the secretary role is not built yet; see README).
 */
export async function setMemberRole(deps: AppDeps, actor: MemberWithCell, memberId: number, role: RoleChange): Promise<SetRoleResult> {
  if (!canManageRoles(actor.role)) return { kind: "forbidden" };
  if (memberId === actor.id) return { kind: "self" };
  const target = await deps.store.findMember(memberId);
  if (!target || target.cellId !== actor.cellId || target.leftAt) return { kind: "notInCell" };
  if (role === "REMOVE") await deps.store.markMemberLeft(target.id, deps.clock());
  else await deps.store.setMemberRole(target.id, role);
  return { kind: "changed", member: target, role };
}
