/**
 * Issue 19 through the use cases on a real database (SQLite here; test/integration/postgres/
 * meeting.test.ts reruns it on PostgreSQL): a cell's meeting recorded and corrected (the
 * latest stands), step by step; the report's typed sections; a unit not on the bot added and
 * its figures entered; the roll-up and the committee's document with both.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommitteeActor } from "../../src/app/committee.js";
import { endCampaign, openCampaign } from "../../src/app/committee-campaigns.js";
import { committeeDocument } from "../../src/app/committee-documents.js";
import { committeeRollup } from "../../src/app/committee-rollup.js";
import { addEnteredUnit, enterChoices, entryAnswer, startEntry } from "../../src/app/entered-units.js";
import { meetingAnswer, recordMeeting } from "../../src/app/meeting.js";
import type { MemberWithCell } from "../../src/app/ports.js";
import { reportDocument } from "../../src/app/report-files.js";
import { saveCampaignText, saveRoundText, startCampaignText, startRoundText, parseAwaitingReportText } from "../../src/app/report-texts.js";
import { createCommitteeRenderer } from "../../src/bot/presenters/committee.js";
import { createRenderer } from "../../src/bot/presenters/notifications.js";
import { createI18n } from "../../src/infra/i18n/index.js";
import { appDeps, testClock } from "../support/app.js";
import { actorAt, cellWith, committeeAt, linkUnit } from "../support/committee-tree.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { submitForm } from "../support/forms.js";

let database: TestDatabase;
let deps: ReturnType<typeof appDeps>;
const clock = testClock("2026-11-22T03:00:00Z");

const member = async (id: number): Promise<MemberWithCell> => (await database.store.findActiveMembership(BigInt(id)))!;
const actor = (group: bigint, userId: number): Promise<CommitteeActor> => actorAt(deps, group, userId);
const awaitingOf = async (userId: number) => (await deps.users.findUser(BigInt(userId)))?.awaiting ?? null;

// Huyện ủy (-100, bí thư 1) → đảng ủy xã (-200, bí thư 2) → chi bộ A (-201: 21 + 3), chi bộ B (-202: 22 + 1); chi bộ X (-101: 11 + 2) directly.
beforeAll(async () => {
  database = await freshDatabase();
  deps = appDeps(database, clock);
  const i18n = await createI18n("vi");
  await committeeAt(deps, { group: -100n, chatTitle: "HU", secretary: [1, "Lê Bí Thư"], name: "Huyện ủy Mỹ Bình" });
  await committeeAt(deps, { group: -200n, chatTitle: "ĐUX", secretary: [2, "Trần Bí Thư"], name: "Đảng ủy xã Phú Lâm" });
  await cellWith(deps, -201n, "Chi bộ A", 21, [211, 212, 213]);
  await cellWith(deps, -202n, "Chi bộ B", 22, [221]);
  await cellWith(deps, -101n, "Chi bộ X", 11, [111, 112]);
  await linkUnit(deps, -200n, 2, -201n, 21);
  await linkUnit(deps, -200n, 2, -202n, 22);
  await linkUnit(deps, -100n, 1, -101n, 11);
  await linkUnit(deps, -100n, 1, -200n, 2);
  const opened = await openCampaign(deps, await actor(-100n, 1), "15/12/2026 Đợt cuối năm", () => "x", createCommitteeRenderer(i18n, "vi", "bot"));
  expect(opened.kind).toBe("opened");
  for (const id of [21, 211, 212, 213, 11, 111, 112]) await submitForm(deps, await member(id), { 0: "MINOR" });
  await submitForm(deps, await member(22));
});
afterAll(() => database.close());

describe("a cell's meeting", () => {
  it("is refused to a plain member, recorded by the secretary, corrected step by step (the latest stands)", async () => {
    expect(await recordMeeting(deps, await member(211), "22/11/2026 4/4")).toEqual({ kind: "forbidden" });
    clock.set("2026-11-24T03:00:00Z");
    expect(await recordMeeting(deps, await member(21), "25/11/2026 4/4")).toMatchObject({ kind: "badDay", reason: "future" });
    expect(await recordMeeting(deps, await member(21), "23/11/2026 3/4")).toMatchObject({
      kind: "saved",
      corrected: false,
      meeting: { day: "2026-11-23", present: 3, total: 4 },
    });
    const secretary = await member(21);
    expect(await recordMeeting(deps, secretary, "")).toMatchObject({ kind: "ask", step: "day" });
    expect(await meetingAnswer(deps, secretary, await awaitingOf(21), "24/11/2026")).toMatchObject({ kind: "ask", step: "attendance" });
    expect(await meetingAnswer(deps, secretary, await awaitingOf(21), "5/4")).toMatchObject({ kind: "badAttendance", reason: "morePresent" });
    expect(await meetingAnswer(deps, secretary, await awaitingOf(21), "4/4")).toMatchObject({ kind: "ask", step: "chair" });
    expect(await meetingAnswer(deps, secretary, await awaitingOf(21), "Bí thư 21")).toMatchObject({ kind: "saved", corrected: true });
    const round = (await deps.rounds.findLatestRound(secretary.cellId))!;
    expect(await deps.rounds.roundMeeting(round.id)).toEqual({ day: "2026-11-24", present: 4, total: 4, chair: "Bí thư 21" });
    expect(await awaitingOf(21)).toBeNull();
    expect(await recordMeeting(deps, await member(11), "24/11/2026 2/3")).toMatchObject({ kind: "saved" });
  });

  it("its report's typed sections wait for the round to close, then reach the DOCX's data", async () => {
    const secretary = await member(21);
    const round = (await deps.rounds.findLatestRound(secretary.cellId))!;
    expect(await startRoundText(deps, secretary, round.id, "assessment")).toEqual({ kind: "notClosed" });
    const officer = await actor(-100n, 1);
    const [campaign] = await deps.campaigns.campaignsOf([officer.committeeId], 1);
    expect(await endCampaign(deps, officer, campaign!.id, createRenderer(await createI18n("vi"), "vi", "bot", clock))).toMatchObject({ kind: "ended" });
    expect(await startRoundText(deps, await member(211), round.id, "assessment")).toEqual({ kind: "forbidden" });
    expect(await startRoundText(deps, secretary, round.id, "direction")).toMatchObject({ kind: "ask", current: "" });
    const target = parseAwaitingReportText(await awaitingOf(21));
    expect(target).toEqual({ unit: "round", roundId: round.id, key: "direction" });
    expect(await saveRoundText(deps, secretary, target as never, "Khắc phục trước 31/12.")).toEqual({ kind: "saved", text: "Khắc phục trước 31/12." });
    const doc = await reportDocument(deps, secretary, round.id, "vi");
    if (doc.kind !== "document") throw new Error(doc.kind);
    expect(doc.input).toMatchObject({
      direction: "Khắc phục trước 31/12.",
      assessment: "",
      meeting: { day: "2026-11-24", present: 4, total: 4, chair: "Bí thư 21" },
    });
  });
});

describe("the committee with a unit not on the bot", () => {
  it("adds the unit and enters its figures step by step", async () => {
    const officer = await actor(-100n, 1);
    expect(await addEnteredUnit(deps, null, "Chi bộ Trường học")).toEqual({ kind: "forbidden" });
    const added = await addEnteredUnit(deps, officer, "  Chi bộ   Trường học ");
    expect(added).toMatchObject({ kind: "added", unit: { name: "Chi bộ Trường học" } });
    expect(await addEnteredUnit(deps, officer, "Chi bộ Trường học")).toMatchObject({ kind: "exists" });
    const choices = await enterChoices(deps, [officer]);
    if (choices.kind !== "choose") throw new Error(choices.kind);
    const unitId = choices.units[0]!.unit.id;
    expect(await startEntry(deps, officer, unitId)).toMatchObject({ kind: "ask", step: "members", current: null });
    for (const [text, next] of [
      ["10", "submitted"],
      ["8", "day"],
      ["23/11/2026", "present"],
    ] as const) {
      expect(await entryAnswer(deps, officer, 1n, await awaitingOf(1), text)).toMatchObject({ kind: "ask", step: next });
    }
    expect(await entryAnswer(deps, officer, 1n, await awaitingOf(1), "11")).toEqual({ kind: "badNumber", max: 10 });
    expect(await entryAnswer(deps, officer, 1n, await awaitingOf(1), "9")).toMatchObject({
      kind: "saved",
      figures: { members: 10, submitted: 8, meetingDay: "2026-11-23", present: 9, items: null },
    });
    expect(await awaitingOf(1)).toBeNull();
  });

  it("the roll-up counts the meetings and the entered unit; the committee's text reaches its document", async () => {
    const officer = await actor(-100n, 1);
    const result = await committeeRollup(deps, officer);
    if (result.kind !== "rollup") throw new Error(result.kind);
    const d = result.rollup.data;
    // Direct units: the commune (B has not met), X, the school (entered).
    expect(d.direct).toEqual({ units: 3, started: 3, startedPercent: 100, held: 2, heldPercent: 67, meetings: 3, present: 15 });
    expect(d).toMatchObject({ members: 19, submitted: 16, countedMembers: 7, hasEntered: true, collectives: 0, botCells: 3 });
    expect(d.items.map((i) => [i.code, i.total])).toEqual([["1.1", 7]]);
    expect(await startCampaignText(deps, officer, result.rollup.campaign.id, "assessment")).toMatchObject({ kind: "ask" });
    const target = parseAwaitingReportText(await awaitingOf(1));
    expect(await saveCampaignText(deps, officer, 1n, target as never, "Đảng bộ triển khai nghiêm túc.")).toMatchObject({ kind: "saved" });
    const doc = await committeeDocument(deps, officer, result.rollup.campaign.id, "vi");
    if (doc.kind !== "document") throw new Error(doc.kind);
    expect(doc.input).toMatchObject({ assessment: "Đảng bộ triển khai nghiêm túc.", direction: "" });
    expect(doc.input.cells.find((c) => c.entered)).toMatchObject({ name: "Chi bộ Trường học", members: 10, submitted: 8 });
  });
});
