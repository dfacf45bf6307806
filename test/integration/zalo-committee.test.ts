/**
 * A committee's officer who has only Zalo (issue 20): `/tonghop` in a private Zalo chat gives
 * the same roll-up as Telegram's for the same data, then numbered choices (the files as signed
 * links that download, earlier campaigns, "Kết thúc đợt" with its confirmation); `/tonghop tep`
 * gives the files at once; an officer of several committees picks one by number; a cell's
 * secretary and a stranger get Telegram's refusal. `/dotmoi dangbo …` (or a plain `/dotmoi` by an
 * officer who runs no cell) issues the committee's campaign; a cell secretary's `/dotmoi` stays
 * the cell's. Through the shared text conversation, as Zalo uses it.
 *
 * Tree: Đảng ủy phường (Telegram group -100: bí thư Telegram 1, phó bí thư on Zalo "zo") over
 * Chi bộ A (Telegram group -101: bí thư 11, members 111 and 112) and Chi bộ Zalo (no group: bí
 * thư "zs", members "zm1" and "zm2", all on Zalo).
 */
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupCaller } from "../../src/app/caller.js";
import { attachUnit, committeeActor, createLinkCode, joinCommitteeRoster, setRosterRole, setupCommittee } from "../../src/app/committee.js";
import { rollupFor } from "../../src/app/committee-intents.js";
import { choose } from "../../src/app/conversation.js";
import { issueFileLink, type FileLinkDeps } from "../../src/app/file-links.js";
import { joinCell, setupCell } from "../../src/app/onboarding.js";
import { membershipOf } from "../../src/app/session.js";
import { renderRollup } from "../../src/bot/presenters/committee.js";
import { createRenderer } from "../../src/bot/presenters/notifications.js";
import type { TextConversation, TextReply } from "../../src/channels/text-conversation.js";
import { plainText, renderText } from "../../src/channels/text-render.js";
import { readOutMessage } from "../../src/infra/db/outbox.js";
import { createI18n, type I18n } from "../../src/infra/i18n/index.js";
import { createLogger } from "../../src/infra/logger.js";
import { DiskFileStore, fileLinkRoute } from "../../src/server/file-links.js";
import { createServer } from "../../src/server/index.js";
import { appDeps, person, testClock, tgGroup } from "../support/app.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { submitForm } from "../support/forms.js";
import { download, joined, respondPlain, zaloConversation } from "../support/zalo-harness.js";

let database: TestDatabase;
let deps: ReturnType<typeof appDeps>;
let i18n: I18n;
let channel: TextConversation;
let server: FastifyInstance;
let files: FileLinkDeps;
let dir: string;
let committeeId = 0;
const clock = testClock("2026-11-02T03:00:00Z");

const NAMES: Record<string, string> = {
  zo: "Phạm Văn Ủy",
  zs: "Nguyễn Văn An",
  zm1: "Trần Thị Bình",
  zm2: "Lê Văn Cường",
  zx: "Người Lạ",
  zc: "Võ Thị Xã",
  zr: "Rô",
};

const respond = (externalId: string, typed: string) => respondPlain(channel, externalId, NAMES[externalId]!, typed);
/** The replies as one text; a file as "[file <name>]". */
const send = async (externalId: string, typed: string): Promise<string> => joined(await respond(externalId, typed));

const userIdOf = async (externalId: string) => (await database.db.channelIdentity.findFirstOrThrow({ where: { channel: "zalo", externalId } })).userId;
const memberOf = async (externalId: string) => (await membershipOf(deps, await userIdOf(externalId)))!;
/** The number a choice is typed with on the last screen ("4. Kết thúc đợt" → "4"). */
const numberOf = (reply: string, label: string): string => {
  const found = reply.split("\n").find((line) => new RegExp(`^\\d+\\. ${label}`).test(line));
  if (!found) throw new Error(`no choice "${label}" in:\n${reply}`);
  return found.split(".")[0]!;
};

