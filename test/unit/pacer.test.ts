/**
 * The Pacer against Telegram's counting: Telegram counts a message when it arrives, and a call
 * arrives at some moment between its start and its answer (request transit, a busy event loop,
 * a slow network). Virtual time, a seeded random latency per call: the senders below are
 * OutboxSender's loop (concurrency 16, a paced slot before each call, the slot released when
 * the call answered), and the test checks every 1-second window of arrivals.
 */
import { describe, expect, it } from "vitest";
import { Pacer, TELEGRAM_LIMITS, type PacerOptions } from "../../src/infra/outbox/pacer.js";

/** Timers on a virtual clock: `run` advances to the next timer only when everything else waits. */
function virtualTime() {
  let now = 0;
  let seq = 0;
  const timers: { at: number; seq: number; resolve: () => void }[] = [];
  return {
    now: () => now,
    sleep: (ms: number) => new Promise<void>((resolve) => timers.push({ at: now + Math.max(ms, 0), seq: seq++, resolve })),
    async run<T>(work: Promise<T>): Promise<T> {
      let done = false;
      void work.finally(() => (done = true));
      for (;;) {
        // Node drains every pending microtask before an immediate: all that can run has run.
        await new Promise((resolve) => setImmediate(resolve));
        if (done) return work;
        timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
        const next = timers.shift();
        if (!next) throw new Error("deadlock: nothing to wait for");
        now = next.at;
        next.resolve();
      }
    },
  };
}

/** A small seeded generator (mulberry32), so a failure reproduces. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Largest number of arrivals in any window of `ms` (a window holds arrivals less than `ms` apart). */
function peak(times: number[], ms: number): number {
  const sorted = [...times].sort((x, y) => x - y);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/**
 * Sends to `chats` in order, `concurrency` calls at once, each taking `latency()` ms and
 * arriving at a random moment within its call. Returns each arrival, with its chat.
 */
async function simulate(options: { pacer?: PacerOptions; chats: bigint[]; latency: () => number; concurrency?: number; seed: number }) {
  const time = virtualTime();
  const pacer = new Pacer(options.pacer ?? TELEGRAM_LIMITS, time.now, time.sleep);
  const rnd = random(options.seed);
  const arrivals: { chat: bigint; at: number; index: number }[] = [];
  const run = async () => {
    const inFlight = new Set<Promise<void>>();
    for (const [index, chat] of options.chats.entries()) {
      while (inFlight.size >= (options.concurrency ?? 16)) await Promise.race(inFlight);
      const done = await pacer.slot(chat);
      const start = time.now();
      const latency = options.latency();
      arrivals.push({ chat, at: start + rnd() * latency, index });
      const task = time
        .sleep(latency)
        .then(() => done())
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
    }
    await Promise.all(inFlight);
  };
  await time.run(run());
  return { arrivals, elapsed: time.now() };
}

describe("the pacer counts where Telegram counts: on arrival", () => {
  it("never lets 31 messages arrive in one second, whatever each call's latency (20–400 ms)", async () => {
    for (const seed of [1, 2, 3]) {
      const rnd = random(seed * 7919);
      const { arrivals, elapsed } = await simulate({ chats: Array.from({ length: 600 }, (_, i) => BigInt(10_000 + i)), latency: () => 20 + rnd() * 380, seed });
      expect(
        peak(
          arrivals.map((a) => a.at),
          1000,
        ),
        `seed ${seed}`,
      ).toBeLessThanOrEqual(30);
      // And it still sends at close to the limit: 600 messages in well under 30 s (20/s).
      expect(elapsed).toBeLessThan(30_000);
    }
  });

  it("keeps a second between two messages' arrivals in one private chat, and three in a group, in order", async () => {
    for (const seed of [4, 5]) {
      const rnd = random(seed * 104_729);
      const chats = Array.from({ length: 24 }, (_, i) => (i % 3 === 0 ? -500n : i % 3 === 1 ? 501n : 502n));
      const { arrivals } = await simulate({ chats, latency: () => 20 + rnd() * 900, seed });
      for (const chat of [-500n, 501n, 502n]) {
        const mine = arrivals.filter((a) => a.chat === chat).sort((a, b) => a.at - b.at);
        // In the order they were handed to the pacer.
        expect(mine.map((a) => a.index)).toEqual([...mine.map((a) => a.index)].sort((a, b) => a - b));
        for (let i = 1; i < mine.length; i++) expect(mine[i]!.at - mine[i - 1]!.at).toBeGreaterThanOrEqual(chat < 0n ? 3000 : 1000);
      }
    }
  });
});
