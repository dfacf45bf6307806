/**
 * The web (src/web) on the one HTTP server, over a real SQLite file, through Fastify's inject:
 * sign-in by a one-time link (opening it does not use it; the POST does, once; an expired
 * link is refused), the session cookie, per-request permissions (another subtree's page is a
 * 404; a removed officer's session stops working; `/web thoat` ends every session), the
 * committee page with the `/tonghop` lines, the cell page, files, CSRF, CSP, the rate limit,
 * and no token or session id in a log line.
 */
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommitteeActor } from "../../src/app/committee.js";
import { endCampaign, openCampaign } from "../../src/app/committee-campaigns.js";
import { committeeRollup } from "../../src/app/committee-rollup.js";
import type { MemberWithCell } from "../../src/app/ports.js";
import { webCommitteePage } from "../../src/app/web-pages.js";
import { requestWebLink, signOutEverywhere } from "../../src/app/web-sign-in.js";
import { recordMeeting } from "../../src/app/meeting.js";
import { createCommitteeRenderer, renderRollup } from "../../src/bot/presenters/committee.js";
import { createRenderer } from "../../src/bot/presenters/notifications.js";
import { createI18n, type I18n } from "../../src/infra/i18n/index.js";
import { createLogger } from "../../src/infra/logger.js";
import { createServer } from "../../src/server/index.js";
import { CONTENT_SECURITY_POLICY, webPlugin } from "../../src/web/index.js";
import { appDeps, testClock } from "../support/app.js";
import { actorAt, committeeAt, committeeTree } from "../support/committee-tree.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { submitForm } from "../support/forms.js";

let database: TestDatabase;
let deps: ReturnType<typeof appDeps>;
let i18n: I18n;
let server: FastifyInstance;
const clock = testClock("2026-11-02T03:00:00Z");
const lines: string[] = [];
const logger = createLogger(
  "info",
  [],
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  }),
);

const member = async (id: number): Promise<MemberWithCell> => (await database.store.findActiveMembership(BigInt(id)))!;
const actor = (group: bigint, userId: number): Promise<CommitteeActor> => actorAt(deps, group, userId);

const ids = { upper: 0, lower: 0, other: 0, cellA: 0, campaign: 0 };

/** A token for the person, through the use case the bot's /web calls. */
async function tokenFor(userId: number): Promise<string> {
  const result = await requestWebLink(deps, BigInt(userId));
  if (result.kind !== "link") throw new Error(`no link for ${userId}`);
  return result.token;
}

/** Signs in with a fresh link (opening it first, as a person does); the session cookie. */
async function signIn(userId: number): Promise<string> {
  const token = await tokenFor(userId);
  expect((await server.inject({ method: "GET", url: `/login/${token}` })).statusCode).toBe(200);
  const posted = await server.inject({ method: "POST", url: `/login/${token}` });
  expect(posted.statusCode).toBe(303);
  const cookie = String(posted.headers["set-cookie"]);
  return cookie.split(";")[0]!;
}

const get = (url: string, cookie?: string) => server.inject({ method: "GET", url, headers: cookie ? { cookie } : {} });

// Đảng ủy phường (-100, bí thư 1) → chi bộ A (-101: 11 + 4 members), chi bộ B (-102: 12 + 1),
// đảng ủy khối (-200, bí thư 2) → chi bộ C (-201: 13 + 2). Elsewhere: đảng ủy xã Khác (-900, bí thư 9).
beforeAll(async () => {
  database = await freshDatabase();
  deps = appDeps(database, clock);
  i18n = await createI18n("vi");
  await committeeTree(deps, { members: { a: [111, 112, 113, 114], b: [121], c: [131, 132] } });
  ids.upper = (await actor(-100n, 1)).committeeId;
  ids.lower = (await actor(-200n, 2)).committeeId;
  ids.other = (await actor(-900n, 9)).committeeId;
  ids.cellA = (await member(11)).cellId;
  const opened = await openCampaign(deps, await actor(-100n, 1), "30/11/2026 Sinh hoạt chính trị", () => "x", createCommitteeRenderer(i18n, "vi", "bot"));
  if (opened.kind !== "opened") throw new Error(opened.kind);
  ids.campaign = opened.campaign.id;
  for (const id of [11, 111, 112]) await submitForm(deps, await member(id), { 4: "MINOR" });
  await submitForm(deps, await member(113), { 4: "SIGNIFICANT", 6: "MINOR" });
  await submitForm(deps, await member(13), { 6: "MINOR" });
  const ended = await endCampaign(deps, await actor(-100n, 1), ids.campaign, createRenderer(i18n, "vi", "bot", clock));
  expect(ended).toMatchObject({ kind: "ended" });
  server = createServer({ logger, healthy: async () => true });
  await server.register(webPlugin({ app: deps, i18n, defaultLocale: "vi", publicUrl: "http://127.0.0.1:8080", signInLimitPerMinute: 1000 }));
  await server.ready();
});
afterAll(async () => {
  await server?.close();
  await database.close();
});

