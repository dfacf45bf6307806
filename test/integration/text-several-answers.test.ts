/**
 * Several numbers in one message on a text channel (issue 20, "Screens as numbered text"):
 * `1 1 2 1` or `1121` on a form question answer that many items in order; the reply says which
 * items were recorded, then asks the next; a stale screen changes nothing and says so; anything
 * else on a numbered screen says what to type. Through
 * the shared text conversation (src/channels/text-conversation.ts), as Zalo uses it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAssessment } from "../../src/app/assessment.js";
import { choose, parseSeveralAnswers, type Speaker } from "../../src/app/conversation.js";
import { setupCell } from "../../src/app/onboarding.js";
import { openRound } from "../../src/app/rounds.js";
import { membershipOf } from "../../src/app/session.js";
import { encodeForm } from "../../src/app/screens/choice-ids.js";
import type { TextConversation } from "../../src/channels/text-conversation.js";
import { createI18n } from "../../src/infra/i18n/index.js";
import { appDeps, person, testClock, tgGroup } from "../support/app.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { typedOnZalo, zaloConversation } from "../support/zalo-harness.js";

let database: TestDatabase;
let deps: ReturnType<typeof appDeps>;
let channel: TextConversation;
let t: Speaker["t"];
const GROUP = -7400n;

async function send(externalId: string, typed: string): Promise<string> {
  const out = await channel.receive(typedOnZalo(externalId, "Hoa Đỗ Thị", typed));
  for (const part of out) expect(part.length).toBeLessThanOrEqual(2000);
  return out.join("\n---\n");
}

/** The member's answers as the database holds them, item by item (undefined: not answered). */
async function answersOf(externalId: string): Promise<(string | undefined)[]> {
  const userId = (await database.db.channelIdentity.findFirstOrThrow({ where: { channel: "zalo", externalId } })).userId;
  const started = await startAssessment(deps, (await membershipOf(deps, userId))!, {});
  if (started.kind !== "view") throw new Error(`no form: ${started.kind}`);
  const { state } = started.view;
  return state.codes.map((code) => state.answers[code]?.value);
}

beforeAll(async () => {
  database = await freshDatabase();
  deps = appDeps(database, testClock("2026-11-10T03:00:00Z"));
  const i18n = await createI18n("vi");
  t = i18n.t("vi");
  channel = zaloConversation(deps, i18n, { renderer: false });
  await setupCell(deps, {
    group: tgGroup(GROUP),
    chatTitle: "Nhóm",
    caller: await person(deps, 7400, "Nguyễn Văn An"),
    callerIsAdmin: true,
    name: "Chi bộ Nhiều Số",
  });
  const cell = (await deps.cells.findCellByGroup(tgGroup(GROUP)))!;
  await openRound(deps, (await database.store.findActiveMembership(7400n))!, "30/11/2026 Đợt cuối năm", () => "x");
  for (const id of ["z1", "z2"]) {
    await send(id, `/thamgia ${cell.joinCode}`);
    await send(id, "1"); // the prefilled name is right
  }
});
afterAll(() => database.close());

describe("several numbers in one message", () => {
  it("parses spaced, comma-separated and run-together numbers 1–3, and nothing else", () => {
    expect(parseSeveralAnswers("1 1 2 1")).toEqual(["NONE", "NONE", "MINOR", "NONE"]);
    expect(parseSeveralAnswers("1121")).toEqual(["NONE", "NONE", "MINOR", "NONE"]);
    expect(parseSeveralAnswers(" 3, 1 ")).toEqual(["SIGNIFICANT", "NONE"]);
    for (const typed of ["1", "1 4", "0 1", "12a", "", "hai"]) expect(parseSeveralAnswers(typed)).toBeNull();
  });

  it("`1 1 2 1` then `1121` answer items 1–8 in order; the reply names them and asks item 9", async () => {
    expect(await send("z1", "/tusoi")).toContain("Câu 1/27");
    const first = await send("z1", "1 1 2 1");
    expect(first).toContain("Đã ghi 4 câu: câu 1, 2, 3, 4.");
    expect(first).toContain("Câu 5/27");
    const second = await send("z1", "1121");
    expect(second).toContain("Đã ghi 4 câu: câu 5, 6, 7, 8.");
    expect(second).toContain("Câu 9/27");
    expect((await answersOf("z1")).slice(0, 9)).toEqual(["NONE", "NONE", "MINOR", "NONE", "NONE", "NONE", "MINOR", "NONE", undefined]);
    // A single number still answers the one item.
    expect(await send("z1", "1")).toContain("Câu 10/27");
    // Anything else says what to type, and changes nothing: the numbers still answer item 10.
    expect(await send("z1", "1 4")).toBe("Đồng chí gõ một trong các số ở tin nhắn trên (1, 2, 3, 0), hoặc một lệnh như /tusoi.");
    expect((await answersOf("z1"))[9]).toBeUndefined();
  });

  it("numbers past the last item are not used, and the form goes to its review", async () => {
    await send("z1", "1".repeat(17)); // items 10–26
    const reply = await send("z1", "3 1 1");
    expect(reply).toContain("Đã ghi 1 câu: câu 27.");
    expect(reply).toContain("2 số cuối không dùng");
    expect(reply).toContain("Rà soát");
    expect((await answersOf("z1"))[26]).toBe("SIGNIFICANT");
  });

  it("a stale screen (the form moved on elsewhere) changes nothing and says so", async () => {
    expect(await send("z2", "/tusoi")).toContain("Câu 1/27");
    expect(await send("z2", "2 2")).toContain("Câu 3/27");
    // The form moves on without this screen (another device, another channel): item 3 answered.
    const userId = (await database.db.channelIdentity.findFirstOrThrow({ where: { channel: "zalo", externalId: "z2" } })).userId;
    const member = (await membershipOf(deps, userId))!;
    const started = await startAssessment(deps, member, {});
    if (started.kind !== "view") throw new Error(started.kind);
    const formId = started.view.assessmentId;
    await choose(deps, { userId, t, locale: "vi" }, encodeForm({ action: "answer", id: formId, index: 2, value: "NONE" }));
    const before = await answersOf("z2");
    const reply = await send("z2", "3 3");
    expect(reply).toContain("Câu hỏi đó đã qua, không câu nào được ghi.");
    expect(await answersOf("z2")).toEqual(before);
  });
});
