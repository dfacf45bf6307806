/**
 * A unit's group messages on their way to the outbox (DESIGN.md §9): to the unit's group when it
 * has one (a destination on some channel); when it has none, the same message goes to each of
 * the unit's officers privately. Only what the group would get travels this way (summaries,
 * announcements: aggregates under the group privacy rule), never a member's answers.
 *
 * Officers: of a cell, its secretary, deputy and chi ủy members (those who see the report,
 * domain/roles canSeeReport); of a committee, its roster's officers (bí thư, phó bí thư, văn
 * phòng: domain/committee isCommitteeOfficer).
 */
import { isCommitteeOfficer } from "../domain/committee.js";
import { canSeeReport } from "../domain/roles.js";
import type { AppDeps } from "./deps.js";
import type { Destination } from "./messages.js";
import type { NewOutboxMessage } from "./ports.js";

/** A group message before its recipients are known. */
export type GroupMessage = Omit<NewOutboxMessage, "to">;

/** A unit whose group a message is for. */
export type GroupUnit = { kind: "cell"; id: number; group: Destination | null } | { kind: "committee"; id: number; group: Destination | null };

/**
 * The outbox messages for `message` to a unit with `group`: one to the group, or (no group) one
 * per officer in `officers`, each under its own key (`<key>:officer:<userId>`, still idempotent).
 */
export function toGroupOrOfficers(group: Destination | null, officers: readonly bigint[], message: GroupMessage): NewOutboxMessage[] {
  if (group) return [{ ...message, to: { destination: group } }];
  return officers.map((userId) => ({ ...message, key: `${message.key}:officer:${userId}`, to: { userId } }));
}

/** The app ids of the unit's officers (see the head of this file), in a stable order. */
export async function unitOfficers(deps: Pick<AppDeps, "members" | "committees">, unit: Pick<GroupUnit, "kind" | "id">): Promise<bigint[]> {
  const ids =
    unit.kind === "cell"
      ? (await deps.members.listActiveMembers(unit.id)).filter((m) => canSeeReport(m.role)).map((m) => m.userId)
      : (await deps.committees.listRoster(unit.id)).filter((e) => !e.leftAt && isCommitteeOfficer(e.role)).map((e) => e.userId);
  return [...new Set(ids)];
}

/** The outbox messages for a unit's group message: the group, or its officers privately (loaded only then). */
export async function groupMessages(deps: Pick<AppDeps, "members" | "committees">, unit: GroupUnit, message: GroupMessage): Promise<NewOutboxMessage[]> {
  return toGroupOrOfficers(unit.group, unit.group ? [] : await unitOfficers(deps, unit), message);
}
