/**
 * End-to-end: two real bot processes (`node --import tsx src/main.ts`) in webhook mode on one
 * PostgreSQL database, as behind a load balancer. The test stands in for the reverse proxy:
 * it posts each update over HTTP straight to the instances' ports, with the secret token.
 * - Both start at once on an empty database: the migrations are applied once between them.
 * - The same update posted to both at the same time is handled once (one reply, one cell).
 * - A command one instance handles whose message goes through the outbox is sent once, by the
 *   elected sender, whichever instance got the command.
 * - 1,000 outbox rows with both processes running: each sent once, all by the one elected
 *   sender, and never more than 30 in any second (Telegram's limit for a token).
 * - kill -9 of the sending process: the other takes over and sends what is queued next.
 */
import { freePort } from "../support/ports.js";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBot, startEmulator, type BotProcess, type Emulator } from "./harness/index.js";
import { deadlineInDays } from "./support.js";
import { createPostgresDatabase, onPostgres, type PostgresDatabase } from "../support/postgres.js";

const SECRET = "e2e-webhook-secret-0123456789abcdef";
const GROUP = { id: -1001444000111, title: "Chi bộ Hai Máy" };
const SECRETARY = { id: 7301, is_bot: false, first_name: "Phan Văn Hải" };

interface Instance {
  name: string;
  bot: BotProcess;
  port: number;
}

let nextUpdateId = 880_000;
let nextMessageId = 1;

/** A group message update as Telegram would post it (commands carry their bot_command entity). */
function groupMessage(text: string) {
  const command = /^\/\w+/.exec(text);
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      text,
      from: SECRETARY,
      chat: { id: GROUP.id, type: "supergroup", title: GROUP.title },
      ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
    },
  };
}

