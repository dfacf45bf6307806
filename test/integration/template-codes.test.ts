/**
 * Issue 17 point 1 at the committee level: a committee's template whose item codes are not
 * "<n>.<n>" (A1, constructor, toString, a 12-character code) runs a campaign; the roll-up and
 * the committee's spreadsheet count each code as itself (a plain object keyed by code found
 * Object.prototype's "constructor" and "toString" and added to them).
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { committeeActor, type CommitteeActor } from "../../src/app/committee.js";
import { endCampaign, openCampaign } from "../../src/app/committee-campaigns.js";
import { committeeDocument } from "../../src/app/committee-documents.js";
import { committeeRollup } from "../../src/app/committee-rollup.js";
import { joinCell, setupCell } from "../../src/app/onboarding.js";
import type { MemberWithCell } from "../../src/app/ports.js";
import { chooseTemplate, importTemplateFile, saveTemplate, templateActors } from "../../src/app/templates.js";
import { createCommitteeRenderer } from "../../src/bot/presenters/committee.js";
import { createRenderer } from "../../src/bot/presenters/notifications.js";
import { createI18n, type I18n } from "../../src/infra/i18n/index.js";
import { appDeps, person, testClock, tgGroup } from "../support/app.js";
import { committeeAt, linkUnit } from "../support/committee-tree.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { submitForm } from "../support/forms.js";

const CODES = ["A1", "constructor", "toString", "Zz-9.long_12"];
const templateJson = JSON.stringify({
  code: "ma-la-phuong",
  title: { vi: "Mẫu mã lạ của phường" },
  groups: [{ code: "A", title: { vi: "Nhóm A" }, items: CODES.map((code) => ({ code, text: { vi: `Nội dung ${code}` }, short: { vi: `Nhãn ${code}` } })) }],
});

let database: TestDatabase;
let deps: ReturnType<typeof appDeps>;
let i18n: I18n;
const clock = testClock("2026-11-02T03:00:00Z");
const member = async (id: number): Promise<MemberWithCell> => (await database.store.findActiveMembership(BigInt(id)))!;
const officer = async (): Promise<CommitteeActor> => (await committeeActor(deps, (await deps.committees.findCommitteeByGroup(tgGroup(-170n)))!, 17n))!;

beforeAll(async () => {
  database = await freshDatabase();
  deps = appDeps(database, clock);
  i18n = await createI18n("vi");
  await committeeAt(deps, { group: -170n, chatTitle: "ĐU", secretary: [17, "Lê Bí Thư"], name: "Đảng ủy phường Mã lạ" });
  await setupCell(deps, { group: tgGroup(-171n), chatTitle: "A", caller: await person(deps, 171, "Bí thư A"), callerIsAdmin: true, name: "Chi bộ A" });
  for (const id of [1711, 1712]) await joinCell(deps, { joinCode: (await member(171)).cell.joinCode, person: await person(deps, id, `Đảng viên ${id}`) });
  expect(await linkUnit(deps, -170n, 17, -171n, 171)).toMatchObject({ kind: "attached" });
});
afterAll(() => database.close());

describe("a committee's campaign on a template with odd codes", () => {
  it("counts constructor and the 12-character code as themselves in the roll-up and the spreadsheet; an unmarked toString is 0", async () => {
    const actor = (await templateActors(deps, 17n, null)).find((a) => a.owner.kind === "COMMITTEE")!;
    const bytes = new TextEncoder().encode(templateJson);
    const imported = await importTemplateFile(deps, actor, { fileName: "ma-la.json", size: bytes.length, download: async () => bytes });
    if (imported.kind !== "preview") throw new Error(JSON.stringify(imported));
    expect(await saveTemplate(deps, actor, imported.draftId)).toMatchObject({ kind: "saved", itemCount: 4 });
    expect(await chooseTemplate(deps, actor, "ma-la-phuong")).toMatchObject({ kind: "chosen" });
    expect(await openCampaign(deps, await officer(), "30/11/2026 Đợt mã lạ", () => "x", createCommitteeRenderer(i18n, "vi", "bot"))).toMatchObject({
      kind: "opened",
      rounds: 1,
    });

    // Three forms: constructor marked by all three, the long code by one, A1 by two, toString by none.
    await submitForm(deps, await member(171), { 0: "MINOR", 1: "SIGNIFICANT", 3: "MINOR" });
    await submitForm(deps, await member(1711), { 0: "MINOR", 1: "MINOR" });
    await submitForm(deps, await member(1712), { 1: "SIGNIFICANT" });
    const open = await committeeRollup(deps, await officer());
    if (open.kind !== "rollup") throw new Error(open.kind);
    const campaign = open.rollup.campaign.id;
    expect(await endCampaign(deps, await officer(), campaign, createRenderer(i18n, "vi", "bot", clock))).toMatchObject({ kind: "ended" });

    const r = await committeeRollup(deps, await officer());
    if (r.kind !== "rollup") throw new Error(r.kind);
    expect(r.rollup.data.items).toEqual([
      { code: "constructor", minor: 1, significant: 2, total: 3 },
      { code: "A1", minor: 2, significant: 0, total: 2 },
      { code: "Zz-9.long_12", minor: 1, significant: 0, total: 1 },
    ]);
    const doc = await committeeDocument(deps, await officer(), campaign, "vi");
    if (doc.kind !== "document") throw new Error(doc.kind);
    const cell = doc.input.cells.find((c) => c.name === "Chi bộ A")!;
    expect(Object.entries(cell.marks).sort(([a], [b]) => CODES.indexOf(a) - CODES.indexOf(b))).toEqual([
      ["A1", 2],
      ["constructor", 3],
      ["Zz-9.long_12", 1],
    ]);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await deps.documents.committeeFile("xlsx", doc.input, "vi")) as unknown as ArrayBuffer);
    // The header row is under the sheet's title row (issue 19: sheets ready to print).
    const sheet = workbook.worksheets.find((s) => s.getRow(2).values.toString().includes("constructor"))!;
    const header = (sheet.getRow(2).values as unknown[]).map(String);
    const row = sheet.getRows(3, sheet.rowCount - 2)!.find((r) => r.getCell(1).value === "Chi bộ A")!;
    expect(CODES.map((code) => row.getCell(header.indexOf(code)).value)).toEqual([2, 3, 0, 1]);
  });
});
