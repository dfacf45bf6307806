/**
 * The committee level on a real SQLite file: a nested tree linked by codes, a campaign opened
 * over it (a round and an announcement in every cell, a busy cell told), the roll-up queries
 * (participation while open, items only from closed cells with 3+ forms), ending early, the
 * files' numbers, and privacy between committees.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachUnit, createLinkCode, type CommitteeActor } from "../../src/app/committee.js";
import { endCampaign, joinCampaign, nudgeSecretaries, openCampaign } from "../../src/app/committee-campaigns.js";
import { committeeDocument } from "../../src/app/committee-documents.js";
import { committeeRollup } from "../../src/app/committee-rollup.js";
import type { MemberWithCell } from "../../src/app/ports.js";
import { openRound } from "../../src/app/rounds.js";
import { createCommitteeRenderer } from "../../src/bot/presenters/committee.js";
import { createRenderer } from "../../src/bot/presenters/notifications.js";
import { createI18n, type I18n } from "../../src/infra/i18n/index.js";
import { appDeps, testClock, tgGroup } from "../support/app.js";
import { actorAt, committeeTree, linkUnit } from "../support/committee-tree.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { submitForm } from "../support/forms.js";

let database: TestDatabase;
let deps: ReturnType<typeof appDeps>;
let i18n: I18n;
const clock = testClock("2026-11-02T03:00:00Z");

const member = async (id: number): Promise<MemberWithCell> => (await database.store.findActiveMembership(BigInt(id)))!;
const actor = (group: bigint, userId: number): Promise<CommitteeActor> => actorAt(deps, group, userId);

// Đảng ủy (-100, bí thư 1) → chi bộ A (-101: 11 + 4 members), chi bộ B (-102: 12 + 1), đảng ủy xã (-200, bí thư 2) → chi bộ C (-201: 13 + 2)
beforeAll(async () => {
  database = await freshDatabase();
  deps = appDeps(database, clock);
  i18n = await createI18n("vi");
  await committeeTree(deps, { members: { a: [111, 112, 113, 114], b: [121], c: [131, 132] }, lowerChatTitle: "ĐUX" });
});
afterAll(() => database.close());

describe("linking", () => {
  it("refuses a loop, an expired or forged code, and a non-secretary; asks before moving", async () => {
    expect(await linkUnit(deps, -200n, 2, -100n, 1)).toMatchObject({ kind: "loop" });
    expect(await attachUnit(deps, { group: tgGroup(-102n), userId: 12n, code: "ZZZZZZZZ" })).toEqual({ kind: "badCode" });
    expect(await linkUnit(deps, -100n, 1, -101n, 111)).toEqual({ kind: "forbidden" });
    const code = await createLinkCode(deps, await actor(-900n, 9));
    if (code.kind !== "code") throw new Error(code.kind);
    const ask = await attachUnit(deps, { group: tgGroup(-102n), userId: 12n, code: code.code });
    expect(ask).toMatchObject({ kind: "confirmMove", from: { name: "Đảng ủy phường Mỹ Bình" }, to: { name: "Đảng ủy xã Khác" } });
    expect(await deps.committees.cellParent((await member(12)).cellId)).toBe((await deps.committees.findCommitteeByGroup(tgGroup(-100n)))!.id);
    clock.set("2026-11-04T03:01:00Z"); // 48 hours and a minute later
    expect(
      await attachUnit(deps, {
        group: tgGroup(-102n),
        userId: 12n,
        confirm: { linkId: (ask as { linkId: number }).linkId, token: (ask as { token: string }).token },
      }),
    ).toEqual({ kind: "badCode" });
    clock.set("2026-11-02T03:00:00Z");
  });
});

describe("a campaign over a nested tree", () => {
  it("opens a round in every cell of the subtree with one announcement each; a cell with its own round is told", async () => {
    await openRound(deps, await member(12), "20/11/2026 Đợt riêng", () => "x");
    const renderer = createCommitteeRenderer(i18n, "vi", "bot");
    const result = await openCampaign(deps, await actor(-100n, 1), "30/11/2026 Sinh hoạt chính trị", () => "x", renderer);
    expect(result).toMatchObject({ kind: "opened", rounds: 2, busy: 1, cells: 3 });
    const rounds = await database.db.round.findMany({ where: { campaignId: (result as { campaign: { id: number } }).campaign.id } });
    expect(rounds.map((r) => r.cellId).sort()).toEqual([(await member(11)).cellId, (await member(13)).cellId].sort());
    const outbox = await database.db.outbox.findMany({ orderBy: { id: "asc" } });
    expect(outbox.map((m) => m.key)).toEqual([...rounds.map((r) => `round-opened:${r.id}`), expect.stringMatching(/^campaign-busy:/)]);
    expect(JSON.parse(outbox[0]!.payload).text).toContain("Đảng ủy phường Mỹ Bình");
    // The busy cell's secretary joins: the own round closes, the cell gets the campaign's round.
    const joined = await joinCampaign(deps, await member(12), rounds[0]!.campaignId!, createRenderer(i18n, "vi", "bot", clock), renderer);
    expect(joined).toMatchObject({ kind: "joined", closedOwn: { title: "Đợt riêng" } });
  });

  it("while open, the roll-up has participation only; a committee never sees outside its subtree", async () => {
    for (const id of [11, 111, 112]) await submitForm(deps, await member(id), { 4: "MINOR" });
    await submitForm(deps, await member(13), { 4: "SIGNIFICANT", 6: "MINOR" });
    const r = await committeeRollup(deps, await actor(-100n, 1));
    if (r.kind !== "rollup") throw new Error(r.kind);
    expect(r.rollup.closed).toBe(false);
    expect(r.rollup.data).toMatchObject({ cells: 3, started: 2, complete: 0, members: 10, submitted: 4, items: [], itemCells: 0 });
    expect(r.rollup.data.units.map((u) => `${u.name} ${u.submitted}/${u.members}`)).toEqual(["Chi bộ B 0/2", "Đảng ủy khối Cơ quan 1/3", "Chi bộ A 3/5"]);
    // The lower committee follows the same campaign for its own cells only.
    const lower = await committeeRollup(deps, await actor(-200n, 2));
    if (lower.kind !== "rollup") throw new Error(lower.kind);
    expect(lower.rollup.data).toMatchObject({ cells: 1, members: 3, submitted: 1 });
    expect(lower.rollup.canEnd).toBe(false);
    // Another committee: nothing of this campaign, even with its id.
    expect(await committeeRollup(deps, await actor(-900n, 9), r.rollup.campaign.id)).toEqual({ kind: "forbidden" });
    expect(await committeeRollup(deps, await actor(-900n, 9))).toEqual({ kind: "noCampaign" });
    // A plain roster member is not an officer.
    expect(await committeeRollup(deps, null)).toEqual({ kind: "forbidden" });
  });

  it("nudges the secretaries of cells with members pending, once an hour", async () => {
    const renderer = createCommitteeRenderer(i18n, "vi", "bot");
    expect(await nudgeSecretaries(deps, await actor(-100n, 1), renderer)).toMatchObject({ kind: "queued", count: 3 });
    expect(await nudgeSecretaries(deps, await actor(-100n, 1), renderer)).toMatchObject({ kind: "queued", count: 0, skippedRecent: 3 });
    const nudges = await database.db.outbox.findMany({ where: { key: { startsWith: "secretary-nudge:" } } });
    expect(nudges.map((n) => BigInt(n.recipient)).sort()).toEqual([11n, 12n, 13n]);
  });

  it("after an officer ends it, items and corrections count only the cell with at least 3 forms; the files hold the same numbers", async () => {
    const r0 = await committeeRollup(deps, await actor(-100n, 1));
    if (r0.kind !== "rollup") throw new Error(r0.kind);
    expect(await endCampaign(deps, await actor(-200n, 2), r0.rollup.campaign.id, createRenderer(i18n, "vi", "bot", clock))).toEqual({ kind: "forbidden" });
    const ended = await endCampaign(deps, await actor(-100n, 1), r0.rollup.campaign.id, createRenderer(i18n, "vi", "bot", clock));
    expect(ended).toMatchObject({ kind: "ended", rounds: 3 });
    expect(await database.db.round.count({ where: { campaignId: r0.rollup.campaign.id, closedAt: null } })).toBe(0);
    const r = await committeeRollup(deps, await actor(-100n, 1));
    if (r.kind !== "rollup") throw new Error(r.kind);
    expect(r.rollup.closed).toBe(true);
    expect(r.rollup.data.itemCells).toBe(1);
    expect(r.rollup.data.items).toEqual([{ code: "1.5", minor: 3, significant: 0, total: 3 }]);
    expect(r.rollup.data.remediation).toMatchObject({ committed: 3, corrected: 0, overdue: 0 });
    const doc = await committeeDocument(deps, await actor(-100n, 1), r.rollup.campaign.id, "vi");
    if (doc.kind !== "document") throw new Error(doc.kind);
    expect(doc.input.data).toEqual(r.rollup.data);
    expect(doc.input.groups.flatMap((g) => g.items).filter((i) => i.total > 0)).toMatchObject([{ code: "1.5", minor: 3, total: 3 }]);
    expect(doc.input.cells.find((c) => c.name === "Chi bộ C")).toMatchObject({ counted: false, marks: {} });
    const bytes = await deps.documents.committeeFile("docx", doc.input, "vi");
    expect(Buffer.from(bytes).subarray(0, 2).toString()).toBe("PK");
  });
});
