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
 *   BENCH_FANOUT       0 skips the fan-out benchmark (it takes about COUNT ÷ LIMIT seconds)
 *   BENCH_FANOUT_COUNT follow-ups fanned out through the outbox sender (default 10000)
 *   BENCH_FANOUT_LIMIT the fake Bot API's limit, messages per sliding second (default 30)
 *   BENCH_FANOUT_RATE  the sender's Pacer rate, messages per second (default: the production
 *                      margin, limit × 29.5/30, i.e. 29.5 for Telegram's 30)
 *   BENCH_POSTGRES     0 skips the PostgreSQL part (bench/postgres.ts; skipped with a message when no server
 *                      can be had): BENCH_POSTGRES_URL (a superuser URL) or a throwaway server as the tests start
 *   BENCH_PG_MEMBERS   members per instance's cell on PostgreSQL (default 50; 27 presses each)
 *   BENCH_PG_FANOUT    rows fanned out by two instances on PostgreSQL (default 1000, about 35 s; 0 skips)
 *   BENCH_PG_ROLLUP    0 skips the province roll-up on both engines and the web pages on PostgreSQL (default
 *                      20 districts × 100 cells × 50 members: 100,000 members; BENCH_PG_ROLLUP_RUNS timed
 *                      runs, default 5)
 *   BENCH_REPORTS      0 skips the report benchmark
 *   BENCH_REPORT_CELLS cells of BENCH_REPORT_CELL_MEMBERS members for the roll-up (default 200 × 50)
 *   BENCH_REPORT_RUNS  timed runs per report figure (default 15)
 *   BENCH_COMMITTEE    0 skips the committee benchmark (a province tree: root → districts → cells)
 *   BENCH_COMMITTEE_DISTRICTS, BENCH_COMMITTEE_CELLS (cells per district), BENCH_COMMITTEE_MEMBERS
 *                      (members per cell): default the issue's 20 × 100 × 50 (2,000 cells, 100,000
 *                      members, 2.7 million answers; generated in about 30 s, the part ≈ 2 minutes)
 *   BENCH_WEB          0 skips the web benchmark (the root committee's page and a cell's page on the
 *                      committee bench's tree, same BENCH_COMMITTEE_* sizes; bench/web.ts). The tree
 *                      holds a closed previous campaign, so the page computes its change from it.
 *                      Mostly the web part (the answer path always runs, here tiny): BENCH_MEMBERS=1
 *                      BENCH_WARMUP=0 BENCH_CONCURRENCY=0 BENCH_REPORTS=0 BENCH_COMMITTEE=0 BENCH_FANOUT=0
 *                      BENCH_POSTGRES=0; for the PostgreSQL pages too, leave BENCH_POSTGRES out and add
 *                      BENCH_PG_MEMBERS=1 BENCH_PG_FANOUT=0 (the province tree is generated on both engines)
 *   BENCH_WEB_PROFILE  1: also times each port call of one root page (they overlap: the page runs them side by side)
 *   BENCH_ZALO         0 skips the Zalo benchmark (bench/zalo.ts): messages per form on Zalo and Telegram, and
 *                      the answer path through the Zalo adapter beside Telegram's, both with their platform's API
 *                      answered in-process (what each figure includes: bench/zalo.ts's header; HTTP to the Zalo
 *                      fake is timed apart); BENCH_ZALO_MEMBERS members per cell (default 20; 27 updates each);
 *                      BENCH_PROFILE=1 adds each channel's port calls per update
 *   BENCH_COMMITTEE_RUNS timed runs per roll-up figure (default 7; the files run a third as often, at least 2)
 */
import { availableParallelism, loadavg } from "node:os";
import { ITEMS_PER_FORM, runAnswerPathBench, type AnswerPathResult } from "./answer-path.js";
import { runFanoutBench, type FanoutResult } from "./fanout.js";
import { runPostgresBench } from "./postgres.js";
import { runCommitteeBench } from "./committee.js";
import { runWebBench, WEB_TARGETS } from "./web.js";
import { runReportsBench } from "./reports.js";
import { runZaloBench } from "./zalo.js";
import { TELEGRAM_LIMITS } from "../src/infra/outbox/pacer.js";
import { fmt, table, type Figures } from "./stats.js";

/** Informational target for the sequential answer path of the real bot. */
const TARGET = { perSecond: 800, p99Ms: 15 };

/** Informational target for the fan-out: this share of Telegram's limit, and exactly-once delivery. */
const FANOUT_TARGET = { ratio: 0.95 };

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, not "${raw}"`);
  return value;
}

function positiveEnv(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
  return value;
}

const WIDTHS = [42, 11, 9, 9, 9, 9];

function figuresTable(title: string, bare: Figures, bot: Figures): string {
  const row = (label: string, f: Figures) => [label, fmt(f.perSecond, 0), fmt(f.p50Ms, 3), fmt(f.p90Ms, 3), fmt(f.p99Ms, 3), fmt(f.maxMs, 2)];
  const ratio = bot.perSecond / bare.perSecond;
  return table(
    [
      [title, "updates/s", "p50 ms", "p90 ms", "p99 ms", "max ms"],
      row("  bare grammY (no DB)", bare),
      row("  tự soi bot (real middleware + SQLite)", bot),
      ["  ratio real/bare (updates/s)", fmt(ratio, 4), `  (bare is ${fmt(1 / ratio, 0)}× faster)`],
    ],
    WIDTHS,
  );
}

function printAnswerPath(r: AnswerPathResult): void {
  const seq = r.sequential;
  console.log(
    `\nanswer path: ${r.members} members × ${ITEMS_PER_FORM} items, ${r.answers} measured presses per phase, ${r.warmup} warm-up presses, set-up ${fmt(r.setupMs / 1000, 1)} s`,
  );
  console.log(
    `  node ${process.version}, ${availableParallelism()} CPUs, load average ${loadavg()
      .map((l) => fmt(l, 2))
      .join(" ")} (other processes skew the figures)`,
  );
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
    console.log(`\nport calls per update (sequential phase; ${fmt(total, 3)} of ${fmt(seq.bot.meanMs, 3)} ms per update in the ports):`);
    console.log(
      table([["  method", "calls", "ms"], ...r.storeProfile.map((t) => [`  ${t.method}`, fmt(t.callsPerUpdate, 2), fmt(t.msPerUpdate, 3)])], [32, 8, 9]),
    );
  }
  const c = r.check;
  console.log(
    `\ncheck: Answer rows ${c.answerRows} / expected ${c.expectedAnswerRows} (warm-up + measured), refused presses ${c.refusals}, errors ${c.errors} → ${c.ok ? "OK" : "MISMATCH"}`,
  );
  if (c.refusalTexts.length > 0) console.log(`  refusals seen: ${c.refusalTexts.join(" | ")}`);
}

function printFanout(r: FanoutResult): void {
  const [lo, hi] = r.latencyMs;
  const statuses = Object.entries(r.db.byStatus)
    .map(([status, n]) => `${status} ${n}`)
    .join(", ");
  const row = (label: string, value: string, note = "") => [`  ${label}`, value, note ? `  ${note}` : ""];
  console.log(
    `\nfan-out: ${r.count} follow-ups, one per private chat, through OutboxSender (concurrency ${r.concurrency}) to a fake Bot API on 127.0.0.1 (${lo}–${hi} ms latency), set-up ${fmt(r.setupMs / 1000, 1)} s`,
  );
  console.log(
    table(
      [
        ["fan-out", "value", ""],
        row("messages", String(r.count)),
        row("limit L (fake API, msg/s, sliding 1 s)", String(r.limit), "and 1/s per chat"),
        row("pacer rate P (msg/s)", fmt(r.rate, 2)),
        row("accepted", String(r.accepted)),
        row("first → last acceptance (s)", fmt(r.spanMs / 1000, 2), `drain ${fmt(r.drainMs / 1000, 2)} s`),
        row("achieved (msg/s)", fmt(r.perSecond, 2), "accepted ÷ first→last seconds"),
        row("ratio to L", `${fmt(r.ratio * 100, 1)} %`),
        row(
          "429s returned",
          String(r.tooManyRequests.global + r.tooManyRequests.perChat),
          `global ${r.tooManyRequests.global}, per chat ${r.tooManyRequests.perChat}`,
        ),
        row("most accepted in any 1 s window", String(r.maxInWindow)),
        row(
          "gap between acceptances, median (ms)",
          fmt(r.gapP50Ms, 2),
          `steady ${fmt(1000 / r.gapP50Ms, 2)} msg/s; pacer interval ${fmt(1000 / r.rate, 2)} ms`,
        ),
        row("gap between acceptances, longest (ms)", fmt(r.maxGapMs, 0), `${r.longGaps} gaps ≥ 500 ms`),
        row("duplicates", String(r.duplicates)),
        row("losses", String(r.losses)),
        row("DB rows SENT", `${r.db.sent}/${r.count}`, `without messageId ${r.db.sentWithoutMessageId}, messageId ≠ API's ${r.db.messageIdMismatches}`),
        row("DB rows by status", "", statuses),
        row("sender stats", "", JSON.stringify(r.sender)),
        row("peak RSS (MiB)", fmt(r.peakRssMiB, 0), `${fmt(r.rssStartMiB, 0)} at start`),
      ],
      [42, 12, 0],
    ),
  );
  const pass = r.ratio >= FANOUT_TARGET.ratio && r.check.ok;
  console.log(`target: ≥ ${fmt(FANOUT_TARGET.ratio * 100, 0)} % of the limit, 0 duplicates, 0 losses → ${pass ? "PASS" : "FAIL"} (informational)`);
  console.log(`check: ${r.check.ok ? "OK" : `MISMATCH — ${r.check.problems.join("; ")}`}`);
}

