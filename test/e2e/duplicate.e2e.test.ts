/** End-to-end: Telegram delivers the same update twice; the bot counts it once. */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { TestUser } from "./harness/index.js";
import { cellWithMembers, deadlineInDays, startE2E, waitForText, type E2E } from "./support.js";

const GROUP = { id: -1001555000222, title: "Chi bộ Tài chính" };
let e2e: E2E;
let secretary: TestUser;

beforeAll(async () => {
  e2e = await startE2E();
  secretary = e2e.emulator.user({ id: 7001, firstName: "Đỗ Minh Khoa" });
  await cellWithMembers(e2e, GROUP, secretary, []);
  await secretary.sendInGroup(GROUP, `/dotmoi ${deadlineInDays(10)}`);
  await e2e.emulator.waitForMessage(GROUP.id, (m) => /Hạn nộp:/.test(m.plainText ?? ""));
});
afterAll(() => e2e?.close());

it("applies a redelivered answer press once: the form advances one item, not two", async () => {
  await secretary.send("/tusoi");
  const first = await waitForText(secretary, /Câu 1\/27/);
  const press = await secretary.press(first, "Có, mức độ nhẹ");
  await waitForText(secretary, /Câu 2\/27/);

  e2e.emulator.redeliver(press.updateId);
  await e2e.emulator.waitForDelivery(press.updateId, 2);
  // A later command proves the duplicate was processed (updates are handled in order per chat).
  const probe = await secretary.send("/tusoi");
  const resumed = await secretary.nextMessage(probe);
  expect(resumed.plainText).toContain("Câu 2/27");
  // Only one answer callback was answered for that press.
  const answers = e2e.emulator.callbackAnswers().filter((a) => a.callback_query_id === press.callbackQueryId);
  expect(answers).toHaveLength(1);
});

it("handles a duplicated /start once: one welcome, one membership", async () => {
  const newcomer = e2e.emulator.user({ id: 7002, firstName: "Vũ Lan" });
  const sent = await newcomer.send("/huongdan");
  await newcomer.nextMessage(sent);
  const before = newcomer.messages().length;
  e2e.emulator.redeliver(sent.updateId);
  await e2e.emulator.waitForDelivery(sent.updateId, 2);
  const probe = await newcomer.send("/ngonngu");
  await newcomer.nextMessage(probe);
  expect(newcomer.messages()).toHaveLength(before + 1);
});
