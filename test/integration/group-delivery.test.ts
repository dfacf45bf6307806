/**
 * A unit without a group (DESIGN.md §9): what its group would get goes to its officers
 * privately, each through their own channel identity, and only the group's share (the
 * announcement, the final summary), never a member's answers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupMessages } from "../../src/app/group-delivery.js";
import { joinCell, setupCell } from "../../src/app/onboarding.js";
import type { MessageRenderer } from "../../src/app/notifications.js";
import type { MemberWithCell } from "../../src/app/ports.js";
import { announceRound, closeRound, openRound } from "../../src/app/rounds.js";
import { createRenderer } from "../../src/bot/presenters/notifications.js";
import { createI18n } from "../../src/infra/i18n/index.js";
import { appDeps, person, testClock, tgGroup } from "../support/app.js";
import { committeeAt } from "../support/committee-tree.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { submitForm } from "../support/forms.js";

let database: TestDatabase;
let deps: ReturnType<typeof appDeps>;
let renderer: MessageRenderer;
const clock = testClock("2026-11-20T03:00:00Z");

const member = async (id: number): Promise<MemberWithCell> => (await database.store.findActiveMembership(BigInt(id)))!;
const rows = (prefix: string) => database.db.outbox.findMany({ where: { key: { startsWith: prefix } }, orderBy: { key: "asc" } });

beforeAll(async () => {
  database = await freshDatabase();
  deps = appDeps(database, clock);
  renderer = createRenderer(await createI18n("vi"), "vi", "tusoi_test_bot", clock);
  // Two cells: one keeps its Telegram group, the other has none (as a cell set up elsewhere may).
  for (const [group, secretary, name] of [
    [-1900n, 1900, "Chi bộ Có nhóm"],
    [-1800n, 1801, "Chi bộ Không nhóm"],
  ] as const) {
    await setupCell(deps, { group: tgGroup(group), chatTitle: name, caller: await person(deps, secretary, "Bí thư"), callerIsAdmin: true, name });
  }
  const cell = (await database.store.findCellByGroup(tgGroup(-1800n)))!;
  for (const [id, name] of [
    [1802, "Phó"],
    [1803, "Chi ủy"],
    [1804, "Đảng viên"],
    [1805, "Đảng viên hai"],
  ] as const) {
    await joinCell(deps, { joinCode: cell.joinCode, person: await person(deps, id, name) });
  }
  await database.store.setMemberRole((await member(1802)).id, "DEPUTY");
  await database.store.setMemberRole((await member(1803)).id, "COMMITTEE");
  await database.db.cell.update({ where: { id: cell.id }, data: { groupChannel: null, groupAddress: null } });
});
afterAll(() => database.close());

describe("a cell without a group", () => {
  it("its round's announcement goes to the secretary, the deputy and the chi ủy member privately, the same message, never to members", async () => {
    const secretary = await member(1801);
    expect(secretary.cell.group).toBeNull();
    const opened = await openRound(deps, secretary, "15/12/2026 Đợt cuối năm", () => "x");
    if (opened.kind !== "opened") throw new Error(opened.kind);
    await announceRound(deps, renderer, secretary.cell, opened.round, null);
    const announced = await rows(`round-opened:${opened.round.id}`);
    expect(announced.map((r) => [r.key, r.channel, r.recipient])).toEqual([
      [`round-opened:${opened.round.id}:officer:1801`, "telegram", "1801"],
      [`round-opened:${opened.round.id}:officer:1802`, "telegram", "1802"],
      [`round-opened:${opened.round.id}:officer:1803`, "telegram", "1803"],
    ]);
    const groupMessage = renderer.roundOpened(secretary.cell, opened.round, null);
    for (const r of announced) expect(JSON.parse(r.payload)).toEqual(JSON.parse(JSON.stringify(groupMessage)));
    // Enqueueing again adds nothing (each officer's key is its own, still idempotent).
    await announceRound(deps, renderer, secretary.cell, opened.round, null);
    expect(await rows(`round-opened:${opened.round.id}`)).toHaveLength(3);
  });

  it("its final summary reaches the officers with only the group's share: no member's marks", async () => {
    const secretary = await member(1801);
    const round = (await database.store.findOpenRound(secretary.cellId))!;
    for (const id of [1801, 1802, 1803]) await submitForm(deps, await member(id), { 0: "MINOR" });
    await submitForm(deps, await member(1804), { 3: "SIGNIFICANT" });
    const closed = await closeRound(deps, secretary, round.id, renderer);
    expect(closed.kind).toBe("closed");
    const summaries = await rows(`round-summary:${round.id}`);
    expect(summaries.map((r) => r.recipient).sort()).toEqual(["1801", "1802", "1803"]);
    for (const r of summaries) {
      const text = JSON.parse(r.payload).text as string;
      expect(text).toContain("Đã nộp: 4/5");
      // The group's share: participation and counts, never a member's own measures.
      expect(text).not.toMatch(/Biện pháp \d/);
    }
    expect(summaries.map((r) => r.recipient)).not.toContain("1804");
    expect(summaries.map((r) => r.recipient)).not.toContain("1805");
  });

  it("a cell with its group still gets one message there", async () => {
    const secretary = await member(1900);
    const opened = await openRound(deps, secretary, "15/12/2026 Đợt có nhóm", () => "x");
    if (opened.kind !== "opened") throw new Error(opened.kind);
    await announceRound(deps, renderer, secretary.cell, opened.round, null);
    expect((await rows(`round-opened:${opened.round.id}`)).map((r) => [r.key, r.channel, r.recipient])).toEqual([
      [`round-opened:${opened.round.id}`, "telegram", "-1900"],
    ]);
  });
});

describe("a committee without a group", () => {
  it("what its group would get goes to the officers on its roster (not plain roster members)", async () => {
    await committeeAt(deps, { group: -1700n, chatTitle: "ĐU", secretary: [1701, "Bí thư xã"], name: "Đảng ủy xã Không nhóm" });
    const committee = (await database.store.findCommitteeByGroup(tgGroup(-1700n)))!;
    for (const [id, role] of [
      [1702, "STAFF"],
      [1703, "MEMBER"],
    ] as const) {
      const entry = await database.store.addToRoster(
        committee.id,
        { id: (await person(deps, id, "Cán bộ")).userId, firstName: "Cán bộ", username: null },
        `Cán bộ ${id}`,
      );
      await database.store.setRosterRole(entry.id, role);
    }
    const message = {
      key: "committee-notice:1",
      kind: "ROUND_OPENED" as const,
      cellId: 0,
      memberId: null,
      roundId: null,
      message: { text: "Thông báo" },
      notBefore: clock(),
      expiresAt: null,
    };
    expect(await groupMessages(deps, { kind: "committee", id: committee.id, group: null }, message)).toEqual([
      { ...message, key: "committee-notice:1:officer:1701", to: { userId: 1701n } },
      { ...message, key: "committee-notice:1:officer:1702", to: { userId: 1702n } },
    ]);
    expect(await groupMessages(deps, { kind: "committee", id: committee.id, group: committee.group }, message)).toEqual([
      { ...message, to: { destination: { channel: "telegram", address: "-1700" } } },
    ]);
  });
});
