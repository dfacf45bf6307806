/**
 * End-to-end, the web in a real browser (Debian's Chromium driven by playwright-core): the
 * bot runs with PORT and PUBLIC_URL; officers ask it for `/web` in the emulator and sign in
 * through the link it sent. The committee page shows the `/tonghop` numbers; the DOCX
 * downloads and opens; a lower committee opens from the table; another committee's officer
 * gets a 404; a used and an expired link are refused; logout ends the session; a removed
 * officer's session stops working. A screenshot of the committee page is saved in
 * test-results/web-committee.png.
 */
import { freePort } from "../support/ports.js";
import path from "node:path";
import JSZip from "jszip";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStores, type OpenStores } from "../../src/infra/db/index.js";
import { ensureChromium, launchChromium } from "../support/chromium.js";
import type { BotMessage, TestUser } from "./harness/index.js";
import { REPO_ROOT } from "./harness/index.js";
import { cellWithMembers, deadlineInDays, startE2E, submitWithOneItem, waitForText, type E2E } from "./support.js";

const COMMITTEE = { id: -1003200000001, title: "Đảng ủy phường Mỹ Bình" };
const LOWER = { id: -1003200000002, title: "Đảng ủy khối Cơ quan" };
const OTHER = { id: -1003200000009, title: "Đảng ủy xã Khác" };
const CELL_A = { id: -1003200000011, title: "Chi bộ Khu phố 1" };
const CELL_B = { id: -1003200000012, title: "Chi bộ Khu phố 2" };
const CELL_C = { id: -1003200000021, title: "Chi bộ Cơ quan" };

const chromium = ensureChromium();
if (!chromium.ok && process.env.CI) throw new Error(`CI needs Chromium for the browser tests: ${chromium.reason}`);

const text = (m: BotMessage) => m.plainText ?? m.text ?? "";

