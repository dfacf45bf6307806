/**
 * The scheduler's "what is due now" against a real SQLite file with a moved clock: what lands
 * in the outbox, once, at the right time — including after downtime.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nudgePending, recordProgress } from "../../src/app/followup.js";
import { joinCell, setupCell } from "../../src/app/onboarding.js";
import type { MemberWithCell } from "../../src/app/ports.js";
import { openRound } from "../../src/app/rounds.js";
import { runDueWork } from "../../src/app/scheduler.js";
import { createRenderer } from "../../src/bot/presenters/notifications.js";
import { createI18n } from "../../src/infra/i18n/index.js";
import type { MessageRenderer } from "../../src/app/notifications.js";
import { appDeps, person, testClock, tgGroup } from "../support/app.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { submitForm } from "../support/forms.js";

let database: TestDatabase;
let deps: ReturnType<typeof appDeps>;
let renderer: MessageRenderer;
const clock = testClock("2026-11-20T03:00:00Z"); // 20/11/2026 10:00 in Hà Nội
const GROUP = -7000n;

/** Hà Nội wall time → instant. */
const local = (iso: string) => new Date(`${iso}+07:00`);

async function member(id: number): Promise<MemberWithCell> {
  return (await database.store.findActiveMembership(BigInt(id)))!;
}

async function outbox(kind?: string) {
  return database.db.outbox.findMany({ where: kind ? { kind } : {}, orderBy: { id: "asc" } });
}

/** Submits a form with `marked` item indexes at MINOR (with a plan), the rest NONE. */
const submit = (m: MemberWithCell, marked: number[] = []) => submitForm(deps, m, Object.fromEntries(marked.map((i) => [i, "MINOR" as const])));

beforeAll(async () => {
  database = await freshDatabase();
  deps = appDeps(database, clock);
  renderer = createRenderer(await createI18n("vi"), "vi", "tusoi_test_bot", clock);
  await setupCell(deps, { group: tgGroup(GROUP), chatTitle: "Nhóm", caller: await person(deps, 1, "Bí thư An"), callerIsAdmin: true, name: "Chi bộ Lịch" });
  const cell = (await database.store.findCellByGroup(tgGroup(GROUP)))!;
  for (const [id, name] of [
    [2, "Bình"],
    [3, "Cường"],
    [4, "Dũng"],
  ] as const)
    await joinCell(deps, { joinCode: cell.joinCode, person: await person(deps, id, name) });
  await database.db.user.update({ where: { id: 4n }, data: { unreachableAt: new Date() } });
});
afterAll(() => database.close());

describe("deadline reminders", () => {
  it("reminds only members who have not submitted, 3 days then 1 day before, at 08:00, once each", async () => {
    await openRound(deps, await member(1), "15/12/2026 Đợt cuối năm", () => "x");
    await submit(await member(1), [0]); // the secretary submits; Bình and Cường do not; Dũng is unreachable

    clock.now = local("2026-12-12T07:59:00");
    await runDueWork(deps, renderer, clock.now);
    expect(await outbox("REMINDER")).toHaveLength(0);

    clock.now = local("2026-12-12T08:00:00");
    await runDueWork(deps, renderer, clock.now);
    await runDueWork(deps, renderer, new Date(clock.now.getTime() + 60_000));
    const first = await outbox("REMINDER");
    expect(first.map((r) => r.key)).toEqual([expect.stringMatching(/^reminder:\d+:\d+:3d$/), expect.stringMatching(/^reminder:\d+:\d+:3d$/)]);
    expect(first.map((r) => Number(r.recipient)).sort()).toEqual([2, 3]);
    expect(JSON.parse(first[0]!.payload).text).toContain("Còn 3 ngày");

    clock.now = local("2026-12-14T08:00:00");
    await runDueWork(deps, renderer, clock.now);
    const all = await outbox("REMINDER");
    expect(all.filter((r) => r.key.endsWith(":1d"))).toHaveLength(2);
    expect(JSON.parse(all.at(-1)!.payload).text).toContain("Còn 1 ngày");
    expect(all.every((r) => r.expiresAt !== null)).toBe(true);
  });

  it("/nhacnho twice within an hour queues once per member", async () => {
    const first = await nudgePending(deps, await member(1), renderer);
    clock.now = new Date(clock.now.getTime() + 30 * 60_000);
    const second = await nudgePending(deps, await member(1), renderer);
    expect(first).toMatchObject({ kind: "queued", count: 2, skippedRecent: 0, unreachable: 1 });
    expect(second).toMatchObject({ kind: "queued", count: 0, skippedRecent: 2 });
    expect(await outbox("NUDGE")).toHaveLength(2);
    clock.now = new Date(clock.now.getTime() + 31 * 60_000);
    expect(await nudgePending(deps, await member(1), renderer)).toMatchObject({ count: 2 });
  });

  it("two officers nudging at the same moment (secretary in private, deputy in the group) queue one nudge per member", async () => {
    await database.db.member.updateMany({ where: { userId: 2n }, data: { role: "DEPUTY" } });
    clock.now = new Date(clock.now.getTime() + 2 * 3600_000);
    const before = (await outbox("NUDGE")).length;
    // Both check "nudged within the hour?" before either writes: only the key can keep one.
    const later = appDeps(database, testClock(new Date(clock.now.getTime() + 5).toISOString()));
    const [a, b] = await Promise.all([nudgePending(deps, await member(1), renderer), nudgePending(later, await member(2), renderer)]);
    const added = (await outbox("NUDGE")).slice(before);
    expect(added.map((r) => Number(r.recipient)).sort()).toEqual([2, 3]);
    expect((a.kind === "queued" ? a.count : 0) + (b.kind === "queued" ? b.count : 0)).toBe(2);
    await database.db.member.updateMany({ where: { userId: 2n }, data: { role: "MEMBER" } });
  });

  it("refuses /nhacnho to an ordinary member", async () => {
    expect(await nudgePending(deps, await member(2), renderer)).toEqual({ kind: "forbidden" });
  });
});

