/**
 * What a group may see of a round (issue 8): item figures only once the round is closed with
 * at least three forms; the early close; the announcement when the group is gone; form and
 * follow-up buttons refused outside the presser's private chat; refusal texts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { appDeps, testClock } from "../support/app.js";
import { stubbedBot, type Group, type Person, type StubbedBot } from "../support/bot.js";

const group: Group = { id: -7007, title: "Chi bộ Kiểm tra" };
const otherGroup: Group = { id: -7008, title: "Chi bộ Khác" };
const secretary: Person = { id: 7001, first_name: "Bí thư", last_name: "Phạm" };
const members: Person[] = [7002, 7003, 7004].map((id, i) => ({ id, first_name: `Đảng viên ${"ABC"[i]}`, last_name: "Lê" }));
const otherSecretary: Person = { id: 7101, first_name: "Bí thư khác" };
const clock = testClock("2026-11-22T03:00:00Z");

let database: TestDatabase;
let tg: StubbedBot;

/** Marks item 1.1 (and item `extra` when given) and submits. */
async function submit(p: Person, extra?: number) {
  await tg.send(p, "/tusoi");
  for (let i = 1; i <= 27; i++) await tg.press(p, tg.last(p.id), i === 1 || i === extra ? "Có, mức độ nhẹ" : "Không có");
  await tg.press(p, tg.last(p.id), /Tiếp tục/);
  for (const _ of extra ? [1, 2] : [1]) {
    await tg.send(p, "Học tập và rèn luyện thường xuyên");
    await tg.press(p, tg.last(p.id), /^Cuối năm/);
  }
  await tg.press(p, tg.last(p.id), "✅ Nộp bản tự soi");
}

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database, clock));
  await tg.setUpCell(group, secretary);
  await tg.setUpCell(otherGroup, otherSecretary);
  await tg.joinCell(group, [secretary, ...members]);
  await tg.joinCell(otherGroup, [otherSecretary]);
});
afterAll(() => database.close());

describe("/dotmoi when the group cannot be reached", () => {
  it("opens the round and tells the secretary plainly that the announcement could not be posted", async () => {
    tg.blocked.add(group.id);
    await tg.send(secretary, "/dotmoi 15/12/2026 Đợt thử");
    tg.blocked.delete(group.id);
    expect(tg.last(secretary.id).text).toContain("bot không gửi được thông báo vào nhóm");
    expect(await database.db.round.count({ where: { title: "Đợt thử" } })).toBe(1);
    const row = await database.db.outbox.findFirstOrThrow({ where: { kind: "ROUND_OPENED" } });
    expect(row.status).toBe("FAILED");
  });
});

describe("while the round is open", () => {
  it("the group never sees item lines, so two summaries cannot be compared", async () => {
    await submit(members[0]!, 14);
    await tg.send(secretary, "/baocao", group);
    const first = tg.last(group.id).text;
    await submit(members[1]!);
    await tg.send(secretary, "/baocao", group);
    const second = tg.last(group.id).text;
    for (const text of [first, second]) {
      expect(text).toMatch(/Đã nộp: \d\/4/);
      expect(text).not.toMatch(/1\.1\. .+ — \d đảng viên/);
      expect(text).not.toContain("Biện pháp đã cam kết");
      expect(text).not.toContain("Số bản không đánh dấu");
    }
    // The secretary has the interim figures in private.
    expect(tg.last(secretary.id).text).toMatch(/1\.1\. .+ — 2 đảng viên/);
  });

  it("a member's form button pressed on the group's summary is refused and edits nothing", async () => {
    const summary = tg.last(group.id);
    const before = summary.text;
    const form = await database.db.assessment.findFirstOrThrow({ where: { member: { userId: BigInt(members[0]!.id) } } });
    await tg.pressData(members[0]!, group.id, summary.messageId, `1f:r:${form.id}`);
    await tg.pressData(members[0]!, group.id, summary.messageId, `1g:${form.id}:0:202612:d`);
    expect(tg.callbackAnswers().slice(-2)).toEqual(Array(2).fill("Nút này chỉ dùng trong tin nhắn riêng của đồng chí với bot."));
    expect(tg.last(group.id).text).toBe(before);
    expect(tg.calls.filter((c) => c.method === "editMessageText" && Number(c.payload.chat_id) === group.id)).toHaveLength(0);
  });

  it("a plain member pressing 'Đóng đợt sớm' is told only the secretary or deputy can close a round", async () => {
    await tg.press(members[2]!, tg.last(group.id), "Đóng đợt sớm");
    expect(tg.callbackAnswers().at(-1)).toBe("Chỉ bí thư hoặc phó bí thư mới đóng được đợt tự soi.");
    expect((await database.db.round.findFirstOrThrow({ where: { title: "Đợt thử" } })).closedAt).toBeNull();
  });

  it("another cell's secretary pressing this cell's round button is refused, not told there is no round", async () => {
    const round = await database.db.round.findFirstOrThrow({ where: { title: "Đợt thử" } });
    await tg.pressData(otherSecretary, group.id, tg.last(group.id).messageId, `1rr:${round.id}`);
    expect(tg.callbackAnswers().at(-1)).toBe("Chỉ bí thư, phó bí thư và chi ủy viên mới xem được báo cáo.");
  });
});

