/**
 * The outbox against a real SQLite file: idempotent enqueue, leased claims shared by two
 * senders, and what each Telegram answer does to a row. Transports are fakes; time is an
 * injected clock, so nothing here waits for a real backoff or retry_after.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { GrammyError, HttpError, InputFile } from "grammy";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { NewOutboxMessage } from "../../src/app/ports.js";
import { Pacer } from "../../src/infra/outbox/pacer.js";
import { backoffMs, OutboxSender, type SenderOptions, type SendOutcome } from "../../src/infra/outbox/sender.js";
import { telegramSender, type BotApiCall as Transport } from "../../src/bot/outbound.js";
import { classify } from "../../src/bot/transport.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { tgGroup } from "../support/app.js";

let database: TestDatabase;
const T0 = new Date("2026-12-12T01:00:00.000Z"); // 12/12/2026 08:00 in Hà Nội

beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  // One database for the file: every test starts from an empty outbox.
  await database.db.outbox.deleteMany();
  await database.db.channelIdentity.deleteMany();
  await database.db.user.deleteMany();
});

const fastPacer = () => new Pacer({ perSecond: 1000, privateChatIntervalMs: 0, groupChatIntervalMs: 0 });

/** A clock the test moves by hand. */
function manualClock(start: Date) {
  let now = start.getTime();
  return {
    clock: () => new Date(now),
    set: (at: Date) => {
      now = at.getTime();
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

function message(key: string, chatId: bigint, overrides: Partial<NewOutboxMessage> = {}): NewOutboxMessage {
  return {
    key,
    kind: "REMINDER",
    cellId: 1,
    memberId: null,
    roundId: null,
    to: { destination: tgGroup(chatId) },
    message: { text: key },
    notBefore: T0,
    expiresAt: null,
    ...overrides,
  };
}

/** A transport answering from a script per message text, recording every call. */
function scripted(answer: (key: string, call: number) => SendOutcome) {
  const calls: { key: string; chatId: unknown; method: string }[] = [];
  const transport: Transport = async (method, params) => {
    const key = String(params.text);
    const call = calls.filter((c) => c.key === key).length + 1;
    calls.push({ key, chatId: params.chat_id, method });
    return answer(key, call);
  };
  return { transport, calls, count: (key: string) => calls.filter((c) => c.key === key).length };
}

/** The Telegram channel's sender over a fake Bot API call (the messages are plain text: the call sees `text` and `chat_id`). */
const telegram = (call: Transport, pacer: Pacer = fastPacer()) => [telegramSender({ call, botUsername: "tusoi_test_bot", pacer })];

function sender(transport: Transport, clock: () => Date, options: SenderOptions = {}, pacer: Pacer = fastPacer()) {
  return new OutboxSender(database.store, telegram(transport, pacer), undefined, { worker: "w1", waitForRetriesMs: 0, clock, ...options });
}

const row = (key: string) => database.db.outbox.findUniqueOrThrow({ where: { key } });

describe("enqueue", () => {
  it("inserts a key once, however often it is enqueued", async () => {
    expect(await database.store.enqueue([message("r:1:3", 101n)], T0)).toBe(1);
    expect(await database.store.enqueue([message("r:1:3", 101n, { message: { text: "changed" } })], at(T0, 60_000))).toBe(0);
    const rows = await database.db.outbox.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      key: "r:1:3",
      status: "PENDING",
      attempts: 0,
      channel: "telegram",
      recipient: "101",
      payload: JSON.stringify({ text: "r:1:3" }),
    });
    expect(rows[0]!.createdAt.toISOString()).toBe(T0.toISOString());
  });

  it("counts only the new keys of a batch", async () => {
    await database.store.enqueue([message("a", 1n)], T0);
    expect(await database.store.enqueue([message("a", 1n), message("b", 2n), message("b", 2n), message("c", 3n)], T0)).toBe(2);
    expect((await database.db.outbox.findMany({ orderBy: { id: "asc" } })).map((r) => r.key)).toEqual(["a", "b", "c"]);
  });
});

describe("two senders on one database", () => {
  it("deliver every message exactly once between them, from two processes", async () => {
    const total = 200;
    const now = new Date();
    await database.store.enqueue(
      Array.from({ length: total }, (_, i) => message(`m${i}`, BigInt(10_000 + i), { notBefore: at(now, -1000) })),
      at(now, -1000),
    );
    // The second sender is a real second process on the same file, as a second bot would be.
    // (Two Prisma connections in one process would deadlock on the synchronous driver's busy
    // wait; a deployment has one per process.)
    const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "outbox-support/drain-process.ts"), database.url, "sender-b"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let childOut = "";
    let childErr = "";
    child.stdout.on("data", (d: Buffer) => (childOut += d.toString()));
    child.stderr.on("data", (d: Buffer) => (childErr += d.toString()));
    const childDone = new Promise<number | null>((resolve) => child.on("exit", resolve));
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.on("data", () => childOut.includes('"ready"') && resolve());
      child.on("exit", () => reject(new Error(`second process exited before it was ready: ${childErr}`)));
    });
    await ready;

    const receivedA: string[] = [];
    const a = new OutboxSender(
      database.store,
      telegram(async (_method, params) => {
        await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 6));
        receivedA.push(String(params.text));
        return { kind: "sent", messageId: 50_000 + Number(params.chat_id) };
      }),
      undefined,
      { batchSize: 10, concurrency: 4, waitForRetriesMs: 0, worker: "sender-a" },
    );
    await a.drain();
    expect(await childDone, childErr).toBe(0);
    // A drains again after B exits, so whatever B left is sent too.
    await a.drain();

    const receivedB = childOut
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { sent?: string })
      .flatMap((l) => (l.sent ? [l.sent] : []));
    const received = [...receivedA, ...receivedB];
    expect(received).toHaveLength(total);
    expect(new Set(received).size).toBe(total);
    const rows = await database.db.outbox.findMany();
    expect(rows.filter((r) => r.status !== "SENT")).toEqual([]);
    for (const r of rows) expect(r.messageId).toBe(50_000 + Number(r.recipient));
    // Both processes did part of the work.
    expect(receivedA.length).toBeGreaterThan(0);
    expect(receivedB.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.claimedBy))).toEqual(new Set(["sender-a", "sender-b"]));
  }, 30_000);
});

