/**
 * The committee level's set-up: `/dangbo` (a group becomes a committee's), its roster
 * (`/thamgia` → `/start c_<code>`, roles by `/vaitro`), link codes (`/lienket`) and
 * attaching a unit under a committee (`/captren <mã>`). Who may do what: domain/committee.ts.
 */
import { createHash } from "node:crypto";
import {
  canChangeCommitteeSettings,
  canManageCommitteeRoles,
  isCommitteeOfficer,
  LINK_CODE_TTL_MS,
  parentMap,
  planAttach,
  type CommitteeRole,
  type Unit,
} from "../domain/committee.js";
import { displayName, normalizeFullName, normalizeName, TITLE_MAX_LENGTH, type Person } from "../domain/names.js";
import type { AppDeps } from "./deps.js";
import type { Destination } from "./messages.js";
import type { CellRecord, CommitteeRecord, CommitteeSettings, RosterEntry, RosterEntryWithCommittee } from "./ports.js";
import { committeeMarks, conclusionSwitch, levelSetting, settingWords, type UnitMarks } from "./papers.js";
import { serializeAwaited } from "./awaited-input.js";

/** An officer or roster member acting in a committee's name. */
export type CommitteeActor = RosterEntryWithCommittee;

/** The committee set up in this group (null when the group has none). */
export function committeeOfGroup(deps: Pick<AppDeps, "committees">, group: Destination): Promise<CommitteeRecord | null> {
  return deps.committees.findCommitteeByGroup(group);
}

/** The person's place on the committee's roster, with the committee; null when they are not on it. */
export async function committeeActor(deps: Pick<AppDeps, "committees">, committee: CommitteeRecord, userId: bigint): Promise<CommitteeActor | null> {
  const entry = await deps.committees.rosterEntry(committee.id, userId);
  return entry && { ...entry, committee };
}

/** Committees where the person is an officer (for `/tonghop` in private chat). */
export async function officerCommittees(deps: Pick<AppDeps, "committees">, userId: bigint): Promise<CommitteeActor[]> {
  return (await deps.committees.rostersOf(userId)).filter((e) => isCommitteeOfficer(e.role));
}

export type CommitteeSetupResult =
  | { kind: "created"; committee: CommitteeRecord; secretary: RosterEntry }
  | { kind: "renamed"; committee: CommitteeRecord }
  | { kind: "notAdmin" }
  | { kind: "missingName" }
  | { kind: "nameTooLong" }
  | { kind: "groupIsCell"; cell: CellRecord }
  | { kind: "groupTaken"; committee: CommitteeRecord };

/**
 * `/dangbo <tên>` in a group, by a group admin: the group becomes the committee's group and
 * the sender its bí thư (on the roster, not a cell member). A group that is a cell's cannot
 * also be a committee's. The bí thư running it again renames the committee. With no group
 * (`/dangbo <tên>` in a private chat on a text channel), a committee without a group is made,
 * the caller its bí thư; again, it renames the caller's own committee without a group.
 */
export async function setupCommittee(
  deps: Pick<AppDeps, "cells" | "committees" | "defaultTimezone" | "newJoinCode">,
  /** `channel`, with no group (a text channel's private chat): the caller's committee whose group is on that channel counts as theirs too (renamed, not made twice). */
  input: { group: Destination | null; chatTitle: string; caller: Person; callerIsAdmin: boolean; name: string; channel?: string },
): Promise<CommitteeSetupResult> {
  if (!input.callerIsAdmin) return { kind: "notAdmin" };
  const name = normalizeName(input.name, TITLE_MAX_LENGTH);
  if (!name.ok) return name.reason === "tooLong" ? { kind: "nameTooLong" } : { kind: "missingName" };
  const cell = input.group && (await deps.cells.findCellByGroup(input.group));
  if (cell) return { kind: "groupIsCell", cell };
  const existing = input.group
    ? await deps.committees.findCommitteeByGroup(input.group)
    : ((await deps.committees.rostersOf(input.caller.userId)).find((e) => e.role === "SECRETARY" && reachedPrivately(e.committee.group, input.channel))
        ?.committee ?? null);
  if (existing) {
    const entry = await deps.committees.rosterEntry(existing.id, input.caller.userId);
    // From a private chat, a committee's group (a text channel's) keeps its title.
    const title = input.group ? input.chatTitle : existing.groupTitle;
    if (entry?.role === "SECRETARY") return { kind: "renamed", committee: await deps.committees.renameCommittee(existing.id, name.value, title) };
    return { kind: "groupTaken", committee: existing };
  }
  const { committee, secretary } = await deps.committees.createCommittee({
    name: name.value,
    group: input.group,
    groupTitle: input.chatTitle,
    joinCode: deps.newJoinCode(),
    timezone: deps.defaultTimezone,
    secretary: { userId: input.caller.userId, firstName: input.caller.firstName, username: input.caller.username ?? null, fullName: displayName(input.caller) },
  });
  return { kind: "created", committee, secretary };
}

