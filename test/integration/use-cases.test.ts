/** Use cases against a real, migrated SQLite file: what the database holds after each step. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyAssessmentEvent, startAssessment } from "../../src/app/assessment.js";
import { setMemberRole } from "../../src/app/members.js";
import { joinCell, saveFullName, setupCell } from "../../src/app/onboarding.js";
import type { MemberWithCell } from "../../src/app/ports.js";
import { roundReport } from "../../src/app/report.js";
import { openRound } from "../../src/app/rounds.js";
import type { AnswerValue } from "../../src/domain/assessment.js";
import { openStores } from "../../src/infra/db/index.js";
import { appDeps, person, testClock, tgGroup } from "../support/app.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";

let database: TestDatabase;
let deps: ReturnType<typeof appDeps>;
const clock = testClock("2026-11-22T03:00:00Z");
const title = (d: string) => `Đợt hạn ${d}`;

beforeAll(async () => {
  database = await freshDatabase();
  deps = appDeps(database, clock);
});
afterAll(() => database.close());

async function membership(id: number): Promise<MemberWithCell> {
  return (await database.store.findActiveMembership(BigInt(id)))!;
}

/** Answers every item of the member's form: `marked` maps item index → value, others NONE. */
async function answerAll(member: MemberWithCell, marked: Record<number, AnswerValue> = {}) {
  const start = await startAssessment(deps, member);
  if (start.kind !== "view") throw new Error(start.kind);
  const id = start.view.assessmentId;
  for (let index = start.view.state.screen.kind === "question" ? start.view.state.screen.index : 0; index < 27; index++) {
    const r = await applyAssessmentEvent(deps, member, id, { type: "answer", index, value: marked[index] ?? "NONE" });
    if (r.kind !== "applied") throw new Error(`answer ${index}: ${r.reason}`);
  }
  return id;
}

describe("cells and members", () => {
  it("creates the cell with the caller as secretary member", async () => {
    const r = await setupCell(deps, {
      group: tgGroup(-500n),
      chatTitle: "Nhóm chi bộ",
      caller: await person(deps, 1, "Nguyễn Văn An"),
      callerIsAdmin: true,
      name: "  Chi bộ   Kế toán ",
    });
    expect(r.kind).toBe("created");
    const cell = await database.db.cell.findUniqueOrThrow({
      where: { groupChannel_groupAddress: { groupChannel: "telegram", groupAddress: "-500" } },
      include: { members: true },
    });
    expect(cell.name).toBe("Chi bộ Kế toán");
    expect(cell.members.map((m) => [m.fullName, m.role])).toEqual([["Nguyễn Văn An", "SECRETARY"]]);
    expect(cell.joinCode).toMatch(/^[\w-]{8,}$/);
  });

  it("joins once, however often the link is pressed, and one person belongs to one cell", async () => {
    const cell = (await database.store.findCellByGroup(tgGroup(-500n)))!;
    const first = await joinCell(deps, { joinCode: cell.joinCode, person: await person(deps, 2, "Bình") });
    const again = await joinCell(deps, { joinCode: cell.joinCode, person: await person(deps, 2, "Bình") });
    expect([first.kind, again.kind]).toEqual(["joined", "joined"]);
    expect(again.kind === "joined" && again.alreadyMember).toBe(true);
    expect(await database.db.member.count({ where: { userId: 2n } })).toBe(1);

    await setupCell(deps, { group: tgGroup(-600n), chatTitle: "Khác", caller: await person(deps, 9, "Chín"), callerIsAdmin: true, name: "Chi bộ Khác" });
    const other = (await database.store.findCellByGroup(tgGroup(-600n)))!;
    const elsewhere = await joinCell(deps, { joinCode: other.joinCode, person: await person(deps, 2, "Bình") });
    expect(elsewhere).toMatchObject({ kind: "memberElsewhere", cell: { name: "Chi bộ Kế toán" } });
    expect(await joinCell(deps, { joinCode: "nope", person: await person(deps, 3, "C") })).toEqual({ kind: "unknownLink" });
  });

  it("saves a typed full name and refuses one that is too short", async () => {
    const member = await membership(2);
    expect(await saveFullName(deps, member, " x ")).toEqual({ kind: "tooShort" });
    expect(await saveFullName(deps, member, "Trần   Thị Bình")).toEqual({ kind: "saved", fullName: "Trần Thị Bình" });
    expect((await membership(2)).nameConfirmed).toBe(true);
  });

  it("lets the secretary appoint a deputy and take it back; a member cannot", async () => {
    const secretary = await membership(1);
    const binh = await membership(2);
    expect(await setMemberRole(deps, binh, secretary.id, "DEPUTY")).toEqual({ kind: "forbidden" });
    expect((await setMemberRole(deps, secretary, binh.id, "DEPUTY")).kind).toBe("changed");
    expect((await membership(2)).role).toBe("DEPUTY");
    await setMemberRole(deps, secretary, binh.id, "MEMBER");
    expect((await membership(2)).role).toBe("MEMBER");
    expect(await setMemberRole(deps, secretary, secretary.id, "MEMBER")).toEqual({ kind: "self" });
  });
});