async function fanout(): Promise<void> {
  if (process.env.BENCH_FANOUT?.trim() === "0") return;
  const limit = intEnv("BENCH_FANOUT_LIMIT", 30);
  const count = intEnv("BENCH_FANOUT_COUNT", 10_000);
  if (limit < 1 || count < 1) throw new Error("BENCH_FANOUT_LIMIT and BENCH_FANOUT_COUNT must be at least 1");
  const rate = positiveEnv("BENCH_FANOUT_RATE", (limit * TELEGRAM_LIMITS.perSecond) / 30);
  console.error(`· fan-out: ${count} messages at ~${fmt(Math.min(rate, limit), 2)}/s will take about ${fmt(count / Math.min(rate, limit), 0)} s (+ set-up)`);
  const result = await runFanoutBench({ count, limit, rate, progress: (line) => console.error(`· ${line}`) });
  printFanout(result);
  if (!result.check.ok) process.exitCode = 1;
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
  await zalo();
  await reports();
  await committees();
  await webPages();
  await fanout();
  await postgres(result);
}

/** PostgreSQL (issue 14): answer path with one and two instances, fan-out with two, the province roll-up; SQLite beside. */
async function postgres(sqlite: AnswerPathResult): Promise<void> {
  if (process.env.BENCH_POSTGRES?.trim() === "0") return;
  const concurrency = intEnv("BENCH_CONCURRENCY", 8);
  const ok = await runPostgresBench({
    members: intEnv("BENCH_PG_MEMBERS", 50),
    concurrency: Math.max(1, concurrency),
    fanoutCount: intEnv("BENCH_PG_FANOUT", 1000),
    rollup:
      process.env.BENCH_PG_ROLLUP?.trim() === "0"
        ? null
        : { districts: 20, cellsPerDistrict: 100, membersPerCell: 50, runs: Math.max(1, intEnv("BENCH_PG_ROLLUP_RUNS", 5)) },
    sqliteAnswer: sqlite.concurrent?.bot ?? null,
    progress: (line) => console.error(`· ${line}`),
  });
  if (!ok) process.exitCode = 1;
}

