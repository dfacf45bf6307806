/**
 * A cell's Zalo group (issue 20; groups are in beta at Zalo: the bot gets only the messages
 * that mention it), on the composition root in-process against the Zalo Bot API fake over real
 * HTTP (long polling), on freshDatabase() (a PostgreSQL twin runs it again). The secretary's
 * `@bot /chibo` in the group links it to the cell (a member's or a stranger's is refused);
 * `/thamgia` there gives the private line; the round's announcement and its end-of-round summary
 * then go to the group's chat id, and no longer to the officers privately; `/baocao` there posts
 * the group's share; nothing a member answered is ever posted in the group.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type Running } from "../../src/root.js";
import { testClock } from "../support/app.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { ZaloFake, type ZaloGroup, type ZaloUser } from "../support/zalo-fake.js";
import { submitItemOneMarked, zaloCell, zaloChats, zaloConfig } from "../support/zalo-harness.js";

const SECRETARY: ZaloUser = { id: "9101", displayName: "Nguyễn Văn An" };
const HOA: ZaloUser = { id: "9102", displayName: "Đỗ Thị Hoa" };
const STRANGER: ZaloUser = { id: "9103", displayName: "Lê Văn Lạ" };
const OTHER: ZaloUser = { id: "9104", displayName: "Phạm Thị Khác" };
const BOSS: ZaloUser = { id: "9105", displayName: "Võ Văn Trưởng" };
const GROUP: ZaloGroup = { id: "zg-7700" };
/** How people mention the bot in a group: `@` and its name (the fake's getMe account_name). */
const AT = "@bot.tusoi.test";
/** Hoa's measure: it must never reach the group. */
const MEASURE = "Đọc kỹ văn bản trước khi ký, riêng tư của Hoa";

const clock = testClock("2026-11-10T03:00:00Z");
const fake = new ZaloFake({ pollIdleMs: 50 });
const zalo = zaloChats(fake);
const { say } = zalo;
let running: Running;
let database: TestDatabase;
let code = "";

/** Waits until `chat` got a message matching `expected` after the first `before`; everything fresh, joined. */
const until = (chat: string, before: number, expected: RegExp) => zalo.waitFor(chat, before, expected);

/** `user` writes in the group; the group's replies once one matches. */
const sayInGroup = (user: ZaloUser, text: string, expected: RegExp) => zalo.sayInGroup(user, GROUP, text, expected);

/** Lets the bot handle what was sent (a marker message answered privately proves the updates before it were read). */
async function settle(): Promise<void> {
  await say(STRANGER, "/thamgia KHONG-CO-MA", /Liên kết tham gia không còn đúng/);
}

/** `read()` once `done` holds of it (or after 20 s, as it is then). */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const groupTexts = () => zalo.texts(GROUP);
const cellRow = () => database.db.cell.findFirstOrThrow({ where: { joinCode: code }, select: { groupChannel: true, groupAddress: true } });

beforeAll(async () => {
  await fake.start();
  database = await freshDatabase({
    before: async (url) => {
      running = await startApp(zaloConfig(fake, url, { ZALO_MESSAGES_PER_SECOND: "30" }), { clock });
    },
  });

  code = await zaloCell(zalo, SECRETARY, "Chi bộ Nhóm Zalo", [HOA]);
  await say(OTHER, "/chibo Chi bộ Khác", /Đã thiết lập/);
}, 120_000);

afterAll(async () => {
  await running?.stop();
  await database?.close();
  await fake.stop();
});