describe("rounds", () => {
  it("refuses impossible and past deadlines", async () => {
    const secretary = await membership(1);
    expect(await openRound(deps, secretary, "31/02/2027", title)).toEqual({ kind: "badDate", reason: "impossible" });
    expect(await openRound(deps, secretary, "21/11/2026", title)).toEqual({ kind: "pastDate" });
    expect(await openRound(deps, secretary, "hôm nay", title)).toEqual({ kind: "badDate", reason: "format" });
    expect(await database.db.round.count()).toBe(0);
  });

  it("sets the deadline to 23:59 of that day in the cell's time zone", async () => {
    const r = await openRound(deps, await membership(1), "15/12/2026 Tự soi cuối năm", title);
    expect(r.kind).toBe("opened");
    const round = await database.db.round.findFirstOrThrow();
    expect(round.title).toBe("Tự soi cuối năm");
    expect(round.deadline.toISOString()).toBe("2026-12-15T16:59:59.999Z");
  });

  it("refuses a second open round while the first runs", async () => {
    const r = await openRound(deps, await membership(1), "20/12/2026", title);
    expect(r.kind).toBe("alreadyOpen");
    expect(await database.db.round.count()).toBe(1);
  });
});

describe("assessment persistence", () => {
  it("commits each answer and resumes at the first unanswered item with a new store on the same file", async () => {
    const binh = await membership(2);
    const start = await startAssessment(deps, binh);
    if (start.kind !== "view") throw new Error(start.kind);
    for (let index = 0; index < 5; index++)
      await applyAssessmentEvent(deps, binh, start.view.assessmentId, { type: "answer", index, value: index === 3 ? "MINOR" : "NONE" });
    await applyAssessmentEvent(deps, binh, start.view.assessmentId, { type: "back", index: 5 });

    // A "restart": a second connection, fresh deps, same file.
    const second = await openStores(database.url);
    try {
      const deps2 = appDeps(second, clock);
      const resumed = await startAssessment(deps2, (await deps2.answerPath.findActiveMembership(2n))!);
      if (resumed.kind !== "view") throw new Error(resumed.kind);
      expect(resumed.view.state.screen).toEqual({ kind: "question", index: 5 });
      expect(resumed.view.state.answers["1.4"]?.value).toBe("MINOR");
      expect(Object.keys(resumed.view.state.answers)).toHaveLength(5);
    } finally {
      await second.close();
    }
  });

  it("files answers on submit; reopening keeps the filed copy until resubmission replaces it", async () => {
    const binh = await membership(2);
    const id = await answerAll(binh, { 3: "MINOR" });
    await applyAssessmentEvent(deps, binh, id, { type: "continue" });
    await applyAssessmentEvent(deps, binh, id, { type: "measure", code: "1.4", text: "Họp tổ đúng giờ" });
    await applyAssessmentEvent(deps, binh, id, { type: "date", code: "1.4", day: "2026-12-31" });
    const submitted = await applyAssessmentEvent(deps, binh, id, { type: "submit" });
    expect(submitted).toMatchObject({ kind: "applied", submitted: true });
    const filed = () => database.db.filedAnswer.findMany({ where: { assessmentId: id, value: { not: "NONE" } } });
    expect((await filed()).map((f) => [f.itemCode, f.value, f.measure])).toEqual([["1.4", "MINOR", "Họp tổ đúng giờ"]]);
    expect(await database.db.filedAnswer.count({ where: { assessmentId: id } })).toBe(27);

    await applyAssessmentEvent(deps, binh, id, { type: "reopen" });
    await applyAssessmentEvent(deps, binh, id, { type: "change", index: 3 });
    await applyAssessmentEvent(deps, binh, id, { type: "answer", index: 3, value: "NONE" });
    expect((await filed()).map((f) => f.itemCode)).toEqual(["1.4"]);

    await applyAssessmentEvent(deps, binh, id, { type: "submit" });
    expect(await filed()).toEqual([]);
  });

  it("refuses changes after the deadline and keeps the filed answers", async () => {
    const binh = await membership(2);
    const form = await database.store.findAssessment((await database.db.round.findFirstOrThrow()).id, binh.id);
    clock.set("2026-12-15T17:00:00Z");
    try {
      const r = await applyAssessmentEvent(deps, binh, form!.id, { type: "reopen" });
      expect(r).toMatchObject({ kind: "rejected", reason: "locked" });
    } finally {
      clock.set("2026-11-22T03:00:00Z");
    }
  });
});