export type RosterJoinResult = { kind: "joined"; committee: CommitteeRecord; entry: RosterEntry; already: boolean } | { kind: "unknownLink" };

/** `/start c_<code>`: the person is on the committee's roster (as a plain member until the bí thư gives a role). */
export async function joinCommitteeRoster(deps: Pick<AppDeps, "committees">, joinCode: string, person: Person): Promise<RosterJoinResult> {
  const committee = await deps.committees.findCommitteeByJoinCode(joinCode);
  if (!committee) return { kind: "unknownLink" };
  const current = await deps.committees.rosterEntry(committee.id, person.userId);
  if (current) return { kind: "joined", committee, entry: current, already: true };
  const entry = await deps.committees.addToRoster(
    committee.id,
    { id: person.userId, firstName: person.firstName, username: person.username ?? null },
    displayName(person),
  );
  return { kind: "joined", committee, entry, already: false };
}

/** What the bot waits for after "Nhập họ tên khác" on joining a roster: the entry's full name. */
const awaitingRosterName = (entryId: number): string => serializeAwaited("rosterName", { e: entryId });

/** The roster entry whose name the person's next private text is (null: not waiting for one). */
export function parseAwaitingRosterName(awaiting: string | null): number | null {
  if (!awaiting) return null;
  try {
    const parsed = JSON.parse(awaiting) as { v?: unknown; k?: unknown; e?: unknown };
    return parsed.v === 1 && parsed.k === "rosterName" && Number.isSafeInteger(parsed.e) ? (parsed.e as number) : null;
  } catch {
    return null;
  }
}

export type RosterNameResult =
  | { kind: "saved"; fullName: string; committee: CommitteeRecord }
  | { kind: "asked"; entry: RosterEntry }
  | { kind: "tooShort" }
  | { kind: "tooLong" }
  | { kind: "noLetter" }
  | { kind: "notOnRoster" };

/**
 * The name on a committee's roster, as on joining a cell: the Telegram name is only a proposal.
 * `typed` null confirms the proposed name ("Đúng"; one that is no full name makes the bot wait
 * for a typed one), "ask" waits for a typed one ("Nhập họ tên khác"), a string is the typed
 * name. Only the person's own, current entry.
 */
export async function rosterName(
  deps: Pick<AppDeps, "committees" | "users">,
  userId: bigint,
  entryId: number,
  typed: string | null | "ask",
): Promise<RosterNameResult> {
  const entry = await deps.committees.rosterEntryById(entryId);
  const committee = entry && !entry.leftAt && entry.userId === userId ? await deps.committees.findCommittee(entry.committeeId) : null;
  if (!entry || !committee) {
    if (typed !== null && typed !== "ask") await deps.users.setAwaiting(userId, null);
    return { kind: "notOnRoster" };
  }
  if (typed === "ask") {
    await deps.users.setAwaiting(userId, awaitingRosterName(entry.id));
    return { kind: "asked", entry };
  }
  const name = normalizeFullName(typed ?? entry.fullName);
  if (!name.ok) {
    if (typed === null) await deps.users.setAwaiting(userId, awaitingRosterName(entry.id));
    return { kind: name.reason };
  }
  await deps.committees.setRosterName(entry.id, name.value);
  await deps.users.setAwaiting(userId, null);
  return { kind: "saved", fullName: name.value, committee };
}

export type RosterResult = { kind: "roster"; entries: RosterEntry[] } | { kind: "forbidden" };

/** `/vaitro` in the committee's group: the roster, for the bí thư. */
export async function committeeRoster(deps: Pick<AppDeps, "committees">, actor: CommitteeActor | null): Promise<RosterResult> {
  if (!actor || !canManageCommitteeRoles(actor.role)) return { kind: "forbidden" };
  return { kind: "roster", entries: await deps.committees.listRoster(actor.committeeId) };
}

