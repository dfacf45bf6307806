/**
 * Zalo's reminders and monthly follow-up (issue 20), on the composition root in-process:
 * startApp with only ZALO_BOT_TOKEN against the Zalo Bot API fake over real HTTP (long
 * polling), with a test clock moved by hand and `running.tick()` — the real bot process cannot
 * have its clock moved, and both are due at 08:00 days ahead (test/e2e/zalo-loop.e2e.test.ts
 * has the rest of the loop on the real process). A Zalo-only cell: the secretary's /chibo,
 * two members' /thamgia, /dotmoi; one member submits with item 1 marked. The deadline
 * reminder reaches the two who have not submitted THROUGH THE OUTBOX and the Zalo sender,
 * not the one who did; the month's follow-up reaches the member with the open item, who
 * answers it by its number, and the database holds that month's progress.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testClock } from "../support/app.js";
import type { ZaloUser } from "../support/zalo-fake.js";
import { numberOf, submitItemOneMarked, zaloCell, zaloInProcess, type ZaloApp } from "../support/zalo-harness.js";

const SECRETARY: ZaloUser = { id: "9001", displayName: "Nguyễn Văn An" };
const HOA: ZaloUser = { id: "9002", displayName: "Đỗ Thị Hoa" };
const BINH: ZaloUser = { id: "9003", displayName: "Trần Văn Bình" };

const clock = testClock("2026-11-10T03:00:00Z");
const zalo = zaloInProcess({ prefix: "tusoi-zalo-loop-", clock });
const { say, texts } = zalo;
let running: ZaloApp["running"];
let database: ZaloApp["database"];

beforeAll(async () => {
  ({ running, database } = await zalo.start());

  await zaloCell(zalo, SECRETARY, "Chi bộ Nhắc Việc", [HOA, BINH]);
  await say(SECRETARY, "/dotmoi 30/11/2026 Đợt cuối năm", /Đã mở đợt/);

  // Bình: item 1 marked, the rest "Không có"; measure and date typed; submitted.
  await submitItemOneMarked(zalo, BINH, "Đọc kỹ văn bản trước khi ký", "20/12/2026");
}, 120_000);

afterAll(() => zalo.stop());

describe("Zalo members get the reminders and the monthly follow-up through the outbox", () => {
  it("three days before the deadline, at 08:00, the two who have not submitted get the reminder on Zalo; the one who did does not", async () => {
    const before = { hoa: texts(HOA).length, an: texts(SECRETARY).length, binh: texts(BINH).length };
    clock.set("2026-11-27T01:00:00Z");
    await running.tick();
    const hoa = texts(HOA).slice(before.hoa);
    expect(hoa.filter((t) => t.includes("Nhắc nộp bản tự soi"))).toHaveLength(1);
    expect(hoa.join("\n")).toContain("Đợt cuối năm, hạn nộp 30/11/2026 (23:59).");
    expect(
      texts(SECRETARY)
        .slice(before.an)
        .filter((t) => t.includes("Nhắc nộp bản tự soi")),
    ).toHaveLength(1);
    expect(
      texts(BINH)
        .slice(before.binh)
        .filter((t) => t.includes("Nhắc nộp")),
    ).toEqual([]);
    // Exactly once per key: a second tick at the same time sends nothing more.
    await running.tick();
    expect(texts(HOA).filter((t) => t.includes("Nhắc nộp bản tự soi"))).toHaveLength(1);
    const rows = await database.db.outbox.findMany({ where: { kind: "REMINDER" }, select: { channel: true, status: true } });
    expect(rows).toEqual([
      { channel: "zalo", status: "SENT" },
      { channel: "zalo", status: "SENT" },
    ]);
  });

  it("on 1 December the member with the open item gets the follow-up on Zalo, answers it by its number, and the database holds the answer", async () => {
    const before = texts(BINH).length;
    clock.set("2026-12-01T01:00:00Z");
    await running.tick();
    const followUps = texts(BINH)
      .slice(before)
      .filter((t) => /Theo dõi khắc phục tháng/.test(t));
    expect(followUps).toHaveLength(1);
    expect(followUps[0]).toContain("Tháng này: chưa trả lời");
    expect(texts(HOA).some((t) => /Theo dõi khắc phục tháng/.test(t))).toBe(false);

    const reply = await say(BINH, numberOf(followUps[0]!, /Đã khắc phục/), /Tháng này: Đã khắc phục/);
    expect(reply).toContain("Đã ghi nhận.");
    const identity = await database.db.channelIdentity.findUniqueOrThrow({ where: { channel_externalId: { channel: "zalo", externalId: BINH.id } } });
    const form = await database.db.assessment.findFirstOrThrow({ where: { member: { userId: identity.userId } } });
    expect(await database.db.correctionProgress.findMany({ where: { assessmentId: form.id }, select: { itemCode: true, period: true, status: true } })).toEqual(
      [{ itemCode: "1.1", period: "2026-12", status: "DONE" }],
    );
  });

  it("no message went over 2,000 characters or carried markup", () => {
    const all = [SECRETARY, HOA, BINH].flatMap(texts);
    expect(all.length).toBeGreaterThan(20);
    for (const text of all) {
      expect(text.length).toBeLessThanOrEqual(2000);
      expect(text).not.toMatch(/<\/?(?:b|i|a|code)\b[^>]*>|&lt;|&amp;/);
    }
  });

  it("no message speaks of buttons to press, or of Telegram (a text channel's words)", () => {
    const all = [SECRETARY, HOA, BINH].flatMap(texts);
    const wrong = all.filter((text) => /nút|bấm|\bbutton|\bpress|Telegram/i.test(text));
    expect(wrong, wrong.join("\n---\n")).toEqual([]);
  });
});
