/**
 * One place decides what typed text answers (issue 18): the person's awaited input, not the
 * order in which the features are registered. A command drops a pending correction whichever
 * feature answers that command — before, only commands of features registered after the one
 * waiting went past its text handler, so /web (registered first) left the wait in place and the
 * next text renamed a member by surprise.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { appDeps, testClock } from "../support/app.js";
import { stubbedBot, type Group, type Person, type StubbedBot } from "../support/bot.js";

const group: Group = { id: -1801, title: "Chi bộ Một Cửa" };
const secretary: Person = { id: 1801, first_name: "An", last_name: "Nguyễn Văn" };
const member: Person = { id: 1802, first_name: "Bình", last_name: "Trần Thị" };

let database: TestDatabase;
let tg: StubbedBot;

const nameOf = async (user: Person) => (await database.store.findActiveMembership(BigInt(user.id)))?.fullName;
const awaitingOf = async (user: Person) => (await database.store.findUser(BigInt(user.id)))?.awaiting ?? null;

async function askRename() {
  await tg.send(secretary, "/vaitro");
  await tg.press(secretary, tg.last(secretary.id), /Bình/);
  await tg.press(secretary, tg.last(secretary.id), "Sửa họ tên");
  expect(await awaitingOf(secretary)).toContain('"k":"renameMember"');
}

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database, testClock("2026-11-22T03:00:00Z")));
  tg.makeAdmin(group, secretary);
  await tg.send(secretary, "/chibo Chi bộ Một Cửa", group);
  const code = (await database.store.findCellByGroup({ channel: "telegram", address: String(group.id) }))!.joinCode;
  for (const p of [secretary, member]) {
    await tg.send(p, `/start j_${code}`);
    await tg.press(p, tg.last(p.id), "Đúng");
  }
});
afterAll(() => database.close());

describe("a command drops a pending correction, whichever feature answers it", () => {
  it.each(["/web", "/mau", "/huongdan"])("%s, then a text: nobody is renamed", async (command) => {
    await askRename();
    await tg.send(secretary, command);
    expect(await awaitingOf(secretary)).toBeNull();
    await tg.send(secretary, "Không Phải Tên");
    expect(await nameOf(member)).toBe("Bình Trần Thị");
    expect(tg.last(secretary.id).text).toContain("Hiện bot không cần đồng chí nhập gì");
  });

  it("without a command, the typed name is the correction", async () => {
    await askRename();
    await tg.send(secretary, "Trần Thị Bình Minh");
    expect(await nameOf(member)).toBe("Trần Thị Bình Minh");
    expect(await awaitingOf(secretary)).toBeNull();
  });
});