export type RosterRoleChange = Exclude<CommitteeRole, "SECRETARY"> | "REMOVE";

export type RosterRoleResult =
  { kind: "changed"; entry: RosterEntry; role: RosterRoleChange } | { kind: "forbidden" } | { kind: "notOnRoster" } | { kind: "self" };

/** The bí thư makes someone on the roster phó bí thư or cán bộ văn phòng, takes it back, or removes them. */
export async function setRosterRole(
  deps: Pick<AppDeps, "clock" | "committees">,
  actor: CommitteeActor | null,
  entryId: number,
  role: RosterRoleChange,
): Promise<RosterRoleResult> {
  if (!actor || !canManageCommitteeRoles(actor.role)) return { kind: "forbidden" };
  if (entryId === actor.id) return { kind: "self" };
  const target = await deps.committees.rosterEntryById(entryId);
  if (!target || target.committeeId !== actor.committeeId || target.leftAt) return { kind: "notOnRoster" };
  if (role === "REMOVE") await deps.committees.removeFromRoster(target.id, deps.clock());
  else await deps.committees.setRosterRole(target.id, role);
  return { kind: "changed", entry: target, role };
}

/** The roster entry the bí thư opened in /vaitro (for its menu). */
export async function rosterEntryFor(
  deps: Pick<AppDeps, "committees">,
  actor: CommitteeActor | null,
  entryId: number,
): Promise<RosterEntry | "forbidden" | null> {
  if (!actor || !canManageCommitteeRoles(actor.role)) return "forbidden";
  const target = await deps.committees.rosterEntryById(entryId);
  return target && target.committeeId === actor.committeeId && !target.leftAt ? target : null;
}

/** Link codes are typed by hand: 8 letters and digits without look-alikes (0/O, 1/I/L). */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** 8 characters of the alphabet drawn from the app's random join-code source (≈ 40 bits). */
function linkCode(random: string): string {
  return [...random]
    .slice(0, 8)
    .map((ch) => CODE_ALPHABET[ch.charCodeAt(0) % CODE_ALPHABET.length])
    .join("");
}

export type LinkCodeResult = { kind: "code"; code: string; expiresAt: Date } | { kind: "forbidden" };

/** `/lienket`: a code a unit's secretary sends as `/captren <mã>`, valid LINK_CODE_TTL_MS (48 hours), for any number of units. */
export async function createLinkCode(deps: Pick<AppDeps, "clock" | "committees" | "newJoinCode">, actor: CommitteeActor | null): Promise<LinkCodeResult> {
  if (!actor || !isCommitteeOfficer(actor.role)) return { kind: "forbidden" };
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MS);
  const link = await deps.committees.createLink({
    code: linkCode(deps.newJoinCode() + deps.newJoinCode()),
    committeeId: actor.committeeId,
    createdByUserId: actor.userId,
    createdAt: now,
    expiresAt,
  });
  return { kind: "code", code: link.code, expiresAt };
}

/** The unit a group belongs to, as the tree sees it. */
type GroupUnit = { unit: Unit; name: string; group: Destination | null };

export type AttachResult =
  | { kind: "attached"; unitName: string; unitKind: Unit["kind"]; to: CommitteeRecord }
  | { kind: "moved"; unitName: string; unitKind: Unit["kind"]; from: CommitteeRecord | null; to: CommitteeRecord }
  /** Already under another committee: the secretary confirms the move first (button with the link's id and the move's token). */
  | { kind: "confirmMove"; unitName: string; from: CommitteeRecord | null; to: CommitteeRecord; linkId: number; token: string }
  | { kind: "already"; to: CommitteeRecord }
  | { kind: "loop"; to: CommitteeRecord }
  | { kind: "badCode" }
  | { kind: "missingCode" }
  | { kind: "noUnit" }
  | { kind: "forbidden" };

/**
 * `/captren <mã>` in a cell's group (by its bí thư) or a lower committee's group (by its bí
 * thư): the unit is attached under the committee that posted the code. A unit has one parent:
 * when it already has one, the move is confirmed first (`confirm`, from the button): the button
 * carries the link's id and a token only the code typed, for this unit, by this secretary gives
 * (moveToken), so a forged or replayed confirmation (link ids are small sequential numbers)
 * moves nothing. A committee never goes under itself or its own subtree. An unknown or expired
 * code changes nothing.
 */
