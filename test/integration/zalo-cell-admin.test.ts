/**
 * A cell's officers on a text channel (issue 20: a member who has only Zalo does what a Telegram
 * member does — "roles, handover, pause, time zone"): `/vaitro` as numbered screens (a member,
 * then what to do: Phó bí thư, take it back, Sửa họ tên, Giao chức bí thư with its
 * confirmation), `/lich`, `/caidat` (with `muigio`), `/huongdan`, `/ngonngu`, `/nhanbithu`.
 * Through the shared text conversation, as Zalo uses it, in one cell with a Telegram member
 * (the real bot on the Telegram fake, same database), who sees what the Zalo secretary changed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TextConversation } from "../../src/channels/text-conversation.js";
import { createI18n } from "../../src/infra/i18n/index.js";
import { appDeps, testClock } from "../support/app.js";
import { stubbedBot, type Person, type StubbedBot } from "../support/bot.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { typedOnZalo, zaloConversation } from "../support/zalo-harness.js";

let database: TestDatabase;
let deps: ReturnType<typeof appDeps>;
let channel: TextConversation;
let tg: StubbedBot;

const telegramMember: Person = { id: 5301, first_name: "Phạm Văn Dũng" };

async function send(externalId: string, typed: string): Promise<string> {
  const out = await channel.receive(typedOnZalo(externalId, externalId, typed));
  for (const part of out) {
    expect(part.length).toBeLessThanOrEqual(2000);
    expect(part).not.toMatch(/<\/?[a-z]+>|&(lt|gt|amp|quot);/); // plain text
  }
  return out.join("\n---\n");
}

const userIdOf = async (externalId: string) => (await database.db.channelIdentity.findFirstOrThrow({ where: { channel: "zalo", externalId } })).userId;
const telegramUserId = async () =>
  (await database.db.channelIdentity.findFirstOrThrow({ where: { channel: "telegram", externalId: String(telegramMember.id) } })).userId;
const memberOf = async (userId: bigint) => (await database.store.findActiveMembership(userId))!;
const zaloMember = async (externalId: string) => memberOf(await userIdOf(externalId));
const roles = async () =>
  Object.fromEntries((await database.db.member.findMany({ where: { leftAt: null }, orderBy: { id: "asc" } })).map((m) => [m.fullName, m.role]));
const awaitingOf = async (userId: bigint) => (await database.db.user.findUniqueOrThrow({ where: { id: userId } })).awaiting;

/** The number a screen shows before `label` ("3. Phó bí thư" → "3"). */
function numberOf(screen: string, label: string | RegExp): string {
  const line = screen.split("\n").find((l) => /^\d+\. /.test(l) && (typeof label === "string" ? l.slice(l.indexOf(" ") + 1).startsWith(label) : label.test(l)));
  if (!line) throw new Error(`no choice ${String(label)} in:\n${screen}`);
  return line.slice(0, line.indexOf("."));
}

/** The secretary's /vaitro, then the menu of the member named `name`. */
async function menuOf(secretary: string, name: string): Promise<string> {
  const list = await send(secretary, "/vaitro");
  return send(secretary, numberOf(list, name));
}

beforeAll(async () => {
  database = await freshDatabase();
  deps = appDeps(database, testClock("2026-11-10T03:00:00Z"));
  const i18n = await createI18n("vi");
  channel = zaloConversation(deps, i18n);
  tg = await stubbedBot(deps);
  const reply = await send("s1", "/chibo Chi bộ Zalo");
  const code = /\/thamgia (\S+)/.exec(reply)![1]!;
  await channel.receive({ from: { externalId: "s1", firstName: "Nguyễn Văn An", username: null }, text: "/hoten Nguyễn Văn An" });
  for (const [id, name] of [
    ["m1", "Trần Thị Bình"],
    ["m2", "Lê Văn Cường"],
  ] as const) {
    await channel.receive({ from: { externalId: id, firstName: name, username: null }, text: `/thamgia ${code}` });
    await send(id, "1"); // the prefilled name is right
  }
  // A Telegram member of the same cell joins with the cell's link.
  await tg.send(telegramMember, `/start j_${code}`);
  await tg.press(telegramMember, tg.last(telegramMember.id), "Đúng");
});
afterAll(() => database.close());

