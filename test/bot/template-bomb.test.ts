/**
 * Issue 17, point 2: a template file under 1 MB that inflates to hundreds of MB (a zero-filled
 * media part; a huge sharedStrings.xml) is refused with a clear message, nothing is saved or
 * previewed, the process's memory barely moves, and another member sending /huongdan while
 * the file is read is answered at once. The bombs are built here (test/support/xlsx-bombs.ts).
 *
 * The bounds are generous for a loaded 2-core machine (100 MB, 2 s); the reader before the fix
 * inflated every part (memory +1.9 GB / +0.6 GB, others waiting up to 20 s) and previewed both.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDeps, testClock } from "../support/app.js";
import { stubbedBot, type Group, type Person, type StubbedBot } from "../support/bot.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { mediaBomb, sharedStringsBomb } from "../support/xlsx-bombs.js";

const group: Group = { id: -1701, title: "Chi bộ Bom" };
const secretary: Person = { id: 1711, first_name: "An", last_name: "Nguyễn Văn" };
const member: Person = { id: 1712, first_name: "Bình", last_name: "Trần Thị" };
const MB = 1024 * 1024;

let database: TestDatabase;
let tg: StubbedBot;

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database, testClock("2026-11-22T03:00:00Z")), { cell: { group, secretary, members: [member] } });
});
afterAll(() => database.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends `bytes` as the secretary's template file. Once the bot has downloaded it (the reading
 * starts) and until the import is answered, the member sends /huongdan every 100 ms; each wait
 * counts from when the message was due (a timer that fires late because the bot is busy is
 * a member kept waiting too). Memory is sampled every 20 ms meanwhile.
 */
async function sendBomb(fileName: string, bytes: Uint8Array) {
  const downloadFile = tg.deps.downloadFile!;
  let downloaded!: () => void;
  const reading = new Promise<void>((resolve) => {
    downloaded = resolve;
  });
  tg.deps.downloadFile = async (path) => {
    const file = await downloadFile(path);
    downloaded();
    return file;
  };
  const before = process.memoryUsage();
  const maxRssBefore = process.resourceUsage().maxRSS * 1024;
  let peak = { rss: before.rss, arrayBuffers: before.arrayBuffers };
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peak = { rss: Math.max(peak.rss, now.rss), arrayBuffers: Math.max(peak.arrayBuffers, now.arrayBuffers) };
  }, 20);
  try {
    let done = false;
    const sent = performance.now();
    const importing = tg.sendDocument(secretary, fileName, bytes, { caption: "/mau" }).finally(() => {
      done = true;
    });
    await reading;
    const waits: number[] = [];
    let due = performance.now();
    do {
      await tg.send(member, "/huongdan");
      waits.push(performance.now() - due);
      due = performance.now() + 100;
      await sleep(100);
    } while (!done);
    await importing;
    const answerMs = performance.now() - sent;
    const after = process.memoryUsage();
    peak = { rss: Math.max(peak.rss, after.rss), arrayBuffers: Math.max(peak.arrayBuffers, after.arrayBuffers) };
    return {
      answerMs,
      helpWaitMs: Math.max(...waits),
      rssGrowth: peak.rss - before.rss,
      arrayBuffersGrowth: peak.arrayBuffers - before.arrayBuffers,
      maxRssGrowth: process.resourceUsage().maxRSS * 1024 - maxRssBefore,
    };
  } finally {
    clearInterval(sampler);
    tg.deps.downloadFile = downloadFile;
  }
}

const templates = () => database.db.checklistTemplate.count();
const previews = () => tg.messages.filter((m) => m.text.includes("Xem trước mẫu")).length;

describe("a template file that inflates far past its size (zip bomb)", () => {
  it("a 900 MB zero-filled media part in a file under 1 MB: refused, nothing saved, memory flat, others answered", async () => {
    const bytes = await mediaBomb("mau-bom-anh");
    expect(bytes.length).toBeLessThan(MB);
    const seen = await sendBomb("bom-anh.xlsx", bytes);
    expect(tg.last(secretary.id).text).toContain("Tệp .xlsx này giải nén ra quá lớn");
    expect(tg.last(secretary.id).text).toContain("Chưa có gì thay đổi");
    expect(previews()).toBe(0);
    expect(await templates()).toBe(0);
    expect(tg.last(member.id).text).toContain("/kiemdiem");
    expect(seen.answerMs).toBeLessThan(5000);
    expect(seen.helpWaitMs).toBeLessThan(2000);
    expect(seen.rssGrowth).toBeLessThan(100 * MB);
    expect(seen.maxRssGrowth).toBeLessThan(100 * MB);
    expect(seen.arrayBuffersGrowth).toBeLessThan(100 * MB);
  }, 120_000);

  it("a 380 MB sharedStrings.xml in a file under 1 MB: refused, nothing saved, memory flat, others answered", async () => {
    const bytes = await sharedStringsBomb("mau-bom-chu");
    expect(bytes.length).toBeLessThan(MB);
    const seen = await sendBomb("bom-chu.xlsx", bytes);
    expect(tg.last(secretary.id).text).toContain("Tệp .xlsx này giải nén ra quá lớn");
    expect(previews()).toBe(0);
    expect(await templates()).toBe(0);
    expect(tg.last(member.id).text).toContain("/kiemdiem");
    expect(seen.answerMs).toBeLessThan(5000);
    expect(seen.helpWaitMs).toBeLessThan(2000);
    expect(seen.rssGrowth).toBeLessThan(100 * MB);
    expect(seen.maxRssGrowth).toBeLessThan(100 * MB);
    expect(seen.arrayBuffersGrowth).toBeLessThan(100 * MB);
  }, 120_000);

  it("the same template without the bomb still gets its preview (the bound refuses only the bomb)", async () => {
    const bytes = await mediaBomb("mau-bom-nho", 1);
    await tg.sendDocument(secretary, "mau-nho.xlsx", bytes, { caption: "/mau" });
    expect(tg.last(secretary.id).text).toContain("<b>Xem trước mẫu (chưa lưu)</b>");
    expect(tg.last(secretary.id).text).toContain("Số biểu hiện: 27");
  });
});