beforeAll(async () => {
  database = await freshDatabase();
  deps = appDeps(database, clock);
  i18n = await createI18n("vi");
  channel = zaloConversation(deps, i18n, { committee: true, publicUrl: "http://127.0.0.1" });
  // The committee, its Telegram group and bí thư; the Zalo officer joins its roster and is made phó bí thư.
  await setupCommittee(deps, {
    group: tgGroup(-100n),
    chatTitle: "ĐU",
    caller: await person(deps, 1, "Lê Bí Thư"),
    callerIsAdmin: true,
    name: "Đảng ủy phường Mỹ Bình",
  });
  const committee = (await deps.committees.findCommitteeByGroup(tgGroup(-100n)))!;
  committeeId = committee.id;
  await send("zo", "/start");
  const joined = await joinCommitteeRoster(deps, committee.joinCode, { userId: await userIdOf("zo"), firstName: NAMES.zo! });
  if (joined.kind !== "joined") throw new Error(joined.kind);
  const bíThư = await committeeActor(deps, committee, 1n);
  expect(await setRosterRole(deps, bíThư, joined.entry.id, "DEPUTY")).toMatchObject({ kind: "changed" });
  // Chi bộ A on Telegram, linked up with /lienket and /captren.
  await setupCell(deps, { group: tgGroup(-101n), chatTitle: "A", caller: await person(deps, 11, "Bí thư A"), callerIsAdmin: true, name: "Chi bộ A" });
  const cellA = (await deps.cells.findCellByGroup(tgGroup(-101n)))!;
  for (const id of [111, 112]) await joinCell(deps, { joinCode: cellA.joinCode, person: await person(deps, id, `Đảng viên ${id}`) });
  const code = await createLinkCode(deps, bíThư);
  if (code.kind !== "code") throw new Error(code.kind);
  expect(await attachUnit(deps, { group: tgGroup(-101n), userId: 11n, code: code.code })).toMatchObject({ kind: "attached" });
  // Chi bộ Zalo: made and joined on Zalo (no group); put under the committee directly (no group to type /captren in).
  await send("zs", "/chibo Chi bộ Zalo");
  const cellZ = (await memberOf("zs")).cell;
  for (const id of ["zm1", "zm2"]) {
    await send(id, `/thamgia ${cellZ.joinCode}`);
    await send(id, "1"); // the prefilled name is right
  }
  await deps.committees.setCellParent(cellZ.id, committee.id);
  // The file links' HTTP route, as the bot serves it.
  dir = await mkdtemp(path.join(tmpdir(), "tusoi-zalo-committee-"));
  const store = new DiskFileStore(path.join(dir, "files"));
  const secret = "zalo-committee-test-secret-0123456789";
  server = createServer({ logger: createLogger("silent", []), healthy: async () => true });
  await server.register(fileLinkRoute({ store, secret, now: () => clock(), t: (key) => i18n.t("vi")(key) as string }));
  await server.listen({ port: 0, host: "127.0.0.1" });
  files = { store, secret, publicUrl: `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`, now: () => clock() };
});
afterAll(async () => {
  await server?.close();
  await database.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("a committee's campaign issued from Zalo", () => {
  it("/dotmoi dangbo by the Zalo officer opens a round in both cells; the Zalo-only cell's is announced to its secretary privately", async () => {
    expect(await send("zo", "/dotmoi dangbo")).toContain("Đồng chí gõ kèm hạn nộp");
    const reply = await send("zo", "/dotmoi dangbo 30/11/2026 Sinh hoạt chính trị cuối năm");
    expect(reply).toContain("Đã mở đợt Sinh hoạt chính trị cuối năm, hạn nộp 30/11/2026: 2/2 chi bộ đã nhận thông báo.");
    const campaign = await database.db.campaign.findFirstOrThrow({ where: { committeeId } });
    expect(await database.db.round.count({ where: { campaignId: campaign.id } })).toBe(2);
    const announcements = await database.db.outbox.findMany({ where: { kind: "ROUND_OPENED" } });
    const secretary = await userIdOf("zs");
    expect(announcements.map((m) => m.key).some((key) => key.endsWith(`:officer:${secretary}`))).toBe(true);
  });

  it("a cell secretary's /dotmoi stays the cell's round; a plain /dotmoi by the officer (no cell to run) is the committee's", async () => {
    // The cell's answer: its round (the campaign's) is open already.
    expect(await send("zs", "/dotmoi 30/12/2026")).toContain("Mỗi chi bộ chỉ có một đợt mở.");
    expect(await send("zs", "/dotmoi 30/12/2026")).not.toContain("chi bộ đã nhận thông báo");
    // The officer runs no cell: a plain /dotmoi is the committee's, with its own words.
    expect(await send("zo", "/dotmoi")).toContain("/dotmoi 15/12/2026 Sinh hoạt chính trị cuối năm");
    expect(await database.db.campaign.count({ where: { committeeId } })).toBe(1);
  });
});

describe("/tonghop on Zalo", () => {
  it("shows the same roll-up as Telegram's for the same data, then numbered choices", async () => {
    for (const id of [11, 111, 112]) await submitForm(deps, (await membershipOf(deps, BigInt(id)))!, id === 111 ? { 0: "MINOR" } : {});
    for (const id of ["zs", "zm1"]) await submitForm(deps, await memberOf(id));
    const reply = await send("zo", "/tonghop");
    const telegram = await rollupFor(deps, groupCaller(1n, tgGroup(-100n)));
    if (telegram.kind !== "rollup") throw new Error(telegram.kind);
    const telegramText = plainText(renderRollup(telegram.rollup, i18n.t("vi"), "vi"));
    for (const key of ["TỔNG HỢP TOÀN ĐẢNG BỘ", "Chi bộ đã triển khai:", "Chi bộ đã nộp đủ:", "Đảng viên đã nộp:", "Theo đơn vị trực thuộc"]) {
      const line = telegramText.split("\n").find((l) => l.startsWith(key));
      expect(line, key).toBeDefined();
      expect(reply).toContain(line);
    }
    expect(reply).toContain("Đảng viên đã nộp: 5/6 (83%)");
    expect(reply).toContain(telegramText);
    expect(reply).toMatch(/\n1\. Báo cáo \(\.docx\)\n2\. Bảng tính \(\.xlsx\)\n3\. Biểu đồ\n4\. Kết thúc đợt$/);
  });

  it("/nhacnho dangbo nudges the bí thư of the cell with members pending; the bí thư's number under it nudges them", async () => {
    expect(await send("zs", "/nhacnho dangbo")).toBe("Chỉ bí thư, phó bí thư và cán bộ văn phòng của đảng bộ mới nhắc được.");
    expect(await send("zo", "/nhacnho dangbo")).toBe("Đã nhắc bí thư 1 chi bộ còn đảng viên chưa nộp (trong tin nhắn riêng).");
    const cellZ = (await memberOf("zs")).cell;
    const row = await database.db.outbox.findFirstOrThrow({
      where: { cellId: cellZ.id, channel: "zalo", recipient: "zs", kind: "NUDGE" },
      orderBy: { id: "desc" },
    });
    const notice = renderText(readOutMessage(row.method, row.payload), 2000);
    expect(notice.parts.join("\n")).toContain("Đảng ủy phường Mỹ Bình nhắc: chi bộ Chi bộ Zalo còn 1/3 đảng viên chưa nộp");
    await channel.delivered("zm1", notice);
    expect(await send("zm1", "1")).toBe("Chỉ bí thư hoặc phó bí thư của chi bộ này mới chọn được việc nhắc này.");
    await channel.delivered("zs", notice);
    expect(await send("zs", "1")).toBe("Đã gửi nhắc nhở đến 1 đảng viên chưa nộp.");
    expect(await database.db.outbox.count({ where: { kind: "NUDGE", channel: "zalo", recipient: "zm2" } })).toBe(1);
  });

  it("a file chosen by number goes as a link that downloads", async () => {
    await send("zo", "/tonghop");
    const replies = await respond("zo", "1");
    expect(replies).toHaveLength(1);
    const message = (replies[0] as Extract<TextReply, { message: unknown }>).message;
    expect(message.text).toBe("Đảng ủy phường Mỹ Bình · Sinh hoạt chính trị cuối năm");
    expect(message.file).toMatchObject({ kind: "document", filename: expect.stringMatching(/^bao-cao-dang-bo-dot-\d+\.docx$/) });
    // As the Zalo channel sends it: a signed link for this chat, served by the bot's HTTP route.
    const link = await issueFileLink(files, message.file, "zalo:zo");
    const response = await download(link);
    expect(response.status).toBe(200);
    expect(response.head).toBe("PK");
  });

  it("/tonghop tep gives the three files at once, the chart as a photo", async () => {
    const replies = await respond("zo", "/tonghop tep");
    const sent = replies.map((r) => ("message" in r ? [r.message.file.kind, r.message.file.filename] : ["text", r.text]));
    expect(sent).toEqual([
      ["document", expect.stringMatching(/\.docx$/)],
      ["document", expect.stringMatching(/\.xlsx$/)],
      ["photo", expect.stringMatching(/^bieu-do-dang-bo-dot-\d+\.png$/)],
    ]);
  });

  it("refuses a cell secretary and a stranger with Telegram's words, and a choice named for them", async () => {
    const refusal = "Chỉ bí thư, phó bí thư và cán bộ văn phòng của đảng bộ mới xem được bản tổng hợp.";
    expect(await send("zs", "/tonghop")).toBe(refusal);
    expect(await send("zx", "/tonghop")).toBe(refusal);
    expect(await send("zx", "/tonghop tep")).toBe(refusal);
    // A choice id is what a number stands for; one forged for a stranger is refused by the use case.
    const campaign = await database.db.campaign.findFirstOrThrow({ where: { committeeId } });
    const stranger = { userId: await userIdOf("zx"), t: i18n.t("vi"), locale: "vi" as const };
    for (const id of [`zw:f:${committeeId}:${campaign.id}:docx`, `zw:p:${committeeId}:${campaign.id}`, `zw:r:${committeeId}`]) {
      const shown = await choose(deps, stranger, id);
      expect(shown.screens.map((s) => s.text)).toEqual([refusal]);
    }
    const end = await choose(deps, stranger, `zw:y:${committeeId}:${campaign.id}`, { renderer: createRenderer(i18n, "vi", "", deps.clock) });
    expect(end.screens.map((s) => s.text)).toEqual(["Chỉ bí thư, phó bí thư và cán bộ văn phòng của đảng bộ đã mở đợt mới kết thúc được đợt."]);
    expect(await database.db.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).toMatchObject({ closedAt: null });
  });

  it("ends the campaign after a confirmation; the next campaign's roll-up offers the earlier one", async () => {
    const rollup = await send("zo", "/tonghop");
    const confirm = await send("zo", numberOf(rollup, "Kết thúc đợt"));
    expect(confirm).toContain("Kết thúc đợt Sinh hoạt chính trị cuối năm ngay bây giờ?");
    expect(await send("zo", numberOf(confirm, "Hủy"))).toBe("Đã hủy. Đợt vẫn tiếp tục.");
    const again = await send("zo", numberOf(await send("zo", "/tonghop"), "Kết thúc đợt"));
    expect(await send("zo", numberOf(again, "Xác nhận kết thúc đợt"))).toBe(
      "Đã kết thúc đợt «Sinh hoạt chính trị cuối năm» (2 chi bộ). Gõ /tonghop để xem bản tổng hợp cuối.",
    );
    const campaign = await database.db.campaign.findFirstOrThrow({ where: { committeeId } });
    expect(await database.db.round.count({ where: { campaignId: campaign.id, closedAt: null } })).toBe(0);
    const ended = await send("zo", "/tonghop");
    expect(ended).toContain("đã kết thúc");
    expect(ended).not.toContain("Kết thúc đợt");
    // The next campaign; its roll-up has the earlier one as a choice.
    expect(await send("zo", "/dotmoi dangbo 20/12/2026 Đợt hai")).toContain("Đã mở đợt Đợt hai");
    const second = await send("zo", "/tonghop");
    expect(second).toContain("Đợt hai");
    const earlier = await send("zo", numberOf(second, "Xem đợt: Sinh hoạt chính trị cuối năm"));
    expect(earlier).toContain("Sinh hoạt chính trị cuối năm · hạn nộp 30/11/2026 · đã kết thúc");
  });

  it("an officer of several committees picks one by number", async () => {
    await setupCommittee(deps, {
      group: tgGroup(-300n),
      chatTitle: "Khối",
      caller: { userId: await userIdOf("zo"), firstName: NAMES.zo! },
      callerIsAdmin: true,
      name: "Đảng ủy khối Cơ quan",
    });
    const choices = await send("zo", "/tonghop");
    expect(choices).toContain("Đồng chí muốn xem bản tổng hợp của đảng bộ nào?");
    expect(await send("zo", numberOf(choices, "Đảng ủy khối Cơ quan"))).toContain("Đảng bộ chưa có đợt nào.");
    expect(await send("zo", numberOf(await send("zo", "/tonghop"), "Đảng ủy phường Mỹ Bình"))).toContain("Đảng ủy phường Mỹ Bình · Đợt hai");
    // /dotmoi too: which committee, by its number.
    expect(await send("zo", "/dotmoi dangbo 20/12/2026")).toContain("Gõ số thứ tự của đảng bộ");
  });
});

describe("a committee without a group, set up and linked from Zalo", () => {
  it("/dangbo <tên> in a private chat makes a committee with no group, the caller its bí thư; again renames it", async () => {
    expect(await send("zc", "/dangbo")).toContain("Đồng chí gõ kèm tên");
    const reply = await send("zc", "/dangbo Đảng ủy xã Zalo");
    expect(reply).toContain("Đã thiết lập Đảng ủy xã Zalo; đồng chí Võ Thị Xã là bí thư.");
    expect(reply).toContain("/lienket");
    const entries = await deps.committees.rostersOf(await userIdOf("zc"));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ role: "SECRETARY", committee: { name: "Đảng ủy xã Zalo", group: null } });
    expect(await send("zc", "/dangbo Đảng ủy xã Zalo Mới")).toContain("Đã đổi tên thành Đảng ủy xã Zalo Mới.");
    expect(await deps.committees.rostersOf(await userIdOf("zc"))).toMatchObject([
      { committeeId: entries[0]!.committeeId, committee: { name: "Đảng ủy xã Zalo Mới" } },
    ]);
  });

  it("/lienket gives the code; a Zalo-only cell's bí thư attaches with /captren in private (a move asks first); others are refused", async () => {
    expect(await send("zx", "/lienket")).toBe("Chỉ bí thư, phó bí thư và cán bộ văn phòng của đảng bộ mới lấy được mã liên kết.");
    const linked = await send("zc", "/lienket");
    const code = /^\/captren (\S+)$/m.exec(linked)?.[1];
    expect(code, linked).toBeDefined();
    expect(linked).toContain("Mã liên kết lên Đảng ủy xã Zalo Mới");
    expect(await send("zx", `/captren ${code}`)).toContain("Đồng chí chưa là bí thư của chi bộ hay đảng bộ nào không có nhóm.");
    expect(await send("zm1", `/captren ${code}`)).toContain("Đồng chí chưa là bí thư của chi bộ hay đảng bộ nào không có nhóm.");
    expect(await send("zs", "/captren KHONGCO1")).toContain("Mã không đúng hoặc đã hết hạn.");
    // Chi bộ Zalo is under the phường: moving asks first.
    const ask = await send("zs", `/captren ${code}`);
    expect(ask).toContain("Chi bộ Zalo đang trực thuộc Đảng ủy phường Mỹ Bình.");
    const cellZ = (await memberOf("zs")).cell;
    expect(await deps.committees.cellParent(cellZ.id)).toBe(committeeId);
    expect(await send("zs", numberOf(ask, "Chuyển sang Đảng ủy xã Zalo Mới"))).toBe("Chi bộ Zalo đã chuyển sang trực thuộc Đảng ủy xã Zalo Mới.");
    const mine = (await deps.committees.rostersOf(await userIdOf("zc")))[0]!;
    expect(await deps.committees.cellParent(cellZ.id)).toBe(mine.committeeId);
    expect(await send("zs", `/captren ${code}`)).toBe("Đơn vị đã trực thuộc Đảng ủy xã Zalo Mới.");
  });

  it("/themdonvi adds a unit not on the bot; the new committee's /tonghop and campaign work from Zalo", async () => {
    expect(await send("zx", "/themdonvi Chi bộ Thôn 3")).toBe("Chỉ bí thư, phó bí thư và cán bộ văn phòng của đảng bộ mới thêm được đơn vị.");
    expect(await send("zc", "/themdonvi Chi bộ Thôn 3")).toContain("Đã thêm Chi bộ Thôn 3 vào đơn vị trực thuộc của Đảng ủy xã Zalo Mới");
    const mine = (await deps.committees.rostersOf(await userIdOf("zc")))[0]!;
    expect((await database.db.enteredUnit.findMany({ where: { committeeId: mine.committeeId } })).map((u) => u.name)).toEqual(["Chi bộ Thôn 3"]);
    expect(await send("zc", "/tonghop")).toContain("Đảng bộ chưa có đợt nào.");
    // Chi bộ Zalo still has the phường's round open: it is told, and may join later.
    expect(await send("zc", "/dotmoi 28/12/2026 Đợt của xã")).toContain("Đã mở đợt Đợt của xã, hạn nộp 28/12/2026: 0/1 chi bộ đã nhận thông báo.");
    expect(await send("zc", "/tonghop")).toContain("Đảng ủy xã Zalo Mới · Đợt của xã · hạn nộp 28/12/2026 · đang diễn ra");
  });

  it("the Zalo-only cell's bí thư joins the campaign by the number under its notice (its own round closes)", async () => {
    const cellZ = (await memberOf("zs")).cell;
    const own = await deps.rounds.findOpenRound(cellZ.id);
    expect(own).toMatchObject({ title: "Đợt hai" });
    // The notice, as the Zalo sender delivers it to the bí thư privately: its numbers are what they type next.
    const row = await database.db.outbox.findFirstOrThrow({
      where: { key: { startsWith: "campaign-busy:" }, cellId: cellZ.id, channel: "zalo", recipient: "zs" },
    });
    const notice = renderText(readOutMessage(row.method, row.payload), 2000);
    expect(notice.parts.join("\n")).toContain("1. Kết thúc đợt riêng, tham gia đợt của cấp ủy");
    // A member's number does nothing of the kind.
    await channel.delivered("zm1", notice);
    expect(await send("zm1", "1")).toBe("Chỉ bí thư, phó bí thư của chi bộ mới chọn được.");
    await channel.delivered("zs", notice);
    expect(await send("zs", "1")).toBe("Chi bộ đã tham gia đợt Đợt của xã của Đảng ủy xã Zalo Mới.");
    expect(await deps.rounds.findOpenRound(cellZ.id)).toMatchObject({ title: "Đợt của xã" });
    expect(await database.db.round.findUniqueOrThrow({ where: { id: own!.id } })).toMatchObject({ closedAt: expect.any(Date) });
    const campaign = await database.db.campaign.findFirstOrThrow({ where: { title: "Đợt của xã" } });
    expect(await database.db.round.count({ where: { campaignId: campaign.id, cellId: cellZ.id } })).toBe(1);
  });

  it("an officer joins the roster with /thamgia <mã> (the name confirmed or typed); the bí thư gives roles with /vaitro dangbo", async () => {
    const created = await send("zc", "/dangbo Đảng ủy xã Zalo Mới");
    const code = /^\/thamgia (\S+)$/m.exec(created)?.[1];
    expect(code, created).toBeDefined();
    const joined = await send("zr", `/thamgia ${code}`);
    expect(joined).toContain("Đồng chí đã có tên trong danh sách của Đảng ủy xã Zalo Mới.");
    expect(joined).toContain("Họ và tên của đồng chí trong danh sách của đảng bộ: Rô");
    expect(await send("zr", numberOf(joined, "Nhập họ tên khác"))).toContain("họ và tên");
    expect(await send("zr", "Đặng Văn Rô")).toBe("Đã lưu họ tên Đặng Văn Rô trong danh sách của Đảng ủy xã Zalo Mới.");
    // Still a member of the roster, not an officer: no roll-up, no roles.
    expect(await send("zr", "/tonghop")).toBe("Chỉ bí thư, phó bí thư và cán bộ văn phòng của đảng bộ mới xem được bản tổng hợp.");
    expect(await send("zr", "/vaitro dangbo")).toBe("Chỉ bí thư của đảng bộ mới giao được vai trò.");
    const roster = await send("zc", "/vaitro dangbo");
    expect(roster).toContain("Danh sách Đảng ủy xã Zalo Mới (2 đồng chí)");
    const menu = await send("zc", numberOf(roster, "Đặng Văn Rô"));
    expect(menu).toContain("Đặng Văn Rô — ");
    expect(await send("zc", numberOf(menu, "Phó bí thư"))).toBe("Đã giao: Đặng Văn Rô — Phó bí thư.");
    expect(await send("zr", "/tonghop")).toContain("Đảng ủy xã Zalo Mới · Đợt của xã");
  });
});

