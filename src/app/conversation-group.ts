/**
 * Commands typed in a unit's group on a text channel (Zalo: a message that mentions the bot,
 * the mention already dropped; issue 20), with no channel in it. A group is where a unit's
 * share goes (announcements, participation, the end-of-round summary: aggregates only, DESIGN
 * §2/§6), so nothing here ever answers with what a member answered, and nothing private about
 * the caller is said in the group.
 *
 * - `/chibo` (`/chibo <mã>`): the secretary or deputy of a cell links this group to it (the
 *   code picks the cell when they are an officer of several); the cell's group share goes here
 *   from then on. A cell whose group is on another channel (Telegram) keeps it; a cell already
 *   linked to another group of this channel moves here (the old group gets nothing more).
 *   `/chibo huy` in the linked group unlinks it (the share goes to the officers privately).
 *   A group already linked to another unit, or a caller who is no such officer: refused.
 * - `/dangbo` (`/dangbo <mã>`): the same for a committee's bí thư or phó bí thư, for a committee
 *   with no group (a committee set up in a Telegram group keeps that group).
 * - `/thamgia`: the line each member sends the bot privately (`/thamgia <mã>`): the bot cannot
 *   write first.
 * - `/baocao`: an officer of the linked cell posts the round's group share here (what the group
 *   sees on Telegram); the officers' private figures stay in their private chat.
 * - `/huongdan`: these commands.
 * - Any other command: it works in a private chat with the bot.
 */
import { normalizeName, TITLE_MAX_LENGTH } from "../domain/names.js";
import { canManageRounds } from "../domain/roles.js";
import { officerCommittees } from "./committee.js";
import type { AppDeps } from "./deps.js";
import type { Destination } from "./messages.js";
import type { CellRecord, CommitteeRecord, MemberWithCell } from "./ports.js";
import { roundReport } from "./report.js";
import { renderReport } from "./screens/report.js";
import { membershipOf } from "./session.js";
import type { Speaker } from "./conversation-shown.js";

type Deps = AppDeps;

/** Who typed the command: the conversation's Speaker, the parts needed here. */
export type GroupSpeaker = Pick<Speaker, "userId" | "t" | "locale">;

/** What to post: messages of plain bot markup, in order (a conversation.ts Shown). */
export interface GroupShown {
  screens: { text: string }[];
}

type Shown = GroupShown;

const say = (text: string): Shown => ({ screens: [{ text }] });

/** What `/chibo <word>` in a linked group says to unlink it. */
const UNLINK_WORDS = ["huy", "hủy", "bo", "bỏ", "off", "unlink"];

const sameGroup = (a: Destination | null, b: Destination): boolean => a !== null && a.channel === b.channel && a.address === b.address;

/** The unit this group is linked to, if any (a cell's, else a committee's). */
async function unitOfGroup(
  deps: Deps,
  group: Destination,
): Promise<{ kind: "cell"; cell: CellRecord } | { kind: "committee"; committee: CommitteeRecord } | null> {
  const cell = await deps.cells.findCellByGroup(group);
  if (cell) return { kind: "cell", cell };
  const committee = await deps.committees.findCommitteeByGroup(group);
  return committee ? { kind: "committee", committee } : null;
}

const nameOf = (unit: NonNullable<Awaited<ReturnType<typeof unitOfGroup>>>): string => (unit.kind === "cell" ? unit.cell.name : unit.committee.name);

/** The cells the caller may link a group to: where they are secretary or deputy (a person is in one cell; the list keeps the rule general). */
async function officerCells(deps: Deps, who: GroupSpeaker): Promise<MemberWithCell[]> {
  const member = await membershipOf(deps, who.userId);
  return member && canManageRounds(member.role) ? [member] : [];
}

