/**
 * A person is the app's own id, reached through their channel identity (issue 18): a Telegram
 * user whose Telegram id is already some other user's app id gets their own (negative) app id,
 * and everything the bot sends them still goes to their Telegram chat; updates are recorded as
 * Telegram's.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { appDeps, testClock } from "../support/app.js";
import { stubbedBot, type Group, type Person, type StubbedBot } from "../support/bot.js";

const group: Group = { id: -1701, title: "Chi bộ Định danh" };
const secretary: Person = { id: 1701, first_name: "An", last_name: "Nguyễn Văn" };
const member: Person = { id: 1702, first_name: "Bình", last_name: "Trần Thị" };

let database: TestDatabase;
let tg: StubbedBot;
const clock = testClock("2026-11-22T03:00:00Z");

beforeAll(async () => {
  database = await freshDatabase();
  // App id 1702 already belongs to someone else (a person of another channel, say).
  await database.db.user.create({ data: { id: 1702n, firstName: "Người khác" } });
  tg = await stubbedBot(appDeps(database, clock));
  tg.makeAdmin(group, secretary);
  await tg.send(secretary, "/chibo Chi bộ Định danh", group);
  const cell = (await database.store.findCellByGroup({ channel: "telegram", address: String(group.id) }))!;
  for (const p of [secretary, member]) {
    await tg.send(p, `/start j_${cell.joinCode}`);
    await tg.press(p, tg.last(p.id), "Đúng");
  }
  await tg.send(secretary, "/dotmoi 15/12/2026 Đợt cuối năm", group);
});
afterAll(() => database.close());

it("a Telegram user whose id is taken as an app id gets the next negative id; their identity points to it", async () => {
  const identities = await database.db.channelIdentity.findMany({ orderBy: { externalId: "asc" } });
  expect(identities.map((i) => [i.channel, i.externalId, i.userId])).toEqual([
    ["telegram", "1701", 1701n],
    ["telegram", "1702", -1n],
  ]);
  const membership = await database.store.findActiveMembership(-1n);
  expect(membership).toMatchObject({ userId: -1n, cell: { name: "Chi bộ Định danh", group: { channel: "telegram", address: "-1701" } } });
  // The other person keeps their id and is no member.
  expect(await database.store.findActiveMembership(1702n)).toBeNull();
  expect((await database.store.findUser(1702n))?.firstName).toBe("Người khác");
});

it("the secretary's nudge reaches the member in their own Telegram chat, not at their app id", async () => {
  const before = tg.chat(member.id).length;
  await tg.send(secretary, "/nhacnho", group);
  const nudge = await database.db.outbox.findFirstOrThrow({ where: { kind: "NUDGE", memberId: (await database.store.findActiveMembership(-1n))!.id } });
  expect(nudge).toMatchObject({ channel: "telegram", recipient: "1702", status: "SENT" });
  expect(tg.chat(member.id).length).toBe(before + 1);
  expect(tg.last(member.id).text).toContain("Bí thư nhắc nộp bản tự soi");
  expect(tg.chat(-1)).toEqual([]);
});

it("records each handled update as Telegram's", async () => {
  const rows = await database.db.processedUpdate.findMany();
  expect(rows.length).toBeGreaterThan(5);
  expect(new Set(rows.map((r) => r.channel))).toEqual(new Set(["telegram"]));
  expect(rows.every((r) => /^\d+$/.test(r.updateId))).toBe(true);
});