describe("units whose group is a Zalo group", () => {
  it("the private /dangbo <tên> renames a committee linked to a Zalo group (no second committee); /captren there attaches it and a cell with a Zalo group", async () => {
    const mine = (await deps.committees.rostersOf(await userIdOf("zc")))[0]!;
    // zc's committee and zs's cell get their Zalo groups (as `@bot /dangbo`, `@bot /chibo` there do).
    await deps.committees.setCommitteeGroup(mine.committeeId, { channel: "zalo", address: "zg-committee" });
    const cellZ = (await memberOf("zs")).cell;
    await deps.cells.setCellGroup(cellZ.id, { channel: "zalo", address: "zg-cell" });

    expect(await send("zc", "/dangbo Đảng ủy xã Zalo Nhóm")).toContain("Đã đổi tên thành Đảng ủy xã Zalo Nhóm.");
    expect(await deps.committees.rostersOf(await userIdOf("zc"))).toMatchObject([
      { committeeId: mine.committeeId, committee: { name: "Đảng ủy xã Zalo Nhóm", group: { channel: "zalo", address: "zg-committee" } } },
    ]);

    // The phường's link code: the committee with a Zalo group attaches under it from the private chat.
    const phuong = (await deps.committees.findCommittee(committeeId))!;
    const code = await createLinkCode(deps, await committeeActor(deps, phuong, 1n));
    if (code.kind !== "code") throw new Error(code.kind);
    expect(await send("zc", `/captren ${code.code}`)).toContain("Đảng ủy xã Zalo Nhóm đã trực thuộc Đảng ủy phường Mỹ Bình.");
    expect((await deps.committees.findCommittee(mine.committeeId))!.parentCommitteeId).toBe(committeeId);
    // The cell with a Zalo group moves back under the phường (asked first).
    const ask = await send("zs", `/captren ${code.code}`);
    expect(ask).toContain("Chi bộ Zalo đang trực thuộc Đảng ủy xã Zalo Nhóm.");
    expect(await send("zs", numberOf(ask, "Chuyển sang Đảng ủy phường Mỹ Bình"))).toBe("Chi bộ Zalo đã chuyển sang trực thuộc Đảng ủy phường Mỹ Bình.");
    expect(await deps.committees.cellParent(cellZ.id)).toBe(committeeId);
  });
});