describe("a sender that died after claiming", () => {
  it("holds its messages until the lease expires, then another sender sends each once", async () => {
    await database.store.enqueue([message("d1", 201n), message("d2", 202n), message("d3", 203n)], T0);
    const leaseUntil = at(T0, 60_000);
    const claimed = await database.store.claim("dead-worker", T0, leaseUntil, 10, "telegram");
    expect(claimed.map((m) => m.key)).toEqual(["d1", "d2", "d3"]);
    expect(claimed[0]).toMatchObject({ channel: "telegram", recipient: "201", message: { text: "d1" }, attempts: 0, expiresAt: null });

    const { transport, calls } = scripted(() => ({ kind: "sent", messageId: 7 }));
    const time = manualClock(at(T0, 30_000));
    const survivor = sender(transport, time.clock, { worker: "survivor" });

    await survivor.drain();
    expect(calls).toEqual([]);
    time.set(leaseUntil);
    await survivor.drain();
    expect(calls).toEqual([]);
    expect((await row("d1")).status).toBe("SENDING");
    expect((await row("d1")).claimedBy).toBe("dead-worker");

    time.set(at(leaseUntil, 1));
    await survivor.drain();
    expect(calls.map((c) => c.key)).toEqual(["d1", "d2", "d3"]);
    expect(calls.map((c) => c.chatId)).toEqual([201, 202, 203]);

    time.advance(3_600_000);
    await survivor.drain();
    expect(calls).toHaveLength(3);
    for (const key of ["d1", "d2", "d3"]) expect(await row(key)).toMatchObject({ status: "SENT", messageId: 7, claimedBy: "survivor", claimedUntil: null });
  });
});

