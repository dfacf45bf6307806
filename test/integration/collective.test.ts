/**
 * The chi ủy's collective form (issue 11, DESIGN §7) through the use cases on a real SQLite
 * file: only the secretary fills it; it is one form per round apart from the secretary's own;
 * no member figure counts it (the cell's report, reminders, the detail, the committee's
 * roll-up); the report and the DOCX show it apart; its measures are followed up with the
 * secretary in a message that says they are the collective's.
 */
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAssessment } from "../../src/app/assessment.js";
import { openCampaign } from "../../src/app/committee-campaigns.js";
import { committeeRollup } from "../../src/app/committee-rollup.js";
import { recordProgress } from "../../src/app/followup.js";
import { setMemberRole } from "../../src/app/members.js";
import { joinCell, setupCell } from "../../src/app/onboarding.js";
import type { MemberWithCell } from "../../src/app/ports.js";
import { roundReport } from "../../src/app/report.js";
import { memberDetail, reportFile } from "../../src/app/report-files.js";
import { closeRound, openRound } from "../../src/app/rounds.js";
import { runDueWork } from "../../src/app/scheduler.js";
import { createCommitteeRenderer } from "../../src/bot/presenters/committee.js";
import { createRenderer } from "../../src/bot/presenters/notifications.js";
import { renderReport } from "../../src/bot/presenters/report.js";
import { createI18n, type I18n } from "../../src/infra/i18n/index.js";
import { appDeps, person, testClock, tgGroup } from "../support/app.js";
import { actorAt, committeeAt, linkUnit } from "../support/committee-tree.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { submitForm } from "../support/forms.js";

let database: TestDatabase;
let deps: ReturnType<typeof appDeps>;
let i18n: I18n;
const clock = testClock("2026-11-10T03:00:00Z");
const GROUP = -7100n;
const member = async (id: number): Promise<MemberWithCell> => (await database.store.findActiveMembership(BigInt(id)))!;

async function docxText(bytes: Uint8Array): Promise<string> {
  const xml = await (await JSZip.loadAsync(Buffer.from(bytes))).file("word/document.xml")!.async("string");
  return xml.replace(/<w:p[ >]/g, "\n$&").replace(/<[^>]+>/g, "");
}

beforeAll(async () => {
  database = await freshDatabase();
  deps = appDeps(database, clock);
  i18n = await createI18n("vi");
  await setupCell(deps, {
    group: tgGroup(GROUP),
    chatTitle: "Nhóm",
    caller: await person(deps, 1, "Nguyễn Văn An"),
    callerIsAdmin: true,
    name: "Chi bộ Tập thể",
  });
  const cell = (await deps.cells.findCellByGroup(tgGroup(GROUP)))!;
  for (const [id, name] of [
    [2, "Trần Thị Bình"],
    [3, "Lê Văn Cường"],
    [4, "Phạm Dũng"],
  ] as const)
    await joinCell(deps, { joinCode: cell.joinCode, person: await person(deps, id, name) });
  await setMemberRole(deps, await member(1), (await member(2)).id, "DEPUTY");
  await openRound(deps, await member(1), "30/11/2026 Đợt cuối năm", () => "x");
});
afterAll(() => database.close());

