/**
 * End-to-end: the real bot process against the Telegram emulator. A 3-member cell is set up,
 * everyone joins, a round opens, A (the secretary) marks 1.4 and 2.6, B marks nothing, C does
 * nothing; /baocao by the secretary posts the summary, /baocao by B posts nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BotMessage, TestUser } from "./harness/index.js";
import { startE2E, waitForText, type E2E } from "./support.js";

const GROUP = { id: -1001987654321, title: "Chi bộ Phòng Tổ chức" };
let e2e: E2E;
let a: TestUser;
let b: TestUser;
let c: TestUser;

/** A deadline two weeks from the real today, as dd/mm/yyyy (the bot process uses the real clock). */
function deadlineInTwoWeeks(): string {
  const d = new Date(Date.now() + 14 * 24 * 3600_000);
  const day = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric" }).format(d);
  return day;
}

async function joinVia(user: TestUser, link: string) {
  const payload = new URL(link).searchParams.get("start")!;
  await user.send(`/start ${payload}`);
  const confirm = await waitForText(user, /Đúng chưa\?/);
  await user.press(confirm, "Đúng");
  await waitForText(user, /Đã lưu họ tên/);
}

/** Answers from the current question to the end; `marked` maps item number (1-based) to a label. */
async function answerAll(user: TestUser, marked: Record<number, string>): Promise<BotMessage> {
  let message = await waitForText(user, /Câu 1\/27/);
  for (let n = 1; n <= 27; n++) {
    await user.press(message, marked[n] ?? "Không có");
    message = await waitForText(user, n < 27 ? new RegExp(`Câu ${n + 1}/27`) : /Rà soát bản tự soi/);
  }
  return message;
}

beforeAll(async () => {
  e2e = await startE2E();
  a = e2e.emulator.user({ id: 5001, firstName: "Nguyễn Văn An" });
  b = e2e.emulator.user({ id: 5002, firstName: "Trần Thị Bình" });
  c = e2e.emulator.user({ id: 5003, firstName: "Lê Văn Cường" });
  e2e.emulator.setAdmin(GROUP.id, a.id);
});
afterAll(() => e2e?.close());

describe("the whole loop against the emulator", () => {
  it("sets up the cell, and all three members join through the deep link", async () => {
    await a.sendInGroup(GROUP, "/chibo Chi bộ Phòng Tổ chức");
    await e2e.emulator.waitForMessage(GROUP.id, (m) => /Đã thiết lập Chi bộ Phòng Tổ chức/.test(m.plainText ?? ""));
    await b.sendInGroup(GROUP, "/thamgia");
    const prompt = await e2e.emulator.waitForMessage(GROUP.id, (m) => /bấm nút dưới đây/.test(m.plainText ?? ""));
    const link = (prompt.reply_markup as { inline_keyboard: { url?: string }[][] }).inline_keyboard[0]![0]!.url!;
    for (const user of [a, b, c]) await joinVia(user, link);
  });

  it("opens a round with an announcement in the group", async () => {
    await a.sendInGroup(GROUP, `/dotmoi ${deadlineInTwoWeeks()} Tự soi cuối năm`);
    const announcement = await e2e.emulator.waitForMessage(GROUP.id, (m) => /Hạn nộp:/.test(m.plainText ?? ""));
    expect(announcement.plainText).toContain("Tự soi cuối năm");
  });

  it("member A marks 1.4 (minor) and 2.6 (needs correction), plans and submits", async () => {
    await a.send("/tusoi");
    const review = await answerAll(a, { 4: "Có, mức độ nhẹ", 15: "Có, cần khắc phục" });
    expect(review.plainText).toContain("1.4.");
    await a.press(review, /Tiếp tục/);
    await waitForText(a, /Biện pháp khắc phục · 1\/2/);
    await a.send("Chấp hành nghiêm nguyên tắc tổ chức, sinh hoạt đúng giờ");
    const date1 = await waitForText(a, /Thời hạn khắc phục · 1\.4/);
    await a.press(date1, /^Cuối năm/);
    await waitForText(a, /Biện pháp khắc phục · 2\/2/);
    await a.send("Rà soát các khoản chi, tiết kiệm văn phòng phẩm");
    await waitForText(a, /Thời hạn khắc phục · 2\.6/);
    await a.send("31/12/2026");
    const confirm = await waitForText(a, /Xác nhận bản tự soi/);
    await a.press(confirm, "✅ Nộp bản tự soi");
    await waitForText(a, /Đã nộp bản tự soi lúc/);
  });

  it("member B marks nothing and submits", async () => {
    await b.send("/tusoi");
    const review = await answerAll(b, {});
    expect(review.plainText).toContain("Đồng chí không đánh dấu biểu hiện nào");
    await b.press(review, "✅ Nộp bản tự soi");
    await waitForText(b, /Đã nộp bản tự soi lúc/);
  });

  // Issue 8 point 5 changed this expectation: the round is open, so the group gets
  // participation only and the item lines go to the secretary in private.
  it("/baocao by the secretary posts participation to the group and the interim item figures to the secretary", async () => {
    await a.sendInGroup(GROUP, "/baocao");
    const report = await e2e.emulator.waitForMessage(GROUP.id, (m) => /TỔNG HỢP TỰ SOI/.test(m.plainText ?? ""));
    const text = report.plainText!;
    expect(text).toContain("Đã nộp: 2/3 đảng viên (67%)");
    expect(text).toContain("Chưa nộp: Lê Văn Cường");
    expect(text).not.toMatch(/^1\.4\. .+ — 1 đảng viên$/m);
    expect(text).not.toContain("Nguyễn Văn An");
    expect(text).not.toContain("Trần Thị Bình");
    const interim = (await waitForText(a, /Số liệu tạm thời/)).plainText!;
    expect(interim).toMatch(/^1\.4\. .+ — 1 đảng viên$/m);
    expect(interim).toMatch(/^2\.6\. .+ — 1 đảng viên$/m);
  });

  it("/baocao by member B is refused and nothing is posted to the group", async () => {
    const before = e2e.emulator.messages(GROUP.id).length;
    await b.sendInGroup(GROUP, "/baocao");
    await waitForText(b, /Chỉ bí thư, phó bí thư và chi ủy viên/);
    // A later message proves the bot has processed B's command before we count.
    await a.sendInGroup(GROUP, "/thamgia");
    await e2e.emulator.waitForMessages(GROUP.id, (ms) => ms.length === before + 1);
    const after = e2e.emulator.messages(GROUP.id);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)!.plainText).not.toMatch(/TỔNG HỢP/);
  });
});
