/**
 * Templates at the committee level (issue 11 with issue 10): a committee's officer imports and
 * chooses a template; the committee's campaign opens every cell's round on it; cells (and lower
 * committees) see the templates of the committees above them, may choose one, never delete it;
 * a cell outside the subtree never sees it; a roster member who is not an officer has no /mau.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { committeeActor } from "../../src/app/committee.js";
import { openCampaign } from "../../src/app/committee-campaigns.js";
import { joinCell, setupCell } from "../../src/app/onboarding.js";
import type { MemberWithCell } from "../../src/app/ports.js";
import { closeRound, openRound } from "../../src/app/rounds.js";
import {
  actorForFile,
  chooseTemplate,
  deleteTemplate,
  downloadTemplate,
  importTemplateFile,
  listTemplates,
  saveTemplate,
  templateActors,
  type TemplateActor,
} from "../../src/app/templates.js";
import { createCommitteeRenderer } from "../../src/bot/presenters/committee.js";
import { createRenderer } from "../../src/bot/presenters/notifications.js";
import { createI18n, type I18n } from "../../src/infra/i18n/index.js";
import { appDeps, person, testClock, tgGroup } from "../support/app.js";
import { committeeAt, linkUnit } from "../support/committee-tree.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";

let database: TestDatabase;
let deps: ReturnType<typeof appDeps>;
let i18n: I18n;
const clock = testClock("2026-11-02T03:00:00Z");
const member = async (id: number): Promise<MemberWithCell> => (await database.store.findActiveMembership(BigInt(id)))!;

async function committeeOfficer(userId: number): Promise<TemplateActor> {
  const actors = await templateActors(deps, BigInt(userId), null);
  const committee = actors.find((a) => a.owner.kind === "COMMITTEE");
  if (!committee) throw new Error(`user ${userId} is no committee officer`);
  return committee;
}

/** The built-in template with `code` and `name`, cut to `count` items. */
async function templateFile(actor: TemplateActor, code: string, name: string, count: number): Promise<Uint8Array> {
  const download = await downloadTemplate(deps, actor, "nq04-xii");
  if (download.kind !== "file") throw new Error(download.kind);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(download.bytes) as unknown as ArrayBuffer);
  workbook.getWorksheet("Mẫu")!.getCell("B2").value = name;
  workbook.getWorksheet("Mẫu")!.getCell("B3").value = code;
  const items = workbook.getWorksheet("Biểu hiện")!;
  for (let r = count + 2; r <= 28; r++)
    items.getRow(r).eachCell((cell) => {
      cell.value = null;
    });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function importAndSave(actor: TemplateActor, code: string, name: string, count: number) {
  const bytes = await templateFile(actor, code, name, count);
  const imported = await importTemplateFile(deps, actor, { fileName: `${code}.xlsx`, size: bytes.length, download: async () => bytes });
  if (imported.kind !== "preview") throw new Error(JSON.stringify(imported));
  const saved = await saveTemplate(deps, actor, imported.draftId);
  expect(saved).toMatchObject({ kind: "saved", code, version: 1, itemCount: count });
}

// Đảng ủy phường (-300, bí thư 30; roster member 39) → chi bộ A (-301: 31 + 311, 312) and đảng ủy khối (-400, bí thư 40) → chi bộ B (-401: 41);
// chi bộ C (-501: 51) stands alone.
beforeAll(async () => {
  database = await freshDatabase();
  deps = appDeps(database, clock);
  i18n = await createI18n("vi");
  await committeeAt(deps, { group: -300n, chatTitle: "ĐU", secretary: [30, "Lê Bí Thư"], name: "Đảng ủy phường Mẫu" });
  await committeeAt(deps, { group: -400n, chatTitle: "ĐUK", secretary: [40, "Trần Bí Thư"], name: "Đảng ủy khối Mẫu" });
  const joinA = await setupCell(deps, {
    group: tgGroup(-301n),
    chatTitle: "A",
    caller: await person(deps, 31, "Bí thư A"),
    callerIsAdmin: true,
    name: "Chi bộ A",
  });
  if (joinA.kind !== "created") throw new Error(joinA.kind);
  for (const id of [311, 312]) await joinCell(deps, { joinCode: (await member(31)).cell.joinCode, person: await person(deps, id, `Đảng viên ${id}`) });
  await setupCell(deps, { group: tgGroup(-401n), chatTitle: "B", caller: await person(deps, 41, "Bí thư B"), callerIsAdmin: true, name: "Chi bộ B" });
  await setupCell(deps, { group: tgGroup(-501n), chatTitle: "C", caller: await person(deps, 51, "Bí thư C"), callerIsAdmin: true, name: "Chi bộ C" });
  expect(await linkUnit(deps, -300n, 30, -301n, 31)).toMatchObject({ kind: "attached" });
  expect(await linkUnit(deps, -300n, 30, -400n, 40)).toMatchObject({ kind: "attached" });
  expect(await linkUnit(deps, -400n, 40, -401n, 41)).toMatchObject({ kind: "attached" });
  const committee = (await deps.committees.findCommitteeByGroup(tgGroup(-300n)))!;
  await deps.committees.addToRoster(committee.id, { id: 39n, firstName: "Thường", username: null }, "Đảng viên Thường");
});
afterAll(() => database.close());

