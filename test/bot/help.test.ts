/** /huongdan says what the sender can do: by cell role, and as an officer of a higher committee. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { appDeps, testClock } from "../support/app.js";
import { stubbedBot, type Group, type Person, type StubbedBot } from "../support/bot.js";

const cellGroup: Group = { id: -8101, title: "Chi bộ Hướng dẫn" };
const committeeGroup: Group = { id: -8102, title: "Đảng ủy xã" };
const secretary: Person = { id: 8001, first_name: "Hoàng Văn Minh" };
const member: Person = { id: 8002, first_name: "Lý Thị Hoa" };

let database: TestDatabase;
let tg: StubbedBot;

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database, testClock()));
  tg.makeAdmin(cellGroup, secretary);
  tg.makeAdmin(committeeGroup, secretary);
  await tg.send(secretary, "/chibo Chi bộ Hướng dẫn", cellGroup);
  await tg.send(secretary, "/dangbo Đảng ủy xã Tân Phú", committeeGroup);
  const code = (await database.store.findCellByGroup({ channel: "telegram", address: String(cellGroup.id) }))!.joinCode;
  for (const p of [secretary, member]) {
    await tg.send(p, `/start j_${code}`);
    await tg.press(p, tg.last(p.id), "Đúng");
  }
});
afterAll(() => database.close());

it("a member sees /kiemdiem and no secretary or committee commands", async () => {
  await tg.send(member, "/huongdan");
  const text = tg.last(member.id).text;
  expect(text).toContain("/kiemdiem");
  expect(text).not.toContain("/mau");
  expect(text).not.toContain("/tonghop");
});

it("a cell secretary who is also a committee's bí thư sees the cell's tools and the committee's commands", async () => {
  await tg.send(secretary, "/huongdan");
  const text = tg
    .chat(secretary.id)
    .slice(-2)
    .map((m) => m.text)
    .join("\n");
  for (const command of ["/mau", "/tamdung", "/nhanbithu", "/tonghop", "/lienket"]) expect(text).toContain(command);
  expect(text).toContain("Đảng ủy xã Tân Phú");
});