describe("a recipient's messages keep their order", () => {
  it("after a dead sender's claim: the member's later messages wait, and all go in order once the lease runs out", async () => {
    await database.store.enqueue([message("p1", 301n), message("p2", 301n), message("p3", 301n), message("other", 302n)], T0);
    const leaseUntil = at(T0, 60_000);
    // The dead sender had claimed only the member's first message.
    expect((await database.store.claim("dead-worker", T0, leaseUntil, 1, "telegram")).map((m) => m.key)).toEqual(["p1"]);
    const { transport, calls } = scripted(() => ({ kind: "sent", messageId: 7 }));
    const time = manualClock(at(T0, 30_000));
    const survivor = sender(transport, time.clock, { worker: "survivor" });

    await survivor.drain();
    expect(calls.map((c) => c.key)).toEqual(["other"]);
    expect((await row("p2")).status).toBe("PENDING");

    time.set(at(leaseUntil, 1));
    await survivor.drain();
    expect(calls.map((c) => c.key)).toEqual(["other", "p1", "p2", "p3"]);
  });

  it("a member's next message starts only after the previous one was answered", async () => {
    await database.store.enqueue([message("page1", 311n), message("page2", 311n), message("page3", 311n)], T0);
    const events: string[] = [];
    const transport: Transport = async (_method, params) => {
      events.push(`start ${String(params.text)}`);
      // The first page is slow to reach Telegram; without order, page 2 would overtake it.
      await new Promise((resolve) => setTimeout(resolve, params.text === "page1" ? 40 : 1));
      events.push(`end ${String(params.text)}`);
      return { kind: "sent", messageId: 1 };
    };
    await sender(transport, manualClock(T0).clock).drain();
    expect(events).toEqual(["start page1", "end page1", "start page2", "end page2", "start page3", "end page3"]);
  });

  it("a message waiting for a retry holds back the member's later ones", async () => {
    await database.store.enqueue([message("first", 321n), message("second", 321n), message("elsewhere", 322n)], T0);
    const { transport, calls } = scripted((key, call) =>
      key === "first" && call === 1 ? { kind: "transient", error: "502 Bad Gateway" } : { kind: "sent", messageId: 5 },
    );
    const time = manualClock(T0);
    const s = sender(transport, time.clock);
    await s.drain();
    expect(calls.map((c) => c.key)).toEqual(["first", "elsewhere"]);
    expect((await row("second")).status).toBe("PENDING");
    time.set(at(T0, 2000));
    await s.drain();
    expect(calls.map((c) => c.key)).toEqual(["first", "elsewhere", "first", "second"]);
  });

  it("calls start in the claim's order even when the database answers out of order", async () => {
    await database.store.enqueue([message("d1", 331n), message("d2", 332n), message("d3", 333n)], T0);
    const d2 = (await row("d2")).id;
    // The hold on d2's claim answers late (a loaded database), the others at once.
    const slow = {
      ...database.store,
      holdClaim: async (id: number, worker: string, now: Date, until: Date) => {
        if (id === d2) await new Promise((resolve) => setTimeout(resolve, 40));
        return database.store.holdClaim(id, worker, now, until);
      },
    };
    const { transport, calls } = scripted(() => ({ kind: "sent", messageId: 9 }));
    await new OutboxSender(slow, telegram(transport), undefined, { worker: "w1", waitForRetriesMs: 0, clock: manualClock(T0).clock }).drain();
    expect(calls.map((c) => c.key)).toEqual(["d1", "d2", "d3"]);
  });
});

describe("429 Too Many Requests", () => {
  it("puts the message back for retry_after without counting an attempt, pauses the pacer, and sends it afterwards", async () => {
    await database.store.enqueue([message("flood", 301n)], T0);
    const { transport, count } = scripted((_key, call) => (call === 1 ? { kind: "rateLimited", retryAfterSeconds: 2 } : { kind: "sent", messageId: 99 }));
    let pacerNow = 1_000_000;
    const sleeps: number[] = [];
    const pacer = new Pacer(
      { perSecond: 1000, privateChatIntervalMs: 0, groupChatIntervalMs: 0 },
      () => pacerNow,
      async (ms) => {
        sleeps.push(ms);
        pacerNow += ms;
      },
    );
    const time = manualClock(T0);
    const s = sender(transport, time.clock, {}, pacer);

    await s.drain();
    expect(count("flood")).toBe(1);
    expect(s.stats.rateLimited).toBe(1);
    const waiting = await row("flood");
    expect(waiting.status).toBe("PENDING");
    expect(waiting.notBefore.toISOString()).toBe(at(T0, 2000).toISOString());
    expect(waiting.attempts).toBe(0);
    expect(waiting.lastError).toContain("429");
    expect(await database.store.nextPendingAt("telegram")).toEqual(at(T0, 2000));

    // The pacer holds every send for the 2 s Telegram asked for.
    expect(sleeps).toEqual([]);
    await pacer.slot(302n);
    expect(sleeps).toEqual([2000]);

    time.set(at(T0, 1999));
    await s.drain();
    expect(count("flood")).toBe(1);

    time.set(at(T0, 2000));
    await s.drain();
    expect(count("flood")).toBe(2);
    expect(await row("flood")).toMatchObject({ status: "SENT", messageId: 99, attempts: 0 });
    expect((await row("flood")).sentAt?.toISOString()).toBe(at(T0, 2000).toISOString());
  });

  it("waits at least one second even when retry_after is 0", async () => {
    await database.store.enqueue([message("zero", 303n)], T0);
    const { transport } = scripted((_key, call) => (call === 1 ? { kind: "rateLimited", retryAfterSeconds: 0 } : { kind: "sent", messageId: 1 }));
    await sender(transport, manualClock(T0).clock).drain();
    expect((await row("zero")).notBefore.toISOString()).toBe(at(T0, 1000).toISOString());
  });
});

