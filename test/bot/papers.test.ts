/**
 * Each level's paper through createBot (issue 19): a chi bộ linked under a đảng ủy xã with
 * /captren gets "ĐẢNG BỘ XÃ …" above its name in the report, with no /caidat captren and no hint
 * to set it; /caidat in its group says where that line and the level's marks come from.
 */
import JSZip from "jszip";
import type { InputFile } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appDeps, testClock } from "../support/app.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { stubbedBot, type Group, type Person, type StubbedBot } from "../support/bot.js";

const committeeGroup: Group = { id: -3301, title: "Đảng ủy xã Vĩnh Thạnh Trung" };
const group: Group = { id: -3302, title: "Chi bộ ấp Vĩnh Thạnh" };
const officer: Person = { id: 331, first_name: "Bí thư Xã" };
const secretary: Person = { id: 332, first_name: "Bí thư Ấp" };

let database: TestDatabase;
let tg: StubbedBot;

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database, testClock("2026-11-22T03:00:00Z")));
  tg.makeAdmin(committeeGroup, officer);
  tg.makeAdmin(group, secretary);
  await tg.send(officer, "/dangbo Đảng ủy xã Vĩnh Thạnh Trung", committeeGroup);
  await tg.send(secretary, "/chibo Chi bộ ấp Vĩnh Thạnh", group);
  const code = (await database.store.findCellByGroup({ channel: "telegram", address: String(group.id) }))!.joinCode;
  await tg.send(secretary, `/start j_${code}`);
  await tg.press(secretary, tg.last(secretary.id), "Đúng");
  await tg.send(officer, "/lienket", committeeGroup);
  const link = /\/captren ([A-Za-z0-9_-]{6,})/.exec(tg.last(committeeGroup.id).text.replace(/<[^>]+>/g, ""))?.[1];
  if (!link) throw new Error(`no link code in: ${tg.last(committeeGroup.id).text}`);
  await tg.send(secretary, `/captren ${link}`, group);
  expect(tg.last(group.id).text).toContain("đã trực thuộc <b>Đảng ủy xã Vĩnh Thạnh Trung</b>");
  await tg.send(secretary, "/dotmoi 15/12/2026 Đợt cuối năm", group);
});
afterAll(() => database.close());

describe("a chi bộ linked under a đảng ủy xã", () => {
  it("gets ĐẢNG BỘ XÃ VĨNH THẠNH TRUNG above its name in the report without /caidat captren, and no hint to set it", async () => {
    await tg.send(secretary, "/baocao", group);
    await tg.press(secretary, tg.last(group.id), "Báo cáo (.docx)");
    const call = tg.calls.filter((c) => c.method === "sendDocument").at(-1)!;
    const raw = (await (call.payload.document as InputFile).toRaw()) as Uint8Array;
    const xml = await (await JSZip.loadAsync(raw)).file("word/document.xml")!.async("string");
    const words = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    expect(words.slice(0, 3)).toEqual(["ĐẢNG BỘ XÃ VĨNH THẠNH TRUNG", "CHI BỘ ẤP VĨNH THẠNH", "*"]);
    expect(words).toContain("- Đảng ủy xã Vĩnh Thạnh Trung (để báo cáo),");
    expect(
      tg
        .chat(secretary.id)
        .map((m) => m.text)
        .join("\n"),
    ).not.toContain("Báo cáo chưa ghi cấp ủy cấp trên");
  });

  it("/caidat says the line comes from the link and the suffix and sign-off from the cell's name", async () => {
    await tg.send(secretary, "/caidat", group);
    const text = tg.last(group.id).text;
    expect(text).toContain("Cấp ủy cấp trên: Đảng bộ xã Vĩnh Thạnh Trung (theo Đảng ủy xã Vĩnh Thạnh Trung đã liên kết)");
    expect(text).toContain("Ký hiệu: BC/CB (theo tên đơn vị)");
    expect(text).toContain("Thay mặt ký: T/M CHI BỘ (theo tên đơn vị)");
    await tg.send(secretary, "/caidat sohieu đu", group);
    expect(tg.last(group.id).text).toContain("Ký hiệu: BC/ĐU ·");
    await tg.send(secretary, "/caidat kyten 12345678901234567890123456789012345678901234567890123456789012345", group);
    expect(tg.last(group.id).text).toContain("Gõ tập thể ký thay mặt");
  });

  it("/caidat in the đảng ủy's group shows a đảng ủy's marks", async () => {
    await tg.send(officer, "/caidat", committeeGroup);
    const text = tg.last(committeeGroup.id).text;
    expect(text).toContain("Ký hiệu: BC/ĐU (theo tên đơn vị)");
    expect(text).toContain("Thay mặt ký: T/M ĐẢNG ỦY (theo tên đơn vị)");
    expect(text).toContain("Gắn với Kết luận số 21-KL/TW: có");
  });
});
