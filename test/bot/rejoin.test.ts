/**
 * Removal keeps a member out: pressing the old join link does not bring a removed member back;
 * the secretary is asked and only the secretary's approval re-activates them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { appDeps, testClock } from "../support/app.js";
import { stubbedBot, type Group, type Person, type SentMessage, type StubbedBot } from "../support/bot.js";

const group: Group = { id: -1501, title: "Chi bộ Kế hoạch" };
const secretary: Person = { id: 1501, first_name: "An", last_name: "Nguyễn Văn" };
const memberB: Person = { id: 1502, first_name: "Bình", last_name: "Trần Thị" };
const memberC: Person = { id: 1503, first_name: "Cường", last_name: "Lê Văn" };
const otherSecretary: Person = { id: 1591, first_name: "Khánh", last_name: "Đỗ" };
const otherGroup: Group = { id: -1591, title: "Chi bộ Khác" };

let database: TestDatabase;
let tg: StubbedBot;
const clock = testClock("2026-11-22T03:00:00Z");

async function joinLink() {
  return `/start j_${(await database.store.findCellByGroup({ channel: "telegram", address: String(group.id) }))!.joinCode}`;
}

const isActive = async (user: Person) => (await database.store.findActiveMembership(BigInt(user.id)))?.cell.name === "Chi bộ Kế hoạch";

async function remove(name: string) {
  await tg.send(secretary, "/vaitro");
  await tg.press(secretary, tg.last(secretary.id), name);
  await tg.press(secretary, tg.last(secretary.id), "Xóa khỏi danh sách trên bot");
  expect(tg.last(secretary.id).text).toContain(`Đã xóa <b>${name}</b> khỏi danh sách đảng viên của chi bộ trên bot`);
}

/** The group summary's participation line. */
async function participation() {
  await tg.send(secretary, "/baocao", group);
  const summary = tg
    .chat(group.id)
    .filter((m) => m.text.includes("Đã nộp:"))
    .at(-1)!.text;
  return summary.split("\n").filter((line) => line.startsWith("Đã nộp:") || line.startsWith("Chưa nộp:"));
}

const approveData = (message: SentMessage) => {
  const button = (message.keyboard?.inline_keyboard ?? []).flat().find((b) => b.text === "Cho tham gia lại");
  if (!button || !("callback_data" in button)) throw new Error("no approve button");
  return button.callback_data!;
};

/** The secretary's request message (edits apply to it) and its approve button's data. */
let request: SentMessage;
let approve: string;

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database, clock));
  tg.makeAdmin(group, secretary);
  await tg.send(secretary, "/chibo Chi bộ Kế hoạch", group);
  for (const p of [secretary, memberB, memberC]) {
    await tg.send(p, await joinLink());
    await tg.press(p, tg.last(p.id), "Đúng");
  }
  tg.makeAdmin(otherGroup, otherSecretary);
  await tg.send(otherSecretary, "/chibo Chi bộ Khác", otherGroup);
  await tg.send(secretary, "/dotmoi 15/12/2026 Đợt cuối năm", group);
});
afterAll(() => database.close());

describe("a removed member presses the old join link", () => {
  it("is not a member again and is not counted in the report", async () => {
    expect(await participation()).toEqual(["Đã nộp: 0/3 đảng viên (0%)", "Chưa nộp: An Nguyễn Văn, Bình Trần Thị, Cường Lê Văn"]);
    await remove("Bình Trần Thị");
    const before = tg.chat(secretary.id).length;
    await tg.send(memberB, await joinLink());
    // The secretary gets one private message naming them, with the approve button.
    const sent = tg.chat(secretary.id).slice(before);

    expect(await isActive(memberB)).toBe(false);
    expect(await participation()).toEqual(["Đã nộp: 0/2 đảng viên (0%)", "Chưa nộp: An Nguyễn Văn, Cường Lê Văn"]);
    const told = tg.last(memberB.id).text;
    expect(told).toContain("Bí thư <b>Chi bộ Kế hoạch</b> đã xóa đồng chí khỏi danh sách");
    expect(told).toContain("đã gửi đề nghị");

    expect(sent).toHaveLength(1);
    request = sent[0]!;
    expect(request.text).toContain("<b>Bình Trần Thị</b>");
    expect(tg.buttons(request)).toEqual(["Cho tham gia lại"]);
    approve = approveData(request);
  });

  it("a member pressing a forged approve button changes nothing", async () => {
    await tg.pressData(memberC, memberC.id, request.messageId, approve);
    expect(tg.callbackAnswers().at(-1)).toContain("Chỉ bí thư");
    expect(await isActive(memberB)).toBe(false);
  });

  it("another cell's secretary pressing it changes nothing", async () => {
    await tg.pressData(otherSecretary, otherSecretary.id, request.messageId, approve);
    expect(tg.callbackAnswers().at(-1)).toContain("Chỉ bí thư");
    expect(await isActive(memberB)).toBe(false);
  });

  it("a forged or malformed removal stamp is refused, even from the secretary", async () => {
    const [, id] = /^1rj:(\d+):/.exec(approve)!;
    await tg.pressData(secretary, secretary.id, request.messageId, `1rj:${id}:1`);
    expect(tg.callbackAnswers().at(-1)).toContain("không còn hiệu lực");
    await tg.pressData(secretary, secretary.id, request.messageId, `1rj:${id}:${"z".repeat(40)}`);
    expect(await isActive(memberB)).toBe(false);
  });

  it("the secretary's approval re-activates them, and they are told", async () => {
    await tg.press(secretary, request, "Cho tham gia lại");
    expect(await isActive(memberB)).toBe(true);
    expect(request.text).toContain("Đã cho <b>Bình Trần Thị</b> tham gia lại");
    expect(tg.buttons(request)).toEqual([]);
    expect(tg.last(memberB.id).text).toContain("đồng chí đã tham gia lại <b>Chi bộ Kế hoạch</b>");
    expect(await participation()).toEqual(["Đã nộp: 0/3 đảng viên (0%)", "Chưa nộp: An Nguyễn Văn, Bình Trần Thị, Cường Lê Văn"]);
  });

  it("the same button pressed again is stale and changes nothing", async () => {
    await tg.pressData(secretary, secretary.id, request.messageId, approve);
    expect(tg.callbackAnswers().at(-1)).toContain("không còn hiệu lực");
    expect(await database.db.member.count({ where: { userId: BigInt(memberB.id) } })).toBe(1);
  });

  it("an approve button from an earlier removal does not undo a later one", async () => {
    const old = approve;
    expect(old).toMatch(/^1rj:\d+:[0-9a-z]+$/);
    clock.set("2026-11-23T03:00:00Z");
    await remove("Bình Trần Thị");
    await tg.pressData(secretary, secretary.id, request.messageId, old);
    expect(tg.callbackAnswers().at(-1)).toContain("không còn hiệu lực");
    expect(await isActive(memberB)).toBe(false);
  });

  it("when the secretary cannot be reached, the member is told to ask the secretary directly", async () => {
    await remove("Cường Lê Văn");
    tg.blocked.add(secretary.id);
    await tg.send(memberC, await joinLink());
    tg.blocked.delete(secretary.id);
    expect(await isActive(memberC)).toBe(false);
    expect(tg.last(memberC.id).text).toContain("liên hệ trực tiếp với bí thư");
  });
});