describe("channels", () => {
  it("the Telegram sender leaves another channel's rows alone, and sends Telegram rows to chat_id = the recipient", async () => {
    await database.store.enqueue([message("zalo-row", 0n, { to: { destination: { channel: "zalo", address: "g-1" } } }), message("tg-row", -4242n)], T0);
    const { transport, calls } = scripted(() => ({ kind: "sent", messageId: 1 }));
    await sender(transport, manualClock(T0).clock).drain();
    expect(calls).toEqual([{ key: "tg-row", chatId: -4242, method: "sendMessage" }]);
    expect(await row("zalo-row")).toMatchObject({ status: "PENDING", attempts: 0, channel: "zalo", recipient: "g-1", claimedBy: null });
  });
});

describe("403 Forbidden", () => {
  it("fails the message without retrying and marks the member unreachable", async () => {
    await database.db.user.create({ data: { id: 555n, firstName: "X", identities: { create: { channel: "telegram", externalId: "555" } } } });
    await database.store.enqueue([message("blocked", 555n, { to: { userId: 555n } })], T0);
    const { transport, count } = scripted(() => ({ kind: "blocked", error: "Forbidden: bot was blocked by the user" }));
    const time = manualClock(T0);
    const s = sender(transport, time.clock);

    await s.drain();
    expect(count("blocked")).toBe(1);
    expect(s.stats.blocked).toBe(1);
    expect(await row("blocked")).toMatchObject({ status: "FAILED", attempts: 1, lastError: "Forbidden: bot was blocked by the user" });
    expect((await database.db.user.findUniqueOrThrow({ where: { id: 555n } })).unreachableAt?.toISOString()).toBe(T0.toISOString());

    time.advance(24 * 3_600_000);
    await s.drain();
    expect(count("blocked")).toBe(1);
  });

  it("in a group chat fails the message and touches no user", async () => {
    // (A user whose app id is the group's number must not be touched either: the address is a group's, not a person's.)
    await database.db.user.create({ data: { id: 556n, firstName: "Y" } });
    await database.store.enqueue([message("kicked", -556n)], T0);
    const { transport, count } = scripted(() => ({ kind: "blocked", error: "Forbidden: bot was kicked" }));
    await sender(transport, manualClock(T0).clock).drain();
    expect(count("kicked")).toBe(1);
    expect((await row("kicked")).status).toBe("FAILED");
    expect((await database.db.user.findUniqueOrThrow({ where: { id: 556n } })).unreachableAt).toBeNull();
  });
});