/** Targets from the Zalo issue: a member answering several items per message sends at most this many messages; Zalo's answer path within 20 % of Telegram's. */
const ZALO_TARGETS = { memberMessages: 10, ratio: 0.8 };

async function zalo(): Promise<void> {
  if (process.env.BENCH_ZALO?.trim() === "0") return;
  const r = await runZaloBench({
    members: Math.max(1, intEnv("BENCH_ZALO_MEMBERS", 20)),
    profile: process.env.BENCH_PROFILE === "1",
    progress: (line) => console.error(`· ${line}`),
  });
  const { telegram: t, zalo: z } = r.form;
  console.log(`
zalo: one form, ${ITEMS_PER_FORM} items with 2 marked (measures typed, dates picked), submitted`);
  console.log(
    table(
      [
        ["messages per form", "member", "bot new", "bot edits"],
        ["  Telegram (buttons, one item per press)", String(t.member), String(t.botSent), String(t.botEdits)],
        ["  Zalo (numbers, up to 10 items per message)", String(z.member), String(z.botSent), "0"],
      ],
      [48, 8, 9, 10],
    ),
  );
  const formPass = z.member <= ZALO_TARGETS.memberMessages;
  console.log(`target: ≤ ${ZALO_TARGETS.memberMessages} member messages on Zalo → ${formPass ? "PASS" : "FAIL"} (informational)`);
  const a = r.answerPath;
  const row = (label: string, f: Figures) => [label, fmt(f.perSecond, 0), fmt(f.p50Ms, 3), fmt(f.p90Ms, 3), fmt(f.p99Ms, 3), fmt(f.maxMs, 2)];
  console.log(`
zalo: answer path, ${a.members} members × ${ITEMS_PER_FORM} items per channel, one item per update, sequential, the channels taking turns item by item`);
  console.log(
    table(
      [
        ["answer path", "updates/s", "p50 ms", "p90 ms", "p99 ms", "max ms"],
        row("  Telegram (createBot, API stubbed in-process)", a.telegram),
        row("  Zalo (readInbound + text conversation + sendMessage, fake in-process)", a.zalo),
        ["  ratio Zalo/Telegram (updates/s)", fmt(a.zalo.perSecond / a.telegram.perSecond, 3)],
      ],
      [72, 11, 9, 9, 9, 9],
    ),
  );
  console.log(
    `  Zalo mean ${fmt(a.zalo.meanMs, 3)} ms/update (Telegram ${fmt(a.telegram.meanMs, 3)}), of which ${fmt(a.zaloSendMsPerUpdate, 3)} ms in sendMessage to the in-process fake`,
  );
  console.log(`  not in the figures: the same replies over HTTP to the fake on 127.0.0.1 take ${fmt(a.zaloHttpMsPerUpdate, 3)} ms per update`);
  if (r.profile) {
    for (const [channel, timings, meanMs] of [
      ["Telegram", r.profile.telegram, a.telegram.meanMs],
      ["Zalo", r.profile.zalo, a.zalo.meanMs],
    ] as const) {
      const total = timings.reduce((sum, t) => sum + t.msPerUpdate, 0);
      console.log(`  ${channel}: port calls per update (${fmt(total, 3)} of ${fmt(meanMs, 3)} ms per update in the ports):`);
      console.log(
        table([["    method", "calls", "ms"], ...timings.map((t) => [`    ${t.method}`, fmt(t.callsPerUpdate, 2), fmt(t.msPerUpdate, 3)])], [34, 8, 9]),
      );
    }
  }
  const ratioPass = a.zalo.perSecond >= ZALO_TARGETS.ratio * a.telegram.perSecond;
  console.log(`target: Zalo ≥ ${fmt(ZALO_TARGETS.ratio * 100, 0)} % of Telegram's updates/s → ${ratioPass ? "PASS" : "FAIL"} (informational)`);
  console.log(`check: Answer rows ${r.check.answerRows} / expected ${r.check.expectedAnswerRows} → ${r.check.ok ? "OK" : "MISMATCH"}`);
  if (!r.check.ok) process.exitCode = 1;
}

