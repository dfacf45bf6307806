/**
 * Dates far ahead (issue 17, point 7), through the real bot with Telegram stubbed: every date a
 * person types is bounded by a horizon (src/domain/calendar.ts, TYPED_DAY_HORIZON_MONTHS):
 * a round's or a campaign's deadline and a pause at most a year ahead, a measure's target date
 * at most two. Beyond it: a clear message naming the latest day, and nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDeps, testClock } from "../support/app.js";
import { stubbedBot, type Group, type Person, type StubbedBot } from "../support/bot.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";

const group: Group = { id: -1717, title: "Chi bộ Hạn xa" };
const committeeGroup: Group = { id: -1718, title: "Đảng ủy phường Hạn xa" };
const secretary: Person = { id: 1701, first_name: "An", last_name: "Nguyễn Văn" };
const member: Person = { id: 1702, first_name: "Bình", last_name: "Trần Thị" };
const officer: Person = { id: 1703, first_name: "Chung", last_name: "Lê Văn" };
// 22/11/2026 10:00 in Hà Nội.
const clock = testClock("2026-11-22T03:00:00Z");

let database: TestDatabase;
let tg: StubbedBot;

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database, clock), { cell: { group, secretary, members: [member] } });
});
afterAll(() => database.close());

describe("a round's deadline", () => {
  it("/dotmoi 01/01/9999 is refused with the latest day allowed; no round opens", async () => {
    await tg.send(secretary, "/dotmoi 01/01/9999 Đợt xa", group);
    const text = tg.last(group.id).text;
    expect(text).toContain("Hạn nộp xa quá");
    expect(text).toContain("22/11/2027");
    expect(await database.db.round.count()).toBe(0);
  });

  it("/dotmoi 23/11/2027 (a year and a day ahead) is refused; 22/11/2027 opens the round", async () => {
    await tg.send(secretary, "/dotmoi 23/11/2027", group);
    expect(tg.last(group.id).text).toContain("Hạn nộp xa quá");
    expect(await database.db.round.count()).toBe(0);
    await tg.send(secretary, "/dotmoi 22/11/2027 Đợt cuối năm", group);
    expect(await database.db.round.count()).toBe(1);
  });
});

describe("a pause", () => {
  it("/tamdung 01/01/9999 02/01/9999 is refused with the latest day allowed; the cell is not paused", async () => {
    await tg.send(secretary, "/tamdung 01/01/9999 02/01/9999", group);
    const text = tg.last(group.id).text;
    expect(text).toContain("xa quá");
    expect(text).toContain("22/11/2027");
    const cell = await database.db.cell.findFirstOrThrow();
    expect(cell.pauseFrom).toBeNull();
    expect(cell.pauseUntil).toBeNull();
  });
});

describe("a measure's target date", () => {
  it("typed 01/01/9999 is refused with the latest day allowed; 22/11/2028 is taken", async () => {
    await tg.send(member, "/tusoi");
    for (let i = 1; i <= 27; i++) await tg.press(member, tg.last(member.id), i === 1 ? "Có, mức độ nhẹ" : "Không có");
    await tg.press(member, tg.last(member.id), /Tiếp tục/);
    await tg.send(member, "Đọc lại quy định và tự kiểm tra mỗi tuần");
    await tg.send(member, "01/01/9999");
    expect(tg.last(member.id).text).toContain("xa quá");
    expect(tg.last(member.id).text).toContain("22/11/2028");
    expect(await database.db.answer.findFirst({ where: { targetDate: { not: null } } })).toBeNull();
    await tg.send(member, "22/11/2028");
    expect((await database.db.answer.findFirstOrThrow({ where: { targetDate: { not: null } } })).targetDate).toBe("2028-11-22");
  });
});

describe("a committee's campaign deadline", () => {
  it("/dotmoi 01/01/9999 in the committee's group is refused with the latest day allowed", async () => {
    tg.makeAdmin(committeeGroup, officer);
    await tg.send(officer, "/dangbo Đảng ủy phường Hạn xa", committeeGroup);
    await tg.send(officer, "/dotmoi 01/01/9999", committeeGroup);
    const text = tg.last(committeeGroup.id).text;
    expect(text).toContain("Hạn nộp xa quá");
    expect(text).toContain("22/11/2027");
    expect(await database.db.campaign.count()).toBe(0);
  });
});
