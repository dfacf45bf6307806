/**
 * The member loop's conversation with no channel (issue 18): a member fills and submits the form
 * through `command`, `choose` and `text` alone — the same ids Telegram's buttons carry — and the
 * permission checks are inside: a person in no cell is told to join first, another member's
 * form is refused and unchanged, a stale choice changes nothing and says so.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { choose, command, text, typedName, type Speaker } from "../../src/app/conversation.js";
import { joinCell, setupCell } from "../../src/app/onboarding.js";
import type { Screen } from "../../src/app/messages.js";
import { openRound } from "../../src/app/rounds.js";
import { createI18n } from "../../src/infra/i18n/index.js";
import { appDeps, person, testClock, tgGroup } from "../support/app.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";

let database: TestDatabase;
let deps: ReturnType<typeof appDeps>;
let who: (id: number) => Speaker;
const GROUP = -7200n;

const ids = (screen: Screen | undefined) => (screen?.choices ?? []).flat().flatMap((c) => ("id" in c ? [c.id] : []));
const idOf = (screen: Screen | undefined, label: string | RegExp) => {
  const found = (screen?.choices ?? []).flat().find((c) => "id" in c && (typeof label === "string" ? c.label === label : label.test(c.label)));
  if (!found || !("id" in found)) throw new Error(`no choice ${String(label)} in ${JSON.stringify(screen)}`);
  return found.id;
};

beforeAll(async () => {
  database = await freshDatabase();
  deps = appDeps(database, testClock("2026-11-10T03:00:00Z"));
  const t = (await createI18n("vi")).t("vi");
  who = (id) => ({ userId: BigInt(id), t, locale: "vi" });
  await setupCell(deps, {
    group: tgGroup(GROUP),
    chatTitle: "Nhóm",
    caller: await person(deps, 1, "Nguyễn Văn An"),
    callerIsAdmin: true,
    name: "Chi bộ Hội thoại",
  });
  const cell = (await deps.cells.findCellByGroup(tgGroup(GROUP)))!;
  await joinCell(deps, { joinCode: cell.joinCode, person: await person(deps, 2, "Trần Thị Bình") });
  await openRound(deps, (await database.store.findActiveMembership(1n))!, "30/11/2026 Đợt cuối năm", () => "x");
});
afterAll(() => database.close());

describe("joining through the conversation", () => {
  const newcomer = (id: number, firstName: string, lastName?: string): Speaker => ({ ...who(id), profile: { userId: BigInt(id), firstName, lastName } });

  it("/thamgia <code> joins; the name is confirmed with a choice, or typed when the bot asks", async () => {
    const code = (await deps.cells.findCellByGroup(tgGroup(GROUP)))!.joinCode;
    expect((await command(deps, newcomer(5, "X"), "thamgia", "khong-co-ma"))!.screens[0]!.text).toContain("Liên kết tham gia không còn đúng");
    const joined = (await command(deps, newcomer(5, "Cường", "Lê Văn"), "thamgia", code))!;
    expect(joined.screens[0]!.text).toContain("Chào mừng đồng chí tham gia <b>Chi bộ Hội thoại</b>");
    expect(joined.screens[0]!.text).toContain("<b>Cường Lê Văn</b>");
    const asked = await choose(deps, who(5), idOf(joined.screens[0], "Nhập họ tên khác"));
    expect(asked.screens[0]).toMatchObject({ replace: true, text: expect.stringContaining("gõ họ và tên") });
    const saved = await typedName(deps, who(5), "Lê Văn Cường");
    expect(saved.screens.map((s) => s.text)).toEqual([expect.stringContaining("Đã lưu họ tên: <b>Lê Văn Cường</b>"), expect.stringContaining("Đợt cuối năm")]);
    expect((await database.store.findActiveMembership(5n))!.fullName).toBe("Lê Văn Cường");

    const other = (await command(deps, newcomer(6, "Dung", "Phạm Thị"), "start", `j_${code}`))!;
    const ok = await choose(deps, who(6), idOf(other.screens[0], "Đúng"));
    expect(ok.screens[0]).toMatchObject({ replace: true, text: expect.stringContaining("Đã lưu họ tên: <b>Dung Phạm Thị</b>") });
  });
});

describe("the form through the conversation", () => {
  it("a person in no cell is told to join first", async () => {
    const shown = await command(deps, who(9), "tusoi", "");
    expect(shown!.screens[0]!.text).toContain("chưa tham gia chi bộ nào");
  });

  it("a member answers, goes back, types a measure, picks a date and submits; nobody else can touch the form", async () => {
    let screen = (await command(deps, who(2), "tusoi", ""))!.screens.at(-1)!;
    expect(screen.text).toContain("Câu 1/27");
    const first = idOf(screen, "Có, mức độ nhẹ");
    // Another member choosing this member's answer: refused, nothing recorded.
    expect((await choose(deps, who(1), first)).notice).toContain("không phải của đồng chí");
    screen = (await choose(deps, who(2), first)).screens[0]!;
    expect(screen).toMatchObject({ replace: true });
    expect(screen.text).toContain("Câu 2/27");
    screen = (await choose(deps, who(2), idOf(screen, "« Quay lại"))).screens[0]!;
    expect(screen.text).toContain("Câu 1/27");
    for (let i = 0; i < 27; i++) screen = (await choose(deps, who(2), idOf(screen, i === 0 ? "Có, mức độ nhẹ" : "Không có"))).screens[0]!;
    // A stale choice (item 1's answer, the form has moved on) changes nothing and says so.
    expect((await choose(deps, who(2), first)).screens).toEqual([]);
    screen = (await choose(deps, who(2), idOf(screen, /Tiếp tục/))).screens[0]!;
    expect((await text(deps, who(2), "ngắn"))!.screens[0]!.text).toContain("ít nhất");
    screen = (await text(deps, who(2), "Đọc kỹ văn bản trước khi ký"))!.screens[0]!;
    expect((await text(deps, who(2), "31/02/2027"))!.screens[0]!.text).toContain("31/02/2027");
    screen = (await text(deps, who(2), "31/03/2027"))!.screens[0]!;
    screen = (await choose(deps, who(2), idOf(screen, /Nộp bản tự soi/))).screens[0]!;
    expect(screen.text).toContain("Đã nộp");
    expect(await database.db.assessment.count({ where: { submittedAt: { not: null } } })).toBe(1);
    expect(ids(screen).every((id) => id.startsWith("1f:"))).toBe(true);
    // Nothing typed is the form's any more.
    expect(await text(deps, who(2), "Một câu khác")).toBeNull();
  });
});