describe("/vaitro on a text channel", () => {
  it("lists the members with their roles, every other member a number; a member is refused", async () => {
    expect(await send("m1", "/vaitro")).toBe("Chỉ bí thư mới giao được vai trò.");
    const list = await send("s1", "/vaitro");
    expect(list).toContain("Đảng viên của Chi bộ Zalo (4)\nGõ số của một người");
    expect(list).toContain("Nguyễn Văn An — Bí thư (đồng chí)");
    expect(list).toMatch(/^1\. Trần Thị Bình — Đảng viên$/m);
    expect(list).toMatch(/^2\. Lê Văn Cường — Đảng viên$/m);
    expect(list).toMatch(/^3\. Phạm Văn Dũng — Đảng viên$/m);
  });

  it("a member's menu numbers the actions; Phó bí thư is given, then taken back", async () => {
    const menu = await menuOf("s1", "Trần Thị Bình");
    expect(menu).toContain("Trần Thị Bình hiện là Đảng viên. Chọn vai trò mới:");
    for (const action of ["Phó bí thư", "Chi ủy viên", "Đảng viên (thu lại vai trò)", "Sửa họ tên", "Giao chức bí thư", "Xóa khỏi danh sách trên bot"]) {
      expect(menu).toMatch(new RegExp(`^\\d+\\. ${action.replace(/[()]/g, "\\$&")}$`, "m"));
    }
    expect(await send("s1", numberOf(menu, "Phó bí thư"))).toBe("Đã cập nhật: Trần Thị Bình là Phó bí thư.");
    expect((await zaloMember("m1")).role).toBe("DEPUTY");
    const again = await menuOf("s1", "Trần Thị Bình");
    expect(again).toContain("Trần Thị Bình hiện là Phó bí thư.");
    expect(await send("s1", numberOf(again, "Đảng viên (thu lại vai trò)"))).toBe("Đã cập nhật: Trần Thị Bình là Đảng viên.");
    expect((await zaloMember("m1")).role).toBe("MEMBER");
  });

  it("a member typing the secretary's numbers changes nothing: they answer only the screen shown to that person", async () => {
    const menu = await menuOf("s1", "Lê Văn Cường");
    const before = await roles();
    // m2 saw no screen: a number is no choice for them.
    expect(await send("m2", numberOf(menu, "Phó bí thư"))).toContain("Hiện bot không cần đồng chí nhập gì.");
    // Even with the secretary's screen replayed onto m2 (a forged or stale choice), the use case refuses.
    await database.db.user.update({ where: { id: await userIdOf("m2") }, data: { awaiting: await awaitingOf(await userIdOf("s1")) } });
    expect(await send("m2", numberOf(menu, "Phó bí thư"))).toBe("Chỉ bí thư mới giao được vai trò.");
    expect(await send("m2", numberOf(menu, "Giao chức bí thư"))).toBe("Chỉ bí thư mới giao được chức bí thư.");
    expect(await send("m2", numberOf(menu, "Sửa họ tên"))).toBe("Chỉ bí thư mới sửa được họ tên của đảng viên. Chưa sửa gì.");
    expect(await roles()).toEqual(before);
    expect(await awaitingOf(await userIdOf("m2"))).not.toContain("renameMember");
    await database.db.user.update({ where: { id: await userIdOf("m2") }, data: { awaiting: null } });
  });

  it("Sửa họ tên: the secretary types the name; it is stored and the member is told through the outbox", async () => {
    const menu = await menuOf("s1", "Lê Văn Cường");
    expect(await send("s1", numberOf(menu, "Sửa họ tên"))).toBe(
      "Gõ họ và tên đầy đủ đúng của Lê Văn Cường rồi gửi. Gõ một lệnh bất kỳ (ví dụ /vaitro) nếu thôi không sửa.",
    );
    expect(await send("s1", "123")).toContain("Họ tên phải có chữ cái");
    expect(await send("s1", "Lê Văn Cường Anh")).toBe("Đã sửa họ tên: Lê Văn Cường → Lê Văn Cường Anh.");
    expect((await zaloMember("m2")).fullName).toBe("Lê Văn Cường Anh");
    const told = await database.db.outbox.findMany({ where: { kind: "NOTICE", memberId: (await zaloMember("m2")).id } });
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ channel: "zalo", recipient: "m2" });
    expect(told[0]!.payload).toContain("Lê Văn Cường Anh");
  });

  it("Giao chức bí thư asks to confirm (cancel changes nothing), then hands the role to the Telegram member, who sees it on Telegram", async () => {
    const menu = await menuOf("s1", "Phạm Văn Dũng");
    const confirm = await send("s1", numberOf(menu, "Giao chức bí thư"));
    expect(confirm).toContain("Giao chức bí thư chi bộ Chi bộ Zalo cho đồng chí Phạm Văn Dũng?");
    expect(await send("s1", numberOf(confirm, "Hủy"))).toBe("Đã hủy, chưa giao chức bí thư.");
    expect((await zaloMember("s1")).role).toBe("SECRETARY");

    const again = await send("s1", numberOf(await menuOf("s1", "Phạm Văn Dũng"), "Giao chức bí thư"));
    const stale = await awaitingOf(await userIdOf("s1"));
    expect(await send("s1", numberOf(again, "Giao, tôi làm phó bí thư"))).toBe("Đã giao chức bí thư cho đồng chí Phạm Văn Dũng. Đồng chí nay là Phó bí thư.");
    expect((await memberOf(await telegramUserId())).role).toBe("SECRETARY");
    expect((await zaloMember("s1")).role).toBe("DEPUTY");
    expect(await database.db.auditLog.count({ where: { action: "SECRETARY_HANDOVER" } })).toBe(1);
    // The new secretary is told where they are (Telegram), in private.
    const told = await database.db.outbox.findFirstOrThrow({ where: { kind: "NOTICE", memberId: (await memberOf(await telegramUserId())).id } });
    expect(told).toMatchObject({ channel: "telegram", recipient: String(telegramMember.id) });
    expect(told.payload).toContain("Đồng chí đã được giao chức <b>bí thư</b> chi bộ <b>Chi bộ Zalo</b>");

    // The old confirmation typed again: no longer the secretary, nothing changes.
    await database.db.user.update({ where: { id: await userIdOf("s1") }, data: { awaiting: stale } });
    expect(await send("s1", numberOf(again, "Giao, tôi làm đảng viên"))).toBe("Chỉ bí thư mới giao được chức bí thư.");
    expect((await zaloMember("s1")).role).toBe("DEPUTY");
    expect(await send("s1", "/vaitro")).toBe("Chỉ bí thư mới giao được vai trò.");

    // On Telegram, the new secretary's /vaitro shows the Zalo members with their roles.
    await tg.send(telegramMember, "/vaitro");
    const list = tg.last(telegramMember.id).text;
    expect(list).toContain("Nguyễn Văn An — Phó bí thư");
    expect(list).toContain("Lê Văn Cường Anh — Đảng viên");
    expect(list).toContain("Phạm Văn Dũng — Bí thư");
  });
});