const sameCode = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** `/chibo [mã | huy]` in a group. */
async function linkCell(deps: Deps, who: GroupSpeaker, group: Destination, args: string): Promise<Shown> {
  const { t } = who;
  const linked = await unitOfGroup(deps, group);
  const cells = await officerCells(deps, who);
  const word = args.trim().normalize("NFC").toLowerCase();

  if (linked?.kind === "cell" && cells.some((m) => m.cellId === linked.cell.id)) {
    const { cell } = linked;
    if (UNLINK_WORDS.includes(word)) {
      await deps.cells.setCellGroup(cell.id, null);
      return say(t("zalo-groups:cell.unlinked", { cell: cell.name }));
    }
    return say(`${t("zalo-groups:cell.already", { cell: cell.name })}\n\n${t("onboarding:setup.joinLine", { code: cell.joinCode })}`);
  }
  if (linked?.kind === "cell" && (await membershipOf(deps, who.userId))?.cellId === linked.cell.id)
    return say(t("zalo-groups:cell.officersOnly", { cell: linked.cell.name }));
  if (linked) return say(t("zalo-groups:taken", { name: nameOf(linked) }));
  if (cells.length === 0) return say(t("zalo-groups:cell.forbidden"));
  if (UNLINK_WORDS.includes(word)) return say(t("zalo-groups:notLinked"));

  const candidates = word === "" ? cells : cells.filter((m) => sameCode(m.cell.joinCode, word));
  if (candidates.length === 0) return say(t("zalo-groups:cell.codeMismatch", { code: args.trim().slice(0, 40) }));
  if (candidates.length > 1) return say(t("zalo-groups:cell.which", { cells: candidates.map((m) => `/chibo ${m.cell.joinCode} (${m.cell.name})`).join("\n") }));
  const { cell } = candidates[0]!;
  if (cell.group && cell.group.channel !== group.channel) return say(t("zalo-groups:cell.otherChannel", { cell: cell.name }));
  const moved = cell.group !== null && !sameGroup(cell.group, group);
  const updated = await deps.cells.setCellGroup(cell.id, group);
  // Another cell took this group in the meantime (the pair is unique).
  if (!updated) return say(t("zalo-groups:taken", { name: (await deps.cells.findCellByGroup(group))?.name ?? "" }));
  const lines = [t("zalo-groups:cell.linked", { cell: cell.name })];
  if (moved) lines.push(t("zalo-groups:cell.moved"));
  lines.push("", t("onboarding:setup.joinLine", { code: cell.joinCode }));
  return say(lines.join("\n"));
}

/** `/dangbo [mã | huy]` in a group: a committee's bí thư or phó bí thư links it to a committee that has no group. */
async function linkCommittee(deps: Deps, who: GroupSpeaker, group: Destination, args: string): Promise<Shown> {
  const { t } = who;
  const linked = await unitOfGroup(deps, group);
  const officers = (await officerCommittees(deps, who.userId)).filter((e) => e.role === "SECRETARY" || e.role === "DEPUTY");
  const word = args.trim().normalize("NFC").toLowerCase();

  if (linked?.kind === "committee" && officers.some((e) => e.committee.id === linked.committee.id)) {
    const { committee } = linked;
    if (UNLINK_WORDS.includes(word)) {
      await deps.committees.setCommitteeGroup(committee.id, null);
      return say(t("zalo-groups:committee.unlinked", { committee: committee.name }));
    }
    return say(t("zalo-groups:committee.already", { committee: committee.name }));
  }
  if (linked) return say(t("zalo-groups:taken", { name: nameOf(linked) }));
  if (officers.length === 0) return say(t("zalo-groups:committee.forbidden"));
  if (UNLINK_WORDS.includes(word)) return say(t("zalo-groups:notLinked"));

  const candidates = word === "" ? officers : officers.filter((e) => sameCode(e.committee.joinCode, word));
  if (candidates.length === 0) return say(t("zalo-groups:committee.codeMismatch", { code: args.trim().slice(0, 40) }));
  if (candidates.length > 1)
    return say(t("zalo-groups:committee.which", { committees: candidates.map((e) => `/dangbo ${e.committee.joinCode} (${e.committee.name})`).join("\n") }));
  const { committee } = candidates[0]!;
  if (committee.group && committee.group.channel !== group.channel) return say(t("zalo-groups:committee.otherChannel", { committee: committee.name }));
  const updated = await deps.committees.setCommitteeGroup(committee.id, group);
  if (!updated) return say(t("zalo-groups:taken", { name: (await deps.committees.findCommitteeByGroup(group))?.name ?? "" }));
  return say(t("zalo-groups:committee.linked", { committee: committee.name }));
}