describe("transient and permanent errors", () => {
  it("retries 5xx/network errors with growing backoff until sent", async () => {
    expect([backoffMs(0), backoffMs(1), backoffMs(2), backoffMs(3), backoffMs(20)]).toEqual([2000, 2000, 4000, 8000, 300_000]);
    await database.store.enqueue([message("flaky", 401n)], T0);
    const { transport, count } = scripted((_key, call) => (call <= 2 ? { kind: "transient", error: "502 Bad Gateway" } : { kind: "sent", messageId: 12 }));
    const time = manualClock(T0);
    const s = sender(transport, time.clock);

    await s.drain();
    expect(await row("flaky")).toMatchObject({ status: "PENDING", attempts: 1, lastError: "502 Bad Gateway" });
    expect((await row("flaky")).notBefore.toISOString()).toBe(at(T0, 2000).toISOString());

    time.set(at(T0, 1999));
    await s.drain();
    expect(count("flaky")).toBe(1);

    time.set(at(T0, 2000));
    await s.drain();
    expect(count("flaky")).toBe(2);
    expect(await row("flaky")).toMatchObject({ status: "PENDING", attempts: 2 });
    expect((await row("flaky")).notBefore.toISOString()).toBe(at(T0, 6000).toISOString());

    time.set(at(T0, 6000));
    await s.drain();
    expect(count("flaky")).toBe(3);
    expect(await row("flaky")).toMatchObject({ status: "SENT", attempts: 2, messageId: 12, lastError: null });
    expect(s.stats).toMatchObject({ sent: 1, retried: 2, failed: 0 });
  });

  it("treats a transport that throws as a transient error", async () => {
    await database.store.enqueue([message("throws", 402n)], T0);
    const transport: Transport = async () => {
      throw new Error("socket hang up");
    };
    await sender(transport, manualClock(T0).clock).drain();
    expect(await row("throws")).toMatchObject({ status: "PENDING", attempts: 1, lastError: "socket hang up" });
  });

  it("does not retry a permanent error (400)", async () => {
    await database.store.enqueue([message("bad", 403n)], T0);
    const { transport, count } = scripted(() => ({ kind: "permanent", error: "400 Bad Request: can't parse entities" }));
    const time = manualClock(T0);
    const s = sender(transport, time.clock);
    await s.drain();
    time.advance(3_600_000);
    await s.drain();
    expect(count("bad")).toBe(1);
    expect(await row("bad")).toMatchObject({ status: "FAILED", attempts: 1, lastError: "400 Bad Request: can't parse entities" });
  });

  it("gives up after maxAttempts transient failures", async () => {
    await database.store.enqueue([message("down", 404n)], T0);
    const { transport, count } = scripted(() => ({ kind: "transient", error: "503 Service Unavailable" }));
    const time = manualClock(T0);
    const s = sender(transport, time.clock, { maxAttempts: 3 });
    for (let i = 0; i < 6; i++) {
      await s.drain();
      time.advance(600_000);
    }
    expect(count("down")).toBe(3);
    expect(await row("down")).toMatchObject({ status: "FAILED", attempts: 3, lastError: "503 Service Unavailable" });
    expect(s.stats).toMatchObject({ retried: 2, failed: 1, sent: 0 });
  });
});

describe("expiry", () => {
  it("skips a message whose expiresAt has passed and sends one still meaningful", async () => {
    await database.store.enqueue(
      [message("stale", 501n, { notBefore: at(T0, -3_600_000), expiresAt: at(T0, -1) }), message("fresh", 502n, { expiresAt: at(T0, 60_000) })],
      at(T0, -3_600_000),
    );
    const { transport, calls } = scripted(() => ({ kind: "sent", messageId: 3 }));
    const s = sender(transport, manualClock(T0).clock);
    await s.drain();
    expect(calls.map((c) => c.key)).toEqual(["fresh"]);
    expect(await row("stale")).toMatchObject({ status: "SKIPPED", attempts: 0, sentAt: null });
    expect((await row("stale")).lastError).toMatch(/expired/);
    expect((await row("fresh")).status).toBe("SENT");
    expect(s.stats).toMatchObject({ skipped: 1, sent: 1 });
  });
});

describe("classify", () => {
  const apiError = (code: number, description: string, parameters = {}) =>
    new GrammyError(`Call to 'sendMessage' failed! (${code}: ${description})`, { ok: false, error_code: code, description, parameters }, "sendMessage", {});

  it("reads a 429's retry_after", () => {
    expect(classify(apiError(429, "Too Many Requests: retry after 3", { retry_after: 3 }))).toEqual({ kind: "rateLimited", retryAfterSeconds: 3 });
  });

  it("maps 403 to blocked", () => {
    expect(classify(apiError(403, "Forbidden: bot was blocked by the user"))).toEqual({ kind: "blocked", error: "Forbidden: bot was blocked by the user" });
  });

  it("maps other 4xx to permanent", () => {
    expect(classify(apiError(400, "Bad Request: chat not found"))).toEqual({ kind: "permanent", error: "400 Bad Request: chat not found" });
  });

  it("maps 5xx and network errors to transient", () => {
    expect(classify(apiError(502, "Bad Gateway"))).toEqual({ kind: "transient", error: "502 Bad Gateway" });
    expect(classify(new HttpError("Network request for 'sendMessage' failed!", new Error("ECONNRESET")))).toEqual({
      kind: "transient",
      error: "Network request for 'sendMessage' failed!",
    });
    expect(classify(new Error("timeout")).kind).toBe("transient");
  });
});

