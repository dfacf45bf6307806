/**
 * Fan-out of follow-up messages through the real outbox sender: N messages, each to its own
 * private chat, enqueued in a fresh migrated SQLite file and drained by OutboxSender (real
 * the Prisma outbox adapter's claims and marks, real Pacer, real grammY transport) against a local fake Bot
 * API that enforces Telegram's flood limits (see fake-bot-api.ts). Measures the rate Telegram
 * would see, the 429s it would answer, and checks that every message went out exactly once.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { NewOutboxMessage } from "../src/app/ports.js";
import { openStores, type OpenStores } from "../src/infra/db/index.js";
import { applyMigrations } from "../src/infra/db/migrate.js";
import { Pacer } from "../src/infra/outbox/pacer.js";
import { OutboxSender, type SenderStats } from "../src/infra/outbox/sender.js";
import { telegramApiCall } from "../src/bot/transport.js";
import { telegramSender } from "../src/bot/outbound.js";
import { startFakeBotApi, type FakeBotApi } from "./fake-bot-api.js";

/** Shaped like a real token; only ever sent to the local fake. */
export const FANOUT_TOKEN = "123456:ABCdefGhIJKlmnOPQRstuvWXyz_0123456";

const ENQUEUE_BATCH = 500;
const FIRST_CHAT_ID = 1_000_000;
const key = (i: number) => `follow-up:${i}:2026-12`;

export interface FanoutOptions {
  /** Messages to fan out, one per private chat. */
  count: number;
  /** The fake Bot API's global limit, messages per sliding second. */
  limit: number;
  /** The Pacer's perSecond. */
  rate: number;
  /** A pacer to use instead of `new Pacer({ perSecond: rate, … })` (for trying pacing variants). */
  pacer?: Pacer;
  /** OutboxSender concurrency. */
  concurrency?: number;
  /** Simulated request latency [min, max] ms. */
  latencyMs?: [number, number];
  /** Give up (stop the sender) after this long without any request reaching the fake API. */
  stallMs?: number;
  progress?: (line: string) => void;
}

export interface FanoutResult {
  count: number;
  limit: number;
  rate: number;
  concurrency: number;
  latencyMs: [number, number];
  setupMs: number;
  /** sender.drain() wall time. */
  drainMs: number;
  /** First to last acceptance, as seen by the fake API. */
  spanMs: number;
  accepted: number;
  /** accepted ÷ span seconds. */
  perSecond: number;
  /** perSecond ÷ limit. */
  ratio: number;
  tooManyRequests: { global: number; perChat: number };
  badRequests: number;
  /** Time between consecutive acceptances: median (1000 ÷ the steady rate) and longest. */
  gapP50Ms: number;
  maxGapMs: number;
  /** Gaps of 500 ms or more (a 429 pause, or a stall). */
  longGaps: number;
  /** Most acceptances in any sliding 1 s window (the fake enforces ≤ limit). */
  maxInWindow: number;
  duplicates: number;
  losses: number;
  sender: SenderStats;
  db: {
    sent: number;
    sentWithoutMessageId: number;
    /** SENT rows whose messageId differs from the one the fake API gave that key. */
    messageIdMismatches: number;
    byStatus: Record<string, number>;
  };
  rssStartMiB: number;
  peakRssMiB: number;
  stalled: boolean;
  check: { ok: boolean; problems: string[] };
}

const mib = (bytes: number) => bytes / 1024 / 1024;

