/**
 * Correcting a confirmed name: the member with /hoten, the secretary from /vaitro's member
 * menu. A full name must contain letters.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { appDeps, testClock } from "../support/app.js";
import { stubbedBot, type Group, type Person, type StubbedBot } from "../support/bot.js";

const group: Group = { id: -1401, title: "Chi bộ Tuyên giáo" };
const secretary: Person = { id: 1401, first_name: "An", last_name: "Nguyễn Văn" };
const memberB: Person = { id: 1402, first_name: "Bình", last_name: "Trần Thị" };
const memberC: Person = { id: 1403, first_name: "Cuong" };
const digits: Person = { id: 1404, first_name: "123456" };
const memberE: Person = { id: 1405, first_name: "Em", last_name: "Phạm Thị" };

let database: TestDatabase;
let tg: StubbedBot;
const clock = testClock("2026-11-22T03:00:00Z");

async function joinCode() {
  return (await database.store.findCellByGroup({ channel: "telegram", address: String(group.id) }))!.joinCode;
}

async function join(user: Person) {
  await tg.send(user, `/start j_${await joinCode()}`);
  await tg.press(user, tg.last(user.id), "Đúng");
}

const nameOf = async (user: Person) => (await database.store.findActiveMembership(BigInt(user.id)))?.fullName;

/** The secretary's /vaitro in private chat, then the member menu of `name`. */
async function memberMenu(name: string) {
  await tg.send(secretary, "/vaitro");
  await tg.press(secretary, tg.last(secretary.id), name);
  return tg.last(secretary.id);
}

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database, clock));
  tg.makeAdmin(group, secretary);
  await tg.send(secretary, "/chibo Chi bộ Tuyên giáo", group);
  await join(secretary);
  await join(memberB);
  await join(memberC);
  await join(memberE);
});
afterAll(() => database.close());

describe("a full name must contain letters", () => {
  it("a Telegram name of digits cannot be confirmed: the member is asked to type a name, and it is taken", async () => {
    await tg.send(digits, `/start j_${await joinCode()}`);
    await tg.press(digits, tg.last(digits.id), "Đúng");
    expect(tg.last(digits.id).text).toContain("Họ tên phải có chữ cái");
    await tg.send(digits, "Hoàng Văn Dũng");
    expect(tg.chat(digits.id).some((m) => m.text.includes("Đã lưu họ tên: <b>Hoàng Văn Dũng</b>"))).toBe(true);
    expect(await nameOf(digits)).toBe("Hoàng Văn Dũng");
  });
});

describe("/hoten: a member changes their own name", () => {
  it("shows the current name with a button to change it", async () => {
    await tg.send(memberB, "/hoten");
    const shown = tg.last(memberB.id);
    expect(shown.text).toContain("<b>Bình Trần Thị</b>");
    expect(tg.buttons(shown)).toEqual(["Đổi họ tên"]);
  });

  it("refuses '123456' with the reason and keeps the old name, then takes a real one", async () => {
    await tg.press(memberB, tg.last(memberB.id), "Đổi họ tên");
    expect(tg.last(memberB.id).text).toContain("Đồng chí hãy gõ họ và tên đầy đủ");
    await tg.send(memberB, "123456");
    expect(tg.last(memberB.id).text).toContain("Họ tên phải có chữ cái");
    expect(await nameOf(memberB)).toBe("Bình Trần Thị");
    await tg.send(memberB, "Trần Thị Bình");
    expect(tg.last(memberB.id).text).toContain("Đã lưu họ tên: <b>Trần Thị Bình</b>");
    expect(await nameOf(memberB)).toBe("Trần Thị Bình");
  });

  it("the secretary's /vaitro shows the new name", async () => {
    await tg.send(secretary, "/vaitro");
    const list = tg.last(secretary.id);
    expect(list.text).toContain("Trần Thị Bình — Đảng viên");
    expect(list.text).not.toContain("Bình Trần Thị");
  });

  it("/hoten <name> sets it directly; '/hoten 123456' is refused", async () => {
    await tg.send(memberB, "/hoten 123456");
    expect(tg.last(memberB.id).text).toContain("Họ tên phải có chữ cái");
    expect(await nameOf(memberB)).toBe("Trần Thị Bình");
    await tg.send(memberB, "/name  Trần   Thị Bình Minh ");
    expect(tg.last(memberB.id).text).toContain("Đã lưu họ tên: <b>Trần Thị Bình Minh</b>");
    expect(await nameOf(memberB)).toBe("Trần Thị Bình Minh");
  });

  it("in the group it changes nothing and points to the private chat", async () => {
    await tg.send(memberB, "/hoten Tên Trong Nhóm", group);
    expect(tg.last(group.id).text).toContain("tin nhắn riêng");
    expect(await nameOf(memberB)).toBe("Trần Thị Bình Minh");
  });
});

