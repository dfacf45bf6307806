/**
 * End-to-end: the report buttons under /baocao deliver a DOCX, an XLSX and a chart PNG to the
 * group; a member pressing them is refused; /baocao chitiet in the group reveals nothing.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { TestUser } from "./harness/index.js";
import { cellWithMembers, deadlineInDays, startE2E, submitWithOneItem, type E2E } from "./support.js";

const GROUP = { id: -1001555000444, title: "Chi bộ Báo cáo" };
let e2e: E2E;
let secretary: TestUser;
let member: TestUser;
let others: TestUser[];

beforeAll(async () => {
  e2e = await startE2E();
  secretary = e2e.emulator.user({ id: 9001, firstName: "Trịnh Văn Quang" });
  member = e2e.emulator.user({ id: 9002, firstName: "Ngô Thị Lan" });
  others = [e2e.emulator.user({ id: 9003, firstName: "Phan Văn Hùng" }), e2e.emulator.user({ id: 9004, firstName: "Đỗ Thị Mai" })];
  await cellWithMembers(e2e, GROUP, secretary, [member, ...others]);
  await secretary.sendInGroup(GROUP, `/dotmoi ${deadlineInDays(10)}`);
  await e2e.emulator.waitForMessage(GROUP.id, (m) => /Hạn nộp:/.test(m.plainText ?? ""));
  // Three forms, so the closed round's figures may reach the group (issue 8 point 5).
  for (const m of [member, ...others]) {
    await submitWithOneItem(m, { item: 5, label: "Có, mức độ nhẹ", measure: "Thẳng thắn tự phê bình trong sinh hoạt chi bộ", datePick: /^Sau 3 tháng/ });
  }
});
afterAll(() => e2e?.close());

// Issue 8 point 5 changed this test: files reach the group once the round is closed with at
// least 3 forms, so the secretary first closes the round early (confirmed in private).
it("closes the round early and then delivers the DOCX, the XLSX and the chart to the group", async () => {
  await secretary.sendInGroup(GROUP, "/baocao");
  const interim = await e2e.emulator.waitForMessage(GROUP.id, (m) => /TỔNG HỢP TỰ SOI/.test(m.plainText ?? ""));
  expect(interim.plainText).not.toContain("1.5. ");
  await secretary.press(interim, "Đóng đợt sớm");
  const ask = await secretary.waitForMessage((m) => /ngay bây giờ\?/.test(m.plainText ?? ""));
  await secretary.press(ask, "Xác nhận đóng đợt");
  const final = await e2e.emulator.waitForMessage(GROUP.id, (m) => /kết thúc/.test(m.plainText ?? "") && /1\.5\. .+ — 3 đảng viên/.test(m.plainText ?? ""));
  expect(final.plainText).toContain("Đã nộp: 3/4");
  const sent = await secretary.sendInGroup(GROUP, "/baocao");
  const summary = await e2e.emulator.waitForMessage(
    GROUP.id,
    (m) => m.message_id > sent.messageId && /TỔNG HỢP TỰ SOI/.test(m.plainText ?? "") && (m.reply_markup?.inline_keyboard?.length ?? 0) > 0,
  );
  expect(summary.plainText).toContain("1.5. ");
  for (const label of ["Báo cáo (.docx)", "Bảng tính (.xlsx)", "Biểu đồ"]) await secretary.press(summary, label);
  await e2e.emulator.client.waitForMessages(GROUP.id, () => e2e.emulator.files(GROUP.id).length >= 3, { timeoutMs: 20_000 });
  const files = e2e.emulator.files(GROUP.id);
  expect(files.map((f) => f.filename)).toEqual(["bao-cao-tu-soi-dot-01.docx", "bang-tong-hop-tu-soi-dot-01.xlsx", expect.stringMatching(/\.png$/)]);
  expect(files[0]!.bytes.subarray(0, 2).toString()).toBe("PK");
  expect(files[1]!.bytes.subarray(0, 2).toString()).toBe("PK");
  expect(files[2]!.bytes.subarray(1, 4).toString()).toBe("PNG");
  expect(files.every((f) => f.size > 1000)).toBe(true);
});

it("refuses a member who presses a file button; nothing more reaches the group", async () => {
  const summary = await e2e.emulator.waitForMessage(GROUP.id, (m) => /TỔNG HỢP TỰ SOI/.test(m.plainText ?? ""));
  const before = e2e.emulator.files(GROUP.id).length;
  const press = await member.press(summary, "Báo cáo (.docx)");
  const answer = await e2e.emulator.client.waitForCallbackAnswer(press.callbackQueryId);
  expect(answer.text).toContain("Chỉ bí thư, phó bí thư và chi ủy viên");
  expect(e2e.emulator.files(GROUP.id)).toHaveLength(before);
});

it("/baocao chitiet in the group is refused and reveals nothing", async () => {
  const sent = await secretary.sendInGroup(GROUP, "/baocao chitiet");
  const reply = await e2e.emulator.client.nextMessage(GROUP.id, sent);
  expect(reply.plainText).toContain("chỉ xem được trong tin nhắn riêng");
  expect(reply.plainText).not.toContain("Ngô Thị Lan");
  expect(reply.plainText).not.toContain("Thẳng thắn tự phê bình");
});