/** Targets from the report issue: one cell's /baocao, and the roll-up over 10,000 members. */
const REPORT_TARGETS = { cellMs: 50 };

async function reports(): Promise<void> {
  if (process.env.BENCH_REPORTS?.trim() === "0") return;
  const cells = intEnv("BENCH_REPORT_CELLS", 200);
  const membersPerCell = intEnv("BENCH_REPORT_CELL_MEMBERS", 50);
  const r = await runReportsBench({ cells, membersPerCell, bigCellMembers: 60, runs: Math.max(3, intEnv("BENCH_REPORT_RUNS", 15)) });
  console.log(`\nreports: ${r.members} members, ${r.answers} answers (generated in ${fmt(r.generateMs / 1000, 1)} s)`);
  console.log(
    table(
      [["report", "median ms", "p90 ms", "runs"], ...r.timings.map((t) => [`  ${t.label}`, fmt(t.medianMs, 1), fmt(t.p90Ms, 1), String(t.runs)])],
      [58, 11, 9, 6],
    ),
  );
  const [cell] = r.timings;
  const c = r.check;
  console.log(`check: cell ${c.cellSubmitted}/${c.cellTotal} submitted · DOCX ${c.docxBytes} B · XLSX ${c.xlsxBytes} B · PNG ${c.pngBytes} B`);
  const ok = c.cellTotal > 0 && c.docxBytes > 0 && c.xlsxBytes > 0 && c.pngBytes > 0;
  if (!ok) process.exitCode = 1;
  const pass = cell!.medianMs < REPORT_TARGETS.cellMs;
  console.log(`target: cell summary < ${REPORT_TARGETS.cellMs} ms → ${pass ? "PASS" : "FAIL"} (informational)`);
}

