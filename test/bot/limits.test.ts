/**
 * Every screen with the largest inputs the bot accepts, against a Bot API fake that refuses
 * what Telegram refuses (text over 4,096 characters after entity parsing, captions over 1,024,
 * callback data over 64 bytes, callback answers over 200, a button label holding half an
 * emoji). A refused call throws out of the handler, so each of these tests fails on it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDueWork } from "../../src/app/scheduler.js";
import { createRenderer } from "../../src/bot/presenters/notifications.js";
import { createI18n } from "../../src/infra/i18n/index.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { appDeps, testClock } from "../support/app.js";
import { BOT_INFO, stubbedBot, type Group, type Person, type StubbedBot } from "../support/bot.js";
import { parsedLength } from "../support/telegram-limits.js";

const group: Group = { id: -5005, title: "Chi bộ lớn" };
/** 100 characters, an emoji straddling the 40th (where button labels used to be cut). */
const longName = (i: number) => `${"Nguyễn Thị Phương Thảo Hoàng Lan Anh".padEnd(38, "x")}🇻🇳 ${String(i).padStart(3, "0")} ${"Trần".repeat(20)}`.slice(0, 100);
const secretary: Person = { id: 5001, first_name: longName(0) };
const member: Person = { id: 5002, first_name: longName(1) };
/** A measure of exactly 1,000 characters (the most the form accepts), emoji and HTML included. */
const longMeasure = (tag: string) => [...`${tag} <b>học tập</b> & rèn luyện 📚 `.repeat(60)].slice(0, 1000).join("");
const clock = testClock("2026-11-22T03:00:00Z");

let database: TestDatabase;
let tg: StubbedBot;

function expectWithinLimits() {
  for (const call of tg.calls) {
    const p = call.payload;
    if (typeof p.text === "string") expect(parsedLength(p.text), `${call.method} text`).toBeLessThanOrEqual(call.method === "answerCallbackQuery" ? 200 : 4096);
    if (typeof p.caption === "string") expect(parsedLength(p.caption)).toBeLessThanOrEqual(1024);
  }
}

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database, clock));
  tg.makeAdmin(group, secretary);
  await tg.send(secretary, `/chibo ${"Chi bộ 🏛️ Phòng Tổ chức cán bộ ".repeat(10).slice(0, 190)}`, group);
  const code = (await database.store.findCellByGroup({ channel: "telegram", address: String(group.id) }))!.joinCode;
  for (const p of [secretary, member]) {
    await tg.send(p, `/start j_${code}`);
    await tg.press(p, tg.last(p.id), "Đúng");
  }
  await tg.send(secretary, `/dotmoi 15/12/2026 ${"Tự soi cuối năm 🗓️ ".repeat(20).slice(0, 195)}`, group);
});
afterAll(() => database.close());

