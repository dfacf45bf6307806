/**
 * Proof of the seam (issue 18): a test-only text channel (test/support/text-channel/: text in,
 * text out, no buttons) plugged into the REAL composition root, in-process — `startApp(config,
 * { channels: [text.factory] })` on a fresh database, no Telegram token. A secretary's cell is
 * set up through the app's use case (no text command makes a cell yet: `/chibo` is Telegram's
 * group command), with no group. Then, by text only: a member joins with /thamgia <code>,
 * confirms the name by number, fills all 27 items and submits by typed numbers, a typed measure
 * and a typed date; the secretary's /baocao; a month later the scheduler's follow-up reaches
 * the member THROUGH THE OUTBOX and this channel's sender, and the member answers it by number.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupCell } from "../../src/app/onboarding.js";
import { openRound } from "../../src/app/rounds.js";
import { parseConfig } from "../../src/config.js";
import { startApp, type Running } from "../../src/root.js";
import { testClock } from "../support/app.js";
import type { Db } from "../../src/infra/db/client.js";
import { openStores } from "../../src/infra/db/index.js";
import { textChannel } from "../support/text-channel/index.js";

const SECRETARY = "an";
const MEMBER = "hoa";
const clock = testClock("2026-11-10T03:00:00Z");
const text = textChannel();
const dir = mkdtempSync(path.join(tmpdir(), "tusoi-text-channel-"));
/** The test's own look into the database the app runs on (what it holds, not how the app reads it). */
let database: { db: Db; close(): Promise<void> };
let running: Running;
let code: string;
/** Everything the channel sent: replies and outbox messages, part by part. */
const replies: string[] = [];

async function say(who: string, typed: string, firstName = who === SECRETARY ? "Nguyễn Văn An" : "Đỗ Thị Hoa"): Promise<string> {
  const out = await text.say(who, firstName, typed);
  replies.push(...out);
  return out.join("\n---\n");
}

/** The number of the line that reads `label` ("3. Tiếp tục ›" → "3"). */
function numberOf(reply: string, label: RegExp): string {
  const line = reply.split("\n").find((l) => /^\d+\. /.test(l) && label.test(l));
  if (!line) throw new Error(`no choice ${label} in:\n${reply}`);
  return line.split(".")[0]!;
}

const userIdOf = async (externalId: string) =>
  (await database.db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: text.name, externalId } } })).userId;