describe("/lich and /caidat on a text channel", () => {
  // The Telegram member is the secretary now (the handover above); the Zalo deputy is refused.
  it("/lich shows the schedule; the secretary sets the day and time; a deputy is refused", async () => {
    expect(await send("m1", "/lich")).toContain("Lịch theo dõi khắc phục: ngày 1 hằng tháng, lúc 08:00 (giờ Việt Nam).");
    expect(await send("s1", "/lich 5 17:30")).toBe("Chỉ bí thư mới đổi được lịch theo dõi.");
    // Back to a Zalo secretary: the Telegram secretary hands over on Telegram.
    await tg.send(telegramMember, "/vaitro");
    await tg.press(telegramMember, tg.last(telegramMember.id), "Nguyễn Văn An");
    await tg.press(telegramMember, tg.last(telegramMember.id), "👑 Giao chức bí thư");
    await tg.press(telegramMember, tg.last(telegramMember.id), "Giao, tôi làm đảng viên");
    expect((await zaloMember("s1")).role).toBe("SECRETARY");

    expect(await send("s1", "/lich 30 08:00")).toContain("Không đặt được ngày 29, 30 hay 31");
    expect(await send("s1", "/lich cuối 17:30")).toContain("Đã đặt lịch theo dõi khắc phục: ngày cuối hằng tháng, lúc 17:30 (giờ Việt Nam).");
    const cell = await database.db.cell.findUniqueOrThrow({ where: { id: (await zaloMember("s1")).cellId } });
    expect(cell.followUpTime).toBe("17:30");
    expect(cell.followUpDay).not.toBe(1);
    // The Telegram member sees the same schedule.
    await tg.send(telegramMember, "/lich");
    expect(tg.last(telegramMember.id).text).toContain("ngày cuối hằng tháng, lúc 17:30");
  });

  it("/caidat muigio stores the cell's time zone; a bad one lists common zones; a member is refused", async () => {
    // As on Telegram: /caidat's options are the secretary's.
    expect(await send("m2", "/caidat muigio Asia/Tokyo")).toBe("Chỉ bí thư mới đổi được thông tin trên báo cáo.");
    const bad = await send("s1", "/caidat muigio Mars/Olympus");
    expect(bad).toContain("Không nhận ra múi giờ này. Gõ tên múi giờ IANA, ví dụ: /caidat muigio Asia/Ho_Chi_Minh.");
    expect(bad).toContain("Asia/Bangkok (UTC+7)");
    expect(await send("s1", "/caidat muigio Asia/Tokyo")).toContain("Đã đổi múi giờ của chi bộ: Asia/Tokyo (UTC+9).");
    expect((await zaloMember("s1")).cell.timezone).toBe("Asia/Tokyo");
    expect(await send("m1", "/lich")).toContain("lúc 17:30 (giờ UTC+9)");
    await tg.send(telegramMember, "/lich");
    expect(tg.last(telegramMember.id).text).toContain("lúc 17:30 (giờ UTC+9)");
  });

  it("/caidat shows the report settings and the zone; the secretary sets a place and a threshold", async () => {
    const shown = await send("m1", "/caidat");
    expect(shown).toContain("Thông tin trên báo cáo\nĐịa danh: (chưa đặt)");
    expect(shown).toContain("Múi giờ của chi bộ: Asia/Tokyo.");
    expect(await send("m1", "/caidat diadanh Hà Nội")).toBe("Chỉ bí thư mới đổi được thông tin trên báo cáo.");
    expect(await send("s1", "/caidat diadanh Hà Nội")).toContain("Đã lưu. Địa danh: Hà Nội");
    expect(await send("s1", "/caidat nguong 5")).toContain("Số bản nộp tối thiểu để đăng số liệu trong nhóm: 5");
    expect(await send("s1", "/caidat kl21 tat")).toContain("Gắn với Kết luận 21-KL/TW: không");
    expect(await send("s1", "/caidat xyz")).toContain("Cách dùng: /caidat diadanh <địa danh>");
    const settings = await database.store.cellSettings((await zaloMember("s1")).cellId);
    expect(settings).toMatchObject({ place: "Hà Nội", reportThreshold: 5, conclusion21: false });
  });
});