describe("a member who marks all 27 items with 1,000-character measures", () => {
  it("reaches the confirmation screen, in pages, with the submit button on every page", async () => {
    await tg.send(member, "/tusoi");
    for (let i = 1; i <= 27; i++) await tg.press(member, tg.last(member.id), "Có, cần khắc phục");
    await tg.press(member, tg.last(member.id), /Tiếp tục/);
    for (let i = 1; i <= 27; i++) {
      await tg.send(member, longMeasure(`M${i}`));
      await tg.press(member, tg.last(member.id), /^Cuối năm/);
    }
    const confirm = tg.last(member.id);
    expect(confirm.text).toContain("Xác nhận bản tự soi");
    expect(confirm.text).toContain("Trang 1/");
    expect(tg.buttons(confirm)).toContain("✅ Nộp bản tự soi");
    await tg.press(member, confirm, "Trang sau ›");
    expect(tg.last(member.id).text).toContain("Trang 2/");
    expect(tg.buttons(tg.last(member.id))).toContain("✅ Nộp bản tự soi");
    expectWithinLimits();
  });

  it("can submit, and the form is filed", async () => {
    await tg.press(member, tg.last(member.id), "✅ Nộp bản tự soi");
    expect(tg.last(member.id).text).toContain("Đã nộp bản tự soi");
    const form = await database.db.assessment.findFirstOrThrow({ where: { member: { userId: BigInt(member.id) } } });
    expect(form.submittedAt).not.toBeNull();
    expect(await database.db.filedAnswer.count({ where: { assessmentId: form.id, value: "SIGNIFICANT" } })).toBe(27);
    expectWithinLimits();
  });

  it("/tusua shows every measure whole, over several messages", async () => {
    const before = tg.chat(member.id).length;
    await tg.send(member, "/tusua");
    const sent = tg.chat(member.id).slice(before);
    expect(sent.length).toBeGreaterThan(1);
    const all = sent.map((m) => m.text).join("\n");
    for (const i of [1, 14, 27]) expect(all).toContain(longMeasure(`M${i}`).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
    expectWithinLimits();
  });

  it("gets the monthly follow-up in several messages, all sent, and can answer an item on the last one", async () => {
    const deps = tg.deps.app;
    clock.set("2026-12-01T01:30:00Z"); // 08:30 on the 1st in Hà Nội
    const renderer = createRenderer(await createI18n("vi"), "vi", BOT_INFO.username, clock);
    await runDueWork(deps, renderer, clock());
    await tg.deps.wakeSender!();
    const rows = await database.db.outbox.findMany({ where: { kind: "FOLLOW_UP", channel: "telegram", recipient: String(member.id) } });
    expect(rows.length).toBe(6); // 27 items, 5 per message
    expect(rows.every((r) => r.status === "SENT")).toBe(true);
    const last = tg.last(member.id);
    expect(last.text).toContain("(6/6)");
    await tg.press(member, last, /· Đã khắc phục$/);
    expect(tg.callbackAnswers().at(-1)).toBe("Đã ghi nhận.");
    expect(await database.db.correctionProgress.count()).toBe(1);
    expectWithinLimits();
  });
});

describe("the secretary's private detail", () => {
  it("shows a member with 27 long measures over several messages, each measure whole", async () => {
    const before = tg.chat(secretary.id).length;
    await tg.send(secretary, "/baocao chitiet");
    const sent = tg.chat(secretary.id).slice(before);
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.map((m) => m.text).join("\n")).toContain(longMeasure("M27").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
    expect(tg.buttons(sent.at(-1)!)).toEqual(["Bảng tính chi tiết (.xlsx)"]);
    expectWithinLimits();
  });
});

describe("the audit log", () => {
  it("/baocao nhatky with 30 entries of the longest names and titles spans several messages", async () => {
    const me = (await database.store.findActiveMembership(BigInt(secretary.id)))!;
    const round = (await database.store.findLatestRound(me.cellId))!;
    for (let i = 0; i < 30; i++)
      await database.store.addAudit({ cellId: me.cellId, actorMemberId: me.id, action: "DETAIL_VIEW", roundId: round.id, at: clock() });
    const before = tg.chat(secretary.id).length;
    await tg.send(secretary, "/baocao nhatky");
    expect(tg.chat(secretary.id).length - before).toBeGreaterThan(1);
    expectWithinLimits();
  });
});

describe("the biggest cell", () => {
  it("posts the whole summary with 150 members pending, split over messages, names whole", async () => {
    const code = (await database.store.findCellByGroup({ channel: "telegram", address: String(group.id) }))!.joinCode;
    for (let i = 10; i < 160; i++) {
      const p: Person = { id: 6000 + i, first_name: longName(i) };
      await tg.send(p, `/start j_${code}`);
      await tg.press(p, tg.last(p.id), "Đúng");
    }
    const before = tg.chat(group.id).length;
    await tg.send(secretary, "/baocao", group);
    const posted = tg.chat(group.id).slice(before);
    expect(posted.length).toBeGreaterThan(1);
    const all = posted.map((m) => m.text).join("\n");
    expect(all).toContain(longName(159));
    expect(tg.buttons(posted.at(-1)!)).toContain("Báo cáo (.docx)");
    expectWithinLimits();
  });

  it("/vaitro lists every member with buttons cut on a grapheme boundary, in pages", async () => {
    await tg.send(secretary, "/vaitro");
    const list = tg.last(secretary.id);
    expect(list.text).toContain(longName(1).slice(0, 30));
    expect(tg.buttons(list).length).toBeLessThanOrEqual(100);
    for (const label of tg.buttons(list)) expect(label).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expectWithinLimits();
  });
});
