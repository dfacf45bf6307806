/**
 * A text channel's own commands (issue 20): `/chibo <tên>` in a private chat makes a cell with
 * no group (the caller its secretary) and answers with the line members send; `/dotmoi` opens a
 * round (announced to the officers privately: no group); `/mau` says a template needs Telegram;
 * `/web` answers with the sign-in link as Telegram's /web does. Through the shared text
 * conversation, as Zalo uses it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TextConversation } from "../../src/channels/text-conversation.js";
import { createI18n } from "../../src/infra/i18n/index.js";
import { appDeps, testClock } from "../support/app.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { typedOnZalo, zaloConversation } from "../support/zalo-harness.js";

let database: TestDatabase;
let deps: ReturnType<typeof appDeps>;
let channel: TextConversation;
let noWeb: TextConversation;

async function send(externalId: string, name: string, typed: string, via = channel): Promise<string> {
  const out = await via.receive(typedOnZalo(externalId, name, typed));
  for (const part of out) {
    expect(part.length).toBeLessThanOrEqual(2000);
    expect(part).not.toMatch(/<\/?[a-z]+>/); // plain text
  }
  return out.join("\n---\n");
}

const userIdOf = async (externalId: string) => (await database.db.channelIdentity.findFirstOrThrow({ where: { channel: "zalo", externalId } })).userId;

beforeAll(async () => {
  database = await freshDatabase();
  deps = appDeps(database, testClock("2026-11-10T03:00:00Z"));
  const i18n = await createI18n("vi");
  channel = zaloConversation(deps, i18n, { publicUrl: "https://bot.example.org" });
  noWeb = zaloConversation(deps, i18n, { publicUrl: null });
});
afterAll(() => database.close());

describe("a text channel's own commands", () => {
  let code = "";

  it("/chibo <tên> in a private chat makes a cell with no group, the caller its secretary, and answers with the join line", async () => {
    expect(await send("s1", "Nguyễn Văn An", "/chibo")).toContain("Hãy ghi tên chi bộ sau lệnh");
    const reply = await send("s1", "Nguyễn Văn An", "/chibo Chi bộ Zalo");
    const membership = (await database.store.findActiveMembership(await userIdOf("s1")))!;
    expect(membership.role).toBe("SECRETARY");
    expect(membership.cell).toMatchObject({ name: "Chi bộ Zalo", group: null });
    code = membership.cell.joinCode;
    expect(reply).toContain("Đã thiết lập Chi bộ Zalo; đồng chí Nguyễn Văn An là bí thư.");
    expect(reply).toContain(`\n/thamgia ${code}\n`);
    // Again: renames the same cell, and repeats the line.
    const renamed = await send("s1", "Nguyễn Văn An", "/chibo Chi bộ Zalo Một");
    expect(renamed).toContain("Đã đổi tên chi bộ thành Chi bộ Zalo Một.");
    expect(renamed).toContain(`/thamgia ${code}`);
    expect((await database.store.findActiveMembership(await userIdOf("s1")))!.cell.id).toBe(membership.cell.id);
  });

  it("a member joins with the line; a member of one cell cannot make another", async () => {
    expect(await send("m1", "Trần Thị Bình", `/thamgia ${code}`)).toContain("Chào mừng đồng chí tham gia Chi bộ Zalo Một.");
    await send("m1", "Trần Thị Bình", "1");
    expect((await database.store.findActiveMembership(await userIdOf("m1")))!.fullName).toBe("Trần Thị Bình");
    expect(await send("m1", "Trần Thị Bình", "/chibo Chi bộ Khác")).toContain("Đồng chí đang là đảng viên của Chi bộ Zalo Một");
  });

  it("/dotmoi opens the round; with no group the announcement goes to the officers privately", async () => {
    expect(await send("m1", "Trần Thị Bình", "/dotmoi 30/11/2026")).toContain("Chỉ bí thư hoặc phó bí thư mới mở được đợt tự soi.");
    const reply = await send("s1", "Nguyễn Văn An", "/dotmoi 30/11/2026 Đợt cuối năm");
    expect(reply).toContain("Đã mở đợt «Đợt cuối năm», hạn nộp 30/11/2026");
    const queued = await database.db.outbox.findMany({ where: { kind: "ROUND_OPENED" } });
    expect(queued).toHaveLength(1);
    expect(queued[0]!.key).toContain(`:officer:${await userIdOf("s1")}`);
    expect(await send("m1", "Trần Thị Bình", "/tusoi")).toContain("Câu 1/27");
  });

  it("/mau says a template needs Telegram", async () => {
    expect(await send("s1", "Nguyễn Văn An", "/mau")).toContain("Đồng chí dùng lệnh /mau trong tin nhắn riêng với bot trên Telegram.");
  });

  it("/web gives the secretary the sign-in link; a member is refused; without the web it says so", async () => {
    const reply = await send("s1", "Nguyễn Văn An", "/web");
    expect(reply).toMatch(/^Đường dẫn đăng nhập trang web[^\n]*\nhttps:\/\/bot\.example\.org\/login\/\S+$/m);
    expect(await send("m1", "Trần Thị Bình", "/web")).toContain("Trang web dành cho bí thư");
    expect(await send("s1", "Nguyễn Văn An", "/web", noWeb)).toContain("Trang web chưa được bật");
    expect(await send("s1", "Nguyễn Văn An", "/web thoat")).toContain("Đã đăng xuất mọi phiên");
  });
});
