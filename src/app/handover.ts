/**
 * Handing over the secretary role (giao chức bí thư), and a group admin's reclaim of a cell
 * whose secretary has left.
 *
 * - Handover: only the current secretary, to an active member of the same cell, confirmed;
 *   the old secretary becomes an ordinary member, or deputy if they chose so. One transaction,
 *   conditional on the actor still being the secretary (two presses, or a stale button, change
 *   nothing the second time). Logged in the audit log (SECRETARY_HANDOVER).
 * - Reclaim (`/nhanbithu`, alias `/reclaim`, in the cell's group): a group administrator who
 *   is a member of the cell becomes its secretary when the secretary has left the cell, or
 *   Telegram says they are no longer in the group (left or removed). The old secretary, if
 *   still a member, becomes an ordinary member. Logged (SECRETARY_RECLAIM) with the admin as actor.
 */
import { canManageRoles } from "../domain/roles.js";
import type { AppDeps } from "./deps.js";
import type { MemberRecord, MemberWithCell } from "./ports.js";

export type HandoverResult =
  { kind: "handedOver"; to: MemberRecord; stayAs: "MEMBER" | "DEPUTY" } | { kind: "forbidden" } | { kind: "notInCell" } | { kind: "self" } | { kind: "stale" };

/** The target of "Giao chức bí thư", before confirming: only the secretary may ask. */
export async function handoverTarget(
  deps: Pick<AppDeps, "members">,
  actor: MemberWithCell,
  memberId: number,
): Promise<{ kind: "target"; member: MemberRecord } | Exclude<HandoverResult, { kind: "handedOver" } | { kind: "stale" }>> {
  if (!canManageRoles(actor.role)) return { kind: "forbidden" };
  if (memberId === actor.id) return { kind: "self" };
  const target = await deps.members.findMember(memberId);
  if (!target || target.cellId !== actor.cellId || target.leftAt) return { kind: "notInCell" };
  return { kind: "target", member: target };
}

/** Confirmed: the member becomes secretary, the actor `stayAs`. */
export async function handOverSecretary(
  deps: Pick<AppDeps, "audit" | "clock" | "members">,
  actor: MemberWithCell,
  memberId: number,
  stayAs: "MEMBER" | "DEPUTY",
): Promise<HandoverResult> {
  const checked = await handoverTarget(deps, actor, memberId);
  if (checked.kind !== "target") return checked;
  if (!(await deps.members.handOverSecretary(actor.cellId, actor.id, memberId, stayAs))) return { kind: "stale" };
  await deps.audit.addAudit({ cellId: actor.cellId, actorMemberId: actor.id, action: "SECRETARY_HANDOVER", roundId: null, at: deps.clock() });
  return { kind: "handedOver", to: checked.member, stayAs };
}

export type ReclaimResult =
  | { kind: "reclaimed"; previous: MemberRecord | null }
  | { kind: "notAdmin" }
  | { kind: "notMember" }
  | { kind: "alreadySecretary" }
  | { kind: "secretaryPresent"; secretary: MemberRecord }
  | { kind: "stale" };

/**
 * A group admin takes the secretary role of the group's cell. `secretaryInGroup` is what
 * Telegram says of the current secretary (false: left or removed); the bot layer asks.
 */
export async function reclaimSecretary(
  deps: Pick<AppDeps, "audit" | "clock" | "members">,
  input: { caller: MemberWithCell | null; callerIsAdmin: boolean; secretaryInGroup: (secretary: MemberRecord) => Promise<boolean> },
): Promise<ReclaimResult> {
  if (!input.callerIsAdmin) return { kind: "notAdmin" };
  const caller = input.caller;
  if (!caller) return { kind: "notMember" };
  if (caller.role === "SECRETARY") return { kind: "alreadySecretary" };
  const secretary = await deps.members.secretaryOf(caller.cellId);
  if (secretary && (await input.secretaryInGroup(secretary))) return { kind: "secretaryPresent", secretary };
  if (!(await deps.members.handOverSecretary(caller.cellId, secretary?.id ?? null, caller.id, "MEMBER"))) return { kind: "stale" };
  await deps.audit.addAudit({ cellId: caller.cellId, actorMemberId: caller.id, action: "SECRETARY_RECLAIM", roundId: null, at: deps.clock() });
  return { kind: "reclaimed", previous: secretary };
}
