/**
 * The report back after a crash (issue 17, point 5), through the real bot with Telegram stubbed:
 * the process is "killed" while "📨 Gửi cho n đồng chí" is going out (its sender had claimed
 * the members' messages and sent only the secretary's). After the restart, the claims of the
 * dead process go at once (main.ts: OutboxSender.takeOver under the SQLite process lock), not
 * after their 2-minute lease; the confirmation says who really has the report; and a second
 * press carries on and gives the secretary "Đã gửi x/n", counted from the outbox.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { Pacer } from "../../src/infra/outbox/pacer.js";
import { OutboxSender } from "../../src/infra/outbox/sender.js";
import { telegramSender } from "../../src/bot/outbound.js";
import { appDeps, testClock } from "../support/app.js";
import { stubbedBot, threeMembers, type Group, type Person, type StubbedBot } from "../support/bot.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";

const group: Group = { id: -1717, title: "Chi bộ Sự cố" };
const secretary: Person = { id: 1701, first_name: "Hà", last_name: "Phạm Thu" };
const members = threeMembers(1702, "Lê");
const everyone = [secretary, ...members];
// 22/11/2026 10:00 in Hà Nội; the clock never moves here, so nothing waits out a lease.
const clock = testClock("2026-11-22T03:00:00Z");
const REPORT = "BÁO CÁO KẾT QUẢ TỰ SOI, TỰ SỬA";

let database: TestDatabase;
let tg: StubbedBot;

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database, clock), { cell: { group, secretary, members } });
  await tg.send(secretary, "/dotmoi 15/12/2026 Đợt sự cố", group);
  for (const p of everyone) await tg.submitForm(p);
  await tg.send(secretary, "/baocao", group);
  await tg.press(secretary, tg.last(group.id), "Đóng đợt sớm");
  await tg.press(secretary, tg.last(secretary.id), "Xác nhận đóng đợt");
});
afterAll(() => database.close());

/** Every call to `chat`, in order: the report text and the DOCX. */
const received = (chat: number) =>
  tg.calls
    .filter((c) => Number(c.payload.chat_id) === chat && (c.method === "sendDocument" || String(c.payload.text ?? "").includes(REPORT)))
    .map((c) => c.method);

it("after a crash mid-sending: the dead process's messages go at once, in order; the answers are true; the secretary gets Đã gửi 4/4", async () => {
  const wake = tg.deps.wakeSender!;
  // The process that is killed: its sender claims the report messages, Telegram accepts the
  // secretary's, the members' calls are in flight when kill -9 comes (they never answer).
  const DEAD = "sender-4242-killed";
  tg.deps.wakeSender = async () => {
    const dying = new OutboxSender(
      database.store,
      [
        telegramSender({
          call: async (_method, params) => (Number(params.chat_id) === secretary.id ? { kind: "sent", messageId: 1 } : new Promise<never>(() => {})),
          botUsername: "tusoi_test_bot",
          pacer: new Pacer({ perSecond: 1e6, privateChatIntervalMs: 0, groupChatIntervalMs: 0 }),
        }),
      ],
      undefined,
      { worker: DEAD, clock, waitForRetriesMs: 0 },
    );
    void dying.drain();
    while ((await database.db.outbox.count({ where: { kind: "REPORT_BACK", claimedBy: DEAD, status: "SENDING" } })) < members.length) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error("kill -9");
  };
  await tg.send(secretary, "/baocao", group);
  await tg.press(secretary, tg.last(group.id), "📨 Gửi báo cáo cho đảng viên");
  await expect(tg.press(secretary, tg.last(secretary.id), "📨 Gửi cho 4 đồng chí")).rejects.toThrow("kill -9");
  expect(await database.db.outbox.count({ where: { kind: "REPORT_BACK", status: "SENT" } })).toBe(1);
  for (const m of members) expect(received(m.id)).toEqual([]);

  // The restart: a new sender; start-up under the process lock takes over the dead one's claims.
  tg.deps.wakeSender = wake;
  expect(await tg.sender.takeOver()).toBe(members.length);

  // Pressed again: the confirmation says who has the report, from the rows' real states.
  await tg.send(secretary, "/baocao", group);
  await tg.press(secretary, tg.last(group.id), "📨 Gửi báo cáo cho đảng viên");
  const confirm = tg.last(secretary.id);
  // (The secretary has the text but not yet the DOCX: no one has all of it.)
  expect(confirm.text).not.toContain("Đã gửi trước đó");
  expect(confirm.text).toContain("Còn 4 đồng chí chưa nhận đủ");
  expect(tg.buttons(confirm)).toContain("📨 Gửi cho 4 đồng chí");

  // Sending carries on at once (the clock has not moved: no lease was waited out), each member's
  // text before their DOCX, nothing twice; the secretary gets the result over all four.
  await tg.press(secretary, confirm, "📨 Gửi cho 4 đồng chí");
  for (const m of members) expect(received(m.id)).toEqual(["sendMessage", "sendDocument"]);
  expect(received(secretary.id)).toEqual(["sendDocument"]);
  expect(await database.db.outbox.count({ where: { kind: "REPORT_BACK", status: { not: "SENT" } } })).toBe(0);
  expect(tg.last(secretary.id).text).toContain("📨 Đã gửi báo cáo đợt <b>Đợt sự cố</b> cho 4/4 đồng chí.");

  // And a third press says so again, sending nothing.
  const calls = tg.calls.length;
  await tg.send(secretary, "/baocao", group);
  await tg.press(secretary, tg.last(group.id), "📨 Gửi báo cáo cho đảng viên");
  expect(tg.last(secretary.id).text).toContain("Đã gửi trước đó cho 4 đồng chí");
  await tg.press(secretary, tg.last(secretary.id), "📨 Gửi cho 0 đồng chí");
  expect(tg.last(secretary.id).text).toContain("cho 4/4 đồng chí.");
  expect(tg.last(secretary.id).text).toContain("không gửi lại");
  for (const p of everyone) expect(received(p.id)).toHaveLength(p === secretary ? 1 : 2);
  expect(tg.calls.length - calls).toBeLessThan(10);
});
