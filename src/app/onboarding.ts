/** Setting up a cell, joining it, and confirming one's full name. */
import { displayName, normalizeFullName, normalizeName, TITLE_MAX_LENGTH, type Person } from "../domain/names.js";
import type { AppDeps } from "./deps.js";
import type { Destination } from "./messages.js";
import type { CellRecord, MemberRecord, MemberWithCell, RoundRecord } from "./ports.js";
import { isRoundOpen } from "../domain/rounds.js";
import { serializeAwaited } from "./awaited-input.js";

const userOf = (p: Person) => ({ id: p.userId, firstName: p.firstName, username: p.username ?? null });

export type SetupResult =
  | { kind: "created"; cell: CellRecord; secretary: MemberRecord }
  | { kind: "renamed"; cell: CellRecord }
  | { kind: "notAdmin" }
  | { kind: "missingName" }
  | { kind: "nameTooLong" }
  | { kind: "groupTaken"; cell: CellRecord }
  | { kind: "memberElsewhere"; cell: CellRecord };

/**
 * `/chibo <name>` in a group: the group becomes the cell's secretary group and the caller its
 * secretary (and a member). Running it again as the secretary renames the cell. With no group
 * (`/chibo <name>` in a private chat on a text channel), a cell without a group is made, and
 * what its group would get goes to its officers privately.
 */
export async function setupCell(
  deps: Pick<AppDeps, "answerPath" | "cells" | "defaultTimezone" | "newJoinCode">,
  input: { group: Destination | null; chatTitle: string; caller: Person; callerIsAdmin: boolean; name: string },
): Promise<SetupResult> {
  if (!input.callerIsAdmin) return { kind: "notAdmin" };
  const name = normalizeName(input.name, TITLE_MAX_LENGTH);
  if (!name.ok) return name.reason === "tooLong" ? { kind: "nameTooLong" } : { kind: "missingName" };

  const membership = await deps.answerPath.findActiveMembership(input.caller.userId);
  // No group (a text channel's private chat): the cell is the caller's own; /chibo again renames it.
  const existing = input.group
    ? await deps.cells.findCellByGroup(input.group)
    : membership?.role === "SECRETARY" && membership.cell.group === null
      ? membership.cell
      : null;
  if (existing) {
    if (membership?.cellId === existing.id && membership.role === "SECRETARY") {
      return { kind: "renamed", cell: await deps.cells.renameCell(existing.id, name.value, input.chatTitle) };
    }
    return { kind: "groupTaken", cell: existing };
  }
  if (membership) return { kind: "memberElsewhere", cell: membership.cell };

  const { cell, secretary } = await deps.cells.createCell({
    name: name.value,
    group: input.group,
    groupTitle: input.chatTitle,
    joinCode: deps.newJoinCode(),
    timezone: deps.defaultTimezone,
    secretary: { userId: input.caller.userId, firstName: input.caller.firstName, username: input.caller.username ?? null, fullName: displayName(input.caller) },
  });
  return { kind: "created", cell, secretary };
}

export type JoinResult =
  | { kind: "joined"; member: MemberWithCell; alreadyMember: boolean }
  | { kind: "unknownLink" }
  | { kind: "memberElsewhere"; cell: CellRecord }
  /** Removed from this cell earlier: not added; the secretary (null if none) is to be asked. */
  | { kind: "removed"; cell: CellRecord; member: MemberRecord & { leftAt: Date }; secretary: MemberRecord | null };

/** `/start j_<code>` in private chat. Joining twice is harmless. One cell per person. */
export async function joinCell(deps: Pick<AppDeps, "answerPath" | "cells" | "members">, input: { joinCode: string; person: Person }): Promise<JoinResult> {
  const cell = await deps.cells.findCellByJoinCode(input.joinCode);
  if (!cell) return { kind: "unknownLink" };
  const current = await deps.answerPath.findActiveMembership(input.person.userId);
  if (current && current.cellId !== cell.id) return { kind: "memberElsewhere", cell: current.cell };
  if (current) return { kind: "joined", member: current, alreadyMember: true };
  // A membership ends only when the secretary removes the member (there is no "leave"
  // command), so an ended one here means "removed": they come back only with the secretary's
  // approval (approveRejoin). The join code is not rotated, which would break every posted
  // join button.
  const previous = await deps.members.findMembershipInCell(cell.id, input.person.userId);
  if (previous?.leftAt) {
    return { kind: "removed", cell, member: { ...previous, leftAt: previous.leftAt }, secretary: await deps.members.secretaryOf(cell.id) };
  }
  const member = await deps.members.addMember(cell.id, userOf(input.person), displayName(input.person));
  return { kind: "joined", member: { ...member, cell }, alreadyMember: false };
}

/** Awaited input "the next text is my full name", stored on the user (survives restarts). */
export const AWAITING_NAME = serializeAwaited("name");

export type NameResult = { kind: "saved"; fullName: string } | { kind: "tooShort" } | { kind: "tooLong" } | { kind: "noLetter" };

/**
 * Confirms the prefilled name (`typed` null), or saves a typed one: on joining, and later with
 * /hoten. A prefilled name that is not a valid full name (a Telegram name "123456") cannot be
 * confirmed: the member is asked to type one instead.
 */
export async function saveFullName(deps: Pick<AppDeps, "members" | "users">, member: MemberRecord, typed: string | null): Promise<NameResult> {
  const name = normalizeFullName(typed ?? member.fullName);
  if (!name.ok) {
    if (typed === null) await deps.users.setAwaiting(member.userId, AWAITING_NAME);
    return { kind: name.reason };
  }
  await deps.members.setMemberName(member.id, name.value);
  await deps.users.setAwaiting(member.userId, null);
  return { kind: "saved", fullName: name.value };
}

/** The cell set up in this group, for its join button (null when the group has none). */
export function cellOfGroup(deps: Pick<AppDeps, "cells">, group: Destination): Promise<CellRecord | null> {
  return deps.cells.findCellByGroup(group);
}

/** "Sửa tên" after joining: the next private text is the member's full name. */
export function askForName(deps: Pick<AppDeps, "users">, member: MemberRecord): Promise<void> {
  return deps.users.setAwaiting(member.userId, AWAITING_NAME);
}

/** Drops whatever free-text input the bot was waiting for from this user. */
export function cancelAwaiting(deps: Pick<AppDeps, "users">, userId: bigint): Promise<void> {
  return deps.users.setAwaiting(userId, null);
}

/** The cell's round a member who just joined can take part in, if one is open. */
export async function openRoundFor(deps: Pick<AppDeps, "rounds" | "clock">, member: MemberRecord): Promise<RoundRecord | null> {
  const round = await deps.rounds.findOpenRound(member.cellId);
  return round && isRoundOpen(round, deps.clock()) ? round : null;
}

/** Someone's chosen language (null when they never chose), to write to them in it. */
export async function localeOf(deps: Pick<AppDeps, "users">, userId: bigint): Promise<string | null> {
  return (await deps.users.findUser(userId))?.locale ?? null;
}

/** The channel refused a private message to `address` (Telegram's 403): its person is unreachable until they write again. */
export function markUnreachable(deps: Pick<AppDeps, "outbox" | "clock">, channel: string, address: string): Promise<void> {
  return deps.outbox.markUnreachable(channel, address, deps.clock());
}

/** `/ngonngu`: the user's language from now on. */
export function setLanguage(deps: Pick<AppDeps, "users">, userId: bigint, locale: string): Promise<void> {
  return deps.users.setUserLocale(userId, locale);
}
