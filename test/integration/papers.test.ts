/**
 * Each level's paper (issue 19) on a real SQLite file: Tỉnh ủy An Giang → Huyện ủy Châu Phú →
 * Đảng ủy xã Vĩnh Thạnh Trung → Chi bộ ấp Vĩnh Thạnh, linked by codes. The cell's report prints
 * the đảng ủy xã's đảng bộ above it without /caidat captren; the huyện ủy's report is numbered
 * "-BC/HU", signed "T/M BAN THƯỜNG VỤ" under "ĐẢNG BỘ TỈNH AN GIANG"; settings override.
 */
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { committeeSettings, type CommitteeActor } from "../../src/app/committee.js";
import { committeeFile } from "../../src/app/committee-documents.js";
import { openCampaign } from "../../src/app/committee-campaigns.js";
import { joinCell, setupCell } from "../../src/app/onboarding.js";
import type { MemberWithCell } from "../../src/app/ports.js";
import { reportFile, reportSettings } from "../../src/app/report-files.js";
import { createCommitteeRenderer } from "../../src/bot/presenters/committee.js";
import { createI18n, type I18n } from "../../src/infra/i18n/index.js";
import { appDeps, person, testClock, tgGroup } from "../support/app.js";
import { actorAt, committeeAt, linkUnit } from "../support/committee-tree.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";

let database: TestDatabase;
let deps: ReturnType<typeof appDeps>;
let i18n: I18n;
const clock = testClock("2026-11-02T03:00:00Z");

const member = async (id: number): Promise<MemberWithCell> => (await database.store.findActiveMembership(BigInt(id)))!;
const actor = (group: bigint, userId: number): Promise<CommitteeActor> => actorAt(deps, group, userId);

/** The document's paragraphs, each as its text. */
async function paragraphs(bytes: Uint8Array): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string");
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""));
}

let campaignId = 0;

beforeAll(async () => {
  database = await freshDatabase();
  deps = appDeps(database, clock);
  i18n = await createI18n("vi");
  await committeeAt(deps, { group: -300n, chatTitle: "TU", secretary: [3, "Bí thư Tỉnh"], name: "Tỉnh ủy An Giang" });
  await committeeAt(deps, { group: -310n, chatTitle: "HU", secretary: [31, "Nguyễn Văn Hùng"], name: "Huyện ủy Châu Phú" });
  await committeeAt(deps, { group: -320n, chatTitle: "ĐU", secretary: [32, "Bí thư Xã"], name: "Đảng ủy xã Vĩnh Thạnh Trung" });
  await setupCell(deps, {
    group: tgGroup(-321n),
    chatTitle: "CB",
    caller: await person(deps, 321, "Bí thư Ấp"),
    callerIsAdmin: true,
    name: "Chi bộ ấp Vĩnh Thạnh",
  });
  const cell = (await deps.cells.findCellByGroup(tgGroup(-321n)))!;
  for (const id of [3211, 3212]) await joinCell(deps, { joinCode: cell.joinCode, person: await person(deps, id, `Đảng viên ${id}`) });
  expect(await linkUnit(deps, -300n, 3, -310n, 31)).toMatchObject({ kind: "attached" });
  expect(await linkUnit(deps, -310n, 31, -320n, 32)).toMatchObject({ kind: "attached" });
  expect(await linkUnit(deps, -320n, 32, -321n, 321)).toMatchObject({ kind: "attached" });
  const opened = await openCampaign(deps, await actor(-310n, 31), "30/11/2026 Tự soi quý IV", () => "x", createCommitteeRenderer(i18n, "vi", "bot"));
  if (opened.kind !== "opened") throw new Error(opened.kind);
  campaignId = opened.campaign.id;
});
afterAll(() => database.close());