describe("report", () => {
  it("counts submitted members, marked items and pending names from the database", async () => {
    const secretary = await membership(1);
    const id = await answerAll(secretary, { 14: "SIGNIFICANT", 3: "MINOR" });
    await applyAssessmentEvent(deps, secretary, id, { type: "continue" });
    for (const code of ["1.4", "2.6"]) {
      await applyAssessmentEvent(deps, secretary, id, { type: "measure", code, text: `Khắc phục ${code}` });
      await applyAssessmentEvent(deps, secretary, id, { type: "date", code, day: "2026-11-30" });
    }
    await applyAssessmentEvent(deps, secretary, id, { type: "submit" });
    await joinCell(deps, { joinCode: secretary.cell.joinCode, person: await person(deps, 3, "Cường", "Lê Văn") });

    const r = await roundReport(deps, secretary);
    if (r.kind !== "report") throw new Error(r.kind);
    expect(r.report.data).toMatchObject({ total: 3, submitted: 2, percent: 67, pendingNames: ["Cường Lê Văn"] });
    expect(r.report.data.items.map((i) => [i.code, i.total])).toEqual([
      ["1.4", 1],
      ["2.6", 1],
    ]);
    expect(r.report.data.remediation).toMatchObject({ committed: 2, overdue: 0 });
    expect(await roundReport(deps, await membership(3))).toEqual({ kind: "forbidden" });
  });
});

describe("update de-duplication", () => {
  it("records an update id once", async () => {
    expect(await database.store.markUpdateProcessed("telegram", "777", new Date())).toBe(true);
    expect(await database.store.markUpdateProcessed("telegram", "777", new Date())).toBe(false);
    expect(await database.store.pruneProcessedUpdates(new Date(Date.now() + 1000))).toBeGreaterThanOrEqual(1);
    expect(await database.store.markUpdateProcessed("telegram", "777", new Date())).toBe(true);
  });
});

describe("reachability", () => {
  it("a member Telegram refused (403) becomes reachable again when they next write to the bot", async () => {
    await database.store.markUnreachable("telegram", "2", new Date());
    expect((await database.store.unreachableMembers(1)).map((m) => m.userId)).toEqual([2n]);
    await database.store.touchUser({ channel: "telegram", externalId: "2" }, { firstName: "Bình", username: null }, new Date());
    expect((await database.store.findUser(2n))?.unreachableAt).toBeNull();
    expect(await database.store.unreachableMembers(1)).toEqual([]);
  });
});
