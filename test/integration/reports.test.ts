/**
 * Report data behind the files and the private detail, against a real SQLite file: edge cases
 * (nobody / everybody submitted, a member who left mid-round, no earlier round), trends, and
 * the audit log of detailed views.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordProgress } from "../../src/app/followup.js";
import { setMemberRole } from "../../src/app/members.js";
import { joinCell, setupCell } from "../../src/app/onboarding.js";
import type { MemberWithCell } from "../../src/app/ports.js";
import { auditLog, memberDetail, reportDocument, reportSettings } from "../../src/app/report-files.js";
import { closeRound, openRound } from "../../src/app/rounds.js";
import { createRenderer } from "../../src/bot/presenters/notifications.js";
import { createI18n } from "../../src/infra/i18n/index.js";
import { appDeps, person, testClock, tgGroup } from "../support/app.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { submitForm } from "../support/forms.js";

let database: TestDatabase;
let deps: ReturnType<typeof appDeps>;
const clock = testClock("2026-11-02T03:00:00Z");
const GROUP = -8000n;

async function member(id: number): Promise<MemberWithCell> {
  return (await database.store.findActiveMembership(BigInt(id)))!;
}

const submit = (m: MemberWithCell, marked: Record<number, "MINOR" | "SIGNIFICANT"> = {}) => submitForm(deps, m, marked, "2027-03-31");

async function document(roundId: number) {
  const r = await reportDocument(deps, await member(1), roundId, "vi");
  if (r.kind !== "document") throw new Error(r.kind);
  return r.input;
}

beforeAll(async () => {
  database = await freshDatabase();
  deps = appDeps(database, clock);
  await setupCell(deps, {
    group: tgGroup(GROUP),
    chatTitle: "Nhóm",
    caller: await person(deps, 1, "Nguyễn Văn An"),
    callerIsAdmin: true,
    name: "Chi bộ Báo cáo",
  });
});
afterAll(() => database.close());

describe("edge cases of a round's report", () => {
  it("a cell with only its secretary, nobody submitted, no earlier round", async () => {
    await openRound(deps, await member(1), "30/11/2026 Đợt 1", () => "x");
    const round = (await database.db.round.findFirstOrThrow()).id;
    const input = await document(round);
    expect(input.data).toMatchObject({ total: 1, submitted: 0, percent: 0, pendingNames: ["Nguyễn Văn An"], items: [] });
    expect(input.trend).toBeNull();
    expect(input.roundNumber).toBe(1);
    expect(input.groups.map((g) => g.items.length)).toEqual([9, 9, 9]);
    expect(input.groups.flatMap((g) => g.items).every((i) => i.total === 0 && i.previousTotal === null)).toBe(true);
  });

  it("everyone submitted; a member who left after submitting still counts, one who left without does not", async () => {
    const cell = (await database.store.findCellByGroup(tgGroup(GROUP)))!;
    for (const [id, name] of [
      [2, "Trần Thị Bình"],
      [3, "Lê Văn Cường"],
      [4, "Phạm Dũng"],
    ] as const) {
      await joinCell(deps, { joinCode: cell.joinCode, person: await person(deps, id, name) });
    }
    await submit(await member(1), { 3: "MINOR", 14: "SIGNIFICANT" });
    await submit(await member(2), { 3: "SIGNIFICANT" });
    await submit(await member(3));
    const secretary = await member(1);
    await setMemberRole(deps, secretary, (await member(3)).id, "REMOVE"); // left after submitting
    await setMemberRole(deps, secretary, (await member(4)).id, "REMOVE"); // left without submitting
    const input = await document((await database.db.round.findFirstOrThrow()).id);
    expect(input.data).toMatchObject({ total: 3, submitted: 3, percent: 100, pendingNames: [], cleanForms: 1 });
    const row = (code: string) => input.groups.flatMap((g) => g.items).find((i) => i.code === code)!;
    expect([row("1.4").minor, row("1.4").significant, row("1.4").total]).toEqual([1, 1, 2]);
    expect(row("2.6").total).toBe(1);
    expect(input.participation.map((p) => [p.name, p.submitted])).toEqual([
      ["Nguyễn Văn An", true],
      ["Trần Thị Bình", true],
      ["Lê Văn Cường", true],
    ]);
    expect(input.secretaryName).toBe("Nguyễn Văn An");
  });
});

describe("trends", () => {
  it("compares each item with the previous round and counts earlier measures now corrected", async () => {
    const secretary = await member(1);
    const first = await database.db.round.findFirstOrThrow();
    const form = await database.db.assessment.findFirstOrThrow({ where: { memberId: secretary.id, roundId: first.id } });
    const renderer = createRenderer(await createI18n("vi"), "vi", "bot", clock);
    clock.set("2026-12-01T03:00:00Z");
    await recordProgress(deps, secretary, { assessmentId: form.id, itemIndex: 3, period: "2026-12", status: "DONE" }, renderer, "vi");
    await closeRound(deps, secretary, first.id, renderer);
    await openRound(deps, secretary, "20/12/2026 Đợt 2", () => "x");
    await submit(await member(1), { 3: "MINOR" });
    await submit(await member(2), { 20: "MINOR" });
    const second = await database.db.round.findFirstOrThrow({ orderBy: { id: "desc" } });
    const input = await document(second.id);
    expect(input.roundNumber).toBe(2);
    expect(input.trend).toMatchObject({
      previousRoundTitle: "Đợt 1",
      previousSubmitted: 3,
      previousTotal: 3,
      previousCommitted: 3,
      previousCorrected: 1,
      previousCorrectedPercent: 33,
    });
    const row = (code: string) => input.groups.flatMap((g) => g.items).find((i) => i.code === code)!;
    expect([row("1.4").total, row("1.4").previousTotal]).toEqual([1, 2]);
    expect([row("3.3").total, row("3.3").previousTotal]).toEqual([1, 0]);
    expect([row("2.6").total, row("2.6").previousTotal]).toEqual([0, 1]);
  });
});

describe("the private detail and its audit log", () => {
  it("shows the secretary each member's items and logs every view", async () => {
    const r = await memberDetail(deps, await member(1), null, "vi", "DETAIL_VIEW");
    if (r.kind !== "detail") throw new Error(r.kind);
    const binh = r.input.members.find((m) => m.name === "Trần Thị Bình")!;
    expect(binh.items.map((i) => [i.code, i.level, i.measure])).toEqual([["3.3", "MINOR", "Biện pháp 3.3"]]);
    await memberDetail(deps, await member(1), null, "vi", "DETAIL_XLSX");
    const log = await auditLog(deps, await member(1));
    expect(log.kind === "audit" && log.entries.map((e) => [e.actorName, e.action, e.roundTitle])).toEqual([
      ["Nguyễn Văn An", "DETAIL_XLSX", "Đợt 2"],
      ["Nguyễn Văn An", "DETAIL_VIEW", "Đợt 2"],
    ]);
  });

  it("refuses the detail to a committee member and an ordinary member, and writes nothing", async () => {
    const before = await database.db.auditLog.count();
    await setMemberRole(deps, await member(1), (await member(2)).id, "COMMITTEE");
    expect(await memberDetail(deps, await member(2), null, "vi", "DETAIL_VIEW")).toEqual({ kind: "forbidden" });
    expect(await auditLog(deps, await member(2))).toEqual({ kind: "forbidden" });
    expect(await database.db.auditLog.count()).toBe(before);
  });
});

describe("report settings", () => {
  it("lets the secretary set the place and higher body, and clear one with '-'", async () => {
    expect(await reportSettings(deps, await member(1), "diadanh  Hà   Nội")).toMatchObject({ kind: "changed", settings: { place: "Hà Nội" } });
    expect(await reportSettings(deps, await member(1), "captren Đảng bộ Khối cơ quan")).toMatchObject({ settings: { higherBody: "Đảng bộ Khối cơ quan" } });
    expect((await document((await database.db.round.findFirstOrThrow({ orderBy: { id: "desc" } })).id)).place).toBe("Hà Nội");
    expect(await reportSettings(deps, await member(1), "diadanh -")).toMatchObject({ settings: { place: "" } });
    expect(await reportSettings(deps, await member(2), "diadanh X")).toEqual({ kind: "forbidden" });
    expect(await reportSettings(deps, await member(1), "khac X")).toEqual({ kind: "usage" });
    // Issue 12: the document number belongs to the latest round's report, blank by default;
    // Kết luận 21-KL/TW is named unless the secretary turns it off.
    const latest = (await database.db.round.findFirstOrThrow({ orderBy: { id: "desc" } })).id;
    expect(await document(latest)).toMatchObject({ documentNumber: "", conclusion21: true });
    expect(await reportSettings(deps, await member(1), "so 07")).toMatchObject({ kind: "changed", settings: { reportNumber: "07" } });
    expect(await reportSettings(deps, await member(1), "kl21 tat")).toMatchObject({ kind: "changed", settings: { conclusion21: false } });
    expect(await document(latest)).toMatchObject({ documentNumber: "07", conclusion21: false });
    const older = (await database.db.round.findFirstOrThrow({ orderBy: { id: "asc" } })).id;
    if (older !== latest) expect((await document(older)).documentNumber).toBe("");
  });
});
