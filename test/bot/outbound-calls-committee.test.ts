/**
 * Issue 18, as test/bot/outbound-calls.test.ts for a committee's messages: the campaign's
 * announcements (to a cell's group; to a cell busy with its own round, with the button to join;
 * after joining), and the committee's nudge to the secretaries, compared call for call with the
 * calls the code on main made (outbound-fixtures/main-committee-calls.json, written with
 * UPDATE_OUTBOUND_CALLS=1 on main's code).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDeps, testClock } from "../support/app.js";
import { stubbedBot, type Group, type Person, type StubbedBot } from "../support/bot.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";

const FIXTURE = new URL("./outbound-fixtures/main-committee-calls.json", import.meta.url);
const COMMITTEE: Group = { id: -18500, title: "Đảng ủy xã <Kênh>" };
const CELL_A: Group = { id: -18510, title: "Chi bộ Ấp A" };
const CELL_B: Group = { id: -18520, title: "Chi bộ Ấp B" };
const person = (id: number, first: string): Person => ({ id, first_name: first, last_name: "Trần" });
const officer = person(18500, "Lâm");
const cells = [
  { group: CELL_A, secretary: person(18510, "An"), members: [person(18511, "Bình")] },
  { group: CELL_B, secretary: person(18520, "Dũng"), members: [person(18521, "Em")] },
];
const clock = testClock("2026-11-22T03:00:00Z");

let database: TestDatabase;
let tg: StubbedBot;
const codes: string[] = [];

const SENDS = new Set(["sendMessage", "sendDocument", "sendPhoto", "editMessageText", "editMessageReplyMarkup"]);
const normal = (text: string) => codes.reduce((t, code, i) => t.replaceAll(code, `<JOIN${i}>`), text);

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database, clock));
});
afterAll(() => database.close());

describe("a committee's Bot API calls, as main made them", () => {
  it("are the same, call for call and byte for byte", async () => {
    await tg.setUpCommittee(COMMITTEE, officer);
    for (const c of cells) {
      await tg.setUpCell(c.group, c.secretary);
      codes.push(await tg.joinCell(c.group, [c.secretary, ...c.members]));
      await tg.linkUnit(COMMITTEE, officer, c.group, c.secretary);
    }
    // Cell B is busy with its own round when the campaign opens.
    await tg.send(cells[1]!.secretary, "/dotmoi 10/12/2026 Đợt riêng", CELL_B);
    await tg.send(officer, "/dotmoi 15/12/2026 Đợt <b>toàn</b> xã", COMMITTEE);
    const busy = tg.chat(CELL_B.id).at(-1)!;
    await tg.press(cells[1]!.secretary, busy, "Kết thúc đợt riêng, tham gia đợt của cấp ủy");
    if (!tg.last(CELL_B.id).text.includes("toàn")) await tg.press(cells[1]!.secretary, tg.last(cells[1]!.secretary.id), /Xác nhận|Đồng ý|tham gia/);
    await tg.send(officer, "/nhacnho", COMMITTEE);

    const calls = tg.calls.filter((c) => SENDS.has(c.method)).map((c) => normal(JSON.stringify({ method: c.method, payload: c.payload })));
    // The flow reached the announcement, the busy cell's button, and the nudge's button.
    expect(calls.some((c) => c.includes("?start=j_<JOIN0>") && c.includes("toàn"))).toBe(true);
    expect(calls.some((c) => c.includes("Kết thúc đợt riêng, tham gia đợt của cấp ủy"))).toBe(true);
    expect(calls.some((c) => c.includes("📣 Nhắc các đồng chí chưa nộp"))).toBe(true);
    if (process.env.UPDATE_OUTBOUND_CALLS === "1") writeFileSync(FIXTURE, `${JSON.stringify(calls, null, 1)}\n`);
    const expected = JSON.parse(readFileSync(FIXTURE, "utf8")) as string[];
    expect(calls.length).toBe(expected.length);
    for (const [i, call] of calls.entries()) expect(call, `call ${i}`).toBe(expected[i]);
  });
});
