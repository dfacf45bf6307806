/**
 * Issue 13 use cases on a real SQLite file: handing over the secretary role (and a group
 * admin's reclaim), and changing a cell's time zone with a round open.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeTimezone } from "../../src/app/cell-time.js";
import { handOverSecretary, reclaimSecretary } from "../../src/app/handover.js";
import { joinCell, setupCell } from "../../src/app/onboarding.js";
import type { MemberWithCell } from "../../src/app/ports.js";
import { reportSettings } from "../../src/app/report-files.js";
import { openRound } from "../../src/app/rounds.js";
import { runDueWork } from "../../src/app/scheduler.js";
import { createRenderer } from "../../src/bot/presenters/notifications.js";
import { createI18n } from "../../src/infra/i18n/index.js";
import { appDeps, person, testClock, tgGroup } from "../support/app.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";

let database: TestDatabase;
let deps: ReturnType<typeof appDeps>;
const clock = testClock("2026-11-20T03:00:00Z");

const member = async (userId: number): Promise<MemberWithCell> => (await database.store.findActiveMembership(BigInt(userId)))!;
const roles = async (cellId: number) => Object.fromEntries((await database.store.listActiveMembers(cellId)).map((m) => [m.fullName, m.role]));

beforeAll(async () => {
  database = await freshDatabase();
  deps = appDeps(database, clock);
  await setupCell(deps, { group: tgGroup(-5100n), chatTitle: "Nhóm", caller: await person(deps, 51, "An"), callerIsAdmin: true, name: "Chi bộ Giao" });
  const cell = (await database.store.findCellByGroup(tgGroup(-5100n)))!;
  for (const [id, name] of [
    [52, "Bình"],
    [53, "Cường"],
    [54, "Dũng"],
  ] as const)
    await joinCell(deps, { joinCode: cell.joinCode, person: await person(deps, id, name) });
  await setupCell(deps, { group: tgGroup(-5200n), chatTitle: "Nhóm 2", caller: await person(deps, 61, "Giang"), callerIsAdmin: true, name: "Chi bộ Múi giờ" });
  const second = (await database.store.findCellByGroup(tgGroup(-5200n)))!;
  await joinCell(deps, { joinCode: second.joinCode, person: await person(deps, 62, "Hà") });
});
afterAll(() => database.close());

describe("handing over the secretary role", () => {
  it("only the secretary can; a member asking changes nothing", async () => {
    expect(await handOverSecretary(deps, await member(52), (await member(53)).id, "MEMBER")).toEqual({ kind: "forbidden" });
    expect((await member(51)).role).toBe("SECRETARY");
  });

  it("makes the member secretary and the old one deputy when chosen, in one step, logged", async () => {
    const old = await member(51);
    const result = await handOverSecretary(deps, old, (await member(52)).id, "DEPUTY");
    expect(result).toMatchObject({ kind: "handedOver", stayAs: "DEPUTY", to: { fullName: "Bình" } });
    expect(await roles(old.cellId)).toMatchObject({ An: "DEPUTY", Bình: "SECRETARY", Cường: "MEMBER" });
    expect((await database.store.listAudit(old.cellId, 10)).map((e) => [e.actorName, e.action])).toContainEqual(["An", "SECRETARY_HANDOVER"]);
  });

  it("a second confirmation from the old secretary (a stale button) changes nothing", async () => {
    const stale = { ...(await member(51)), role: "SECRETARY" as const };
    expect(await handOverSecretary(deps, stale, (await member(53)).id, "MEMBER")).toEqual({ kind: "stale" });
    expect(await roles(stale.cellId)).toMatchObject({ An: "DEPUTY", Bình: "SECRETARY", Cường: "MEMBER" });
  });

  it("refuses a member who left, and the secretary themself", async () => {
    const secretary = await member(52);
    const dung = await member(54);
    await database.store.markMemberLeft(dung.id, clock.now);
    expect(await handOverSecretary(deps, secretary, dung.id, "MEMBER")).toEqual({ kind: "notInCell" });
    expect(await handOverSecretary(deps, secretary, secretary.id, "MEMBER")).toEqual({ kind: "self" });
  });
});

describe("a group admin's reclaim", () => {
  it("is refused to a non-admin and while the secretary is still in the group", async () => {
    const caller = await member(53);
    expect(await reclaimSecretary(deps, { caller, callerIsAdmin: false, secretaryInGroup: async () => false })).toEqual({ kind: "notAdmin" });
    const present = await reclaimSecretary(deps, { caller, callerIsAdmin: true, secretaryInGroup: async () => true });
    expect(present).toMatchObject({ kind: "secretaryPresent", secretary: { fullName: "Bình" } });
    expect((await member(53)).role).toBe("MEMBER");
  });

  it("gives the admin the role when the secretary has left the group; the old one becomes a member; logged", async () => {
    const caller = await member(53);
    const result = await reclaimSecretary(deps, { caller, callerIsAdmin: true, secretaryInGroup: async (s) => s.fullName !== "Bình" });
    expect(result).toMatchObject({ kind: "reclaimed", previous: { fullName: "Bình" } });
    expect(await roles(caller.cellId)).toMatchObject({ An: "DEPUTY", Bình: "MEMBER", Cường: "SECRETARY" });
    expect((await database.store.listAudit(caller.cellId, 10)).map((e) => [e.actorName, e.action])).toContainEqual(["Cường", "SECRETARY_RECLAIM"]);
  });

  it("works when the secretary left the cell altogether (no secretary left)", async () => {
    const secretary = await member(53);
    await database.store.markMemberLeft(secretary.id, clock.now);
    const result = await reclaimSecretary(deps, { caller: await member(51), callerIsAdmin: true, secretaryInGroup: async () => true });
    expect(result).toEqual({ kind: "reclaimed", previous: null });
    expect((await member(51)).role).toBe("SECRETARY");
  });
});

describe("changing the time zone", () => {
  it("refuses a bad zone with the common ones, and a non-secretary", async () => {
    const result = await reportSettings(deps, await member(61), "muigio Hanoi");
    expect(result).toMatchObject({ kind: "badZone" });
    expect(result.kind === "badZone" && result.common).toContain("Asia/Ho_Chi_Minh");
    expect(await changeTimezone(deps, await member(62), "Asia/Tokyo")).toEqual({ kind: "forbidden" });
  });

  it("moves the open round's deadline to 23:59 of the same day in the new zone, and reminders follow it", async () => {
    const secretary = await member(61);
    await openRound(deps, secretary, "10/12/2026 Đợt múi giờ", () => "x");
    const result = await reportSettings(deps, secretary, "muigio asia/tokyo");
    expect(result).toMatchObject({ kind: "zoneChanged", zone: "Asia/Tokyo", previous: "Asia/Ho_Chi_Minh", round: { deadlineDay: "2026-12-10" } });
    const round = await database.db.round.findFirstOrThrow({ where: { title: "Đợt múi giờ" } });
    expect(round.deadline.toISOString()).toBe("2026-12-10T14:59:59.999Z"); // 23:59:59.999 in Tokyo (UTC+9)
    expect((await member(61)).cell.timezone).toBe("Asia/Tokyo");

    // The 3-day reminder is 07/12 08:00 Tokyo time = 06/12 23:00 UTC (07/12 06:00 in Hà Nội).
    const renderer = createRenderer(await createI18n("vi"), "vi", "tusoi_test_bot", clock);
    const reminders = () => database.db.outbox.count({ where: { kind: "REMINDER", roundId: round.id } });
    clock.set("2026-12-06T22:59:00Z");
    await runDueWork(deps, renderer, clock.now);
    expect(await reminders()).toBe(0);
    clock.set("2026-12-06T23:00:00Z");
    await runDueWork(deps, renderer, clock.now);
    expect(await reminders()).toBe(2); // Giang and Hà, neither has submitted
  });

  it("the round closes at the new deadline, not the old one", async () => {
    const renderer = createRenderer(await createI18n("vi"), "vi", "tusoi_test_bot", clock);
    clock.set("2026-12-10T15:00:00Z"); // 00:00 on 11/12 in Tokyo, 22:00 on 10/12 in Hà Nội
    await runDueWork(deps, renderer, clock.now);
    expect((await database.db.round.findFirstOrThrow({ where: { title: "Đợt múi giờ" } })).closedAt).not.toBeNull();
  });
});