describe("a committee's templates", () => {
  it("belong to its officers only: a roster member who is no officer has no /mau", async () => {
    expect(await templateActors(deps, 39n, null)).toEqual([]);
    expect((await templateActors(deps, 30n, null)).map((a) => [a.owner.kind, a.unitName])).toEqual([["COMMITTEE", "Đảng ủy phường Mẫu"]]);
    // The secretary of a cell is that cell's actor; the cell's ancestors are visible, nearest first.
    const cellB = await templateActors(deps, 41n, await member(41));
    expect(cellB.map((a) => a.visible.map((v) => v.name))).toEqual([["Chi bộ B", "Đảng ủy khối Mẫu", "Đảng ủy phường Mẫu"]]);
    expect(actorForFile(cellB, null)).toBe(cellB[0]);
  });

  it("an officer imports one and chooses it; the committee's campaign opens every cell's round on it", async () => {
    const officer = await committeeOfficer(30);
    await importAndSave(officer, "dang-uy-phuong", "Mẫu của Đảng ủy phường", 9);
    expect(await chooseTemplate(deps, officer, "dang-uy-phuong")).toMatchObject({ kind: "chosen" });
    const list = await listTemplates(deps, officer);
    if (list.kind !== "list") throw new Error(list.kind);
    expect(list.chosen).toEqual({ code: "dang-uy-phuong", version: 1 });
    expect(list.entries.find((e) => e.code === "dang-uy-phuong")).toMatchObject({ own: true, ownerName: "Đảng ủy phường Mẫu" });

    const campaign = await openCampaign(
      deps,
      (await committeeActor(deps, (await deps.committees.findCommitteeByGroup(tgGroup(-300n)))!, 30n))!,
      "30/11/2026 Đợt của phường",
      () => "x",
      createCommitteeRenderer(i18n, "vi", "bot"),
    );
    expect(campaign).toMatchObject({ kind: "opened", rounds: 2 });
    const rounds = await database.db.round.findMany({ where: { campaignId: { not: null } } });
    expect(rounds.map((r) => [r.checklistCode, r.checklistVersion])).toEqual([
      ["dang-uy-phuong", 1],
      ["dang-uy-phuong", 1],
    ]);
  });

  it("is seen by the cells and lower committees under it, who may choose it and never delete it; a cell outside never sees it", async () => {
    const listB = await listTemplates(deps, await member(41));
    if (listB.kind !== "list") throw new Error(listB.kind);
    expect(listB.entries.find((e) => e.code === "dang-uy-phuong")).toMatchObject({ own: false, builtIn: false, ownerName: "Đảng ủy phường Mẫu" });
    const lower = await listTemplates(deps, await committeeOfficer(40));
    if (lower.kind !== "list") throw new Error(lower.kind);
    expect(lower.entries.map((e) => e.code)).toContain("dang-uy-phuong");
    expect(await deleteTemplate(deps, await member(41), "dang-uy-phuong")).toEqual({ kind: "notFound" });

    const listC = await listTemplates(deps, await member(51));
    if (listC.kind !== "list") throw new Error(listC.kind);
    expect(listC.entries.map((e) => e.code)).not.toContain("dang-uy-phuong");
    expect(await chooseTemplate(deps, await member(51), "dang-uy-phuong")).toEqual({ kind: "notFound" });

    // Chi bộ A chooses the committee's template for its own rounds too.
    const renderer = createRenderer(i18n, "vi", "bot", clock);
    const campaignRound = (await deps.rounds.findLatestRound((await member(31)).cellId))!;
    await closeRound(deps, await member(31), campaignRound.id, renderer);
    expect(await chooseTemplate(deps, await member(31), "dang-uy-phuong")).toMatchObject({ kind: "chosen" });
    expect(await openRound(deps, await member(31), "20/12/2026 Đợt riêng", () => "x")).toMatchObject({ kind: "opened" });
    expect(await deps.rounds.findLatestRound((await member(31)).cellId)).toMatchObject({ checklistCode: "dang-uy-phuong", checklistVersion: 1 });
  });

  it("keeps a code to the unit that saved it: a cell cannot take over a committee's code", async () => {
    const cell = (await templateActors(deps, 31n, await member(31)))[0]!;
    const bytes = await templateFile(cell, "dang-uy-phuong", "Bản chép", 3);
    const imported = await importTemplateFile(deps, cell, { fileName: "x.xlsx", size: bytes.length, download: async () => bytes });
    expect(imported).toMatchObject({ kind: "problems", problems: [{ kind: "codeTaken", value: "dang-uy-phuong" }] });
    expect(await deps.templates.latestVersion("dang-uy-phuong")).toBe(1);
  });
});
