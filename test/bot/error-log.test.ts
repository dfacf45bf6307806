/**
 * A Bot API call that fails inside a handler, through createBot and the production logger:
 * the operator's "update failed" line names the method and Telegram's answer and holds none
 * of what the member typed, nor their chat id.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { appDeps, testClock } from "../support/app.js";
import { stubbedBot, type Group, type Person, type StubbedBot } from "../support/bot.js";
import { createLogger } from "../../src/infra/logger.js";

const TOKEN = "4242:TEST-token-not-real-aaaaaaaaaaaa";
const group: Group = { id: -1002417, title: "Chi bộ Văn phòng" };
const secretary: Person = { id: 730012345, first_name: "Hoa", last_name: "Phạm Thị" };
const MEASURE = "Sửa thói quen nể nang, né tránh khi góp ý đồng chí trong chi bộ";

let database: TestDatabase;
let tg: StubbedBot;
const raw: string[] = [];
const lines = () => raw.map((line) => JSON.parse(line) as Record<string, unknown>);

beforeAll(async () => {
  database = await freshDatabase();
  // Debug level: no line at any level may hold the member's words.
  const logger = createLogger("debug", [TOKEN], { write: (line: string) => void raw.push(line) });
  tg = await stubbedBot(appDeps(database, testClock()), { logger });
  tg.makeAdmin(group, secretary);
  await tg.send(secretary, "/chibo Chi bộ Văn phòng", group);
  await tg.send(secretary, `/start j_${(await database.store.findCellByGroup({ channel: "telegram", address: String(group.id) }))!.joinCode}`);
  await tg.press(secretary, tg.last(secretary.id), "Đúng");
  await tg.send(secretary, "/dotmoi 15/12/2026", group);
});
afterAll(() => database.close());

it("logs a failed edit of the confirmation screen without the typed measure or the chat id", async () => {
  await tg.send(secretary, "/tusoi");
  for (let i = 1; i <= 27; i++) await tg.press(secretary, tg.last(secretary.id), i === 3 ? "Có, cần khắc phục" : "Không có");
  await tg.press(secretary, tg.last(secretary.id), /Tiếp tục/);
  await tg.send(secretary, MEASURE);
  expect(tg.last(secretary.id).text).toContain("Thời hạn khắc phục");

  // Picking the date edits the message into the confirmation screen, which lists the measure.
  tg.failing.set("editMessageText", { error_code: 400, description: "Bad Request: message is too long" });
  let caught: unknown;
  try {
    await tg.press(secretary, tg.last(secretary.id), /^Cuối năm/);
  } catch (error) {
    caught = error;
    // What the runner does with a failed update.
    await tg.bot.errorHandler(error as never);
  }
  tg.failing.delete("editMessageText");
  expect(caught).toBeDefined();
  const edit = tg.calls.filter((c) => c.method === "editMessageText").at(-1)!;
  expect(String(edit.payload.text)).toContain(MEASURE);

  // The member is told something went wrong.
  expect(tg.callbackAnswers().at(-1)).toContain("đã có lỗi khi xử lý yêu cầu");
  const failed = lines().filter((l) => l.msg === "update failed");
  expect(failed).toHaveLength(1);
  expect(failed[0]).toMatchObject({
    level: 50,
    err: { type: "GrammyError", method: "editMessageText", error_code: 400, description: "Bad Request: message is too long" },
  });
  expect((failed[0]!.err as { stack: string }).stack).toMatch(/^GrammyError: Call to 'editMessageText' failed!.*\n\s+at /);
  const everything = raw.join("");
  expect(everything).not.toContain(MEASURE.slice(0, 25));
  expect(everything).not.toContain(String(secretary.id));
  expect(everything).not.toContain(secretary.last_name!);
  expect(everything).not.toContain(TOKEN);
});
