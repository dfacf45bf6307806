/**
 * Issue 18: one use case per intent, the permission check inside. The roll-up, a committee
 * file, ending a campaign, a cell's report file and a template action each take the caller
 * (who, from where) and the target, on a real SQLite file: each refuses a stranger, a member of
 * another unit and a lower unit's officer where the rules say so, and answers the right person.
 *
 * Tree: Đảng ủy phường (-100: bí thư 1, roster member 5) → chi bộ A (-101: bí thư 11, member
 * 111) and Đảng ủy khối (-200: bí thư 2) → chi bộ C (-201: bí thư 13, member 131); Đảng ủy
 * khác (-900: bí thư 9), outside. The phường opens a campaign over its subtree.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupCaller, privateCaller, webCaller, type Caller } from "../../src/app/caller.js";
import { committeeActor, joinCommitteeRoster } from "../../src/app/committee.js";
import { openCampaign } from "../../src/app/committee-campaigns.js";
import { committeeFileFor, endCampaignFor, mayEndCampaign, rollupFor } from "../../src/app/committee-intents.js";
import { reportFileFor } from "../../src/app/report-files.js";
import { templateAction } from "../../src/app/templates.js";
import { createCommitteeRenderer } from "../../src/bot/presenters/committee.js";
import { createRenderer } from "../../src/bot/presenters/notifications.js";
import { createI18n, type I18n } from "../../src/infra/i18n/index.js";
import { appDeps, person, testClock, tgGroup } from "../support/app.js";
import { committeeTree } from "../support/committee-tree.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";

let database: TestDatabase;
let deps: ReturnType<typeof appDeps>;
let i18n: I18n;
const clock = testClock("2026-11-02T03:00:00Z");
const ids = { upper: 0, lower: 0, other: 0, campaign: 0, roundA: 0, roundC: 0, cellA: 0, cellC: 0 };

const STRANGER = 999n;
const committeeOf = async (group: bigint) => (await deps.committees.findCommitteeByGroup(tgGroup(group)))!;

beforeAll(async () => {
  database = await freshDatabase();
  deps = appDeps(database, clock);
  i18n = await createI18n("vi");
  const { upper, cellA, cellC } = await committeeTree(deps, { members: { a: [111], c: [131] } });
  await joinCommitteeRoster(deps, upper.joinCode, await person(deps, 5, "Thành Viên"));
  const opened = await openCampaign(
    deps,
    await committeeActor(deps, upper, 1n),
    "30/11/2026 Sinh hoạt chính trị",
    () => "x",
    createCommitteeRenderer(i18n, "vi", "bot"),
  );
  if (opened.kind !== "opened") throw new Error(opened.kind);
  const rounds = await database.db.round.findMany({ where: { campaignId: opened.campaign.id } });
  Object.assign(ids, {
    upper: upper.id,
    lower: (await committeeOf(-200n)).id,
    other: (await committeeOf(-900n)).id,
    campaign: opened.campaign.id,
    cellA: cellA.id,
    cellC: cellC.id,
    roundA: rounds.find((r) => r.cellId === cellA.id)!.id,
    roundC: rounds.find((r) => r.cellId === cellC.id)!.id,
  });
});
afterAll(() => database.close());

/** Who is refused the upper committee's things, from where. */
const refusedUpper = (): [string, Caller][] => [
  ["a stranger, in private", privateCaller(STRANGER)],
  ["a stranger, in the committee's group", groupCaller(STRANGER, tgGroup(-100n))],
  ["a stranger, on the web", webCaller(STRANGER)],
  ["another committee's bí thư (another unit)", privateCaller(9n)],
  ["another committee's bí thư, on the web", webCaller(9n)],
  ["the lower committee's bí thư (a lower unit's officer)", privateCaller(2n)],
  ["the lower committee's bí thư, on the web", webCaller(2n)],
  ["a cell's secretary under the committee", privateCaller(11n)],
  ["a plain member of the committee's roster", groupCaller(5n, tgGroup(-100n))],
];

