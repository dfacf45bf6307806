/** Typed free text outside the form is cleaned too: follow-up notes and report settings. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveNote, startNote } from "../../src/app/followup.js";
import { joinCell, setupCell } from "../../src/app/onboarding.js";
import type { MemberWithCell } from "../../src/app/ports.js";
import { reportSettings } from "../../src/app/report-files.js";
import { openRound } from "../../src/app/rounds.js";
import { appDeps, person, testClock, tgGroup } from "../support/app.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { submitForm } from "../support/forms.js";

let database: TestDatabase;
let deps: ReturnType<typeof appDeps>;
let secretary: MemberWithCell;
let member: MemberWithCell;
let formId: number;

beforeAll(async () => {
  database = await freshDatabase();
  deps = appDeps(database, testClock("2026-11-22T03:00:00Z"));
  await setupCell(deps, {
    group: tgGroup(-900n),
    chatTitle: "Nhóm",
    caller: await person(deps, 901, "Nguyễn Văn An"),
    callerIsAdmin: true,
    name: "Chi bộ Văn bản",
  });
  secretary = (await database.store.findActiveMembership(901n))!;
  await joinCell(deps, { joinCode: secretary.cell.joinCode, person: await person(deps, 902, "Trần Thị Bình") });
  member = (await database.store.findActiveMembership(902n))!;
  await openRound(deps, secretary, "15/12/2026 Đợt 1", (d) => `Đợt ${d}`);
  formId = await submitForm(deps, member, { 0: "MINOR" });
  await database.store.saveProgress({ assessmentId: formId, itemCode: "1.1", period: "2026-11", status: "IN_PROGRESS", at: deps.clock() });
});
afterAll(() => database.close());

describe("follow-up note", () => {
  it("is stored without bidi controls, composed, with its line breaks", async () => {
    expect(await startNote(deps, member, { assessmentId: formId, itemIndex: 0, period: "2026-11" })).toEqual({ kind: "askNote", code: "1.1" });
    const user = await database.store.findUser(902n);
    expect(await saveNote(deps, member, user!.awaiting, "\u202EĐa\u0303 ho\u0323c\u200B xong\r\nphần 1")).toEqual({ kind: "saved" });
    const row = await database.db.correctionProgress.findFirstOrThrow({ where: { assessmentId: formId } });
    expect(row.note).toBe("Đã học xong\nphần 1");
  });

  it("counts its length after cleaning", async () => {
    await startNote(deps, member, { assessmentId: formId, itemIndex: 0, period: "2026-11" });
    const user = await database.store.findUser(902n);
    const padded = `${"a".repeat(500)}${"\u200B".repeat(100)}`;
    expect(await saveNote(deps, member, user!.awaiting, padded)).toEqual({ kind: "saved" });
  });
});

describe("report settings", () => {
  it("are cleaned like names: controls removed, an invisible-only value refused", async () => {
    const changed = await reportSettings(deps, secretary, "diadanh Hà\u202E Nội\u200B");
    expect(changed).toMatchObject({ kind: "changed", settings: { place: "Hà Nội" } });
    expect(await reportSettings(deps, secretary, "captren \u200B\u200B\u200B")).toEqual({ kind: "usage" });
    expect((await database.store.cellSettings(secretary.cellId)).higherBody).toBe("");
  });
});
