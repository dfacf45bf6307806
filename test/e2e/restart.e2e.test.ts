/**
 * End-to-end: the bot process is stopped mid-assessment (SIGTERM, then kill -9) and started
 * again on the same database; /tusoi resumes at the first unanswered item with earlier
 * answers intact. And messages a killed process had claimed go as soon as the bot is back
 * (it holds the SQLite lock, so their claimer is gone), not after their 2-minute lease.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { openStores } from "../../src/infra/db/index.js";
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

it("messages a killed process had claimed go right after the restart, in the member's order", async () => {
  const opened = await openStores(e2e.databaseUrl);
  const now = new Date();
  const cell = (await opened.db.cell.findFirstOrThrow()).id;
  const rows = ["first", "second", "third"].map((word, i) => ({
    key: `restart-order:${i}`,
    kind: "FOLLOW_UP" as const,
    cellId: cell,
    memberId: null,
    roundId: null,
    to: { userId: BigInt(secretary.id) },
    message: { text: `Tin sau sự cố: ${word}` },
    notBefore: now,
    expiresAt: null,
  }));
  // Written as the killed process left them: the first claimed (lease 2 minutes ahead), never
  // sent. The wait below (60 s at most) ends well before that lease would.
  const { to: _to, message: first, ...firstRow } = rows[0]!;
  await opened.db.outbox.create({
    data: {
      ...firstRow,
      channel: "telegram",
      recipient: String(secretary.id),
      method: "message",
      payload: JSON.stringify(first),
      status: "SENDING",
      claimedBy: "sender-killed",
      claimedUntil: new Date(now.getTime() + 120_000),
    },
  });
  await opened.stores.outbox.enqueue(rows.slice(1), now);
  await opened.close();
  await e2e.restart({ hard: true });
  const mine = (ms: { plainText?: string; text?: string }[]) => ms.map((m) => m.plainText ?? m.text ?? "").filter((t) => t.startsWith("Tin sau sự cố"));
  await secretary.waitForMessages((ms) => mine(ms).length >= 3, { timeoutMs: 60_000 });
  expect(mine(secretary.messages())).toEqual(["Tin sau sự cố: first", "Tin sau sự cố: second", "Tin sau sự cố: third"]);
}, 150_000);
