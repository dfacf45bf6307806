/**
 * Issue 18 (outbox messages become channel-neutral): a message to a chat goes out byte for byte
 * as before. The Bot API calls of a whole round (the announcement, scheduled reminders, a
 * /nhacnho nudge, the round summary, a follow-up and a button pressed on it, the report back in
 * text and DOCX, and the replies around them) are recorded and compared with the calls the code
 * on main made, captured before the outbox changed (outbound-fixtures/main-calls.json, written
 * with UPDATE_OUTBOUND_CALLS=1 on main's code). Every send and edit is compared as the JSON the
 * Bot API receives (key order included); an uploaded DOCX as its name and
 * the SHA-256 of each entry of its zip (the zip and docProps/core.xml carry the time it was
 * drawn).
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { InputFile } from "grammy";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDueWork } from "../../src/app/scheduler.js";
import { createRenderer } from "../../src/bot/presenters/notifications.js";
import { appDeps, testClock } from "../support/app.js";
import { stubbedBot, type Group, type Person, type StubbedBot } from "../support/bot.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";

const FIXTURE = new URL("./outbound-fixtures/main-calls.json", import.meta.url);
const group: Group = { id: -1818, title: "Chi bộ Kênh" };
const secretary: Person = { id: 1801, first_name: "An", last_name: "Nguyễn Văn" };
const memberB: Person = { id: 1802, first_name: "Bình", last_name: "Trần <b>&" };
const memberC: Person = { id: 1803, first_name: "Cường", last_name: "Lê" };
const everyone = [secretary, memberB, memberC];
const clock = testClock("2026-11-22T03:00:00Z");

let database: TestDatabase;
let tg: StubbedBot;
let joinCode = "";

async function join(p: Person) {
  await tg.send(p, `/start j_${joinCode}`);
  await tg.press(p, tg.last(p.id), "Đúng");
}

/** Marks item 1.1 (the secretary also 1.2), types a measure, picks "Cuối năm", submits. */
async function submit(p: Person) {
  await tg.send(p, "/tusoi");
  for (let i = 1; i <= 27; i++) await tg.press(p, tg.last(p.id), i === 1 || (i === 2 && p === secretary) ? "Có, mức độ nhẹ" : "Không có");
  await tg.press(p, tg.last(p.id), /Tiếp tục/);
  for (let i = 0; i < (p === secretary ? 2 : 1); i++) {
    await tg.send(p, `Biện pháp của ${p.first_name} số ${i + 1} <i>&</i>`);
    await tg.press(p, tg.last(p.id), /^Cuối năm/);
  }
  await tg.press(p, tg.last(p.id), "✅ Nộp bản tự soi");
}

/** A value as the Bot API receives it: files as name and digest, the random join code replaced. */
async function normal(value: unknown): Promise<unknown> {
  if (value instanceof InputFile) {
    const raw = (await value.toRaw()) as Uint8Array;
    // A DOCX is a zip whose entries carry the time it was drawn: its entries' bytes are compared.
    const zip = await JSZip.loadAsync(raw);
    const entries: Record<string, string> = {};
    for (const name of Object.keys(zip.files).sort()) {
      // docProps/core.xml says when the file was drawn (the real time, not the test clock).
      const text = (await zip.file(name)!.async("string")).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, "$1…");
      entries[name] = createHash("sha256").update(text).digest("hex");
    }
    return { $upload: value.filename, entries };
  }
  if (typeof value === "string") return joinCode ? value.replaceAll(joinCode, "<JOIN>") : value;
  if (Array.isArray(value)) return Promise.all(value.map(normal));
  if (typeof value === "object" && value !== null) {
    // Through JSON first (an InlineKeyboard object becomes what grammY serialises), except files.
    const entries = Object.entries(value instanceof InputFile ? {} : value);
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) out[k] = v instanceof InputFile ? await normal(v) : await normal(JSON.parse(JSON.stringify(v) ?? "null"));
    return out;
  }
  return value;
}

const SENDS = new Set(["sendMessage", "sendDocument", "sendPhoto", "editMessageText", "editMessageReplyMarkup"]);

async function recorded(): Promise<string[]> {
  const out: string[] = [];
  for (const call of tg.calls) if (SENDS.has(call.method)) out.push(JSON.stringify({ method: call.method, payload: await normal(call.payload) }));
  return out;
}

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database, clock));
});
afterAll(() => database.close());

describe("the Bot API calls of a round, as main made them", () => {
  it("are the same, call for call and byte for byte", async () => {
    const renderer = createRenderer(tg.deps.i18n, "vi", "tusoi_test_bot", clock);
    const tick = async (iso: string) => {
      clock.set(iso);
      await runDueWork(tg.deps.app, renderer, clock.now);
      await tg.sender.drain();
    };
    tg.makeAdmin(group, secretary);
    await tg.send(secretary, "/chibo Chi bộ Kênh", group);
    joinCode = (await database.store.findCellByGroup({ channel: "telegram", address: String(group.id) }))!.joinCode;
    for (const p of everyone) await join(p);
    // The announcement (ROUND_OPENED, a deep-link button).
    await tg.send(secretary, "/dotmoi 15/12/2026 Đợt <b>cuối</b> năm", group);
    // Scheduled reminders (a deep-link button), then the secretary's nudge.
    for (const day of ["2026-12-08", "2026-12-12", "2026-12-14", "2026-12-15"]) await tick(`${day}T02:00:00Z`);
    await tg.send(secretary, "/nhacnho", group);
    for (const p of everyone) await submit(p);
    // The deadline passes: the round closes, the summary goes to the group.
    await tick("2026-12-16T01:00:00Z");
    // January's follow-up (callback buttons), one pressed (the message edited from the app's message).
    await tick("2027-01-05T02:00:00Z");
    const followUp = tg
      .chat(secretary.id)
      .filter((m) => m.text.includes("Theo dõi khắc phục tháng"))
      .at(-1)!;
    await tg.press(secretary, followUp, /Đã khắc phục/);
    // The report back: text and DOCX to every member.
    await tg.send(secretary, "/baocao", group);
    await tg.press(secretary, tg.last(group.id), "📨 Gửi báo cáo cho đảng viên");
    await tg.press(secretary, tg.last(secretary.id), /^📨 Gửi cho/);

    const calls = await recorded();
    const methods = calls.map((c) => (JSON.parse(c) as { method: string }).method);
    // The flow did reach every kind of message it is meant to cover.
    expect(methods.filter((m) => m === "sendDocument").length).toBe(3);
    expect(calls.some((c) => c.includes("?start=tusoi"))).toBe(true);
    expect(calls.some((c) => c.includes("?start=j_<JOIN>"))).toBe(true);
    if (process.env.UPDATE_OUTBOUND_CALLS === "1") writeFileSync(FIXTURE, `${JSON.stringify(calls, null, 1)}\n`);
    const expected = JSON.parse(readFileSync(FIXTURE, "utf8")) as string[];
    expect(calls.length).toBe(expected.length);
    for (const [i, call] of calls.entries()) expect(call, `call ${i}`).toBe(expected[i]);
  });
});