describe("end of round", () => {
  it("closes a round whose deadline passed while the bot was down and posts the summary once", async () => {
    clock.now = local("2026-12-18T09:30:00");
    const first = await runDueWork(deps, renderer, clock.now);
    const second = await runDueWork(deps, renderer, new Date(clock.now.getTime() + 60_000));
    expect(first.closedRounds).toBe(1);
    expect(second.closedRounds).toBe(0);
    const summaries = await outbox("ROUND_SUMMARY");
    expect(summaries).toHaveLength(1);
    expect(Number(summaries[0]!.recipient)).toBe(Number(GROUP));
    expect(JSON.parse(summaries[0]!.payload).text).toContain("Đã nộp: 1/4 đảng viên (25%)");
    expect((await database.db.round.findFirstOrThrow()).closedAt).not.toBeNull();
  });
});

describe("monthly follow-up", () => {
  it("sends one follow-up per member and month, on the cell's day and time, caught up after downtime", async () => {
    // December's was due (1/12 08:00) at the reminder ticks above: caught up once then.
    expect((await outbox("FOLLOW_UP")).map((r) => r.key)).toEqual([expect.stringMatching(/^follow-up:\d+:2026-12$/)]);
    clock.now = local("2027-01-01T07:59:00");
    await runDueWork(deps, renderer, clock.now);
    expect(await outbox("FOLLOW_UP")).toHaveLength(1);

    clock.now = local("2027-01-03T10:00:00"); // down from the 1st 07:59 to the 3rd
    await runDueWork(deps, renderer, clock.now);
    await runDueWork(deps, renderer, new Date(clock.now.getTime() + 60_000));
    const followUps = (await outbox("FOLLOW_UP")).filter((r) => r.key.endsWith(":2027-01"));
    expect(followUps.map((r) => Number(r.recipient))).toEqual([1]);
    const payload = JSON.parse(followUps[0]!.payload);
    expect(payload.text).toContain("Theo dõi khắc phục tháng 01/2027");
    expect(payload.choices.flat().map((b: { label: string }) => b.label)).toEqual(
      expect.arrayContaining(["1.1 · Đã khắc phục", "1.1 · Đang khắc phục", "1.1 · Chưa khắc phục"]),
    );
  });

  it("records progress per item and month; 'Đã khắc phục' closes the item for later months", async () => {
    const secretary = await member(1);
    const form = await database.db.assessment.findFirstOrThrow({ where: { memberId: secretary.id } });
    await recordProgress(deps, secretary, { assessmentId: form.id, itemIndex: 0, period: "2027-01", status: "IN_PROGRESS" }, renderer, "vi");
    const saved = await recordProgress(deps, secretary, { assessmentId: form.id, itemIndex: 0, period: "2027-01", status: "DONE" }, renderer, "vi");
    expect(saved.kind).toBe("saved");
    const rows = await database.db.correctionProgress.findMany();
    expect(rows.map((r) => [r.itemCode, r.period, r.status])).toEqual([["1.1", "2027-01", "DONE"]]);

    expect(await recordProgress(deps, await member(2), { assessmentId: form.id, itemIndex: 0, period: "2027-01", status: "DONE" }, renderer, "vi")).toEqual({
      kind: "notYours",
    });

    clock.now = local("2027-02-01T08:00:00");
    await runDueWork(deps, renderer, clock.now);
    expect((await outbox("FOLLOW_UP")).filter((r) => r.key.endsWith("2027-02"))).toHaveLength(0);
  });

  it("does not follow up items filed after the month's follow-up time", async () => {
    const cell = (await database.store.findCellByGroup(tgGroup(GROUP)))!;
    clock.now = local("2027-03-10T09:00:00");
    await openRound(deps, await member(1), "31/03/2027", () => "Đợt 2");
    await submit(await member(2), [3]);
    await database.store.setFollowUpSchedule(cell.id, 0, "17:00"); // the last day of each month, 17:00

    clock.now = local("2027-03-31T16:59:00");
    await runDueWork(deps, renderer, clock.now);
    expect((await outbox("FOLLOW_UP")).filter((r) => r.key.endsWith("2027-03"))).toHaveLength(0);
    clock.now = local("2027-03-31T17:00:00");
    await runDueWork(deps, renderer, clock.now);
    expect((await outbox("FOLLOW_UP")).filter((r) => r.key.endsWith("2027-03")).map((r) => Number(r.recipient))).toEqual([2]);
  });
});