beforeAll(async () => {
  // A temp SQLite file, migrated by start-up. parseConfig wants a channel's token; this run has
  // none of the configured channels (botToken null), only the test's.
  const parsed = parseConfig({ BOT_TOKEN: "123456:test-token-not-used-aaaaaaaaaaaa", DATABASE_URL: `file:${path.join(dir, "bot.db")}`, LOG_LEVEL: "silent" });
  if (!parsed.ok) throw new Error(parsed.error);
  running = await startApp({ ...parsed.config, botToken: null, channels: [] }, { channels: [text.factory], clock });
  database = await openStores(parsed.config.databaseUrl);
  const { app } = text.host();

  // The secretary's first contact is on the text channel; the cell is made through the app's use case.
  expect(await say(SECRETARY, "/start")).toContain("Đồng chí chưa tham gia chi bộ nào.");
  const secretary = { userId: await userIdOf(SECRETARY), firstName: "Nguyễn Văn An" };
  const made = await setupCell(app, {
    group: { channel: text.name, address: "setup" },
    chatTitle: "",
    caller: secretary,
    callerIsAdmin: true,
    name: "Chi bộ Văn Bản",
  });
  if (made.kind !== "created") throw new Error(made.kind);
  // setupCell needs a group; this channel has none: the cell has no group, as a Zalo-only cell will.
  await database.db.cell.update({ where: { id: made.cell.id }, data: { groupChannel: null, groupAddress: null } });
  code = made.cell.joinCode;
  const opened = await openRound(app, (await app.answerPath.findActiveMembership(secretary.userId))!, "30/11/2026 Đợt cuối năm", () => "x");
  expect(opened.kind).toBe("opened");
});
afterAll(async () => {
  await database?.close();
  await running?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("a text-only channel plugged in through the composition root", () => {
  it("a member joins, confirms the name by number, fills and submits the form by typing", async () => {
    let reply = await say(MEMBER, `/thamgia ${code}`);
    expect(reply).toContain("Chào mừng đồng chí tham gia Chi bộ Văn Bản.");
    expect(reply).toMatch(/1\. Đúng\n2\. Nhập họ tên khác$/);
    reply = await say(MEMBER, "1");
    expect(reply).toContain("Đã lưu họ tên: Đỗ Thị Hoa.");
    expect(reply).toContain("Đợt cuối năm");

    reply = await say(MEMBER, "/tusoi");
    expect(reply).toContain("Câu 1/27");
    expect(reply).toMatch(/1\. Không có\n2\. Có, mức độ nhẹ\n3\. Có, cần khắc phục$/);
    reply = await say(MEMBER, "2");
    expect(reply).toContain("Câu 2/27");
    expect(reply).toMatch(/3\. Có, cần khắc phục\n0\. Quay lại$/);
    reply = await say(MEMBER, "0");
    expect(reply).toContain("Câu 1/27");
    reply = await say(MEMBER, "2");
    for (let i = 2; i <= 27; i++) {
      expect(reply).toContain(`Câu ${i}/27`);
      reply = await say(MEMBER, "1");
    }
    expect(reply).not.toContain("Câu 27/27");

    reply = await say(MEMBER, numberOf(reply, /Tiếp tục/));
    reply = await say(MEMBER, "Đọc kỹ văn bản trước khi ký");
    reply = await say(MEMBER, "20/12/2026");
    expect(reply).toContain("1.1");
    expect(reply).toContain("20/12/2026");
    reply = await say(MEMBER, numberOf(reply, /Nộp bản tự soi/));
    expect(reply).toContain("Đã nộp");
    const form = await database.db.assessment.findFirstOrThrow({ where: { member: { userId: await userIdOf(MEMBER) } }, include: { answers: true } });
    expect(form.submittedAt).not.toBeNull();
    expect(form.answers).toHaveLength(27);
  });

  it("the secretary's /baocao: the group's share and the officer's own figures (the cell has no group), as plain text", async () => {
    const out = await text.say(SECRETARY, "Nguyễn Văn An", "/baocao");
    replies.push(...out);
    expect(out.length).toBeGreaterThanOrEqual(2);
    expect(out.join("\n")).toContain("Đợt cuối năm");
    expect(out.join("\n")).toMatch(/Đã nộp: 1\/2/);
    // A member cannot read it.
    expect(await say(MEMBER, "/baocao")).toContain("bí thư");
  });

  it("the month's follow-up reaches the member through the outbox, and a typed number answers it", async () => {
    expect(text.delivered(MEMBER)).toEqual([]);
    // 1 December, 08:00 in Hà Nội: the cell's follow-up time (the round ended the night before).
    clock.set("2026-12-01T01:00:00Z");
    await running.tick();
    const followUps = text.delivered(MEMBER).filter((d) => /Theo dõi khắc phục tháng/.test(d.parts.join("\n")));
    expect(followUps).toHaveLength(1);
    const followUp = followUps[0]!.parts.join("\n");
    replies.push(...followUps[0]!.parts);
    expect(followUp).toContain("Tháng này: chưa trả lời");
    const answer = numberOf(followUp, /Đã khắc phục/);

    const reply = await say(MEMBER, answer);
    expect(reply).toContain("Đã ghi nhận.");
    expect(reply).toContain("Tháng này: Đã khắc phục");
    const form = await database.db.assessment.findFirstOrThrow({ where: { member: { userId: await userIdOf(MEMBER) } } });
    expect(await database.db.correctionProgress.findMany({ where: { assessmentId: form.id }, select: { itemCode: true, period: true, status: true } })).toEqual(
      [{ itemCode: "1.1", period: "2026-12", status: "DONE" }],
    );
    // The round's end went to the secretary privately, through the same outbox: the cell has no group.
    expect(
      text
        .delivered(SECRETARY)
        .map((d) => d.parts.join("\n"))
        .join("\n"),
    ).toContain("Đợt cuối năm");
    // Only to the two people: the channel has no group, and nothing went anywhere else.
    expect(new Set(text.delivered().map((d) => d.to))).toEqual(new Set([SECRETARY, MEMBER]));
    for (const d of text.delivered()) replies.push(...d.parts);
  });

  it("never sends a message over 2,000 characters, nor any markup", () => {
    expect(replies.length).toBeGreaterThan(30);
    for (const message of replies) {
      expect(message.length).toBeLessThanOrEqual(2000);
      expect(message).not.toMatch(/<\/?[a-z][a-z0-9]*\b[^>]*>|&(amp|lt|gt|quot|#\d+);/i);
    }
  });
});
