/**
 * End-to-end: the bot process is stopped mid-assessment (SIGTERM, then kill -9) and started
 * again on the same database; /tusoi resumes at the first unanswered item with earlier
 * answers intact.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { TestUser } from "./harness/index.js";
import { cellWithMembers, deadlineInDays, startE2E, waitForText, type E2E } from "./support.js";

const GROUP = { id: -1001555000111, title: "Chi bộ Khối Văn phòng" };
let e2e: E2E;
let secretary: TestUser;

beforeAll(async () => {
  e2e = await startE2E();
  secretary = e2e.emulator.user({ id: 6001, firstName: "Phạm Thu Hà" });
  await cellWithMembers(e2e, GROUP, secretary, []);
  await secretary.sendInGroup(GROUP, `/dotmoi ${deadlineInDays(10)}`);
  await e2e.emulator.waitForMessage(GROUP.id, (m) => /Hạn nộp:/.test(m.plainText ?? ""));
});
afterAll(() => e2e?.close());

async function answer(user: TestUser, n: number, label: string) {
  const question = await waitForText(user, new RegExp(`Câu ${n}/27`));
  await user.press(question, label);
  await waitForText(user, new RegExp(`Câu ${n + 1}/27`));
}

it("resumes at the first unanswered item after a graceful restart and after kill -9", async () => {
  await secretary.send("/tusoi");
  await answer(secretary, 1, "Không có");
  await answer(secretary, 2, "Có, mức độ nhẹ");
  await answer(secretary, 3, "Không có");

  await e2e.restart();
  const resumed = await secretary.nextMessage(await secretary.send("/tusoi"));
  expect(resumed.plainText).toContain("Câu 4/27");
  expect(resumed.plainText).toContain("1.4.");
  await secretary.press(resumed, "Có, cần khắc phục");
  await secretary.waitForMessage((m) => m.message_id === resumed.message_id && /Câu 5\/27/.test(m.plainText ?? ""));

  await e2e.restart({ hard: true });
  const sent = await secretary.send("/tusoi");
  const again = await secretary.nextMessage(sent);
  expect(again.plainText).toContain("Câu 5/27");

  // Going back, in that same message, shows the earlier answers kept across both restarts.
  const shown = (pattern: RegExp) => secretary.waitForMessage((m) => m.message_id === again.message_id && pattern.test(m.plainText ?? ""));
  await secretary.press(again, "« Quay lại");
  const item4 = await shown(/Câu 4\/27/);
  expect(item4.plainText).toContain("Đồng chí đã chọn: Có, cần khắc phục");
  await secretary.press(item4, "« Quay lại");
  await secretary.press(await shown(/Câu 3\/27/), "« Quay lại");
  const item2 = await shown(/Câu 2\/27/);
  expect(item2.plainText).toContain("Đồng chí đã chọn: Có, mức độ nhẹ");
});
