/**
 * Who may act on what the bot posted in a group. The buttons under a group's messages (a cell's
 * summary, its /vaitro list, a committee's roll-up, a move confirmation…) edit that message when
 * pressed; only an officer of the group's own unit may cause that. Callback data can be forged
 * and pressed on any message, so this is asked of the database on every such press.
 */
import { isCommitteeOfficer } from "../domain/committee.js";
import { canManageRounds } from "../domain/roles.js";
import type { AppDeps } from "./deps.js";
import type { Destination } from "./messages.js";

/**
 * True when the person is the secretary or deputy of the cell whose group this is (an active
 * member of it), or an officer on the roster of the committee whose group this is. A group
 * that is no unit's has no officer.
 */
export async function isGroupOfficer(deps: Pick<AppDeps, "answerPath" | "cells" | "committees">, group: Destination, userId: bigint): Promise<boolean> {
  const cell = await deps.cells.findCellByGroup(group);
  if (cell) {
    const member = await deps.answerPath.findActiveMembership(userId);
    return member !== null && member.cellId === cell.id && canManageRounds(member.role);
  }
  const committee = await deps.committees.findCommitteeByGroup(group);
  if (!committee) return false;
  const entry = await deps.committees.rosterEntry(committee.id, userId);
  return entry !== null && isCommitteeOfficer(entry.role);
}
