/**
 * `npm run bench`: runs the benchmarks and prints their tables. Exits non-zero when a
 * benchmark's correctness check fails (so a run cannot silently measure failures).
 *
 * Environment:
 *   BENCH_MEMBERS      members per measured cell (default 50)
 *   BENCH_ANSWERS      measured presses per phase (default members × 27)
 *   BENCH_WARMUP       unmeasured presses first, in their own cell (default 300)
 *   BENCH_CONCURRENCY  in-flight updates for the concurrent figure (default 8; 0 skips it)
 *   BENCH_PROFILE      1: time every Store call in the sequential phase and print them
 */
import { availableParallelism, loadavg } from "node:os";
import { ITEMS_PER_FORM, runAnswerPathBench, type AnswerPathResult } from "./answer-path.js";
import { fmt, table, type Figures } from "./stats.js";

/** Informational target for the sequential answer path of the real bot. */
const TARGET = { perSecond: 800, p99Ms: 15 };

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, not "${raw}"`);
  return value;
}

const WIDTHS = [42, 11, 9, 9, 9, 9];

function figuresTable(title: string, bare: Figures, bot: Figures): string {
  const row = (label: string, f: Figures) => [label, fmt(f.perSecond, 0), fmt(f.p50Ms, 3), fmt(f.p90Ms, 3), fmt(f.p99Ms, 3), fmt(f.maxMs, 2)];
  const ratio = bot.perSecond / bare.perSecond;
  return table([
    [title, "updates/s", "p50 ms", "p90 ms", "p99 ms", "max ms"],
    row("  bare grammY (no DB)", bare),
    row("  tự soi bot (real middleware + SQLite)", bot),
    ["  ratio real/bare (updates/s)", fmt(ratio, 4), `  (bare is ${fmt(1 / ratio, 0)}× faster)`],
  ], WIDTHS);
}

function printAnswerPath(r: AnswerPathResult): void {
  const seq = r.sequential;
  console.log(`\nanswer path: ${r.members} members × ${ITEMS_PER_FORM} items, ${r.answers} measured presses per phase, ${r.warmup} warm-up presses, set-up ${fmt(r.setupMs / 1000, 1)} s`);
  console.log(`  node ${process.version}, ${availableParallelism()} CPUs, load average ${loadavg().map((l) => fmt(l, 2)).join(" ")} (other processes skew the figures)`);
  console.log(figuresTable(`answer path (${seq.bot.updates} updates, sequential)`, seq.bare, seq.bot));
  const pass = seq.bot.perSecond >= TARGET.perSecond && seq.bot.p99Ms < TARGET.p99Ms;
  console.log(`target: ≥ ${TARGET.perSecond} updates/s, p99 < ${TARGET.p99Ms} ms → ${pass ? "PASS" : "FAIL"} (informational)`);
  console.log(`  wall: bare ${fmt(seq.bare.wallMs, 0)} ms, bot ${fmt(seq.bot.wallMs, 0)} ms; bot mean ${fmt(seq.bot.meanMs, 3)} ms/update`);
  if (r.concurrent) {
    const c = r.concurrent;
    console.log();
    console.log(figuresTable(`answer path (${c.bot.updates} updates, ${c.concurrency} in flight)`, c.bare, c.bot));
    console.log(`  wall: bare ${fmt(c.bare.wallMs, 0)} ms, bot ${fmt(c.bot.wallMs, 0)} ms (latency includes queueing behind other in-flight updates)`);
  }
  if (r.storeProfile) {
    const total = r.storeProfile.reduce((sum, t) => sum + t.msPerUpdate, 0);
    console.log(`\nstore calls per update (sequential phase; ${fmt(total, 3)} of ${fmt(seq.bot.meanMs, 3)} ms per update in the Store):`);
    console.log(table([["  method", "calls", "ms"], ...r.storeProfile.map((t) => [`  ${t.method}`, fmt(t.callsPerUpdate, 2), fmt(t.msPerUpdate, 3)])], [32, 8, 9]));
  }
  if (r.sqlProfile) {
    const q = r.sqlProfile;
    console.log(`\nSQL per update: ${fmt(q.statementsPerUpdate, 1)} statements, ${fmt(q.driverMsPerUpdate, 3)} ms in the driver adapter + SQLite (the rest of the Store time is Prisma's client):`);
    console.log(q.byKind.map((k) => `  ${fmt(k.perUpdate, 2)} × ${k.kind}`).join("\n"));
  }
  const c = r.check;
  console.log(`\ncheck: Answer rows ${c.answerRows} / expected ${c.expectedAnswerRows} (warm-up + measured), refused presses ${c.refusals}, errors ${c.errors} → ${c.ok ? "OK" : "MISMATCH"}`);
  if (c.refusalTexts.length > 0) console.log(`  refusals seen: ${c.refusalTexts.join(" | ")}`);
}

async function main(): Promise<void> {
  const members = intEnv("BENCH_MEMBERS", 50);
  const result = await runAnswerPathBench({
    members,
    answers: intEnv("BENCH_ANSWERS", Math.max(1, members) * ITEMS_PER_FORM),
    warmup: intEnv("BENCH_WARMUP", 300),
    concurrency: intEnv("BENCH_CONCURRENCY", 8),
    profile: process.env.BENCH_PROFILE === "1",
    progress: (line) => console.error(`· ${line}`),
  });
  printAnswerPath(result);
  if (!result.check.ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
