/**
 * Several bot instances on one PostgreSQL database. Each "instance" here is the app as
 * main.ts composes it, on its own pool of connections (to the database, exactly what a second
 * process is), with its own bot and sender:
 * - the same update delivered to both is handled once (de-duplication in the database);
 * - two senders over 1,000 outbox rows send each row exactly once (exclusive claims);
 * - one sender is elected, and when its process is killed with SIGKILL another takes over,
 *   and sends at once (in each member's order) the rows the killed one had claimed.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { NewOutboxMessage } from "../../src/app/ports.js";
import { openStores, type OpenStores } from "../../src/infra/db/index.js";
import { SenderElection } from "../../src/infra/outbox/election.js";
import { Pacer } from "../../src/infra/outbox/pacer.js";
import { OutboxSender } from "../../src/infra/outbox/sender.js";
import { telegramSender } from "../../src/bot/outbound.js";
import { appDeps, testClock } from "../support/app.js";
import { stubbedBot, type Person } from "../support/bot.js";
import { createPostgresDatabase, onPostgres, type PostgresDatabase } from "../support/postgres.js";

const here = path.dirname(fileURLToPath(import.meta.url));

onPostgres("several instances on one PostgreSQL", () => {
  let database: PostgresDatabase;
  let a: OpenStores;
  let b: OpenStores;
  beforeAll(async () => {
    database = await createPostgresDatabase();
    [a, b] = await Promise.all([openStores(database.url), openStores(database.url)]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  it("the same update delivered to both instances at once is handled once", async () => {
    const clock = testClock();
    const [botA, botB] = await Promise.all([stubbedBot(appDeps(a, clock)), stubbedBot(appDeps(b, clock))]);
    const member: Person = { id: 8101, first_name: "Lan", last_name: "Phạm Thị" };
    for (let i = 0; i < 20; i++) {
      const update = botA.updateOf(member, "/start");
      await Promise.all([botA.deliver(update), botB.deliver(update)]);
    }
    // 20 updates, each answered by exactly one of the two instances.
    expect(botA.chat(member.id).length + botB.chat(member.id).length).toBe(20);
    expect(botA.chat(member.id).length).toBeGreaterThan(0);
    expect(await b.stores.users.findUser(8101n)).toMatchObject({ firstName: "Lan" });
  });

  it("every connection of an instance runs without JIT compilation (it cost the province roll-up 0.8 s)", async () => {
    // Five at once: the pool opens several connections; each must have had its SET.
    const rows = await Promise.all(
      Array.from(
        { length: 5 },
        () =>
          a.db.$queryRaw<{ jit: string; pid: number }[]>`SELECT current_setting('jit') AS "jit", pg_backend_pid() AS "pid", pg_sleep(0.05)::text AS "slept"`,
      ),
    );
    const settings = rows.map(([row]) => row!);
    expect(new Set(settings.map((r) => r.pid)).size).toBeGreaterThan(1);
    expect(settings.map((r) => r.jit)).toEqual(["off", "off", "off", "off", "off"]);
  });

  it("two senders over 1,000 outbox rows send each one exactly once", async () => {
    const now = new Date();
    const { cell } = await a.stores.cells.createCell({
      name: "Chi bộ Gửi",
      group: { channel: "telegram", address: "-8200" },
      groupTitle: "Nhóm",
      joinCode: "send-code",
      timezone: "Asia/Ho_Chi_Minh",
      secretary: { userId: 8201n, firstName: "Sơn", username: null, fullName: "Đỗ Văn Sơn" },
    });
    const rows: NewOutboxMessage[] = Array.from({ length: 1000 }, (_, i) => ({
      key: `fanout:${i}`,
      kind: "FOLLOW_UP",
      cellId: cell.id,
      memberId: null,
      roundId: null,
      to: { destination: { channel: "telegram", address: String(900_000 + i) } },
      message: { text: `tin ${i}` },
      notBefore: now,
      expiresAt: null,
    }));
    expect(await a.stores.outbox.enqueue(rows, now)).toBe(1000);
    // The same enqueue from the other instance (a second scheduler tick) inserts nothing.
    expect(await b.stores.outbox.enqueue(rows.slice(0, 100), now)).toBe(0);
    const sent: string[] = [];
    const sender = (stores: OpenStores, name: string) =>
      new OutboxSender(
        stores.stores.outbox,
        [
          telegramSender({
            call: async (_method, params) => {
              sent.push(String(params.text));
              await new Promise((resolve) => setTimeout(resolve, 1));
              return { kind: "sent", messageId: sent.length };
            },
            botUsername: "tusoi_test_bot",
            pacer: new Pacer({ perSecond: 1e6, privateChatIntervalMs: 0, groupChatIntervalMs: 0 }),
          }),
        ],
        undefined,
        { worker: name, batchSize: 50, waitForRetriesMs: 0 },
      );
    const [one, two] = [sender(a, "instance-a"), sender(b, "instance-b")];
    await Promise.all([one.drain(), two.drain()]);
    expect(sent.length).toBe(1000);
    expect(new Set(sent).size).toBe(1000);
    expect(one.stats.sent).toBeGreaterThan(0);
    expect(two.stats.sent).toBeGreaterThan(0);
    expect(one.stats.sent + two.stats.sent).toBe(1000);
    expect(await a.db.outbox.count({ where: { key: { startsWith: "fanout:" }, status: "SENT" } })).toBe(1000);
  });

  it("one instance is elected sender; when it is killed with SIGKILL another takes over within seconds", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(here, "../support/election-child.ts"), database.url], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("the child never led")), 20_000);
        child.stdout.on("data", (chunk: Buffer) => {
          if (chunk.toString().includes("leading")) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      let wakes = 0;
      const standby = new SenderElection(database.url, { retryMs: 200, onWake: () => wakes++ });
      await standby.start();
      try {
        await new Promise((resolve) => setTimeout(resolve, 600));
        expect(standby.leading).toBe(false);
        const killedAt = Date.now();
        child.kill("SIGKILL");
        while (!standby.leading && Date.now() - killedAt < 10_000) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(standby.leading).toBe(true);
        expect(wakes).toBeGreaterThan(0);
        console.log(`sender failover after kill -9: ${Date.now() - killedAt} ms`);
      } finally {
        await standby.stop();
      }
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("the newly elected sender sends the killed sender's claimed rows at once, in each member's order, not after their lease", async () => {
    const now = new Date();
    const { cell } = await a.stores.cells.createCell({
      name: "Chi bộ Thay Phiên",
      group: { channel: "telegram", address: "-8300" },
      groupTitle: "Nhóm",
      joinCode: "takeover-code",
      timezone: "Asia/Ho_Chi_Minh",
      secretary: { userId: 8301n, firstName: "Tâm", username: null, fullName: "Lê Văn Tâm" },
    });
    const row = (key: string, chat: bigint): NewOutboxMessage => ({
      key,
      kind: "REPORT_BACK",
      cellId: cell.id,
      memberId: null,
      roundId: null,
      to: { destination: { channel: "telegram", address: String(chat) } },
      message: { text: key },
      notBefore: now,
      expiresAt: null,
    });
    await a.stores.outbox.enqueue(
      [row("takeover:a1", 830_001n), row("takeover:b1", 830_002n), row("takeover:a2", 830_001n), row("takeover:b2", 830_002n)],
      now,
    );
    // The sender about to be killed had claimed each member's first message (lease: 2 minutes).
    expect((await a.stores.outbox.claim("sender-killed", now, new Date(now.getTime() + 120_000), 10, "telegram")).map((m) => m.key)).toEqual([
      "takeover:a1",
      "takeover:b1",
    ]);
    const child = spawn(process.execPath, ["--import", "tsx", path.join(here, "../support/election-child.ts"), database.url], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("the child never led")), 20_000);
        child.stdout.on("data", (chunk: Buffer) => {
          if (chunk.toString().includes("leading")) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      const sent: string[] = [];
      const sender = new OutboxSender(
        b.stores.outbox,
        [
          telegramSender({
            call: async (_method, params) => {
              sent.push(String(params.text));
              return { kind: "sent", messageId: sent.length };
            },
            botUsername: "tusoi_test_bot",
            pacer: new Pacer({ perSecond: 1e6, privateChatIntervalMs: 0, groupChatIntervalMs: 0 }),
          }),
        ],
        undefined,
        { worker: "sender-elected", waitForRetriesMs: 0 },
      );
      const standby = new SenderElection(database.url, { retryMs: 200, onElected: () => sender.takeOver(), onWake: () => void sender.drain() });
      await standby.start();
      try {
        child.kill("SIGKILL");
        const killedAt = Date.now();
        // Far less than the 2-minute lease: without the take-over nothing would be sent here.
        while (sent.length < 4 && Date.now() - killedAt < 20_000) await new Promise((resolve) => setTimeout(resolve, 50));
        await sender.drain();
        expect(sent.filter((k) => k.startsWith("takeover:a"))).toEqual(["takeover:a1", "takeover:a2"]);
        expect(sent.filter((k) => k.startsWith("takeover:b"))).toEqual(["takeover:b1", "takeover:b2"]);
        expect(await a.db.outbox.count({ where: { key: { startsWith: "takeover:" }, status: "SENT", claimedBy: "sender-elected" } })).toBe(4);
      } finally {
        await standby.stop();
      }
    } finally {
      child.kill("SIGKILL");
    }
  }, 60_000);
});