describe("a cell's Zalo group", () => {
  it("a member's or a stranger's `@bot /chibo` is refused in the group, with nothing private; plain and unaddressed messages are ignored", async () => {
    const forMember = await sayInGroup(HOA, `${AT} /chibo`, /Chỉ bí thư hoặc phó bí thư/);
    expect(forMember).not.toContain(code);
    expect(forMember).not.toContain("Chi bộ Nhóm Zalo");
    const forStranger = await sayInGroup(STRANGER, `${AT} /chibo ${code}`, /Chỉ bí thư hoặc phó bí thư/);
    expect(forStranger).not.toContain("Chi bộ Nhóm Zalo");
    expect(await cellRow()).toEqual({ groupChannel: null, groupAddress: null });

    const before = groupTexts().length;
    await fake.sendText(SECRETARY, `${AT} xin chào cả nhóm`, { group: GROUP });
    await fake.sendText(SECRETARY, "/chibo", { group: GROUP }); // no mention: not addressed to the bot
    await fake.sendText(HOA, `${AT} 1`, { group: GROUP });
    await settle();
    expect(groupTexts().slice(before)).toEqual([]);
    expect(await cellRow()).toEqual({ groupChannel: null, groupAddress: null });
  });

  it("the secretary's `@bot /chibo` links the group: the database holds groupChannel 'zalo' and the group's id; another cell's secretary is then refused", async () => {
    const reply = await sayInGroup(SECRETARY, `${AT} /chibo`, /Đã gắn nhóm này với Chi bộ Nhóm Zalo/);
    expect(reply).toContain(`/thamgia ${code}`);
    expect(await cellRow()).toEqual({ groupChannel: "zalo", groupAddress: GROUP.id });

    const taken = await sayInGroup(OTHER, `${AT} /chibo`, /Nhóm này đã gắn với Chi bộ Nhóm Zalo/);
    expect(taken).not.toMatch(/Đã gắn nhóm/);
    expect(await cellRow()).toEqual({ groupChannel: "zalo", groupAddress: GROUP.id });
    const other = await database.db.cell.findFirstOrThrow({ where: { name: "Chi bộ Khác" }, select: { groupChannel: true, groupAddress: true } });
    expect(other).toEqual({ groupChannel: null, groupAddress: null });
  });

  it("with the group linked, the secretary's private `/chibo <tên>` still renames the cell, and the group stays linked", async () => {
    const reply = await say(SECRETARY, "/chibo Chi bộ Nhóm Zalo Mới", /Đã đổi tên chi bộ thành Chi bộ Nhóm Zalo Mới/);
    expect(reply).toContain(`/thamgia ${code}`);
    await say(SECRETARY, "/chibo Chi bộ Nhóm Zalo", /Đã đổi tên chi bộ thành Chi bộ Nhóm Zalo\./);
    expect(await cellRow()).toEqual({ groupChannel: "zalo", groupAddress: GROUP.id });
  });

  it("`/thamgia` in the group answers with the line to send the bot privately; a member's command there says it works in a private chat", async () => {
    const reply = await sayInGroup(STRANGER, `${AT} /thamgia`, /\/thamgia /);
    expect(reply).toContain(`tin nhắn riêng với bot`);
    expect(reply).toMatch(new RegExp(`^/thamgia ${code}$`, "m"));
    const form = await sayInGroup(HOA, `/tusoi ${AT}`, /dùng trong tin nhắn riêng với bot/);
    expect(form).not.toMatch(/Câu 1\/27/);
  });

  it("`/huongdan` in the group lists the group's commands (each with the bot mentioned), and speaks of no buttons", async () => {
    const reply = await sayInGroup(HOA, `${AT} /huongdan`, /\/thamgia/);
    for (const command of ["/chibo", "/chibo huy", "/dangbo", "/thamgia", "/baocao", "/huongdan"]) expect(reply).toContain(command);
    expect(reply).toContain("tin nhắn riêng với bot");
    expect(reply).not.toMatch(/dùng trong tin nhắn riêng với bot\. Trong nhóm chỉ dùng/);
    expect(reply).not.toMatch(/bấm|nút|press|button/i);
  });

  it("the round's announcement goes to the group's chat id and not privately to the officers", async () => {
    const beforeGroup = groupTexts().length;
    await say(SECRETARY, "/dotmoi 30/11/2026 Đợt có nhóm Zalo", /Đã mở đợt/);
    const announced = await until(GROUP.id, beforeGroup, /mở đợt mới: Đợt có nhóm Zalo/);
    expect(announced).toContain("Chi bộ Nhóm Zalo");
    expect(fake.calls.some((c) => c.method === "sendMessage" && String(c.body.chat_id) === GROUP.id)).toBe(true);
    // The fake has the message as the call answers; the row is marked SENT right after.
    const rows = await eventually(
      () => database.db.outbox.findMany({ where: { kind: "ROUND_OPENED" }, select: { key: true, channel: true, recipient: true, status: true } }),
      (r) => r.length > 0 && r.every((row) => row.status !== "PENDING" && row.status !== "SENDING"),
    );
    expect(rows).toEqual([{ key: expect.stringMatching(/^round-opened:\d+$/), channel: "zalo", recipient: GROUP.id, status: "SENT" }]);
    expect(fake.messagesTo(SECRETARY.id).some((m) => /mở đợt mới: Đợt có nhóm Zalo/.test(m.text))).toBe(false);
  });

  it("`/baocao` in the group: an officer posts the group's share there; a member is refused", async () => {
    // Hoa submits with item 1 marked and her own measure.
    await submitItemOneMarked(zalo, HOA, MEASURE, "20/12/2026");

    const refused = await sayInGroup(HOA, `${AT} /baocao`, /Chỉ bí thư, phó bí thư và chi ủy viên/);
    expect(refused).not.toMatch(/\d+\/\d+/);
    const posted = await sayInGroup(SECRETARY, `${AT} /baocao`, /Đợt có nhóm Zalo/);
    expect(posted).toMatch(/1\/2/); // one of the two members submitted
    expect(posted).toContain("nhắn riêng /baocao");
    expect(posted).not.toContain(MEASURE);
  });

  it("at the deadline the end-of-round summary goes to the group (not to the officers privately), and nothing a member answered ever reached the group", async () => {
    const beforeGroup = groupTexts().length;
    const beforeSecretary = fake.messagesTo(SECRETARY.id).length;
    clock.set("2026-12-01T01:00:00Z");
    await running.tick();
    await until(GROUP.id, beforeGroup, /Đợt có nhóm Zalo/);
    const rows = await database.db.outbox.findMany({ where: { kind: "ROUND_SUMMARY" }, select: { channel: true, recipient: true, status: true } });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toEqual({ channel: "zalo", recipient: GROUP.id, status: "SENT" });
    const secretaryFresh = fake
      .messagesTo(SECRETARY.id)
      .slice(beforeSecretary)
      .map((m) => m.text);
    expect(secretaryFresh.filter((t) => t.includes("Đợt có nhóm Zalo") && /kết thúc|Tổng hợp|tổng hợp/.test(t))).toEqual([]);
    for (const text of groupTexts()) {
      expect(text).not.toContain(MEASURE);
      expect(text).not.toContain("Đỗ Thị Hoa");
      expect(text.length).toBeLessThanOrEqual(2000);
      expect(text).not.toMatch(/<\/?(?:b|i|a|code)\b[^>]*>|&lt;|&amp;/);
    }
  });

  it("a group that refuses the announcement (the bot was removed): the row fails and is not sent privately instead, and the secretary is told, as on Telegram", async () => {
    fake.failNext("sendMessage", { errorCode: 403, description: "Forbidden: the bot is not a member of the group" });
    const reply = await say(SECRETARY, "/dotmoi 20/12/2026 Đợt hai", /không gửi được thông báo vào nhóm/);
    expect(reply).toContain("/chibo huy");
    const rows = await database.db.outbox.findMany({
      where: { kind: "ROUND_OPENED" },
      orderBy: { id: "asc" },
      select: { channel: true, recipient: true, status: true },
    });
    expect(rows.at(-1)).toEqual({ channel: "zalo", recipient: GROUP.id, status: "FAILED" });
    expect(await database.db.outbox.count({ where: { key: { contains: ":officer:" } } })).toBe(0);
    expect(fake.messagesTo(SECRETARY.id).some((m) => /mở đợt mới: Đợt hai/.test(m.text))).toBe(false);
  });

  it("`/chibo huy` in the private chat: the secretary unlinks the Zalo group the bot can no longer write to", async () => {
    expect(await cellRow()).toEqual({ groupChannel: "zalo", groupAddress: GROUP.id });
    await say(SECRETARY, "/chibo huy", /Đã bỏ gắn nhóm này với Chi bộ Nhóm Zalo/);
    expect(await cellRow()).toEqual({ groupChannel: null, groupAddress: null });
    expect((await database.db.cell.findFirstOrThrow({ where: { joinCode: code } })).name).toBe("Chi bộ Nhóm Zalo");
  });

  it("`/chibo huy` by the secretary in the linked group unlinks it: the group's share goes to the officers privately again", async () => {
    await sayInGroup(SECRETARY, `${AT} /chibo`, /Đã gắn nhóm này với Chi bộ Nhóm Zalo/);
    await sayInGroup(HOA, `${AT} /chibo huy`, /Chỉ bí thư hoặc phó bí thư của Chi bộ Nhóm Zalo mới thay đổi/);
    expect(await cellRow()).toEqual({ groupChannel: "zalo", groupAddress: GROUP.id });
    await sayInGroup(SECRETARY, `${AT} /chibo huy`, /Đã bỏ gắn nhóm này với Chi bộ Nhóm Zalo/);
    expect(await cellRow()).toEqual({ groupChannel: null, groupAddress: null });
  });

  it("a committee with no group: its bí thư's `@bot /dangbo` links a Zalo group to it; anyone else is refused", async () => {
    await say(BOSS, "/thamgia KHONG-CO-MA", /Liên kết tham gia không còn đúng/);
    const identity = await database.db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "zalo", externalId: BOSS.id } } });
    const committee = await database.db.committee.create({ data: { name: "Đảng bộ Khối Thử", joinCode: "DB-THU-1" } });
    await database.db.committeeMember.create({ data: { committeeId: committee.id, userId: identity.userId, fullName: BOSS.displayName, role: "SECRETARY" } });
    const unit: ZaloGroup = { id: "zg-dangbo" };
    const inUnitGroup = (user: ZaloUser, text: string, expected: RegExp) => zalo.sayInGroup(user, unit, text, expected);
    const row = () => database.db.committee.findUniqueOrThrow({ where: { id: committee.id }, select: { groupChannel: true, groupAddress: true } });

    expect(await inUnitGroup(STRANGER, `${AT} /dangbo`, /Chỉ bí thư hoặc phó bí thư của một đảng bộ/)).not.toContain("Đảng bộ Khối Thử");
    expect(await inUnitGroup(SECRETARY, `${AT} /dangbo`, /Chỉ bí thư hoặc phó bí thư của một đảng bộ/)).not.toContain("Đảng bộ Khối Thử");
    expect(await row()).toEqual({ groupChannel: null, groupAddress: null });
    await inUnitGroup(BOSS, `${AT} /dangbo`, /Đã gắn nhóm này với Đảng bộ Khối Thử/);
    expect(await row()).toEqual({ groupChannel: "zalo", groupAddress: unit.id });
    // The cell's secretary cannot take the committee's group for the cell.
    await inUnitGroup(SECRETARY, `${AT} /chibo`, /Nhóm này đã gắn với Đảng bộ Khối Thử/);
    expect(await cellRow()).toEqual({ groupChannel: null, groupAddress: null });
  });

  it("no message in the group or to anyone privately speaks of buttons to press (a text channel's words)", () => {
    const chats = [GROUP.id, "zg-dangbo", SECRETARY.id, HOA.id, STRANGER.id, OTHER.id, BOSS.id];
    const all = chats.flatMap((chat) => fake.messagesTo(chat).map((m) => m.text));
    expect(all.length).toBeGreaterThan(20);
    const wrong = all.filter((text) => /nút|bấm|\bbutton|\bpress/i.test(text));
    expect(wrong, wrong.join("\n---\n")).toEqual([]);
  });
});