describe("closing early", () => {
  it("asks the secretary to confirm in private, then closes; with 2 forms the group still sees no items", async () => {
    await tg.press(secretary, tg.last(group.id), "Đóng đợt sớm");
    const ask = tg.last(secretary.id);
    expect(ask.text).toContain("Đóng đợt <b>Đợt thử</b> ngay bây giờ?");
    await tg.press(secretary, ask, "Xác nhận đóng đợt");
    expect((await database.db.round.findFirstOrThrow({ where: { title: "Đợt thử" } })).closedAt).not.toBeNull();
    const final = tg.last(group.id).text;
    expect(final).toContain("Đã nộp: 2/4");
    expect(final).toContain("dưới 3 bản nộp");
    expect(final).not.toMatch(/1\.1\. .+ — \d đảng viên/);
  });

  it("with 3 forms, the closed round's summary and files reach the group", async () => {
    await tg.send(secretary, "/dotmoi 20/12/2026 Đợt hai", group);
    for (const p of members) await submit(p);
    await tg.send(secretary, "/baocao", group);
    await tg.press(secretary, tg.last(group.id), "Đóng đợt sớm");
    await tg.press(secretary, tg.last(secretary.id), "Xác nhận đóng đợt");
    const final = tg.last(group.id).text;
    expect(final).toContain("Đã nộp: 3/4");
    expect(final).toMatch(/1\.1\. .+ — 3 đảng viên/);
    await tg.send(secretary, "/baocao", group);
    expect(tg.buttons(tg.last(group.id))).not.toContain("Đóng đợt sớm");
    await tg.press(secretary, tg.last(group.id), "Báo cáo (.docx)");
    expect(tg.calls.filter((c) => c.method === "sendDocument" && Number(c.payload.chat_id) === group.id)).toHaveLength(1);
  });
});

describe("the threshold setting", () => {
  it("is never below 3, and a higher one keeps a closed round's items out of the group", async () => {
    await tg.send(secretary, "/caidat nguong 2");
    expect(tg.last(secretary.id).text).toContain("từ 3 đến 500");
    await tg.send(secretary, "/caidat nguong 4");
    expect(tg.last(secretary.id).text).toContain("Số bản nộp tối thiểu để đăng số liệu trong nhóm: 4");
    const round = await database.db.round.findFirstOrThrow({ where: { title: "Đợt hai" } });
    await tg.pressData(secretary, group.id, tg.last(group.id).messageId, `1rr:${round.id}`);
    const text = tg.last(group.id).text;
    expect(text).toContain("Đã nộp: 3/4");
    expect(text).toContain("dưới 4 bản nộp");
    expect(text).not.toMatch(/1\.1\. .+ — 3 đảng viên/);
  });
});