describe("a cell linked under a đảng ủy xã", () => {
  it("prints the đảng ủy xã's đảng bộ above the cell and sends the report to the đảng ủy, with no /caidat captren", async () => {
    const secretary = await member(321);
    const round = (await deps.rounds.findLatestRound(secretary.cellId))!;
    const file = await reportFile(deps, secretary, round.id, "docx", "vi");
    if (file.kind !== "file") throw new Error(file.kind);
    const lines = await paragraphs(file.bytes);
    expect(lines.slice(0, 3)).toEqual(["ĐẢNG BỘ XÃ VĨNH THẠNH TRUNG", "CHI BỘ ẤP VĨNH THẠNH", "*"]);
    expect(lines).toContain("- Đảng ủy xã Vĩnh Thạnh Trung (để báo cáo),");
    expect(lines).toContain("T/M CHI BỘ");
    expect(lines.some((l) => /^Số +-BC\/CB$/.test(l))).toBe(true);
    // No hint to set the higher body: the link gave it.
    expect(file.higherBodySet).toBe(true);
  });

  it("lets /caidat captren, sohieu and kyten override the link and the guess, and '-' go back to them", async () => {
    const secretary = await member(321);
    const shown = await reportSettings(deps, secretary, "");
    expect(shown).toMatchObject({
      kind: "shown",
      parentName: "Đảng ủy xã Vĩnh Thạnh Trung",
      marks: { higherBody: "Đảng bộ xã Vĩnh Thạnh Trung", numberSuffix: "CB" },
    });
    expect(await reportSettings(deps, secretary, "captren Đảng bộ Khối Dân chính Đảng")).toMatchObject({
      kind: "changed",
      marks: { higherBody: "Đảng bộ Khối Dân chính Đảng" },
    });
    expect(await reportSettings(deps, secretary, "sohieu đu")).toMatchObject({ kind: "changed", settings: { numberSuffix: "ĐU" } });
    expect(await reportSettings(deps, secretary, "kyten ban chi ủy")).toMatchObject({ kind: "changed", settings: { signOff: "T/M BAN CHI ỦY" } });
    expect(await reportSettings(deps, secretary, "sohieu H-U")).toEqual({ kind: "badSuffix" });
    // As people type them: "số hiệu", "ký tên".
    expect(await reportSettings(deps, secretary, "số hiệu cb")).toMatchObject({ kind: "changed", settings: { numberSuffix: "CB" } });
    expect(await reportSettings(deps, secretary, "Ký tên Chi ủy")).toMatchObject({ kind: "changed", settings: { signOff: "T/M CHI ỦY" } });
    await reportSettings(deps, secretary, "sohieu đu");
    await reportSettings(deps, secretary, "kyten ban chi ủy");
    const round = (await deps.rounds.findLatestRound(secretary.cellId))!;
    const file = await reportFile(deps, secretary, round.id, "docx", "vi");
    if (file.kind !== "file") throw new Error(file.kind);
    const lines = await paragraphs(file.bytes);
    expect(lines[0]).toBe("ĐẢNG BỘ KHỐI DÂN CHÍNH ĐẢNG");
    expect(lines).toContain("- Đảng bộ Khối Dân chính Đảng (để báo cáo),");
    expect(lines.some((l) => /^Số +-BC\/ĐU$/.test(l))).toBe(true);
    expect(lines).toContain("T/M BAN CHI ỦY");
    for (const clear of ["captren -", "sohieu -", "kyten -"]) await reportSettings(deps, secretary, clear);
    expect(await reportSettings(deps, secretary, "")).toMatchObject({
      settings: { higherBody: "", numberSuffix: "", signOff: "" },
      marks: { higherBody: "Đảng bộ xã Vĩnh Thạnh Trung", numberSuffix: "CB", signOff: null },
    });
  });
});

describe("a huyện ủy linked under a tỉnh ủy", () => {
  it("numbers its report -BC/HU, signs it T/M BAN THƯỜNG VỤ under ĐẢNG BỘ TỈNH AN GIANG, and cites Kết luận 21", async () => {
    await committeeSettings(deps, await actor(-310n, 31), "so 125");
    await committeeSettings(deps, await actor(-310n, 31), "diadanh Châu Phú");
    const file = await committeeFile(deps, await actor(-310n, 31), campaignId, "docx", "vi");
    if (file.kind !== "file") throw new Error(file.kind);
    const lines = await paragraphs(file.bytes);
    expect(lines.slice(0, 3)).toEqual(["ĐẢNG BỘ TỈNH AN GIANG", "HUYỆN ỦY CHÂU PHÚ", "*"]);
    expect(lines).toContain("Số 125-BC/HU");
    expect(lines).toContain("Châu Phú, ngày 02 tháng 11 năm 2026");
    expect(lines).toContain("T/M BAN THƯỜNG VỤ");
    expect(lines).toContain("- Tỉnh ủy An Giang (để báo cáo),");
    expect(lines.join("\n")).toContain("trong nội bộ gắn với Kết luận số 21-KL/TW ngày 25/10/2021");
  });

  it("takes its own suffix, sign-off and higher body from /caidat, and kl21 off drops Kết luận 21", async () => {
    const officer = await actor(-310n, 31);
    expect(await committeeSettings(deps, officer, "sohieu ThU")).toMatchObject({ kind: "changed", settings: { numberSuffix: "ThU" } });
    expect(await committeeSettings(deps, officer, "kyten Thường trực Huyện ủy")).toMatchObject({
      kind: "changed",
      settings: { signOff: "T/M THƯỜNG TRỰC HUYỆN ỦY" },
    });
    expect(await committeeSettings(deps, officer, "captren Ban Thường vụ Tỉnh ủy")).toMatchObject({
      kind: "changed",
      marks: { higherBody: "Ban Thường vụ Tỉnh ủy" },
    });
    expect(await committeeSettings(deps, officer, "kl21 tat")).toMatchObject({ kind: "changed", settings: { conclusion21: false } });
    expect(await committeeSettings(deps, officer, "kl21 maybe")).toEqual({ kind: "badConclusion" });
    const file = await committeeFile(deps, officer, campaignId, "docx", "vi");
    if (file.kind !== "file") throw new Error(file.kind);
    const lines = await paragraphs(file.bytes);
    expect(lines[0]).toBe("BAN THƯỜNG VỤ TỈNH ỦY");
    expect(lines).toContain("Số 125-BC/ThU");
    expect(lines).toContain("T/M THƯỜNG TRỰC HUYỆN ỦY");
    expect(lines.join("\n")).not.toContain("21-KL/TW");
  });

  it("an đảng ủy xã under it prints ĐẢNG BỘ HUYỆN CHÂU PHÚ, -BC/ĐU and T/M ĐẢNG ỦY", async () => {
    const file = await committeeFile(deps, await actor(-320n, 32), campaignId, "docx", "vi");
    if (file.kind !== "file") throw new Error(file.kind);
    const lines = await paragraphs(file.bytes);
    expect(lines.slice(0, 2)).toEqual(["ĐẢNG BỘ HUYỆN CHÂU PHÚ", "ĐẢNG ỦY XÃ VĨNH THẠNH TRUNG"]);
    expect(lines.some((l) => /^Số +-BC\/ĐU$/.test(l))).toBe(true);
    expect(lines).toContain("T/M ĐẢNG ỦY");
    expect(lines).toContain("- Huyện ủy Châu Phú (để báo cáo),");
  });
});