describe("/huongdan for a committee's officers on Zalo", () => {
  it("lists the committee's commands that work on Zalo (the bí thư's own too), says which stay on Telegram, and speaks of no buttons", async () => {
    const deputy = await send("zo", "/huongdan");
    for (const command of ["/tonghop", "/tonghop tep", "/dotmoi dangbo dd/mm/yyyy", "/nhacnho dangbo", "/lienket", "/themdonvi", "/caidat dangbo"])
      expect(deputy).toContain(command);
    // zo is also bí thư of another committee (above): the phường's section, as its phó bí thư, has no bí thư's commands.
    const asDeputy = deputy.split("Cấp ủy cấp trên — ").find((section) => section.includes("Phó bí thư của Đảng ủy phường Mỹ Bình"));
    expect(asDeputy, deputy).toContain("/lienket");
    expect(asDeputy).not.toContain("/vaitro dangbo");
    expect(deputy).toContain("ví dụ /lienket 2");
    expect(deputy).not.toContain("xem /huongdan trên Telegram");
    expect(deputy).toMatch(/Chỉ dùng trên Telegram: \/mau/);
    expect(deputy).toContain("/nhapso — nhập số liệu của đơn vị chưa dùng bot");
    const secretary = await send("zc", "/huongdan");
    for (const command of ["/tonghop", "/dotmoi dangbo", "/dangbo Tên mới", "/captren <mã>", "/vaitro dangbo"]) expect(secretary).toContain(command);
    for (const text of [deputy, secretary]) expect(text).not.toMatch(/bấm|nút|press|button/i);
  });
});

