/**
 * Invisible and bidi characters in Telegram names never reach what the group sees: a member
 * whose Telegram name carries a right-to-left override joins, and the summary's
 * "Chưa nộp:" line holds no bidi control.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { appDeps, testClock } from "../support/app.js";
import { stubbedBot, type Group, type Person, type StubbedBot } from "../support/bot.js";

const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const INVISIBLE = /[\u200B-\u200D\uFEFF]/;

const group: Group = { id: -1301, title: "Chi bộ Kiểm tra" };
const secretary: Person = { id: 1301, first_name: "An", last_name: "Nguyễn Văn" };
// Shown by a client as "Nguyễn Văn" followed by a reversed rest, which can reorder a list.
const spoofer: Person = { id: 1302, first_name: "Bình\u202E", last_name: "Trần\u200B Thị\u2066" };
const decomposed: Person = { id: 1303, first_name: "Cu\u031Bo\u031B\u0300ng", last_name: "Le\u0302 Va\u0306n" };

let database: TestDatabase;
let tg: StubbedBot;
const clock = testClock("2026-11-22T03:00:00Z");

async function joinCode() {
  return (await database.store.findCellByGroup({ channel: "telegram", address: String(group.id) }))!.joinCode;
}

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database, clock));
  tg.makeAdmin(group, secretary);
  await tg.send(secretary, "/chibo Chi bộ Kiểm tra", group);
});
afterAll(() => database.close());

describe("names from Telegram are cleaned before they are stored", () => {
  it("a name with a right-to-left override is prefilled without it", async () => {
    await tg.send(spoofer, `/start j_${await joinCode()}`);
    const prompt = tg.last(spoofer.id);
    expect(prompt.text).toContain("<b>Bình Trần Thị</b>");
    expect(prompt.text).not.toMatch(BIDI);
    const stored = await database.store.findActiveMembership(BigInt(spoofer.id));
    expect(stored?.fullName).toBe("Bình Trần Thị");
  });

  it("a decomposed name is stored composed (NFC)", async () => {
    await tg.send(decomposed, `/start j_${await joinCode()}`);
    await tg.press(decomposed, tg.last(decomposed.id), "Đúng");
    const stored = await database.store.findActiveMembership(BigInt(decomposed.id));
    expect(stored?.fullName).toBe("Cường Lê Văn");
  });

  it("the group summary's 'Chưa nộp:' line contains no bidi control or invisible character", async () => {
    await tg.send(secretary, "/dotmoi 15/12/2026 Đợt kiểm tra", group);
    await tg.send(secretary, "/baocao", group);
    const summary = tg.last(group.id).text;
    const pending = summary.split("\n").find((line) => line.startsWith("Chưa nộp:"));
    expect(pending).toBeDefined();
    expect(pending).toContain("Bình Trần Thị");
    expect(pending).not.toMatch(BIDI);
    expect(pending).not.toMatch(INVISIBLE);
  });
});