describe("long waits for a paced slot", () => {
  /** A pacer whose waits move the manual clock, so a 429 pause "takes" its time. */
  function pacerOn(time: ReturnType<typeof manualClock>) {
    return new Pacer(
      { perSecond: 1000, privateChatIntervalMs: 0, groupChatIntervalMs: 0 },
      () => time.clock().getTime(),
      async (ms) => time.advance(ms),
    );
  }

  it("skips a message that expired while the sender waited out a 429", async () => {
    const time = manualClock(T0);
    await database.store.enqueue([message("first", 1n), message("second", 2n, { expiresAt: at(T0, 1000) })], T0);
    const { transport, count } = scripted((key, call) =>
      key === "first" && call === 1 ? { kind: "rateLimited", retryAfterSeconds: 30 } : { kind: "sent", messageId: 7 },
    );
    await sender(transport, time.clock, { concurrency: 1 }, pacerOn(time)).drain();
    expect(count("second")).toBe(0);
    expect((await row("second")).status).toBe("SKIPPED");
  });

  it("does not send a message another sender took over after this one's lease lapsed", async () => {
    const time = manualClock(T0);
    await database.store.enqueue([message("m1", 1n), message("m2", 2n), message("m3", 3n)], T0);
    const received: string[] = [];
    const slowA: Transport = async (_method, params) => {
      received.push(`A:${String(params.text)}`);
      return params.text === "m1" ? { kind: "rateLimited", retryAfterSeconds: 180 } : { kind: "sent", messageId: 1 };
    };
    const a = new OutboxSender(database.store, telegram(slowA, pacerOn(time)), undefined, {
      worker: "A",
      clock: time.clock,
      leaseMs: 120_000,
      concurrency: 1,
      waitForRetriesMs: 0,
    });
    // While A waits 180 s for its next slot, its 120 s lease on m2 and m3 lapses and B takes them.
    const b = new OutboxSender(
      database.store,
      telegram(async (_m, params) => {
        received.push(`B:${String(params.text)}`);
        return { kind: "sent", messageId: 2 };
      }),
      undefined,
      { worker: "B", clock: () => at(T0, 150_000), concurrency: 1, waitForRetriesMs: 0 },
    );
    const originalAdvance = time.advance;
    let tookOver = false;
    time.advance = (ms: number) => {
      originalAdvance(ms);
      if (!tookOver && ms > 120_000) {
        tookOver = true;
        void b.drain();
      }
    };
    await a.drain();
    await b.drain();
    const m2 = received.filter((r) => r.endsWith(":m2"));
    const m3 = received.filter((r) => r.endsWith(":m3"));
    expect(m2).toHaveLength(1);
    expect(m3).toHaveLength(1);
    expect((await row("m2")).status).toBe("SENT");
  });
});