(chromium.ok ? describe : describe.skip)(`the web in Chromium${chromium.ok ? "" : ` (skipped: ${chromium.reason})`}`, () => {
  let e2e: E2E;
  let browser: Browser;
  let store: OpenStores;
  let base: string;
  let officer: TestUser;
  let lowerSecretary: TestUser;
  let otherOfficer: TestUser;
  let finalRollup: string;
  let committeeUrl: string;
  let officerPage: Page;
  let usedLink: string;

  async function setUpCommittee(group: { id: number; title: string }, admin: TestUser) {
    e2e.emulator.setAdmin(group.id, admin.id);
    await admin.sendInGroup(group, `/dangbo ${group.title}`);
    await e2e.emulator.waitForMessage(group.id, (m) => /Đã thiết lập nhóm này làm nhóm của/.test(text(m)));
  }
  async function link(committeeGroup: { id: number; title: string }, by: TestUser, unitGroup: { id: number; title: string }, unitSecretary: TestUser) {
    const sent = await by.sendInGroup(committeeGroup, "/lienket");
    const posted = await e2e.emulator.client.nextMessage(committeeGroup.id, sent);
    await unitSecretary.sendInGroup(unitGroup, /\/captren [A-Z0-9]+/.exec(text(posted))![0]);
    await e2e.emulator.waitForMessage(committeeGroup.id, (m) => text(m).includes(`${unitGroup.title} đã liên kết`));
  }
  async function rollup(): Promise<string> {
    const sent = await officer.sendInGroup(COMMITTEE, "/tonghop");
    return text(await e2e.emulator.waitForMessage(COMMITTEE.id, (m) => m.message_id > sent.messageId && /TỔNG HỢP TOÀN ĐẢNG BỘ/.test(text(m))));
  }
  /** `/web` in the private chat: the link the bot sent. */
  async function webLink(user: TestUser): Promise<string> {
    const reply = await user.nextMessage(await user.send("/web"));
    const found = new RegExp(`${base.replace(/[.]/g, "\\.")}/login/[A-Za-z0-9_-]{43}`).exec(text(reply));
    if (!found) throw new Error(`no link in: ${text(reply)}`);
    return found[0];
  }
  /** A fresh browser profile signed in as the user: opens the link, presses Đăng nhập. */
  async function signedIn(user: TestUser): Promise<Page> {
    const page = await (await browser.newContext({ acceptDownloads: true, locale: "vi-VN", viewport: { width: 1100, height: 900 } })).newPage();
    await page.goto(await webLink(user));
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.waitForURL(`${base}/`);
    return page;
  }

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    e2e = await startE2E({ PORT: String(port), PUBLIC_URL: base });
    expect(e2e.bot.output()).toMatch(/PUBLIC_URL is http/);
    store = await openStores(e2e.databaseUrl);
    browser = await launchChromium(chromium.ok ? chromium.path : "");
    const u = (id: number, name: string) => e2e.emulator.user({ id, firstName: name });
    officer = u(9201, "Lê Văn Thành");
    lowerSecretary = u(9202, "Trần Thị Hoa");
    otherOfficer = u(9209, "Võ Minh Khôi");
    const secA = u(9211, "Nguyễn Văn Ánh");
    const secB = u(9212, "Phạm Văn Bình");
    const secC = u(9221, "Đặng Thị Cúc");
    const membersA = [u(9213, "Hồ Văn Dũng"), u(9214, "Lý Thị Em")];
    await setUpCommittee(COMMITTEE, officer);
    await setUpCommittee(LOWER, lowerSecretary);
    await setUpCommittee(OTHER, otherOfficer);
    await cellWithMembers(e2e, CELL_A, secA, membersA);
    await cellWithMembers(e2e, CELL_B, secB, []);
    await cellWithMembers(e2e, CELL_C, secC, [u(9222, "Mai Văn Giang")]);
    await link(COMMITTEE, officer, CELL_A, secA);
    await link(COMMITTEE, officer, CELL_B, secB);
    await link(LOWER, lowerSecretary, CELL_C, secC);
    await link(COMMITTEE, officer, LOWER, lowerSecretary);
    await officer.sendInGroup(COMMITTEE, `/dotmoi ${deadlineInDays(10)} Sinh hoạt chính trị cuối năm`);
    await e2e.emulator.waitForMessage(COMMITTEE.id, (m) => /Đã mở đợt .* 3\/3 chi bộ/.test(text(m)));
    for (const m of [secA, ...membersA, secC]) {
      await submitWithOneItem(m, { item: 5, label: "Có, mức độ nhẹ", measure: "Thẳng thắn tự phê bình trong sinh hoạt chi bộ", datePick: /^Sau 3 tháng/ });
    }
    const sent = await officer.sendInGroup(COMMITTEE, "/tonghop");
    const open = await e2e.emulator.waitForMessage(COMMITTEE.id, (m) => m.message_id > sent.messageId && /TỔNG HỢP TOÀN ĐẢNG BỘ/.test(text(m)));
    await officer.press(open, "Kết thúc đợt");
    await officer.press(await officer.waitForMessage((m) => /Kết thúc đợt .* ngay bây giờ\?/.test(text(m))), "Xác nhận kết thúc đợt");
    await waitForText(officer, /Đã kết thúc đợt/);
    finalRollup = await rollup();
  }, 400_000);
  afterAll(async () => {
    await browser?.close();
    await store?.close();
    await e2e?.close();
  });

  it("a cell's member is refused in the chat; the officer signs in through the link the bot sent and the committee page shows the /tonghop numbers", async () => {
    const member = e2e.emulator.user({ id: 9213, firstName: "Hồ Văn Dũng" });
    const refusal = await member.nextMessage(await member.send("/web"));
    expect(text(refusal)).toContain("Trang web dành cho bí thư, phó bí thư chi bộ");
    expect(text(refusal)).not.toContain("/login/");

    officerPage = await signedIn(officer);
    await officerPage.getByRole("link", { name: COMMITTEE.title }).click();
    await expect.poll(() => officerPage.locator("h1").textContent()).toBe(COMMITTEE.title);
    committeeUrl = officerPage.url();
    const cards = await officerPage.locator(".cards").innerText();
    const lines = finalRollup.split("\n");
    for (const prefix of ["Chi bộ đã triển khai:", "Chi bộ đã nộp đủ:", "Đảng viên đã nộp:"]) {
      const line = lines.find((l) => l.startsWith(prefix))!;
      expect(cards).toContain(line);
    }
    expect(cards).toContain("Đảng viên đã nộp: 4/6 (67%)");
    // Each direct unit's line of /tonghop is a row of the table with the same numbers.
    const rows = await officerPage
      .locator("#units-table tbody tr")
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "")));
    for (const [name, , members, submitted, percent] of rows) expect(finalRollup).toContain(`${name}: ${submitted}/${members} đảng viên (${percent})`);
    expect(rows).toHaveLength(3);
    // The items: /tonghop's "1.5. … — 3 đảng viên" is the table's total, and the chart says it too.
    // The item line ends with its share of the counted members (issue 19).
    const item = /^(1\.5)\. .+ — (\d+) đảng viên \(\d+%\)$/m.exec(finalRollup)!;
    const itemRow = await officerPage.locator("#items-table tbody tr").first().locator("td").allTextContents();
    expect([itemRow[0], itemRow[4]]).toEqual([item[1], item[2]]);
    expect(await officerPage.locator("svg.chart title").first().textContent()).toContain("Biểu đồ");
    expect(await officerPage.locator("#remediation").textContent()).toBe(/Biện pháp đã cam kết: .*/.exec(finalRollup)![0]);
    await officerPage.screenshot({ path: path.join(REPO_ROOT, "test-results", "web-committee.png"), fullPage: true });
    // On a phone: nothing wider than the screen (wide tables scroll inside their box).
    await officerPage.setViewportSize({ width: 390, height: 844 });
    expect(Number(await officerPage.evaluate("document.documentElement.scrollWidth"))).toBeLessThanOrEqual(390);
    await officerPage.screenshot({ path: path.join(REPO_ROOT, "test-results", "web-committee-phone.png"), fullPage: true });
    await officerPage.setViewportSize({ width: 1100, height: 900 });
  }, 120_000);

  it("the DOCX downloads and opens, with the page's numbers", async () => {
    const [download] = await Promise.all([officerPage.waitForEvent("download"), officerPage.getByRole("link", { name: "Báo cáo (.docx)" }).click()]);
    const file = await download.path();
    const { readFileSync } = await import("node:fs");
    const xml = await (await JSZip.loadAsync(readFileSync(file))).file("word/document.xml")!.async("string");
    const words = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("\n");
    expect(words).toContain("4/6");
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
  }, 60_000);

  it("a lower committee opens its own page from the table", async () => {
    await officerPage.goto(committeeUrl);
    await officerPage.locator("#units-table").getByRole("link", { name: LOWER.title }).click();
    await expect.poll(() => officerPage.locator("h1").textContent()).toBe(LOWER.title);
    expect(await officerPage.locator(".cards").innerText()).toContain("Đảng viên đã nộp: 1/2 (50%)");
    expect(await officerPage.locator(".trail").innerText()).toContain(COMMITTEE.title);
  }, 60_000);

  it("a second committee's officer gets 404 on the first's page", async () => {
    const page = await signedIn(otherOfficer);
    const response = await page.goto(committeeUrl);
    expect(response?.status()).toBe(404);
    expect(await page.locator("body").innerText()).not.toContain(COMMITTEE.title);
    await page.context().close();
  }, 60_000);

  it("a used link and an expired link are refused", async () => {
    usedLink = await webLink(officer);
    const first = await (await browser.newContext()).newPage();
    await first.goto(usedLink);
    await first.getByRole("button", { name: "Đăng nhập" }).click();
    await first.waitForURL(`${base}/`);
    const second = await (await browser.newContext()).newPage();
    const used = await second.goto(usedLink);
    expect(used?.status()).toBe(410);
    expect(await second.locator("#refused").textContent()).toContain("nhắn /web cho bot");
    const expiring = await webLink(officer);
    await store.db.webLoginToken.updateMany({ where: { usedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await second.goto(expiring);
    expect(expired?.status()).toBe(410);
    expect(await second.locator("#refused").textContent()).toContain("nhắn /web cho bot");
    await first.context().close();
    await second.context().close();
  }, 60_000);

  it("logout ends the session", async () => {
    await officerPage.goto(committeeUrl);
    await officerPage.getByRole("button", { name: "Đăng xuất" }).click();
    await expect.poll(() => officerPage.locator("h1").textContent()).toBe("Đã đăng xuất");
    const after = await officerPage.goto(committeeUrl);
    expect(after?.status()).toBe(401);
  }, 60_000);

  it("a removed officer's session stops working", async () => {
    const page = await signedIn(lowerSecretary);
    await page.getByRole("link", { name: LOWER.title }).click();
    const url = page.url();
    expect(await page.locator("h1").textContent()).toBe(LOWER.title);
    // What removing from the roster (/vaitro) writes: the entry's leftAt.
    await store.db.committeeMember.updateMany({ where: { userId: BigInt(lowerSecretary.id) }, data: { leftAt: new Date() } });
    const response = await page.goto(url);
    expect(response?.status()).toBe(404);
    await page.context().close();
  }, 60_000);
});