/** `/thamgia` in a group: the line each member sends the bot in a private chat. */
async function joinLine(deps: Deps, who: GroupSpeaker, group: Destination): Promise<Shown> {
  const { t } = who;
  const linked = await unitOfGroup(deps, group);
  if (!linked) return say(t("zalo-groups:notLinked"));
  if (linked.kind === "committee") return say(t("zalo-groups:committee.noJoin", { committee: linked.committee.name }));
  return say(t("zalo-groups:join", { cell: linked.cell.name, code: linked.cell.joinCode }));
}

/** `/baocao` in a linked cell's group, by one of its officers: the round's group share, here. */
async function groupReport(deps: Deps, who: GroupSpeaker, group: Destination): Promise<Shown> {
  const { t } = who;
  const linked = await unitOfGroup(deps, group);
  if (!linked) return say(t("zalo-groups:notLinked"));
  if (linked.kind === "committee") return say(t("zalo-groups:privateOnly", { command: "baocao" }));
  const member = await membershipOf(deps, who.userId);
  if (!member || member.cellId !== linked.cell.id) return say(t("zalo-groups:reportForbidden", { cell: linked.cell.name }));
  // The use case checks that the caller may see the cell's report (an officer of this cell).
  const result = await roundReport(deps, member);
  if (result.kind === "forbidden") return say(t("zalo-groups:reportForbidden", { cell: linked.cell.name }));
  if (result.kind !== "report") return say(t(`report:${result.kind}`));
  // Only what the group sees; while the items are not public the officers read them privately.
  const share = renderReport(result.report, t, who.locale, "group");
  return say(result.report.itemsPublic ? share : `${share}\n\n${t("zalo-groups:reportPrivateHint")}`);
}

/**
 * `/chibo …` in a private chat on a text channel, by an officer of a cell whose group is on that
 * channel (a linked Zalo group): `/chibo huy` by the secretary or a deputy unlinks it (a group
 * that removed the bot cannot be reached to type it there; the group's share goes to the officers
 * privately again), `/chibo <tên>` by the secretary renames the cell as it did before the group
 * was linked. Null: not that (the private /chibo of a cell with no group goes on).
 */
export async function privateChibo(deps: Deps, who: GroupSpeaker, args: string, channel: string | undefined): Promise<Shown | null> {
  if (!channel) return null;
  const member = await membershipOf(deps, who.userId);
  if (!member || !canManageRounds(member.role) || member.cell.group?.channel !== channel) return null;
  const { t } = who;
  if (UNLINK_WORDS.includes(args.trim().normalize("NFC").toLowerCase())) {
    await deps.cells.setCellGroup(member.cellId, null);
    return say(t("zalo-groups:cell.unlinked", { cell: member.cell.name }));
  }
  if (member.role !== "SECRETARY") return null;
  const name = normalizeName(args, TITLE_MAX_LENGTH);
  if (!name.ok) return say(t(name.reason === "tooLong" ? "onboarding:setup.nameTooLong" : "onboarding:setup.missingName"));
  const cell = await deps.cells.renameCell(member.cellId, name.value, member.cell.groupTitle);
  return say(`${t("onboarding:setup.renamed", { name: cell.name })}\n\n${t("onboarding:setup.joinLine", { code: cell.joinCode })}`);
}

/**
 * A command typed in a group (`group`: where it was typed). Every command gets an answer for the
 * group; a channel calls this only for messages addressed to the bot, and ignores the rest.
 */
export async function groupCommand(deps: Deps, who: GroupSpeaker, group: Destination, name: string, args: string): Promise<Shown> {
  switch (name) {
    case "chibo":
    case "setup":
      return linkCell(deps, who, group, args);
    case "dangbo":
    case "committee":
      return linkCommittee(deps, who, group, args);
    case "thamgia":
    case "join":
    case "start":
      return joinLine(deps, who, group);
    case "baocao":
    case "report":
      return groupReport(deps, who, group);
    case "huongdan":
    case "help":
      return say(who.t("zalo-help:group"));
    default:
      return say(who.t("zalo-groups:privateOnly", { command: name.slice(0, 32) }));
  }
}