describe("/caidat dangbo on Zalo", () => {
  it("shows the committee's report settings to an officer and changes them for the bí thư; a deputy or a stranger changes nothing", async () => {
    const mine = (await deps.committees.rostersOf(await userIdOf("zc")))[0]!;
    const shown = await send("zc", "/caidat dangbo");
    expect(shown).toContain("Cài đặt báo cáo của đảng bộ\nĐịa danh: (chưa đặt)");
    expect(shown).toContain("Đổi bằng /caidat dangbo diadanh <địa danh>");
    expect(await send("zc", "/caidat dangbo diadanh Tân Phú")).toContain("Đã lưu.\nĐịa danh: Tân Phú");
    expect(await send("zc", "/caidat dangbo so abc")).toBe("Số báo cáo là một số (tối đa 6 chữ số), hoặc “-” để để trống.");
    expect(await send("zc", "/caidat dangbo xyz")).toContain("Cách dùng: /caidat dangbo diadanh Tân Phú");
    // zr is the committee's phó bí thư (above): sees, does not change.
    expect(await send("zr", "/caidat dangbo")).toContain("Địa danh: Tân Phú");
    expect(await send("zr", "/caidat dangbo diadanh Nơi Khác")).toBe("Chỉ bí thư và cán bộ văn phòng của đảng bộ mới đổi được cài đặt.");
    expect(await send("zx", "/caidat dangbo")).toBe("Chỉ bí thư và cán bộ văn phòng của đảng bộ mới đổi được cài đặt.");
    expect((await deps.committees.committeeSettings(mine.committeeId)).place).toBe("Tân Phú");
    // A plain /caidat stays the cell's.
    expect(await send("zs", "/caidat")).toContain("Múi giờ của chi bộ");
  });
});

