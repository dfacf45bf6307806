/**
 * The printable guides (issue 19): /huongdan in private sends a secretary or deputy the
 * secretary's one-page guide, a committee officer the office's, as DOCX drawn from
 * docs/huong-dan-*.md; members, and /huongdan in a group, get the text help only.
 */
import { readFile } from "node:fs/promises";
import JSZip from "jszip";
import type { InputFile } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDeps, testClock } from "../support/app.js";
import { stubbedBot, type Group, type Person, type StubbedBot } from "../support/bot.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";

const cellGroup: Group = { id: -1911, title: "Chi bộ Hướng dẫn in" };
const committeeGroup: Group = { id: -1912, title: "Đảng ủy xã In" };
const secretary: Person = { id: 1911, first_name: "An", last_name: "Nguyễn Văn" };
const deputy: Person = { id: 1912, first_name: "Bình", last_name: "Trần" };
const member: Person = { id: 1913, first_name: "Cường", last_name: "Lê" };
const officer: Person = { id: 1914, first_name: "Phương", last_name: "Đỗ Thị" };

let database: TestDatabase;
let tg: StubbedBot;

const documentsTo = (p: Person) => tg.calls.filter((c) => c.method === "sendDocument" && Number(c.payload.chat_id) === p.id);

async function docxOf(call: { payload: Record<string, unknown> }): Promise<{ name: string; text: string; xml: string }> {
  const file = call.payload.document as InputFile;
  const zip = await JSZip.loadAsync((await file.toRaw()) as Uint8Array);
  const xml = await zip.file("word/document.xml")!.async("string");
  return { name: String(file.filename), xml, text: [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("") };
}

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database, testClock()));
  tg.makeAdmin(cellGroup, secretary);
  tg.makeAdmin(committeeGroup, officer);
  await tg.send(secretary, "/chibo Chi bộ Hướng dẫn in", cellGroup);
  const code = (await database.store.findCellByGroup({ channel: "telegram", address: String(cellGroup.id) }))!.joinCode;
  for (const p of [secretary, deputy, member]) {
    await tg.send(p, `/start j_${code}`);
    await tg.press(p, tg.last(p.id), "Đúng");
  }
  await tg.send(secretary, "/vaitro", cellGroup);
  await tg.press(secretary, tg.last(cellGroup.id), /Bình Trần/);
  await tg.press(secretary, tg.last(cellGroup.id), /Phó bí thư/);
  await tg.send(officer, "/dangbo Đảng ủy xã In", committeeGroup);
});
afterAll(() => database.close());

describe("/huongdan's printable guide", () => {
  it("goes to the secretary and the deputy in private: the secretary's page, from docs/huong-dan-bi-thu.md", async () => {
    for (const p of [secretary, deputy]) {
      await tg.send(p, "/huongdan");
      const docs = documentsTo(p);
      expect(docs).toHaveLength(1);
      expect(docs[0]!.payload.caption).toBe("📄 Hướng dẫn cho bí thư chi bộ: một trang A4 để in.");
      const { name, text, xml } = await docxOf(docs[0]!);
      expect(name).toBe("huong-dan-bi-thu.docx");
      expect(text).toContain("HƯỚNG DẪN DÙNG BOT «TỰ SOI, TỰ SỬA» — DÀNH CHO BÍ THƯ CHI BỘ");
      expect(text).toContain("/dotmoi 15/12/2026 Tự soi cuối năm");
      expect(text).toContain("Gửi báo cáo cho đảng viên");
      // A4 portrait.
      expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    }
  });

  it("goes to a committee officer: the office's page", async () => {
    await tg.send(officer, "/huongdan");
    const docs = documentsTo(officer);
    expect(docs).toHaveLength(1);
    const { name, text } = await docxOf(docs[0]!);
    expect(name).toBe("huong-dan-van-phong.docx");
    expect(text).toContain("DÀNH CHO VĂN PHÒNG CẤP ỦY");
    expect(text).toContain("/captren &lt;mã&gt;");
  });

  it("does not go to a member, nor into a group", async () => {
    await tg.send(member, "/huongdan");
    expect(documentsTo(member)).toHaveLength(0);
    expect(tg.last(member.id).text).toContain("/tusoi");
    const before = tg.calls.filter((c) => c.method === "sendDocument").length;
    await tg.send(secretary, "/huongdan", cellGroup);
    expect(tg.calls.filter((c) => c.method === "sendDocument").length).toBe(before);
  });

  it("stays short enough for one printed page (what the DOCX was checked to fit)", async () => {
    for (const file of ["docs/huong-dan-bi-thu.md", "docs/huong-dan-van-phong.md"]) {
      const words = (await readFile(file, "utf8")).split(/\s+/).filter(Boolean).length;
      expect(words, file).toBeLessThanOrEqual(520);
    }
  });
});