export async function attachUnit(
  deps: Pick<AppDeps, "answerPath" | "cells" | "clock" | "committees">,
  /**
   * `group`: the unit's group; null: the caller's own unit without a group (a text channel's
   * private chat), or with its group on `channel` (that text channel's group, where commands
   * other than linking it are answered in private).
   */
  input: { group: Destination | null; userId: bigint; code?: string; confirm?: { linkId: number; token: string }; channel?: string },
): Promise<AttachResult> {
  const here = await unitOfGroup(deps, input.group, input.userId, input.channel);
  if (here === "noUnit" || here === "forbidden") return { kind: here };
  let link = null;
  if (input.confirm !== undefined) {
    link = await deps.committees.findLinkById(input.confirm.linkId);
    if (link && moveToken(link.code, here.unit, input.userId) !== input.confirm.token) link = null;
  } else {
    const code = (input.code ?? "").trim().toUpperCase();
    if (!code) return { kind: "missingCode" };
    link = /^[A-Z0-9]{4,16}$/.test(code) ? await deps.committees.findLink(code) : null;
  }
  const now = deps.clock();
  if (!link || link.expiresAt.getTime() < now.getTime()) return { kind: "badCode" };
  const to = await deps.committees.findCommittee(link.committeeId);
  if (!to) return { kind: "badCode" };
  const parents = parentMap((await deps.committees.committeeTree()).map((c) => ({ id: c.id, parentId: c.parentId })));
  const plan = planAttach(parents, here.unit, to.id);
  switch (plan.kind) {
    case "loop":
      return { kind: "loop", to };
    case "already":
      return { kind: "already", to };
    case "move": {
      const from = await deps.committees.findCommittee(plan.fromId);
      if (input.confirm === undefined)
        return { kind: "confirmMove", unitName: here.name, from, to, linkId: link.id, token: moveToken(link.code, here.unit, input.userId) };
      await setParent(deps, here.unit, to.id);
      return { kind: "moved", unitName: here.name, unitKind: here.unit.kind, from, to };
    }
    case "attach":
      await setParent(deps, here.unit, to.id);
      return { kind: "attached", unitName: here.name, unitKind: here.unit.kind, to };
  }
}

/**
 * The token a move confirmation carries: derived from the secret link code, the unit and the
 * secretary who typed it (16 base64url characters, 96 bits). Without the code it cannot be made;
 * made for one unit or person, it fits no other.
 */
function moveToken(code: string, unit: Unit, userId: bigint): string {
  return createHash("sha256").update(`move:${code}:${unit.kind}:${unit.id}:${userId}`).digest("base64url").slice(0, 16);
}

function setParent(deps: Pick<AppDeps, "committees">, unit: Unit, parentId: number): Promise<void> {
  return unit.kind === "cell" ? deps.committees.setCellParent(unit.id, parentId) : deps.committees.setCommitteeParent(unit.id, parentId);
}

/** The cell or committee of a group, when the person is its bí thư. */
async function unitOfGroup(
  deps: Pick<AppDeps, "answerPath" | "cells" | "committees">,
  group: Destination | null,
  userId: bigint,
  channel?: string,
): Promise<GroupUnit | "noUnit" | "forbidden"> {
  if (group === null) return ownUnitWithoutGroup(deps, userId, channel);
  const cell = await deps.cells.findCellByGroup(group);
  if (cell) {
    const member = await deps.answerPath.findActiveMembership(userId);
    if (member?.cellId !== cell.id || member.role !== "SECRETARY") return "forbidden";
    return { unit: { kind: "cell", id: cell.id, parentId: await deps.committees.cellParent(cell.id) }, name: cell.name, group: cell.group };
  }
  const committee = await deps.committees.findCommitteeByGroup(group);
  if (!committee) return "noUnit";
  const entry = await deps.committees.rosterEntry(committee.id, userId);
  if (entry?.role !== "SECRETARY") return "forbidden";
  return { unit: { kind: "committee", id: committee.id, parentId: committee.parentCommitteeId }, name: committee.name, group: committee.group };
}

/** Whether a unit with this group is run from a private chat on `channel`: it has no group, or its group is on that (text) channel. */
const reachedPrivately = (group: Destination | null, channel: string | undefined): boolean =>
  group === null || (channel !== undefined && group.channel === channel);

