/**
 * `/web` and `/dashboard` on Telegram: a one-time sign-in link for a cell's secretary or a
 * committee's officer, in a private chat only; a refusal for anyone else; a clear line when the
 * web is not enabled (PUBLIC_URL and PORT); `/web thoat` ends every session.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { signInWithLink, sessionUser } from "../../src/app/web-sign-in.js";
import { appDeps, testClock } from "../support/app.js";
import { stubbedBot, type Group, type Person, type StubbedBot } from "../support/bot.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";

const cellGroup: Group = { id: -8201, title: "Chi bộ Web" };
const secretary: Person = { id: 8201, first_name: "Hoàng Văn Minh" };
const member: Person = { id: 8202, first_name: "Lý Thị Hoa" };
const URL_PATTERN = /https:\/\/web\.example\.org\/login\/([A-Za-z0-9_-]{43})/;

let database: TestDatabase;
let tg: StubbedBot;
let deps: ReturnType<typeof appDeps>;

beforeAll(async () => {
  database = await freshDatabase();
  deps = appDeps(database, testClock());
  tg = await stubbedBot(deps);
  tg.makeAdmin(cellGroup, secretary);
  await tg.send(secretary, "/chibo Chi bộ Web", cellGroup);
  const code = (await database.store.findCellByGroup({ channel: "telegram", address: String(cellGroup.id) }))!.joinCode;
  for (const p of [secretary, member]) {
    await tg.send(p, `/start j_${code}`);
    await tg.press(p, tg.last(p.id), "Đúng");
  }
});
afterAll(() => database.close());

it("without PUBLIC_URL and PORT, /web says the web is not enabled", async () => {
  tg.deps.webUrl = null;
  await tg.send(secretary, "/web");
  expect(tg.last(secretary.id).text).toBe("Trang web chưa được bật: người quản trị cần đặt PUBLIC_URL và PORT cho bot.");
});

it("the secretary gets a one-time link in private (also by /dashboard); a member is refused; a group gets no link", async () => {
  tg.deps.webUrl = "https://web.example.org";
  await tg.send(secretary, "/web");
  const first = URL_PATTERN.exec(tg.last(secretary.id).text);
  expect(first).not.toBeNull();
  expect(tg.last(secretary.id).text).toContain("dùng một lần, hết hạn sau 10 phút");
  await tg.send(secretary, "/dashboard");
  const second = URL_PATTERN.exec(tg.last(secretary.id).text);
  expect(second![1]).not.toBe(first![1]);
  await tg.send(member, "/web");
  expect(tg.last(member.id).text).toBe("Trang web dành cho bí thư, phó bí thư chi bộ và bí thư, phó bí thư, cán bộ văn phòng của đảng bộ.");
  await tg.send(secretary, "/web", cellGroup);
  expect(tg.last(cellGroup.id).text).not.toMatch(/login/);
  expect(tg.last(cellGroup.id).text).toContain("tin nhắn riêng");
});

it("/web thoat ends all of the person's sessions", async () => {
  tg.deps.webUrl = "https://web.example.org";
  const sessions: string[] = [];
  for (let i = 0; i < 2; i++) {
    await tg.send(secretary, "/web");
    const signed = await signInWithLink(deps, URL_PATTERN.exec(tg.last(secretary.id).text)![1]!);
    if (signed.kind !== "signedIn") throw new Error(signed.kind);
    sessions.push(signed.sessionId);
  }
  expect(await sessionUser(deps, sessions[0])).toBe(BigInt(secretary.id));
  await tg.send(secretary, "/web thoat");
  expect(tg.last(secretary.id).text).toBe("Đã đăng xuất mọi phiên trên trang web (2 phiên).");
  for (const id of sessions) expect(await sessionUser(deps, id)).toBeNull();
  expect((await deps.web.listWebAudit(BigInt(secretary.id), 5)).map((a) => a.action)).toEqual(["SIGN_OUT_ALL", "SIGN_IN", "SIGN_IN"]);
});