describe("/huongdan, /ngonngu and /nhanbithu on a text channel", () => {
  it("/huongdan lists the commands a person types, by role, and speaks of no buttons", async () => {
    const member = await send("m2", "/huongdan");
    expect(member).toContain("/tusoi — tự soi từng biểu hiện: gõ số của câu trả lời");
    expect(member).not.toContain("/vaitro");
    const secretary = await send("s1", "/huongdan");
    for (const command of ["/vaitro", "/lich [ngày 1–28 hoặc cuối] [HH:MM]", "/caidat muigio <múi giờ>", "/tamdung", "/dotmoi", "/baocao tep"]) {
      expect(secretary).toContain(command);
    }
    const stranger = await send("x9", "/huongdan");
    expect(stranger).toContain("Bí thư: gõ /chibo Tên chi bộ trong tin nhắn này");
    for (const text of [member, secretary, stranger]) expect(text).not.toMatch(/bấm|nút|press|button/i);
  });

  it("/huongdan for the secretary lists the meeting's record and the early close, typed on Zalo", async () => {
    const secretary = await send("s1", "/huongdan");
    expect(secretary).toContain("/sinhhoat dd/mm/yyyy có-mặt/tổng-số");
    expect(secretary).toContain("/baocao dong");
    expect(secretary).not.toMatch(/bấm|nút|press|button/i);
    expect(await send("m2", "/huongdan")).not.toContain("/sinhhoat");
  });

  it("/ngonngu numbers the languages; the number typed changes the person's language", async () => {
    const choose = await send("m2", "/ngonngu");
    expect(choose).toBe("Chọn ngôn ngữ / Choose language:\n\n1. Tiếng Việt\n2. English");
    expect(await send("m2", "2")).toBe("Switched to English.");
    expect((await database.db.user.findUniqueOrThrow({ where: { id: await userIdOf("m2") } })).locale).toBe("en");
    expect(await send("m2", "/help")).toContain("/assess — go through every item of the checklist: type the number of your answer");
    await send("m2", "/ngonngu");
    expect(await send("m2", "1")).toBe("Đã chuyển sang tiếng Việt.");
  });

  it("/nhanbithu on Zalo takes nothing: it says how the role changes hands, and the secretary stays", async () => {
    const reply = await send("m1", "/nhanbithu");
    expect(reply).toContain("Bí thư hiện tại của chi bộ: Nguyễn Văn An.");
    expect(reply).toContain("Trên Zalo, bot không biết ai là quản trị viên nhóm, nên lệnh /nhanbithu không nhận chức bí thư ở đây.");
    expect(reply).toContain("Chi bộ này không có nhóm Telegram");
    expect((await zaloMember("m1")).role).toBe("MEMBER");
    expect((await zaloMember("s1")).role).toBe("SECRETARY");
    expect(await send("s1", "/nhanbithu")).toBe("Đồng chí đang là bí thư của chi bộ.");
  });
});