describe("the roll-up (rollupFor)", () => {
  it("refuses everyone but the committee's officers", async () => {
    for (const [who, caller] of refusedUpper()) {
      expect(await rollupFor(deps, caller, { committeeId: ids.upper }), who).toEqual({ kind: "forbidden" });
      expect(await rollupFor(deps, caller, { committeeId: ids.upper, campaignId: ids.campaign }), who).toEqual({ kind: "forbidden" });
    }
    // Where they asked: the committee's group is the committee's; in a cell's group there is no roll-up to ask for.
    expect(await rollupFor(deps, groupCaller(9n, tgGroup(-100n)))).toEqual({ kind: "forbidden" });
    expect(await rollupFor(deps, groupCaller(2n, tgGroup(-100n)))).toEqual({ kind: "forbidden" });
    expect(await rollupFor(deps, groupCaller(1n, tgGroup(-101n)))).toEqual({ kind: "notCommitteeGroup" });
    expect(await rollupFor(deps, privateCaller(STRANGER))).toEqual({ kind: "forbidden" });
    // Another committee's campaign, named in a button: refused even to an officer.
    expect(await rollupFor(deps, privateCaller(9n), { committeeId: ids.other, campaignId: ids.campaign })).toEqual({ kind: "forbidden" });
  });

  it("answers the committee's bí thư the same from a button, a typed command and the web", async () => {
    const asked = [
      await rollupFor(deps, groupCaller(1n, tgGroup(-100n))),
      await rollupFor(deps, privateCaller(1n)),
      await rollupFor(deps, privateCaller(1n), { committeeId: ids.upper, campaignId: ids.campaign }),
      await rollupFor(deps, webCaller(1n), { committeeId: ids.upper }),
    ];
    for (const answer of asked) {
      expect(answer).toMatchObject({
        kind: "rollup",
        rollup: { committee: { id: ids.upper }, campaign: { id: ids.campaign }, canEnd: true, data: { cells: 2, members: 4 } },
      });
    }
    // The lower committee's bí thư sees the campaign over their own subtree only, and may not end it.
    expect(await rollupFor(deps, privateCaller(2n))).toMatchObject({
      kind: "rollup",
      rollup: { committee: { id: ids.lower }, canEnd: false, data: { cells: 1, members: 2 } },
    });
    // On the web the upper bí thư drills down into the lower committee; not the other way up.
    expect(await rollupFor(deps, webCaller(1n), { committeeId: ids.lower })).toMatchObject({
      kind: "rollup",
      rollup: { committee: { id: ids.lower } },
      trail: [{ id: ids.upper }, { id: ids.lower }],
    });
    expect(await rollupFor(deps, privateCaller(1n), { committeeId: ids.lower })).toEqual({ kind: "forbidden" });
    expect(await rollupFor(deps, privateCaller(9n))).toMatchObject({ kind: "noCampaign", committee: { id: ids.other } });
  });
});

