/**
 * Proof of the seam (issue 18): a member on a text-only channel (test/support/text-channel.ts:
 * text in, text out, no buttons) joins with /thamgia <code>, confirms the name with a number,
 * and fills and submits the form with typed numbers, a typed measure and a picked date — through
 * the same conversation Telegram uses, with no message over 2,000 characters.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinCell, setupCell } from "../../src/app/onboarding.js";
import { openRound } from "../../src/app/rounds.js";
import { createI18n } from "../../src/infra/i18n/index.js";
import { appDeps, person, testClock, tgGroup } from "../support/app.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { textChannel, type TextPerson } from "../support/text-channel.js";

let database: TestDatabase;
let channel: ReturnType<typeof textChannel>;
let code: string;
const GROUP = -7300n;
const member: TextPerson = { id: 7301, firstName: "Hoa", lastName: "Đỗ Thị" };
const said: string[] = [];

async function send(p: TextPerson, typed: string): Promise<string> {
  const out = await channel.send(p, typed);
  said.push(...out);
  return out.join("\n---\n");
}

/** The number of the line that reads `label` in a reply ("3. Tiếp tục ›" → "3"). */
function numberOf(reply: string, label: RegExp): string {
  const line = reply.split("\n").find((l) => /^\d+\. /.test(l) && label.test(l));
  if (!line) throw new Error(`no choice ${label} in:\n${reply}`);
  return line.split(".")[0]!;
}

beforeAll(async () => {
  database = await freshDatabase();
  const deps = appDeps(database, testClock("2026-11-10T03:00:00Z"));
  channel = textChannel(deps, (await createI18n("vi")).t("vi"));
  await setupCell(deps, { group: tgGroup(GROUP), chatTitle: "Nhóm", caller: await person(deps, 7300, "Nguyễn Văn An"), callerIsAdmin: true, name: "Chi bộ Văn Bản" });
  code = (await deps.cells.findCellByGroup(tgGroup(GROUP)))!.joinCode;
  await joinCell(deps, { joinCode: code, person: await person(deps, 7300, "Nguyễn Văn An") });
  await openRound(deps, (await database.store.findActiveMembership(7300n))!, "30/11/2026 Đợt cuối năm", () => "x");
});
afterAll(() => database.close());

describe("a member on a text-only channel", () => {
  it("joins, confirms the name by number, fills and submits the form by typing", async () => {
    let reply = await send(member, `/thamgia ${code}`);
    expect(reply).toContain("Chào mừng đồng chí tham gia Chi bộ Văn Bản.");
    expect(reply).toMatch(/1\. Đúng\n2\. Nhập họ tên khác$/);
    reply = await send(member, "1");
    expect(reply).toContain("Đã lưu họ tên: Hoa Đỗ Thị.");
    expect(reply).toContain("Đợt cuối năm");

    reply = await send(member, "/tusoi");
    expect(reply).toContain("Câu 1/27");
    expect(reply).toMatch(/1\. Không có\n2\. Có, mức độ nhẹ\n3\. Có, cần khắc phục$/);
    reply = await send(member, "2");
    expect(reply).toContain("Câu 2/27");
    expect(reply).toMatch(/3\. Có, cần khắc phục\n0\. Quay lại$/);
    reply = await send(member, "0");
    expect(reply).toContain("Câu 1/27");
    reply = await send(member, "2");
    for (let i = 2; i <= 27; i++) reply = await send(member, "1");
    expect(reply).not.toContain("Câu 27/27");

    reply = await send(member, numberOf(reply, /Tiếp tục/));
    reply = await send(member, "Đọc kỹ văn bản trước khi ký");
    reply = await send(member, numberOf(reply, /Cuối năm/));
    expect(reply).toContain("1.1");
    reply = await send(member, numberOf(reply, /Nộp bản tự soi/));
    expect(reply).toContain("Đã nộp");
    const form = await database.db.assessment.findFirstOrThrow({ where: { member: { userId: BigInt(member.id) } } });
    expect(form.submittedAt).not.toBeNull();
    // A number now answers nothing the form has open: nothing changes.
    expect(await send(member, "7")).not.toContain("Câu");
  });

  it("the secretary's /baocao: the group's share and, while the round is open, the officer's own figures, as plain text", async () => {
    const secretary: TextPerson = { id: 7300, firstName: "An", lastName: "Nguyễn Văn" };
    const out = await channel.send(secretary, "/baocao");
    said.push(...out);
    expect(out.length).toBeGreaterThanOrEqual(2);
    expect(out.join("\n")).toContain("Đợt cuối năm");
    // A member cannot read it.
    expect(await send(member, "/baocao")).toContain("bí thư");
  });

  it("never sends a message over 2,000 characters, nor any markup", () => {
    expect(said.length).toBeGreaterThan(30);
    for (const message of said) {
      expect(message.length).toBeLessThanOrEqual(2000);
      expect(message).not.toMatch(/<\/?(b|i|u|s|code|pre|a)\b|&(amp|lt|gt|quot);/);
    }
  });
});