const post = (instance: Instance, update: unknown) =>
  fetch(`http://127.0.0.1:${instance.port}/telegram`, {
    method: "POST",
    body: JSON.stringify(update),
    headers: { "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
  });

/** Largest number of calls in any window of `ms` (a sliding window over the call times). */
function peak(times: number[], ms: number): number {
  const sorted = [...times].sort((x, y) => x - y);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

onPostgres("two bot processes on one PostgreSQL (webhook mode)", () => {
  let emulator: Emulator;
  let database: PostgresDatabase;
  let sql: pg.Client;
  let instances: Instance[] = [];
  const groupTexts = () => emulator.messages(GROUP.id).map((m) => m.plainText ?? m.text ?? "");

  beforeAll(async () => {
    emulator = await startEmulator({ token: "123456789:AAE2E-two-instances-not-real-00000" });
    database = await createPostgresDatabase({ empty: true });
    const start = async (name: string): Promise<Instance> => {
      const port = await freePort();
      const bot = await startBot({
        readyPattern: /webhook registered, listening/,
        timeoutMs: 60_000,
        env: {
          BOT_TOKEN: emulator.token,
          TELEGRAM_API_ROOT: emulator.apiRoot,
          DATABASE_URL: database.url,
          LOG_LEVEL: "info",
          WEBHOOK_URL: "https://bot.example.org/telegram",
          WEBHOOK_SECRET: SECRET,
          PORT: String(port),
        },
      });
      return { name, bot, port };
    };
    // Both at once, on an empty database: the migration runner's advisory lock orders them.
    instances = await Promise.all([start("a"), start("b")]);
    emulator.addDiagnostics(() => instances.map((i) => `--- bot ${i.name} ---\n${i.bot.output().slice(-3000)}`).join("\n"));
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    emulator.setAdmin(GROUP.id, SECRETARY.id);
  }, 120_000);
  afterAll(async () => {
    await sql?.end();
    for (const instance of instances) if (instance.bot.isRunning()) await instance.bot.stop();
    await emulator?.stop();
    await database?.drop();
  });

  const count = async (query: string): Promise<number> => Number((await sql.query<{ n: string }>(query)).rows[0]!.n);
  const leader = () => instances.find((i) => /"sender":true/.test(i.bot.output()));

  it("start together on an empty database; each migration is applied once; exactly one is the sender", async () => {
    const applied = await sql.query<{ name: string; n: string }>(`SELECT "name", count(*) AS n FROM "_tusoi_migrations" GROUP BY "name"`);
    expect(applied.rows.length).toBeGreaterThan(0);
    expect(applied.rows.every((r) => r.n === "1")).toBe(true);
    const senders = instances.filter((i) => /"sender":true/.test(i.bot.output()));
    const standbys = instances.filter((i) => /"sender":false/.test(i.bot.output()));
    expect([senders.length, standbys.length]).toEqual([1, 1]);
  });

  it("the same update posted to both instances at the same moment is handled once", async () => {
    const update = groupMessage(`/chibo ${GROUP.title}`);
    const responses = await Promise.all(instances.map((i) => post(i, update)));
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    await emulator.waitForMessage(GROUP.id, (m) => /Đã thiết lập/.test(m.plainText ?? ""));
    // A later update through both proves both have finished with the first one.
    const probe = groupMessage("/thamgia");
    await Promise.all(instances.map((i) => post(i, probe)));
    await emulator.waitForMessage(GROUP.id, (m) => /bấm nút dưới đây/.test(m.plainText ?? ""));
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Two updates, two replies in all: had both instances handled /chibo, the second would have answered too.
    expect(groupTexts()).toHaveLength(2);
    expect(groupTexts().filter((t) => /Đã thiết lập/.test(t))).toHaveLength(1);
    expect(groupTexts().filter((t) => /bấm nút dưới đây/.test(t))).toHaveLength(1);
    expect(await count(`SELECT count(*) AS n FROM "Cell" WHERE "groupChannel" = 'telegram' AND "groupAddress" = '${GROUP.id}'`)).toBe(1);
    expect(
      await count(`SELECT count(*) AS n FROM "ProcessedUpdate" WHERE "channel" = 'telegram' AND "updateId" IN ('${update.update_id}', '${probe.update_id}')`),
    ).toBe(2);
  });

  it("a command handled by the instance that does not send still gets its outbox message out, once", async () => {
    const standby = instances.find((i) => i !== leader())!;
    const before = groupTexts().length;
    expect((await post(standby, groupMessage(`/dotmoi ${deadlineInDays(10)} Đợt hai máy`))).status).toBe(200);
    await emulator.waitForMessage(GROUP.id, (m) => /Hạn nộp:/.test(m.plainText ?? ""), { timeoutMs: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(
      groupTexts()
        .slice(before)
        .filter((t) => /Hạn nộp:/.test(t)),
    ).toHaveLength(1);
    expect(await count(`SELECT count(*) AS n FROM "Round" WHERE "title" = 'Đợt hai máy'`)).toBe(1);
  });

  it("1,000 outbox rows with both processes running: each sent once, by the elected sender, never over 30 in a second", async () => {
    const sending = leader()!;
    const CHATS = Array.from({ length: 1000 }, (_, i) => 960_000 + i);
    const values = CHATS.map(
      (chat, i) => `('bulk:${i}', 'FOLLOW_UP', 0, 'telegram', '${chat}', 'sendMessage', '{"text":"Tin số ${i}"}', 'PENDING', now(), now())`,
    );
    await sql.query(
      `INSERT INTO "Outbox" ("key", "kind", "cellId", "channel", "recipient", "method", "payload", "status", "notBefore", "createdAt") VALUES ${values.join(", ")}`,
    );
    // What an instance does after enqueueing: wake the sender, wherever it runs.
    await sql.query("NOTIFY tusoi_outbox");
    const bulk = () => emulator.calls("sendMessage").filter((c) => CHATS.includes(Number(c.params.chat_id)));
    await until(() => bulk().length >= 1000, 100_000, "1,000 messages sent");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const calls = bulk();
    expect(calls).toHaveLength(1000);
    expect(new Set(calls.map((c) => Number(c.params.chat_id))).size).toBe(1000);
    const times = calls.map((c) => c.time);
    const rate = (1000 * 1000) / (Math.max(...times) - Math.min(...times));
    console.log(`two processes, 1,000 rows: ${rate.toFixed(1)} msg/s overall, peak ${peak(times, 1000)} in one second`);
    expect(peak(times, 1000)).toBeLessThanOrEqual(30);
    expect(await count(`SELECT count(*) AS n FROM "Outbox" WHERE "key" LIKE 'bulk:%' AND "status" = 'SENT'`)).toBe(1000);
    const workers = (await sql.query<{ w: string }>(`SELECT DISTINCT "claimedBy" AS w FROM "Outbox" WHERE "key" LIKE 'bulk:%'`)).rows.map((r) => r.w);
    expect(workers).toHaveLength(1);
    expect(workers[0]).toMatch(new RegExp(`^sender-${sending.bot.pid}-`));
  }, 150_000);

  describe("kill -9 of the sending process", () => {
    it("the other instance becomes the sender and sends what is queued next, once", async () => {
      const killed = leader()!;
      const survivor = instances.find((i) => i !== killed)!;
      const killedAt = Date.now();
      await killed.bot.kill();
      const CHATS = Array.from({ length: 20 }, (_, i) => 970_000 + i);
      const values = CHATS.map(
        (chat, i) => `('after-kill:${i}', 'FOLLOW_UP', 0, 'telegram', '${chat}', 'sendMessage', '{"text":"Sau sự cố ${i}"}', 'PENDING', now(), now())`,
      );
      await sql.query(
        `INSERT INTO "Outbox" ("key", "kind", "cellId", "channel", "recipient", "method", "payload", "status", "notBefore", "createdAt") VALUES ${values.join(", ")}`,
      );
      await sql.query("NOTIFY tusoi_outbox");
      const after = () => emulator.calls("sendMessage").filter((c) => CHATS.includes(Number(c.params.chat_id)));
      await until(() => after().length >= 20, 30_000, "the survivor to send the 20 rows");
      console.log(`sender failover after kill -9 of a real bot process: first message ${Math.min(...after().map((c) => c.time)) - killedAt} ms after the kill`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(after()).toHaveLength(20);
      const workers = (await sql.query<{ w: string }>(`SELECT DISTINCT "claimedBy" AS w FROM "Outbox" WHERE "key" LIKE 'after-kill:%'`)).rows.map((r) => r.w);
      expect(workers).toEqual([expect.stringMatching(new RegExp(`^sender-${survivor.bot.pid}-`))]);
      // And the survivor still serves updates.
      const before = groupTexts().length;
      expect((await post(survivor, groupMessage("/thamgia"))).status).toBe(200);
      await emulator.waitForMessages(GROUP.id, (ms) => ms.length > before);
    }, 60_000);
  });
});