describe("an ended campaign's ĐÁNH GIÁ CHUNG and PHƯƠNG HƯỚNG on Zalo", () => {
  it("numbered under the ended campaign's /tonghop (not while it runs); the text typed next is stored for the committee's report", async () => {
    const mine = (await deps.committees.rostersOf(await userIdOf("zc")))[0]!;
    const running = await send("zc", "/tonghop");
    expect(running).not.toMatch(/^\d+\. Đánh giá chung$/m);
    const ask = await send("zc", numberOf(running, "Kết thúc đợt"));
    expect(await send("zc", numberOf(ask, "Xác nhận kết thúc đợt"))).toContain("Đợt của xã");
    const ended = await send("zc", "/tonghop");
    const question = await send("zc", numberOf(ended, "Đánh giá chung"));
    expect(question).toContain("ĐÁNH GIÁ CHUNG\nĐảng ủy xã Zalo Nhóm · Đợt của xã");
    expect(await send("zc", "Ngắn")).toBe("Nội dung quá ngắn (ít nhất 5 ký tự). Đồng chí gõ lại.");
    expect(await send("zc", "Các chi bộ tự soi nghiêm túc.")).toBe("Đã lưu mục ĐÁNH GIÁ CHUNG. Gõ /tonghop tep để lấy báo cáo (.docx) có nội dung mới.");
    await send("zc", numberOf(await send("zc", "/tonghop"), "Phương hướng"));
    expect(await send("zc", "Duy trì tự soi hằng quý.")).toContain("Đã lưu mục PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI.");
    const campaign = await database.db.campaign.findFirstOrThrow({ where: { title: "Đợt của xã" } });
    expect(await deps.committees.campaignTexts(mine.committeeId, campaign.id)).toEqual({
      assessment: "Các chi bộ tự soi nghiêm túc.",
      direction: "Duy trì tự soi hằng quý.",
    });
    // Someone else typing that choice changes nothing.
    const forStranger = await send("zx", numberOf(ended, "Đánh giá chung"));
    expect(forStranger).not.toContain("ĐÁNH GIÁ CHUNG\nĐảng ủy xã Zalo Nhóm");
  });
});

