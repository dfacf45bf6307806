/**
 * A committee's roster takes a person's name as a cell does (issue 17 point 9): the Telegram
 * name is only a proposal, confirmed ("Đúng") or typed anew, in private; a forged button for
 * someone else's entry changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { appDeps, testClock } from "../support/app.js";
import { stubbedBot, type Group, type Person, type StubbedBot } from "../support/bot.js";

const committeeGroup: Group = { id: -9301, title: "Đảng ủy phường Ba" };
const secretary: Person = { id: 9301, first_name: "Lê Văn Thành" };
const staff: Person = { id: 9302, first_name: "Lan", last_name: "🌸" };
const other: Person = { id: 9303, first_name: "Hải" };

let database: TestDatabase;
let tg: StubbedBot;
const nameOf = async (p: Person) => (await database.db.committeeMember.findFirstOrThrow({ where: { userId: BigInt(p.id) } })).fullName;

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database, testClock("2026-11-22T03:00:00Z")));
  tg.makeAdmin(committeeGroup, secretary);
  await tg.send(secretary, `/dangbo ${committeeGroup.title}`, committeeGroup);
});
afterAll(() => database.close());

describe("joining a committee's roster", () => {
  it("asks to confirm the Telegram name, or to type the full name, as joining a cell does", async () => {
    const { joinCode } = await database.db.committee.findFirstOrThrow();
    await tg.send(staff, `/start c_${joinCode}`);
    const welcome = tg.last(staff.id);
    expect(welcome.text).toContain("Đúng chưa?");
    expect(tg.buttons(welcome)).toEqual(["Đúng", "Nhập họ tên khác"]);
    await tg.press(staff, welcome, "Nhập họ tên khác");
    expect(tg.last(staff.id).text).toContain("gõ họ và tên đầy đủ");
    await tg.send(staff, "123");
    expect(tg.last(staff.id).text).toContain("Họ tên phải có chữ cái");
    await tg.send(staff, "Ngô  Thị Lan");
    expect(tg.last(staff.id).text).toContain("Đã lưu họ tên <b>Ngô Thị Lan</b>");
    expect(await nameOf(staff)).toBe("Ngô Thị Lan");
    await tg.send(secretary, "/vaitro", committeeGroup);
    expect(tg.last(committeeGroup.id).text).toContain("Ngô Thị Lan — ");
  });

  it("'Đúng' keeps a proposed name that is a full name", async () => {
    const { joinCode } = await database.db.committee.findFirstOrThrow();
    await tg.send(other, `/start c_${joinCode}`);
    await tg.press(other, tg.last(other.id), "Đúng");
    expect(tg.last(other.id).text).toContain("Đã lưu họ tên <b>Hải</b>");
  });

  it("a forged button for someone else's entry changes nothing", async () => {
    const entry = await database.db.committeeMember.findFirstOrThrow({ where: { userId: BigInt(staff.id) } });
    await tg.pressData(other, other.id, 1, `1wc:${entry.id}:edit`);
    expect(tg.callbackAnswers().at(-1)).toBe("Đồng chí này không còn trong danh sách.");
    expect((await database.store.findUser(BigInt(other.id)))?.awaiting ?? null).toBeNull();
    await tg.send(other, "Tên Giả Mạo");
    expect(await nameOf(staff)).toBe("Ngô Thị Lan");
  });
});