describe("rows written before messages were channel-neutral (issue 18)", () => {
  const keyboard = {
    inline_keyboard: [
      [{ text: "Tiếp tục tự soi", url: "https://t.me/tusoi_test_bot?start=tusoi" }],
      [
        { text: "1.1 · Đã khắc phục", callback_data: "1g:2:0:202701:d" },
        { text: "Trang <web>", url: "https://example.org/a?b=1&c=2" },
      ],
      [],
    ],
  };
  const docx = Buffer.from("PK\u0003\u0004 bytes of a report");
  // Exactly what main's renderers stored: Bot API parameters without chat_id.
  const legacy = {
    text: {
      method: "sendMessage",
      payload: { text: "⏰ <b>Nhắc</b> &amp; &lt;hạn&gt;", parse_mode: "HTML", link_preview_options: { is_disabled: true }, reply_markup: keyboard },
    },
    plain: { method: "sendMessage", payload: { text: "Tóm tắt <không thẻ>", parse_mode: "HTML", link_preview_options: { is_disabled: true } } },
    docx: {
      method: "sendDocument",
      payload: {
        document: { $file: { base64: docx.toString("base64"), filename: "bao-cao-tu-soi-dot-01.docx" } },
        parse_mode: "HTML",
        caption: "Báo cáo · <b>Chi bộ</b>",
      },
    },
    photo: {
      method: "sendPhoto",
      payload: { photo: { $file: { base64: docx.toString("base64"), filename: "bieu-do.png" } }, parse_mode: "HTML", caption: "Biểu đồ" },
    },
  };

  async function writeLegacy(key: string, chatId: bigint, row: { method: string; payload: object }) {
    await database.db.outbox.create({
      data: {
        key,
        kind: "REPORT_BACK",
        cellId: 1,
        memberId: null,
        roundId: null,
        channel: "telegram",
        recipient: String(chatId),
        method: row.method,
        payload: JSON.stringify(row.payload),
        status: "PENDING",
        notBefore: T0,
        createdAt: T0,
      },
    });
  }

  it("are read into channel-neutral messages losslessly: text, keyboard rows (url and callback buttons, empty rows), the file and its caption", async () => {
    await writeLegacy("legacy:text", 401n, legacy.text);
    await writeLegacy("legacy:docx", 402n, legacy.docx);
    await writeLegacy("legacy:photo", 403n, legacy.photo);
    const claimed = await database.store.claim("w1", T0, at(T0, 60_000), 10, "telegram");
    expect(claimed.map((m) => m.message)).toEqual([
      {
        text: "⏰ <b>Nhắc</b> &amp; &lt;hạn&gt;",
        choices: [
          [{ label: "Tiếp tục tự soi", url: "https://t.me/tusoi_test_bot?start=tusoi" }],
          [
            { label: "1.1 · Đã khắc phục", id: "1g:2:0:202701:d" },
            { label: "Trang <web>", url: "https://example.org/a?b=1&c=2" },
          ],
          [],
        ],
      },
      { text: "Báo cáo · <b>Chi bộ</b>", file: { kind: "document", filename: "bao-cao-tu-soi-dot-01.docx", base64: docx.toString("base64") } },
      { text: "Biểu đồ", file: { kind: "photo", filename: "bieu-do.png", base64: docx.toString("base64") } },
    ]);
  });

  it("go out through the Telegram channel with exactly the parameters they were stored with", async () => {
    const rows = Object.entries(legacy).map(([name, row], i) => ({ key: `legacy:${name}`, chatId: BigInt(410 + i), row }));
    for (const r of rows) await writeLegacy(r.key, r.chatId, r.row);
    const calls: { method: string; params: Record<string, unknown> }[] = [];
    const transport: Transport = async (method, params) => {
      calls.push({ method, params });
      return { kind: "sent", messageId: 1 };
    };
    await sender(transport, manualClock(T0).clock).drain();
    expect(calls).toHaveLength(rows.length);
    for (const [i, { chatId, row }] of rows.entries()) {
      const { method, params } = calls[i]!;
      expect(method).toBe(row.method);
      // The file goes as an upload of the same bytes and name; every other parameter as stored, in the same order, then chat_id.
      const fileParam = method === "sendDocument" ? "document" : method === "sendPhoto" ? "photo" : null;
      const sent = { ...params };
      if (fileParam) {
        const upload = sent[fileParam] as InputFile;
        expect(upload).toBeInstanceOf(InputFile);
        expect(upload.filename).toBe((row.payload as unknown as Record<string, { $file: { filename: string } }>)[fileParam]!.$file.filename);
        expect(Buffer.from((await upload.toRaw()) as Uint8Array)).toEqual(docx);
        sent[fileParam] = (row.payload as Record<string, unknown>)[fileParam];
      }
      expect(JSON.stringify(sent)).toBe(JSON.stringify({ ...row.payload, chat_id: Number(chatId) }));
    }
    expect((await database.db.outbox.findMany()).every((r) => r.status === "SENT")).toBe(true);
  });

  it('new rows hold the message itself (method "message") and go out the same way', async () => {
    await database.store.enqueue(
      [
        message("new:text", 420n, {
          message: {
            text: "⏰ <b>Nhắc</b> &amp; &lt;hạn&gt;",
            choices: [
              [{ label: "Tiếp tục tự soi", start: "tusoi" }],
              [
                { label: "1.1 · Đã khắc phục", id: "1g:2:0:202701:d" },
                { label: "Trang <web>", url: "https://example.org/a?b=1&c=2" },
              ],
              [],
            ],
          },
        }),
      ],
      T0,
    );
    const stored = await row("new:text");
    expect(stored.method).toBe("message");
    const calls: { method: string; params: Record<string, unknown> }[] = [];
    await sender(async (method, params) => (calls.push({ method, params }), { kind: "sent", messageId: 1 }), manualClock(T0).clock).drain();
    expect(calls).toEqual([{ method: "sendMessage", params: { ...legacy.text.payload, chat_id: 420 } }]);
    expect(JSON.stringify(calls[0]!.params)).toBe(JSON.stringify({ ...legacy.text.payload, chat_id: 420 }));
  });
});