describe("the chi ủy's collective form", () => {
  it("is the secretary's to fill: a deputy and a member are refused, and nothing is created", async () => {
    expect(await startAssessment(deps, await member(2), { collective: true })).toEqual({ kind: "forbidden" });
    expect(await startAssessment(deps, await member(3), { collective: true })).toEqual({ kind: "forbidden" });
    expect(await database.db.assessment.count({ where: { collective: true } })).toBe(0);
  });

  it("is a form of its own, with the same items; filing it submits nobody and changes no member figure", async () => {
    const collective = await submitForm(deps, await member(1), { 3: "SIGNIFICANT", 14: "MINOR" }, "2027-03-31", { collective: true });
    const start = await startAssessment(deps, await member(1), { collective: true });
    expect(start).toMatchObject({ kind: "view", view: { assessmentId: collective, collective: true } });
    // The secretary's own form is another one, still to fill.
    const own = await startAssessment(deps, await member(1));
    expect(own).toMatchObject({ kind: "view", view: { collective: false, state: { screen: { kind: "question", index: 0 } } } });
    expect((own as { view: { assessmentId: number } }).view.assessmentId).not.toBe(collective);

    const report = await roundReport(deps, await member(1));
    if (report.kind !== "report") throw new Error(report.kind);
    expect(report.report.data).toMatchObject({
      submitted: 0,
      total: 4,
      items: [],
      pendingNames: ["Lê Văn Cường", "Nguyễn Văn An", "Phạm Dũng", "Trần Thị Bình"],
    });
    expect(report.report.collective).toMatchObject({
      status: "submitted",
      items: [
        { code: "1.4", value: "SIGNIFICANT" },
        { code: "2.6", value: "MINOR" },
      ],
    });
    // Reminders still go to the secretary: the collective form is not their own.
    expect((await deps.members.pendingMembers(report.report.round.id, report.report.cell.id)).map((m) => m.fullName)).toContain("Nguyễn Văn An");
    const detail = await memberDetail(deps, await member(1), null, "vi", "DETAIL_VIEW");
    if (detail.kind !== "detail") throw new Error(detail.kind);
    expect(detail.input.members.find((m) => m.name === "Nguyễn Văn An")).toMatchObject({ submitted: false, items: [] });
  });

  it("shows in /baocao on its own lines: its items to officers in private; to the group only once the round's figures are public", async () => {
    await submitForm(deps, await member(2), { 3: "MINOR" });
    const open = await roundReport(deps, await member(1));
    if (open.kind !== "report") throw new Error(open.kind);
    const t = i18n.t("vi");
    const group = renderReport(open.report, t, "vi", "group");
    expect(group).toContain("Đã nộp: 1/4 đảng viên (25%)");
    expect(group).toContain("<b>Tập thể chi ủy:</b> đã tự soi · 2 biểu hiện (không tính vào số đảng viên đã nộp)");
    expect(group).not.toContain("2.6.");
    const officer = renderReport(open.report, t, "vi", "private");
    expect(officer).toMatch(/• 1\.4\. .+ — Có, cần khắc phục/);
    expect(officer).toMatch(/• 2\.6\. .+ — Có, mức độ nhẹ/);
    // The members' item line counts the deputy only, never the collective.
    expect(officer).toMatch(/1\.4\. .+ — 1 đảng viên/);
    expect(officer).not.toMatch(/2\.6\. .+ — \d+ đảng viên/);

    for (const id of [3, 4]) await submitForm(deps, await member(id));
    await closeRound(deps, await member(1), open.report.round.id, createRenderer(i18n, "vi", "bot", clock));
    const closed = await roundReport(deps, await member(1));
    if (closed.kind !== "report") throw new Error(closed.kind);
    expect(closed.report.data).toMatchObject({ submitted: 3, total: 4 });
    expect(renderReport(closed.report, t, "vi", "group")).toMatch(/• 2\.6\. .+ — Có, mức độ nhẹ/);
  });

  it("has its section in the DOCX with its items and measures, apart from the members' figures", async () => {
    const round = (await deps.rounds.findLatestRound((await member(1)).cellId))!;
    const file = await reportFile(deps, await member(1), round.id, "docx", "vi");
    if (file.kind !== "file") throw new Error(file.kind);
    const text = await docxText(file.bytes);
    expect(text).toContain("KẾT QUẢ TỰ SOI CỦA TẬP THỂ CHI ỦY");
    expect(text).toContain("Kết quả tự soi của tập thể chi ủy");
    expect(text).toContain("Biện pháp khắc phục: Biện pháp 1.4. Thời hạn: 31/03/2027.");
    expect(text).toContain("Biện pháp khắc phục: Biện pháp 2.6. Thời hạn: 31/03/2027.");
    expect(text).toContain("Số đảng viên đã nộp bản tự soi: 3/4 đồng chí");
  });

  it("is followed up monthly with the secretary, in a message that says the measures are the collective's", async () => {
    clock.set("2026-12-01T01:05:00Z"); // the 1st, 08:05 in Hà Nội
    await runDueWork(deps, createRenderer(i18n, "vi", "bot", clock), clock());
    const messages = await database.db.outbox.findMany({ where: { kind: "FOLLOW_UP" }, orderBy: { id: "asc" } });
    const collective = messages.filter((m) => m.key.startsWith("follow-up-collective:"));
    expect(collective).toHaveLength(1);
    expect(BigInt(collective[0]!.recipient)).toBe(1n);
    const text = JSON.parse(collective[0]!.payload).text as string;
    expect(text).toContain("Theo dõi khắc phục của tập thể chi ủy tháng 12/2026");
    expect(text).toContain("không phải của riêng đồng chí");
    expect(text).toContain("Biện pháp 1.4");
    // The deputy's own follow-up holds only the deputy's item.
    const deputyId = (await member(2)).id;
    const deputy = messages.find((m) => m.key.startsWith(`follow-up:${deputyId}:`))!;
    expect(JSON.parse(deputy.payload).text).not.toContain("tập thể chi ủy");

    const form = (await deps.assessments.findCollective((await deps.rounds.findLatestRound((await member(1)).cellId))!.id))!;
    const renderer = createRenderer(i18n, "vi", "bot", clock);
    const input = { assessmentId: form.id, itemIndex: 3, period: "2026-12", status: "DONE" as const };
    // Only the secretary answers for the committee.
    expect(await recordProgress(deps, await member(2), input, renderer, "vi")).toEqual({ kind: "notYours" });
    const saved = await recordProgress(deps, await member(1), input, renderer, "vi");
    expect(saved).toMatchObject({ kind: "saved" });
    expect((saved as { message: { text: string } }).message.text).toContain("tập thể chi ủy");
    const report = await roundReport(deps, await member(1));
    if (report.kind !== "report") throw new Error(report.kind);
    expect(report.report.collective.items[0]).toMatchObject({ code: "1.4", progress: "DONE" });
    expect(report.report.data.remediation.corrected).toBe(0);
  });
});