describe("/nhapso on Zalo", () => {
  it("an officer enters a unit-not-on-the-bot's figures by number and typed; /tonghop counts them; a cell secretary and another committee's officer are refused", async () => {
    const mine = (await deps.committees.rostersOf(await userIdOf("zc")))[0]!;
    const unit = await database.db.enteredUnit.findFirstOrThrow({ where: { committeeId: mine.committeeId, name: "Chi bộ Thôn 3" } });
    const choices = await send("zc", "/nhapso");
    expect(choices).toContain("Nhập số liệu cho đơn vị nào? (Số liệu của đợt mới nhất: Đợt của xã)");
    const first = await send("zc", numberOf(choices, "Chi bộ Thôn 3"));
    expect(first).toContain("Chi bộ Thôn 3 · đợt Đợt của xã");
    expect(first).toContain("Bước 1/4");
    expect(await send("zc", "10")).toContain("Bước 2/4");
    expect(await send("zc", "11")).toContain("Gõ một số từ 0 đến 10");
    expect(await send("zc", "8")).toContain("Bước 3/4");
    expect(await send("zc", "02/11/2026")).toContain("Bước 4/4");
    expect(await send("zc", "9")).toContain("Đã lưu số liệu của Chi bộ Thôn 3 (đợt Đợt của xã): 8/10 đảng viên đã nộp; sinh hoạt ngày 02/11/2026, có mặt 9");
    expect(await database.db.enteredFigures.findMany({ where: { unitId: unit.id } })).toMatchObject([
      { members: 10, submitted: 8, meetingDay: "2026-11-02", present: 9 },
    ]);
    expect(await send("zc", "/tonghop")).toContain("Chi bộ Thôn 3: 8/10 đảng viên (80%) · số liệu do văn phòng nhập");
    // A cell's secretary is no committee officer; an officer of another committee cannot reach this unit, even by a forged choice.
    expect(await send("zs", "/nhapso")).toBe("Chỉ bí thư, phó bí thư và cán bộ văn phòng của đảng bộ mới nhập được số liệu.");
    const zo = { userId: await userIdOf("zo"), t: i18n.t("vi"), locale: "vi" as const };
    expect((await choose(deps, zo, `1nu:${mine.committeeId}:${unit.id}`)).screens.map((s) => s.text)).toEqual([
      "Chỉ bí thư, phó bí thư và cán bộ văn phòng của đảng bộ mới nhập được số liệu.",
    ]);
    expect((await choose(deps, zo, `1nu:${committeeId}:${unit.id}`)).screens.map((s) => s.text)).toEqual([
      "Đơn vị này không còn trong danh sách. Gõ lại /nhapso.",
    ]);
    expect(await database.db.enteredFigures.count({ where: { unitId: unit.id } })).toBe(1);
  });
});
