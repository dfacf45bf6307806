/**
 * Committee-tree builders for the tests that need the committee level, through the use cases
 * (as the bot does): a committee with its bí thư, a cell with its members, a unit linked under a
 * committee by a code, and the tree most committee tests share. At the ports only (for the
 * storage contracts): a committee or a cell record with its secretary.
 */
import { expect } from "vitest";
import { attachUnit, committeeActor, createLinkCode, setupCommittee, type AttachResult, type CommitteeActor } from "../../src/app/committee.js";
import type { AppDeps } from "../../src/app/deps.js";
import { joinCell, setupCell } from "../../src/app/onboarding.js";
import type { CellRecord, CommitteeRecord, Stores } from "../../src/app/ports.js";
import { person, tgGroup } from "./app.js";

/** A committee to set up in a Telegram group by its bí thư (who is the group's admin). */
export interface CommitteeSpec {
  group: bigint;
  chatTitle: string;
  /** The bí thư's Telegram id and first name. */
  secretary: [id: number, firstName: string];
  name: string;
}

/** Sets up the committee `spec` describes (/dangbo by its bí thư); the committee. */
export async function committeeAt(deps: AppDeps, spec: CommitteeSpec): Promise<CommitteeRecord> {
  const [id, firstName] = spec.secretary;
  await setupCommittee(deps, {
    group: tgGroup(spec.group),
    chatTitle: spec.chatTitle,
    caller: await person(deps, id, firstName),
    callerIsAdmin: true,
    name: spec.name,
  });
  return (await deps.committees.findCommitteeByGroup(tgGroup(spec.group)))!;
}

/** User `userId` as an officer of the committee in group `group`. */
export async function actorAt(deps: Pick<AppDeps, "committees">, group: bigint, userId: number): Promise<CommitteeActor> {
  const committee = (await deps.committees.findCommitteeByGroup(tgGroup(group)))!;
  return (await committeeActor(deps, committee, BigInt(userId)))!;
}

/** A cell in `group` set up by its secretary (user `secretary`, "Bí thư <id>"), joined by `others` ("Đảng viên <id>"). */
export async function cellWith(deps: AppDeps, group: bigint, name: string, secretary: number, others: number[]): Promise<CellRecord> {
  await setupCell(deps, { group: tgGroup(group), chatTitle: name, caller: await person(deps, secretary, `Bí thư ${secretary}`), callerIsAdmin: true, name });
  const cell = (await deps.cells.findCellByGroup(tgGroup(group)))!;
  for (const id of others) await joinCell(deps, { joinCode: cell.joinCode, person: await person(deps, id, `Đảng viên ${id}`) });
  return cell;
}

/** The unit in `unitGroup` joins the committee in `committeeGroup`: its officer makes a link code, the unit's secretary enters it. */
export async function linkUnit(deps: AppDeps, committeeGroup: bigint, officer: number, unitGroup: bigint, unitSecretary: number): Promise<AttachResult> {
  const code = await createLinkCode(deps, await actorAt(deps, committeeGroup, officer));
  if (code.kind !== "code") throw new Error(code.kind);
  return attachUnit(deps, { group: tgGroup(unitGroup), userId: BigInt(unitSecretary), code: code.code });
}

export interface CommitteeTreeOptions {
  /** The members of chi bộ A (-101), B (-102; no chi bộ B without them) and C (-201), besides their secretaries 11, 12 and 13. */
  members: { a: number[]; b?: number[]; c: number[] };
  /** The đảng ủy khối's group title (default "ĐUK"). */
  lowerChatTitle?: string;
}

export interface CommitteeTree {
  upper: CommitteeRecord;
  lower: CommitteeRecord;
  other: CommitteeRecord;
  cellA: CellRecord;
  cellB: CellRecord | null;
  cellC: CellRecord;
}

/**
 * The tree most committee tests share: Đảng ủy phường Mỹ Bình (-100, bí thư 1 "Lê Bí Thư") →
 * chi bộ A (-101, bí thư 11), chi bộ B (-102, bí thư 12) and Đảng ủy khối Cơ quan (-200, bí thư 2
 * "Trần Bí Thư") → chi bộ C (-201, bí thư 13); Đảng ủy xã Khác (-900, bí thư 9 "Người Khác") stands
 * outside. Every link is attached (asserted).
 */
export async function committeeTree(deps: AppDeps, options: CommitteeTreeOptions): Promise<CommitteeTree> {
  const upper = await committeeAt(deps, { group: -100n, chatTitle: "ĐU", secretary: [1, "Lê Bí Thư"], name: "Đảng ủy phường Mỹ Bình" });
  const lower = await committeeAt(deps, {
    group: -200n,
    chatTitle: options.lowerChatTitle ?? "ĐUK",
    secretary: [2, "Trần Bí Thư"],
    name: "Đảng ủy khối Cơ quan",
  });
  const other = await committeeAt(deps, { group: -900n, chatTitle: "Khác", secretary: [9, "Người Khác"], name: "Đảng ủy xã Khác" });
  const cellA = await cellWith(deps, -101n, "Chi bộ A", 11, options.members.a);
  const cellB = options.members.b ? await cellWith(deps, -102n, "Chi bộ B", 12, options.members.b) : null;
  const cellC = await cellWith(deps, -201n, "Chi bộ C", 13, options.members.c);
  expect(await linkUnit(deps, -100n, 1, -101n, 11)).toMatchObject({ kind: "attached" });
  if (cellB) expect(await linkUnit(deps, -100n, 1, -102n, 12)).toMatchObject({ kind: "attached" });
  expect(await linkUnit(deps, -200n, 2, -201n, 13)).toMatchObject({ kind: "attached" });
  expect(await linkUnit(deps, -100n, 1, -200n, 2)).toMatchObject({ kind: "attached" });
  return { upper, lower, other, cellA, cellB, cellC };
}

/** A unit record made at the ports: its name, Telegram group, join code and secretary (user `user`, "Bí thư <fullName>"). */
export interface UnitRecordSpec {
  name: string;
  chat: bigint | number;
  joinCode: string;
  user: bigint | number;
  /** The secretary's roster name after "Bí thư " (default: the unit's name). */
  fullName?: string;
}

const unitInput = (spec: UnitRecordSpec) => ({
  name: spec.name,
  group: { channel: "telegram", address: String(spec.chat) },
  groupTitle: spec.name,
  joinCode: spec.joinCode,
  timezone: "Asia/Ho_Chi_Minh",
  secretary: { userId: BigInt(spec.user), firstName: "Bí thư", username: null, fullName: `Bí thư ${spec.fullName ?? spec.name}` },
});

/** A committee created through the committees port (no use case). */
export async function committeeRecord(stores: Pick<Stores, "committees">, spec: UnitRecordSpec): Promise<CommitteeRecord> {
  return (await stores.committees.createCommittee(unitInput(spec))).committee;
}

/** A cell created through the cells port (no use case). */
export async function cellRecord(stores: Pick<Stores, "cells">, spec: UnitRecordSpec): Promise<CellRecord> {
  return (await stores.cells.createCell(unitInput(spec))).cell;
}
