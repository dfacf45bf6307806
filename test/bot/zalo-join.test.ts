/**
 * /thamgia in a Telegram cell group when Zalo runs too (issue 20, "Joining"): besides the
 * deep-link button, the cell's code and the exact line to send the Zalo bot, `/thamgia <mã>`.
 * Without Zalo the message is as before.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { appDeps, testClock } from "../support/app.js";
import { stubbedBot, type Group, type Person, type StubbedBot } from "../support/bot.js";

const group: Group = { id: -2001, title: "Chi bộ Hai Kênh" };
const secretary: Person = { id: 201, first_name: "An", last_name: "Nguyễn Văn" };
const member: Person = { id: 202, first_name: "Bình", last_name: "Trần Thị" };

let database: TestDatabase;
let other: TestDatabase;
let withZalo: StubbedBot;
let telegramOnly: StubbedBot;

beforeAll(async () => {
  database = await freshDatabase();
  const deps = appDeps(database, testClock("2026-11-22T03:00:00Z"));
  withZalo = await stubbedBot(deps, { zaloRuns: true });
  withZalo.makeAdmin(group, secretary);
  await withZalo.send(secretary, "/chibo Chi bộ Hai Kênh", group);
  // Telegram alone, on its own database (updates are de-duplicated by their id per database).
  other = await freshDatabase();
  telegramOnly = await stubbedBot(appDeps(other, testClock("2026-11-22T03:00:00Z")));
  telegramOnly.makeAdmin(group, secretary);
  await telegramOnly.send(secretary, "/chibo Chi bộ Hai Kênh", group);
});
afterAll(async () => {
  await database.close();
  await other.close();
});

describe("/thamgia in a cell group", () => {
  it("with Zalo running: the button, then the code and the exact line to send the Zalo bot", async () => {
    const code = (await database.store.findCellByGroup({ channel: "telegram", address: String(group.id) }))!.joinCode;
    await withZalo.send(member, "/thamgia", group);
    const shown = withZalo.last(group.id);
    expect(shown.text).toContain("bấm nút dưới đây để mở tin nhắn riêng với bot và tham gia");
    expect(shown.text).toContain(
      `Đồng chí dùng Zalo: nhắn riêng cho bot Zalo của chi bộ dòng sau để tham gia (mã chi bộ: ${code}):\n<code>/thamgia ${code}</code>`,
    );
    const button = shown.keyboard!.inline_keyboard[0]![0]!;
    expect("url" in button && button.url).toBe(`https://t.me/tusoi_test_bot?start=j_${code}`);
  });

  it("without Zalo: no Zalo line", async () => {
    await telegramOnly.send(member, "/thamgia", group);
    const code = (await other.store.findCellByGroup({ channel: "telegram", address: String(group.id) }))!.joinCode;
    expect(telegramOnly.last(group.id).text).toBe(
      "Đảng viên <b>Chi bộ Hai Kênh</b>: bấm nút dưới đây để mở tin nhắn riêng với bot và tham gia. Câu trả lời tự soi của mỗi đồng chí chỉ gửi trong tin nhắn riêng.",
    );
    expect(telegramOnly.last(group.id).text).not.toContain(code);
  });
});