describe("the committee's roll-up", () => {
  it("never counts a cell's collective form among the forms submitted", async () => {
    await committeeAt(deps, { group: -7200n, chatTitle: "ĐU", secretary: [20, "Lê Bí Thư"], name: "Đảng ủy phường Tập Thể" });
    await setupCell(deps, { group: tgGroup(-7201n), chatTitle: "Chi bộ E", caller: await person(deps, 21, "Bí thư E"), callerIsAdmin: true, name: "Chi bộ E" });
    const cell = (await deps.cells.findCellByGroup(tgGroup(-7201n)))!;
    await joinCell(deps, { joinCode: cell.joinCode, person: await person(deps, 22, "Đảng viên E") });
    const actor = await actorAt(deps, -7200n, 20);
    expect(await linkUnit(deps, -7200n, 20, -7201n, 21)).toMatchObject({ kind: "attached" });
    expect(await openCampaign(deps, actor, "20/12/2026 Đợt của đảng ủy", () => "x", createCommitteeRenderer(i18n, "vi", "bot"))).toMatchObject({
      kind: "opened",
    });
    await submitForm(deps, await member(21), { 0: "SIGNIFICANT" }, "2027-03-31", { collective: true });
    const rollup = await committeeRollup(deps, actor);
    if (rollup.kind !== "rollup") throw new Error(rollup.kind);
    expect(rollup.rollup.data).toMatchObject({ cells: 1, members: 2, submitted: 0 });
  });
});