describe("sign-in", () => {
  it("the link opens a page with one Đăng nhập button and is not used up by opening; the POST signs in once", async () => {
    const token = await tokenFor(1);
    for (let i = 0; i < 2; i++) {
      const page = await get(`/login/${token}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`<form method="post" action="/login/${token}"><button type="submit" class="primary">Đăng nhập</button></form>`);
    }
    const posted = await server.inject({ method: "POST", url: `/login/${token}` });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe("/");
    const cookie = String(posted.headers["set-cookie"]);
    expect(cookie).toMatch(/^tusoi_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/);
    // Used: the page and a second press both say to ask the bot again.
    const again = await get(`/login/${token}`);
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain("đã được dùng hoặc đã hết hạn. Đồng chí nhắn /web cho bot để nhận đường dẫn mới.");
    expect((await server.inject({ method: "POST", url: `/login/${token}` })).statusCode).toBe(410);
    // The session is stored as a hash only; the sign-in is audited.
    const sessionId = cookie.split(";")[0]!.split("=")[1]!;
    const stored = await database.db.webSession.findMany();
    expect(stored.some((s) => s.sessionHash === sessionId)).toBe(false);
    expect((await deps.web.listWebAudit(1n, 5)).map((a) => a.action)).toContain("SIGN_IN");
    expect((await database.db.webLoginToken.findMany()).some((t) => t.tokenHash === token)).toBe(false);
  });

  it("a link is good for 10 minutes", async () => {
    const token = await tokenFor(1);
    clock.set("2026-12-01T03:10:01Z");
    const base = clock.now;
    clock.set(new Date(base.getTime()).toISOString());
    const fresh = await tokenFor(1);
    clock.set(new Date(base.getTime() + 10 * 60_000 + 1000).toISOString());
    expect((await get(`/login/${fresh}`)).statusCode).toBe(410);
    expect((await server.inject({ method: "POST", url: `/login/${fresh}` })).statusCode).toBe(410);
    expect((await get(`/login/${token}`)).statusCode).toBe(410);
    clock.set("2026-12-01T03:30:00Z");
  });

  it("only a cell's secretary or deputy or a committee's officer gets a link", async () => {
    expect(await requestWebLink(deps, 111n)).toEqual({ kind: "forbidden" });
    expect(await requestWebLink(deps, 424242n)).toEqual({ kind: "forbidden" });
    expect((await requestWebLink(deps, 11n)).kind).toBe("link");
  });

  it("a POST from another origin is refused and does not use the link", async () => {
    const token = await tokenFor(1);
    const forged = await server.inject({ method: "POST", url: `/login/${token}`, headers: { origin: "https://evil.example" } });
    expect(forged.statusCode).toBe(403);
    expect((await get(`/login/${token}`)).statusCode).toBe(200);
  });
});

describe("pages", () => {
  it("the committee page shows the /tonghop figures, the direct units, the items, and every header", async () => {
    const cookie = await signIn(1);
    const page = await get(`/c/${ids.upper}`, cookie);
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
    expect(page.body).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    const rollup = await committeeRollup(deps, await actor(-100n, 1));
    if (rollup.kind !== "rollup") throw new Error(rollup.kind);
    const text = renderRollup(rollup.rollup, i18n.t("vi"), "vi");
    for (const line of text.split("\n").filter((l) => /^(Chi bộ đã triển khai|Chi bộ đã nộp đủ|Đảng viên đã nộp):/.test(l))) expect(page.body).toContain(line);
    expect(page.body).toContain("Chi bộ đã triển khai: 2/3 (67%)");
    expect(page.body).toContain("Đảng viên đã nộp: 5/10 (50%)");
    // Items only from Chi bộ A (closed, 4 forms); Chi bộ C has 1 form: not counted.
    expect(page.body).toMatch(/<tr><td>1\.5<\/td><td>[^<]+<\/td><td class="num">3<\/td><td class="num">1<\/td><td class="num">4<\/td><\/tr>/);
    expect(page.body).toMatch(/<tr><td>1\.7<\/td><td>[^<]+<\/td><td class="num">1<\/td><td class="num">0<\/td><td class="num">1<\/td><\/tr>/);
    expect(page.body).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"');
    expect(page.body).toContain(`<a href="/c/${ids.lower}?campaign=${ids.campaign}">Đảng ủy khối Cơ quan</a>`);
    expect(page.body).toContain("Chi bộ B");
    // Sorting by name, descending.
    const sorted = await get(`/c/${ids.upper}?campaign=${ids.campaign}&sort=name&dir=desc`, cookie);
    const order = [...sorted.body.matchAll(/<tr>\n<td>(?:<a [^>]+>)?([^<]+)/g)].map((m) => m[1]);
    expect(order).toEqual(["Đảng ủy khối Cơ quan", "Chi bộ B", "Chi bộ A"]);
  });

  it("the committee page has /tonghop's direct-unit lines as cards and which direct unit held its meeting", async () => {
    // Chi bộ A records its meeting (the day the campaign opened); Chi bộ B (no form) and the đảng ủy khối's cell have not.
    expect(await recordMeeting(deps, await member(11), "02/11/2026 4/5")).toMatchObject({ kind: "saved" });
    const page = await get(`/c/${ids.upper}?campaign=${ids.campaign}&sort=name&dir=asc`, await signIn(1));
    const rollup = await committeeRollup(deps, await actor(-100n, 1), ids.campaign);
    if (rollup.kind !== "rollup") throw new Error(rollup.kind);
    const text = renderRollup(rollup.rollup, i18n.t("vi"), "vi");
    const direct = text.split("\n").filter((l) => l.startsWith("Đảng bộ, chi bộ trực thuộc đã"));
    expect(direct).toEqual([
      "Đảng bộ, chi bộ trực thuộc đã triển khai: 2/3 (67%)",
      "Đảng bộ, chi bộ trực thuộc đã tổ chức sinh hoạt: 1/3 (33%) · 1 cuộc · 4 đảng viên tham dự",
    ]);
    for (const line of direct) expect(page.body).toContain(line);
    const held = [...page.body.matchAll(/<tr>\n<td>(?:<a [^>]+>)?([^<]+)(?:<\/a>)?<\/td>[\s\S]*?<td class="held">([^<]+)<\/td>/g)].map((m) => [m[1], m[2]]);
    expect(held).toEqual([
      ["Chi bộ A", "✓ đã tổ chức"],
      ["Chi bộ B", "chưa"],
      ["Đảng ủy khối Cơ quan", "chưa"],
    ]);
  });

  it("drill-down: the upper officer opens the lower committee; the lower officer and another committee get 404 on the upper page", async () => {
    const upper = await signIn(1);
    const lowerPage = await get(`/c/${ids.lower}`, upper);
    expect(lowerPage.statusCode).toBe(200);
    expect(lowerPage.body).toContain("Đảng viên đã nộp: 1/3 (33%)");
    const lower = await signIn(2);
    expect((await get(`/c/${ids.upper}`, lower)).statusCode).toBe(404);
    expect((await get(`/c/${ids.lower}`, lower)).statusCode).toBe(200);
    const other = await signIn(9);
    const refused = await get(`/c/${ids.upper}`, other);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain("Mỹ Bình");
    expect((await get(`/c/${ids.upper}/files/${ids.campaign}/docx`, other)).statusCode).toBe(404);
    expect((await get(`/c/999999`, upper)).statusCode).toBe(404);
  });

  it("the committee's DOCX and XLSX download", async () => {
    const cookie = await signIn(1);
    for (const kind of ["docx", "xlsx"]) {
      const file = await get(`/c/${ids.upper}/files/${ids.campaign}/${kind}`, cookie);
      expect(file.statusCode).toBe(200);
      expect(file.headers["content-disposition"]).toMatch(new RegExp(`^attachment; filename="tong-hop-${ids.upper}-${ids.campaign}\\.${kind}"$`));
      expect(file.rawPayload.subarray(0, 2).toString()).toBe("PK");
    }
  });

  it("the cell page shows the /baocao figures and who has not submitted, to the cell's secretary only", async () => {
    const secretary = await signIn(11);
    const home = await get("/", secretary);
    expect(home.body).toContain(`<a href="/cell/${ids.cellA}">Chi bộ A</a>`);
    const page = await get(`/cell/${ids.cellA}`, secretary);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Đã nộp: 4/5 đảng viên (80%)");
    expect(page.body).toMatch(/<ul class="names" id="pending"><li>Đảng viên 114<\/li><\/ul>/);
    const roundId = /href="\/cell\/\d+\/files\/(\d+)\/docx"/.exec(page.body)![1];
    const docx = await get(`/cell/${ids.cellA}/files/${roundId}/docx`, secretary);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe("PK");
    const other = await signIn(12);
    expect((await get(`/cell/${ids.cellA}`, other)).statusCode).toBe(404);
    expect((await get(`/cell/${ids.cellA}/files/${roundId}/docx`, other)).statusCode).toBe(404);
    expect((await get(`/cell/${ids.cellA}`, await signIn(1))).statusCode).toBe(404);
  });

  it("without a session a page is 401 with the way in", async () => {
    const page = await get(`/c/${ids.upper}`);
    expect(page.statusCode).toBe(401);
    expect(page.body).toContain("Nhắn /web cho bot");
    expect((await get(`/c/${ids.upper}`, "tusoi_session=forged")).statusCode).toBe(401);
  });
});

describe("campaigns, language, escaping", () => {
  it("a later campaign: the picker links the earlier one, and the page shows the change from it", async () => {
    const opened = await openCampaign(deps, await actor(-100n, 1), "20/12/2026 Đợt hai", () => "x", createCommitteeRenderer(i18n, "vi", "bot"));
    if (opened.kind !== "opened") throw new Error(opened.kind);
    await submitForm(deps, await member(12), {});
    const cookie = await signIn(1);
    const page = await get(`/c/${ids.upper}`, cookie);
    expect(page.body).toContain("Đợt: <b>Đợt hai</b>");
    expect(page.body).toContain(`<li><a href="/c/${ids.upper}?campaign=${ids.campaign}">Sinh hoạt chính trị (30/11/2026)</a></li>`);
    expect(page.body).toContain("Đợt trước: Sinh hoạt chính trị (hạn 30/11/2026)");
    expect(page.body).toContain("Đảng viên đã nộp: 50% → 10% (-40 điểm)");
    // While the new campaign runs: no items on the page.
    expect(page.body).toContain("Số liệu về biểu hiện và việc khắc phục được tổng hợp khi đợt kết thúc");
    expect(page.body).not.toContain('id="items-table"');
    const earlier = await get(`/c/${ids.upper}?campaign=${ids.campaign}`, cookie);
    expect(earlier.body).toContain("Đợt: <b>Sinh hoạt chính trị</b>");
    expect(earlier.body).toContain('id="items-table"');
    // A campaign of an unrelated committee, by its id: 404.
    expect((await get(`/c/${ids.lower}?campaign=999999`, cookie)).statusCode).toBe(404);
  });

  it("a person who chose English gets the pages in English", async () => {
    await deps.users.setUserLocale(1n, "en");
    const page = await get(`/c/${ids.upper}`, await signIn(1));
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain("Direct units");
    expect(page.body).toContain("Sign out");
    await deps.users.setUserLocale(1n, "vi");
  });

  it("names are escaped", async () => {
    await committeeAt(deps, { group: -400n, chatTitle: "X", secretary: [4, "Hồ Bí Thư"], name: 'Đảng ủy <script>alert(1)</script> & "Q"' });
    const extra = await actor(-400n, 4);
    const cookie = await signIn(4);
    const home = await get("/", cookie);
    expect(home.body).not.toContain("<script>");
    expect(home.body).toContain(`<a href="/c/${extra.committeeId}">Đảng ủy &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Q&quot;</a>`);
    const page = await get(`/c/${extra.committeeId}`, cookie);
    expect(page.body).not.toContain("<script>");
    expect(page.body).toContain("<h1>Đảng ủy &lt;script&gt;");
  });
});

describe("the change from the previous campaign", () => {
  it("both campaigns over: the page's change has the same figures as the earlier campaign's own roll-up, item by item", async () => {
    const upper = await actor(-100n, 1);
    const later = await committeeRollup(deps, upper);
    if (later.kind !== "rollup") throw new Error(later.kind);
    const ended = await endCampaign(deps, upper, later.rollup.campaign.id, createRenderer(i18n, "vi", "bot", clock));
    expect(ended.kind).toBe("ended");
    const result = await webCommitteePage(deps, 1n, ids.upper);
    if (result.kind !== "page") throw new Error(result.kind);
    const earlier = await committeeRollup(deps, upper, ids.campaign);
    if (earlier.kind !== "rollup") throw new Error(earlier.kind);
    const previous = result.page.previous!;
    expect(previous.campaign.id).toBe(ids.campaign);
    expect(previous.closed).toBe(true);
    expect({
      percent: previous.data.percent,
      started: previous.data.started,
      cells: previous.data.cells,
      members: previous.data.members,
      submitted: previous.data.submitted,
      items: previous.data.items,
    }).toEqual({
      percent: earlier.rollup.data.percent,
      started: earlier.rollup.data.started,
      cells: earlier.rollup.data.cells,
      members: earlier.rollup.data.members,
      submitted: earlier.rollup.data.submitted,
      items: earlier.rollup.data.items,
    });
    expect(earlier.rollup.data.items.length).toBeGreaterThan(0);
    const page = await get(`/c/${ids.upper}`, await signIn(1));
    const item = earlier.rollup.data.items[0]!;
    expect(page.body).toContain(`${item.code}. `);
    expect(page.body).toMatch(new RegExp(`${item.code.replace(".", "\\.")}\\. [^<]*: ${item.total} → \\d+</li>`));
  });
});

describe("sessions end", () => {
  it("logout needs the session's CSRF token; then the session is over", async () => {
    const cookie = await signIn(1);
    const home = await get("/", cookie);
    const csrf = /name="csrf" value="([^"]+)"/.exec(home.body)![1]!;
    const forged = await server.inject({
      method: "POST",
      url: "/logout",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: "csrf=nope",
    });
    expect(forged.statusCode).toBe(403);
    expect((await get("/", cookie)).statusCode).toBe(200);
    const out = await server.inject({
      method: "POST",
      url: "/logout",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: `csrf=${csrf}`,
    });
    expect(out.statusCode).toBe(200);
    expect(out.body).toContain("Đã đăng xuất");
    expect((await get("/", cookie)).statusCode).toBe(401);
  });

  it("/web thoat ends every session of the person", async () => {
    const one = await signIn(2);
    const two = await signIn(2);
    expect(await signOutEverywhere(deps, 2n)).toBeGreaterThanOrEqual(2);
    expect((await get("/", one)).statusCode).toBe(401);
    expect((await get("/", two)).statusCode).toBe(401);
  });

  it("an officer removed from the committee loses its pages at once", async () => {
    await committeeAt(deps, { group: -300n, chatTitle: "Thêm", secretary: [3, "Phạm Bí Thư"], name: "Đảng ủy Thêm" });
    const extra = await actor(-300n, 3);
    const cookie = await signIn(3);
    expect((await get(`/c/${extra.committeeId}`, cookie)).statusCode).toBe(200);
    await deps.committees.removeFromRoster(extra.id, clock());
    expect((await get(`/c/${extra.committeeId}`, cookie)).statusCode).toBe(404);
    expect((await get("/", cookie)).body).toContain("Đồng chí hiện không phụ trách đơn vị nào.");
  });
});

describe("security", () => {
  it("sign-in attempts are rate-limited per address", async () => {
    const limited = createServer({ logger, healthy: async () => true });
    await limited.register(webPlugin({ app: deps, i18n, defaultLocale: "vi", publicUrl: "https://web.example.org", signInLimitPerMinute: 3 }));
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await limited.inject({ method: "GET", url: `/login/${"x".repeat(43)}` })).statusCode);
    expect(statuses).toEqual([410, 410, 410, 429, 429]);
    await limited.close();
  });

  it("under https the cookie is Secure and __Host-", async () => {
    const secure = createServer({ logger, healthy: async () => true });
    await secure.register(webPlugin({ app: deps, i18n, defaultLocale: "vi", publicUrl: "https://web.example.org", signInLimitPerMinute: 100 }));
    const token = await tokenFor(1);
    const posted = await secure.inject({ method: "POST", url: `/login/${token}`, headers: { origin: "https://web.example.org" } });
    expect(String(posted.headers["set-cookie"])).toMatch(/^__Host-tusoi_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200; Secure$/);
    await secure.close();
  });

  it("no log line carries a link token or a session id", async () => {
    const token = await tokenFor(1);
    // A refused request on the sign-in path is logged, with the token replaced.
    await server.inject({
      method: "POST",
      url: `/login/${token}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "x=".repeat(5000),
    });
    const cookie = await signIn(1);
    const all = lines.join("\n");
    expect(all).toContain('"path":"/login/…"');
    expect(all).not.toContain(token);
    expect(all).not.toContain(cookie.split("=")[1]!);
  });
});