/** Targets from the committee issue: the root's and one district's roll-up, opening a campaign at the root. */
const COMMITTEE_TARGETS = { rootMs: 2000, districtMs: 200, openMs: 5000 };

async function committees(): Promise<void> {
  if (process.env.BENCH_COMMITTEE?.trim() === "0") return;
  const options = {
    districts: intEnv("BENCH_COMMITTEE_DISTRICTS", 20),
    cellsPerDistrict: intEnv("BENCH_COMMITTEE_CELLS", 100),
    membersPerCell: intEnv("BENCH_COMMITTEE_MEMBERS", 50),
    runs: Math.max(3, intEnv("BENCH_COMMITTEE_RUNS", 7)),
  };
  const r = await runCommitteeBench(options, (line) => console.error(`· ${line}`));
  console.log(
    `\ncommittee: 1 root → ${options.districts} districts → ${options.cellsPerDistrict} cells each: ${r.cells} cells, ${r.members} members, ${r.answers} answers (generated in ${fmt(r.generateMs / 1000, 1)} s)`,
  );
  console.log(
    table(
      [
        ["committee", "median ms", "p90 ms", "runs"],
        ...r.timings.map((t) => [`  ${t.label}`, fmt(t.medianMs, 1), fmt(t.p90Ms, 1), String(t.runs)]),
        [`  open a campaign at the root (${r.open.rounds} rounds, ${r.open.announcements} announcements)`, fmt(r.open.ms, 1), "", "1"],
      ],
      [70, 11, 9, 6],
    ),
  );
  const c = r.check;
  console.log(
    `check: root ${c.rootSubmitted}/${c.rootMembers} submitted, ${c.rootItems} items · district ${c.districtMembers} members · DOCX ${c.docxBytes} B · XLSX ${c.xlsxBytes} B`,
  );
  const ok =
    c.rootMembers === r.members &&
    c.districtMembers === options.cellsPerDistrict * options.membersPerCell &&
    c.rootItems > 0 &&
    r.open.rounds === r.cells &&
    r.open.announcements === r.cells &&
    c.docxBytes > 0 &&
    c.xlsxBytes > 0;
  if (!ok) process.exitCode = 1;
  const [root, district] = r.timings;
  const pass = root!.medianMs < COMMITTEE_TARGETS.rootMs && district!.medianMs < COMMITTEE_TARGETS.districtMs && r.open.ms < COMMITTEE_TARGETS.openMs;
  console.log(
    `target: root < ${COMMITTEE_TARGETS.rootMs} ms, district < ${COMMITTEE_TARGETS.districtMs} ms, campaign open < ${COMMITTEE_TARGETS.openMs} ms → ${pass ? "PASS" : "FAIL"} (informational); check ${ok ? "OK" : "MISMATCH"}`,
  );
}

async function webPages(): Promise<void> {
  if (process.env.BENCH_WEB?.trim() === "0") return;
  const options = {
    districts: intEnv("BENCH_COMMITTEE_DISTRICTS", 20),
    cellsPerDistrict: intEnv("BENCH_COMMITTEE_CELLS", 100),
    membersPerCell: intEnv("BENCH_COMMITTEE_MEMBERS", 50),
    runs: Math.max(3, intEnv("BENCH_COMMITTEE_RUNS", 7)),
  };
  const r = await runWebBench(options, (line) => console.error(`· ${line}`));
  console.log(
    `\nweb: the committee bench's tree, ${r.cells} cells, ${r.members} members; server time (Fastify inject, signed in; load ${fmt(loadavg()[0]!, 1)} on ${availableParallelism()} cores)`,
  );
  console.log(
    table(
      [["web page", "median ms", "p90 ms", "runs"], ...r.timings.map((t) => [`  ${t.label}`, fmt(t.medianMs, 1), fmt(t.p90Ms, 1), String(t.runs)])],
      [70, 11, 9, 6],
    ),
  );
  const ok = r.check.rootOk && r.check.cellOk;
  if (!ok) process.exitCode = 1;
  const [root, cell] = r.timings;
  const pass = root!.medianMs < WEB_TARGETS.rootMs && cell!.medianMs < WEB_TARGETS.cellMs;
  console.log(
    `target: root page < ${WEB_TARGETS.rootMs} ms, cell page < ${WEB_TARGETS.cellMs} ms → ${pass ? "PASS" : "FAIL"} (informational); check ${ok ? "OK" : "MISMATCH"}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