/** Most events in any window (t − 1000, t] over sorted times. */
function maxInSlidingSecond(times: readonly number[]): number {
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < times.length; hi++) {
    while (times[lo]! <= times[hi]! - 1000) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

export async function runFanoutBench(options: FanoutOptions): Promise<FanoutResult> {
  const progress = options.progress ?? (() => {});
  const { count, limit, rate } = options;
  const concurrency = options.concurrency ?? 16;
  const latencyMs = options.latencyMs ?? [5, 20];
  const stallMs = options.stallMs ?? 90_000;

  const rssStart = process.memoryUsage().rss;
  let peakRss = rssStart;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  sampler.unref();

  const dir = mkdtempSync(path.join(tmpdir(), "tusoi-fanout-"));
  const url = `file:${path.join(dir, "fanout.db")}`;
  let opened: OpenStores | undefined;
  let api: FakeBotApi | undefined;
  try {
    const setupStart = performance.now();
    progress(`fan-out: migrating ${url} …`);
    await applyMigrations(url);
    opened = await openStores(url);
    const store = opened.stores.outbox;

    progress(`fan-out: enqueueing ${count} follow-ups in batches of ${ENQUEUE_BATCH} …`);
    const now = new Date();
    let enqueued = 0;
    for (let start = 0; start < count; start += ENQUEUE_BATCH) {
      const batch: NewOutboxMessage[] = [];
      for (let i = start; i < Math.min(count, start + ENQUEUE_BATCH); i++) {
        batch.push({
          key: key(i),
          kind: "FOLLOW_UP",
          cellId: 1,
          memberId: null,
          roundId: null,
          to: { destination: { channel: "telegram", address: String(FIRST_CHAT_ID + i) } },
          message: { text: `follow-up ${key(i)}` },
          notBefore: now,
          expiresAt: null,
        });
      }
      enqueued += await store.enqueue(batch, now);
    }
    if (enqueued !== count) throw new Error(`set-up failed: enqueued ${enqueued} of ${count} messages`);

    api = await startFakeBotApi({ token: FANOUT_TOKEN, limit, latencyMs });
    const server = api;
    const pacer = options.pacer ?? new Pacer({ perSecond: rate, privateChatIntervalMs: 1000, groupChatIntervalMs: 3000 });
    const sender = new OutboxSender(
      store,
      [telegramSender({ call: telegramApiCall(FANOUT_TOKEN, server.apiRoot), botUsername: "fanout_bot", pacer })],
      undefined,
      { concurrency },
    );
    const setupMs = performance.now() - setupStart;

    progress(`fan-out: draining ${count} messages to ${server.apiRoot} (limit ${limit}/s, pacer ${rate}/s) …`);
    // Progress every 10 s, and a watchdog: no request at all for stallMs means the sender is stuck.
    const requests = () => server.accepted.length + server.tooManyRequests.global + server.tooManyRequests.perChat + server.badRequests;
    let lastRequests = 0;
    let lastChange = performance.now();
    let stalled = false;
    let stallNotice: (() => void) | undefined;
    const stall = new Promise<void>((resolve) => (stallNotice = resolve));
    const drainStart = performance.now();
    let ticks = 0;
    const ticker = setInterval(() => {
      const t = performance.now();
      const seen = requests();
      if (seen !== lastRequests) {
        lastRequests = seen;
        lastChange = t;
      } else if (t - lastChange > stallMs && !stalled) {
        stalled = true;
        progress(`fan-out: no request for ${Math.round((t - lastChange) / 1000)} s — stopping the sender`);
        void sender.stop();
        stallNotice?.();
      }
      if (++ticks % 10 === 0) {
        const { global, perChat } = server.tooManyRequests;
        progress(
          `fan-out: ${Math.round((t - drainStart) / 1000)} s: ${server.accepted.length}/${count} accepted, ${global + perChat} × 429, sender ${JSON.stringify(sender.stats)}`,
        );
      }
    }, 1000);
    try {
      await Promise.race([sender.drain(), stall]);
    } finally {
      clearInterval(ticker);
    }
    const drainMs = performance.now() - drainStart;

    // What the fake API saw.
    const times = server.accepted.map((a) => a.at);
    const spanMs = times.length > 1 ? times[times.length - 1]! - times[0]! : 0;
    const gaps = Float64Array.from({ length: Math.max(0, times.length - 1) }, (_, i) => times[i + 1]! - times[i]!).sort();
    const gapP50Ms = gaps.length > 0 ? gaps[Math.floor(gaps.length / 2)]! : Number.NaN;
    const maxGapMs = gaps.length > 0 ? gaps[gaps.length - 1]! : 0;
    const longGaps = gaps.filter((g) => g >= 500).length;
    let duplicates = 0;
    for (const n of server.acceptedByKey.values()) if (n > 1) duplicates += n - 1;
    let losses = 0;
    for (let i = 0; i < count; i++) if (!server.acceptedByKey.has(key(i))) losses++;

    // What the database says.
    const { db } = opened;
    const grouped = await db.outbox.groupBy({ by: ["status"], _count: { _all: true } });
    const byStatus = Object.fromEntries(grouped.map((g) => [g.status, g._count._all]));
    const sentRows = await db.outbox.findMany({ where: { status: "SENT" }, select: { key: true, messageId: true } });
    const sentWithoutMessageId = sentRows.filter((r) => r.messageId === null).length;
    const messageIdMismatches = sentRows.filter((r) => r.messageId !== null && server.messageIdByKey.get(r.key) !== r.messageId).length;

    const accepted = server.accepted.length;
    const perSecond = spanMs > 0 ? accepted / (spanMs / 1000) : Number.NaN;
    const problems: string[] = [];
    if (duplicates > 0) problems.push(`${duplicates} duplicate sends`);
    if (losses > 0) problems.push(`${losses} messages never accepted`);
    if (sentRows.length !== count) problems.push(`${sentRows.length} SENT rows, expected ${count}`);
    if (sentWithoutMessageId > 0) problems.push(`${sentWithoutMessageId} SENT rows without messageId`);
    if (messageIdMismatches > 0) problems.push(`${messageIdMismatches} SENT rows with a messageId the API did not give that key`);
    if (server.badRequests > 0) problems.push(`${server.badRequests} malformed requests`);
    if (stalled) problems.push(`sender stalled (no request for ${stallMs / 1000} s)`);

    return {
      count,
      limit,
      rate,
      concurrency,
      latencyMs,
      setupMs,
      drainMs,
      spanMs,
      accepted,
      perSecond,
      ratio: perSecond / limit,
      tooManyRequests: { ...server.tooManyRequests },
      badRequests: server.badRequests,
      gapP50Ms,
      maxGapMs,
      longGaps,
      maxInWindow: maxInSlidingSecond(times),
      duplicates,
      losses,
      sender: { ...sender.stats },
      db: { sent: sentRows.length, sentWithoutMessageId, messageIdMismatches, byStatus },
      rssStartMiB: mib(rssStart),
      peakRssMiB: mib(Math.max(peakRss, process.memoryUsage().rss)),
      stalled,
      check: { ok: problems.length === 0, problems },
    };
  } finally {
    clearInterval(sampler);
    await api?.close();
    await opened?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