describe("a committee file (committeeFileFor)", () => {
  it("refuses everyone but the committee's officers, and draws the file for them", async () => {
    const target = { committeeId: ids.upper, campaignId: ids.campaign, file: "xlsx" as const };
    for (const [who, caller] of refusedUpper()) expect(await committeeFileFor(deps, caller, target, "vi"), who).toEqual({ kind: "forbidden" });
    const file = await committeeFileFor(deps, privateCaller(1n), target, "vi");
    expect(file).toMatchObject({ kind: "file", rollup: { committee: { id: ids.upper } } });
    expect(
      Buffer.from((file as { bytes: Uint8Array }).bytes)
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
    expect(await committeeFileFor(deps, webCaller(1n), target, "vi")).toMatchObject({ kind: "file" });
  });
});

describe("ending a campaign (mayEndCampaign, endCampaignFor)", () => {
  it("refuses everyone but the issuing committee's officers, the lower committee's too, on any place", async () => {
    const target = { committeeId: ids.upper, campaignId: ids.campaign };
    const renderer = createRenderer(i18n, "vi", "bot", clock);
    for (const [who, caller] of refusedUpper()) {
      expect(await mayEndCampaign(deps, caller, target), who).toEqual({ kind: "forbidden" });
      expect(await endCampaignFor(deps, caller, target, renderer), who).toEqual({ kind: "forbidden" });
    }
    // The lower committee follows the campaign, but did not issue it: naming itself does not help.
    expect(await mayEndCampaign(deps, privateCaller(2n), { committeeId: ids.lower, campaignId: ids.campaign })).toEqual({ kind: "forbidden" });
    expect(await endCampaignFor(deps, privateCaller(2n), { committeeId: ids.lower, campaignId: ids.campaign }, renderer)).toEqual({ kind: "forbidden" });
    expect(await database.db.campaign.findUniqueOrThrow({ where: { id: ids.campaign } })).toMatchObject({ closedAt: null });
  });

  it("lets the issuing committee's bí thư end it once", async () => {
    const target = { committeeId: ids.upper, campaignId: ids.campaign };
    const renderer = createRenderer(i18n, "vi", "bot", clock);
    expect(await mayEndCampaign(deps, groupCaller(1n, tgGroup(-100n)), target)).toMatchObject({
      kind: "mayEnd",
      campaign: { id: ids.campaign },
      committee: { id: ids.upper },
    });
    expect(await endCampaignFor(deps, privateCaller(1n), target, renderer)).toMatchObject({ kind: "ended", rounds: 2 });
    expect(await database.db.round.count({ where: { campaignId: ids.campaign, closedAt: null } })).toBe(0);
    expect(await mayEndCampaign(deps, privateCaller(1n), target)).toEqual({ kind: "notOpen" });
    expect(await endCampaignFor(deps, privateCaller(1n), target, renderer)).toEqual({ kind: "notOpen" });
  });
});

describe("a cell's report file (reportFileFor)", () => {
  it("refuses a stranger, a plain member, another cell's secretary and the committee above; draws it for the cell's secretary", async () => {
    const target = { roundId: ids.roundA, file: "xlsx" as const };
    const refused: [string, Caller][] = [
      ["a stranger", privateCaller(STRANGER)],
      ["a plain member of the cell", groupCaller(111n, tgGroup(-101n))],
      ["another cell's secretary", privateCaller(13n)],
      ["the committee's bí thư", privateCaller(1n)],
      ["the cell's secretary on the web, for another cell", webCaller(11n)],
    ];
    for (const [who, caller] of refused) expect(await reportFileFor(deps, caller, { ...target, cellId: ids.cellC }, "vi"), who).toEqual({ kind: "forbidden" });
    expect(await reportFileFor(deps, webCaller(111n), { ...target, cellId: ids.cellA }, "vi")).toEqual({ kind: "forbidden" });
    for (const caller of [groupCaller(11n, tgGroup(-101n)), privateCaller(11n)]) {
      expect(await reportFileFor(deps, caller, target, "vi")).toMatchObject({ kind: "file", member: { cellId: ids.cellA } });
    }
    expect(await reportFileFor(deps, webCaller(11n), { ...target, cellId: ids.cellA }, "vi")).toMatchObject({ kind: "file" });
  });
});

describe("a template action (templateAction)", () => {
  it("refuses a unit the caller does not manage and any group; answers the unit's officer", async () => {
    const upper = { kind: "COMMITTEE" as const, id: ids.upper };
    const download = { action: "download" as const, code: "nq04-xii", unit: upper };
    const refused: [string, Caller][] = [
      ["a stranger", privateCaller(STRANGER)],
      ["another committee's bí thư", privateCaller(9n)],
      ["the lower committee's bí thư", privateCaller(2n)],
      ["a cell's secretary under it", privateCaller(11n)],
      ["a plain member of its roster", privateCaller(5n)],
    ];
    for (const [who, caller] of refused) expect(await templateAction(deps, caller, download), who).toEqual({ kind: "forbidden" });
    expect(await templateAction(deps, groupCaller(1n, tgGroup(-100n)), download)).toEqual({ kind: "privateOnly" });
    // A cell's button: only its own officers; a member of the cell is refused.
    expect(await templateAction(deps, privateCaller(111n), { action: "download", code: "nq04-xii", unit: { kind: "CELL", id: ids.cellA } })).toEqual({
      kind: "forbidden",
    });
    expect(await templateAction(deps, privateCaller(13n), { action: "download", code: "nq04-xii", unit: { kind: "CELL", id: ids.cellA } })).toEqual({
      kind: "forbidden",
    });
    expect(await templateAction(deps, privateCaller(1n), download)).toMatchObject({
      kind: "download",
      actor: { owner: upper },
      result: { kind: "file", entry: { code: "nq04-xii" } },
    });
    expect(await templateAction(deps, privateCaller(11n), { action: "download", code: "nq04-xii" })).toMatchObject({
      kind: "download",
      result: { kind: "file" },
    });
  });
});
