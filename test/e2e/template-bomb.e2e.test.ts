/**
 * End-to-end (issue 17, point 2): the real bot process (`node --import tsx src/main.ts`, long
 * polling against the emulator) gets a template file under 1 MB that unpacks to 900 MB (a
 * zero-filled media part) or to 380 MB (sharedStrings.xml). It refuses each with the clear
 * message and saves nothing; its resident memory (VmRSS sampled and VmHWM, read from /proc)
 * grows by less than 100 MB; and a member who sends /huongdan again and again meanwhile is answered each time
 * within 2 s. The bounds are generous for a loaded 2-core machine; before the fix the bot
 * inflated every part (gigabytes) and previewed both files.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { BotMessage, TestUser } from "./harness/index.js";
import { cellWithMembers, startE2E, type E2E } from "./support.js";
import { mediaBomb, sharedStringsBomb } from "../support/xlsx-bombs.js";

const GROUP = { id: -1001555001701, title: "Chi bộ Tệp Lớn" };
const MB = 1024 * 1024;
let e2e: E2E;
let secretary: TestUser;
let member: TestUser;

const plain = (m: BotMessage): string => m.plainText ?? m.text ?? m.caption ?? "";

/** The bot process's resident memory now (VmRSS) and its peak so far (VmHWM), in bytes. */
function memory(): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${e2e.bot.pid}/status`, "utf8");
  const kB = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)![1]) * 1024;
  return { rss: kB("VmRSS"), peak: kB("VmHWM") };
}

beforeAll(async () => {
  e2e = await startE2E();
  secretary = e2e.emulator.user({ id: 9171, firstName: "Phan Văn Lực" });
  member = e2e.emulator.user({ id: 9172, firstName: "Trịnh Thị Mai" });
  await cellWithMembers(e2e, GROUP, secretary, [member]);
  // Warm up the paths the test takes (a normal /huongdan and a refused file), so what is
  // measured is the bomb, not the first load of a module.
  await member.nextMessage(await member.send("/huongdan"));
  await secretary.nextMessage(await secretary.sendDocument("hong.xlsx", new TextEncoder().encode("PK\u0003\u0004 hỏng"), { caption: "/mau" }));
});
afterAll(() => e2e?.close());

/** Sends the file; until its answer comes, the member asks /huongdan and each wait is kept. */
async function sendBomb(fileName: string, bytes: Uint8Array): Promise<{ answer: string; peakGrowth: number; longestWaitMs: number }> {
  const before = memory();
  // VmHWM only rises past the process's earlier peak; VmRSS sampled from this process (which
  // the bot cannot block) sees growth below it too.
  let sampled = before.rss;
  const sampler = setInterval(() => {
    sampled = Math.max(sampled, memory().rss);
  }, 50);
  let answered = false;
  const answer = secretary.nextMessage(await secretary.sendDocument(fileName, bytes, { caption: "/mau" }), { timeoutMs: 90_000 }).finally(() => {
    answered = true;
  });
  const waits: number[] = [];
  do {
    const asked = performance.now();
    const reply = await member.nextMessage(await member.send("/huongdan"), { timeoutMs: 60_000 });
    waits.push(performance.now() - asked);
    expect(plain(reply)).toContain("/kiemdiem");
  } while (!answered);
  clearInterval(sampler);
  const after = memory();
  const peakGrowth = Math.max(after.peak - before.peak, Math.max(sampled, after.rss) - before.rss);
  return { answer: plain(await answer), peakGrowth, longestWaitMs: Math.max(...waits) };
}

it("refuses a 900 MB zero-filled media part in a file under 1 MB: memory flat, the member answered meanwhile", async () => {
  const bytes = await mediaBomb("mau-bom-anh");
  expect(bytes.length).toBeLessThan(MB);
  const seen = await sendBomb("bom-anh.xlsx", bytes);
  expect(seen.answer).toContain("Tệp .xlsx này giải nén ra quá lớn");
  expect(seen.answer).not.toContain("Xem trước mẫu");
  expect(seen.peakGrowth).toBeLessThan(100 * MB);
  expect(seen.longestWaitMs).toBeLessThan(2000);
}, 150_000);

it("refuses a 380 MB sharedStrings.xml in a file under 1 MB: memory flat, the member answered meanwhile; nothing is saved", async () => {
  const bytes = await sharedStringsBomb("mau-bom-chu");
  expect(bytes.length).toBeLessThan(MB);
  const seen = await sendBomb("bom-chu.xlsx", bytes);
  expect(seen.answer).toContain("Tệp .xlsx này giải nén ra quá lớn");
  expect(seen.peakGrowth).toBeLessThan(100 * MB);
  expect(seen.longestWaitMs).toBeLessThan(2000);
  const list = plain(await secretary.nextMessage(await secretary.send("/mau")));
  expect(list).not.toContain("mau-bom");
}, 150_000);