describe("the secretary corrects a member's name from /vaitro", () => {
  it("'Sửa họ tên' asks for the name; the next text becomes the member's name, and the member is told", async () => {
    const menu = await memberMenu("Cuong");
    expect(tg.buttons(menu)).toContain("Sửa họ tên");
    await tg.press(secretary, menu, "Sửa họ tên");
    expect(tg.last(secretary.id).text).toContain("<b>Cuong</b>");
    await tg.send(secretary, "123");
    expect(tg.last(secretary.id).text).toContain("Họ tên phải có chữ cái");
    expect(await nameOf(memberC)).toBe("Cuong");
    await tg.send(secretary, "Lê Văn Cường");
    expect(tg.last(secretary.id).text).toContain("<b>Lê Văn Cường</b>");
    expect(await nameOf(memberC)).toBe("Lê Văn Cường");
    expect(tg.last(memberC.id).text).toContain("Bí thư đã sửa họ tên của đồng chí");
    await tg.send(secretary, "/vaitro");
    expect(tg.last(secretary.id).text).toContain("Lê Văn Cường — Đảng viên");
    // Nothing is awaited any more: the next text is not taken as a name.
    await tg.send(secretary, "Một câu khác");
    expect(await nameOf(memberC)).toBe("Lê Văn Cường");
  });

  it("pressed in the group, it asks to do it in private and reads nothing typed afterwards", async () => {
    await tg.send(secretary, "/vaitro", group);
    await tg.press(secretary, tg.last(group.id), "Lê Văn Cường");
    await tg.press(secretary, tg.last(group.id), "Sửa họ tên");
    expect(tg.callbackAnswers().at(-1)).toContain("tin nhắn riêng");
    expect((await database.store.findUser(BigInt(secretary.id)))?.awaiting).toBeNull();
    await tg.send(secretary, "Tên Gõ Trong Nhóm", group);
    await tg.send(secretary, "Tên Gõ Riêng");
    expect(await nameOf(memberC)).toBe("Lê Văn Cường");
  });

  it("a member pressing a forged rename button changes nothing", async () => {
    const target = (await database.store.findActiveMembership(BigInt(memberC.id)))!;
    await tg.pressData(memberB, memberB.id, 1, `1rn:${target.id}`);
    expect(tg.callbackAnswers().at(-1)).toContain("Chỉ bí thư");
    expect((await database.store.findUser(BigInt(memberB.id)))?.awaiting ?? null).toBeNull();
    await tg.send(memberB, "Tên Giả Mạo");
    expect(await nameOf(memberC)).toBe("Lê Văn Cường");
  });

  it("refuses the typed name when the member left the cell meanwhile", async () => {
    // Two menus of the same member: one to correct the name, the other (pressed in between,
    // no command typed) removes the member before the name is typed.
    const older = await memberMenu("Em Phạm Thị");
    await tg.press(secretary, await memberMenu("Em Phạm Thị"), "Sửa họ tên");
    await tg.press(secretary, older, "Xóa khỏi danh sách trên bot");
    await tg.send(secretary, "Phạm Thị Em");
    expect(tg.last(secretary.id).text).toContain("không còn trong chi bộ");
    const row = await database.db.member.findFirstOrThrow({ where: { userId: BigInt(memberE.id) } });
    expect(row.fullName).toBe("Em Phạm Thị");
  });

  it("a command cancels the pending correction", async () => {
    await tg.press(secretary, await memberMenu("Lê Văn Cường"), "Sửa họ tên");
    await tg.send(secretary, "/huongdan");
    await tg.send(secretary, "Không Phải Tên");
    expect(await nameOf(memberC)).toBe("Lê Văn Cường");
  });
});

describe("help", () => {
  it("/huongdan lists /hoten for members and the name correction for the secretary", async () => {
    await tg.send(memberB, "/huongdan");
    expect(tg.last(memberB.id).text).toContain("/hoten");
    await tg.send(secretary, "/huongdan");
    expect(tg.last(secretary.id).text).toMatch(/\/vaitro — .*sửa họ tên/);
  });
});