/** The unit run from a private chat (see reachedPrivately) whose bí thư the person is: their cell, else a committee of theirs. */
async function ownUnitWithoutGroup(deps: Pick<AppDeps, "answerPath" | "committees">, userId: bigint, channel?: string): Promise<GroupUnit | "noUnit"> {
  const member = await deps.answerPath.findActiveMembership(userId);
  if (member?.role === "SECRETARY" && reachedPrivately(member.cell.group, channel)) {
    const { cell } = member;
    return { unit: { kind: "cell", id: cell.id, parentId: await deps.committees.cellParent(cell.id) }, name: cell.name, group: cell.group };
  }
  const entry = (await deps.committees.rostersOf(userId)).find((e) => e.role === "SECRETARY" && reachedPrivately(e.committee.group, channel));
  if (!entry) return "noUnit";
  const { committee } = entry;
  return { unit: { kind: "committee", id: committee.id, parentId: committee.parentCommitteeId }, name: committee.name, group: committee.group };
}

export type CommitteeSettingsResult =
  | ({ kind: "shown"; settings: CommitteeSettings } & UnitMarks)
  | ({ kind: "changed"; settings: CommitteeSettings } & UnitMarks)
  | { kind: "badSuffix" }
  | { kind: "badSignOff" }
  | { kind: "badConclusion" }
  | { kind: "forbidden" }
  | { kind: "usage" }
  | { kind: "tooLong" }
  | { kind: "badNumber" };

/**
 * `/caidat` in a committee's group: shows the report settings (officers); `diadanh <địa danh>`,
 * `captren <cơ quan cấp trên>` (printed above the committee instead of the linked committee's
 * đảng bộ), `so <n>` ("Số <n>-BC/HU"), `sohieu <HU|TU|…>`, `kyten <tập thể>` and `kl21 bat|tat`
 * set them (bí thư, cán bộ văn phòng); "-" clears a value (the suffix and sign-off: back to the
 * guess from the committee's name).
 */
export async function committeeSettings(deps: Pick<AppDeps, "committees">, actor: CommitteeActor | null, args: string): Promise<CommitteeSettingsResult> {
  if (!actor || !isCommitteeOfficer(actor.role)) return { kind: "forbidden" };
  const settings = await deps.committees.committeeSettings(actor.committeeId);
  const [key, ...rest] = settingWords(args);
  const done = async (kind: "shown" | "changed", shown: CommitteeSettings): Promise<CommitteeSettingsResult> => ({
    kind,
    settings: shown,
    ...(await committeeMarks(deps, actor.committee, shown)),
  });
  if (!key) return done("shown", settings);
  if (!canChangeCommitteeSettings(actor.role)) return { kind: "forbidden" };
  const option = key.normalize("NFC").toLowerCase();
  const value = rest.join(" ");
  if (["so", "số", "number"].includes(option)) {
    if (value !== "-" && !/^\d{1,6}$/.test(value)) return { kind: "badNumber" };
    const change = { reportNumber: value === "-" ? "" : value };
    await deps.committees.setCommitteeSettings(actor.committeeId, change);
    return done("changed", { ...settings, ...change });
  }
  if (option === "kl21") {
    const on = conclusionSwitch(value);
    if (on === null) return { kind: "badConclusion" };
    await deps.committees.setCommitteeSettings(actor.committeeId, { conclusion21: on });
    return done("changed", { ...settings, conclusion21: on });
  }
  const level = levelSetting(option, value);
  if (level) {
    if ("kind" in level) return level;
    await deps.committees.setCommitteeSettings(actor.committeeId, level);
    return done("changed", { ...settings, ...level });
  }
  const field = ({ diadanh: "place", "địa danh": "place", place: "place", captren: "higherBody", higher: "higherBody" } as const)[option as "place"];
  if (!field || !value) return { kind: "usage" };
  let stored = "";
  if (value !== "-") {
    const checked = normalizeName(value, TITLE_MAX_LENGTH);
    if (!checked.ok) return checked.reason === "tooLong" ? { kind: "tooLong" } : { kind: "usage" };
    stored = checked.value;
  }
  await deps.committees.setCommitteeSettings(actor.committeeId, { [field]: stored });
  return done("changed", { ...settings, [field]: stored });
}
