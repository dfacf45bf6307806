/**
 * The PostgreSQL part of `npm run bench` (issue 14), with the SQLite figures beside it:
 * - the answer path with one instance, and with two instances (two processes, bench/pg-instance.ts)
 *   sharing one database: aggregate updates/s and p99 (each instance BENCH_PG_CONCURRENCY
 *   updates in flight, as the runner would have across chats);
 * - the fan-out with two instances: both join the sender election, BENCH_PG_FANOUT_COUNT rows
 *   are enqueued and the sender woken by NOTIFY; the fake Bot API (30/s sliding, 1/s per chat)
 *   counts the achieved rate, duplicates and losses;
 * - the province roll-up (/tonghop of the root committee: 20 districts × 100 cells × 50
 *   members = 100,000 members, 2.7 million answers), the same tree on both engines; and the web's
 *   root committee page and a cell page on that PostgreSQL tree (bench/web.ts; SQLite's are in
 *   the web table before).
 *
 * The server: BENCH_POSTGRES_URL (a superuser URL), or a throwaway one started with the tests'
 * helper (test/support/postgres-server.ts: Debian's package, not installed here). Without one
 * the part is skipped with a message.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import Database from "better-sqlite3";
import pg from "pg";
import { committeeActor } from "../src/app/committee.js";
import { committeeRollup } from "../src/app/committee-rollup.js";
import { renderRollup } from "../src/bot/presenters/committee.js";
import { parseConfig } from "../src/config.js";
import { composeApp } from "../src/infra/compose.js";
import { applyMigrations } from "../src/infra/db/migrate.js";
import { applyPostgresMigrations } from "../src/infra/db/pg-migrate.js";
import { startPostgres } from "../test/support/postgres-server.js";
import { markedItemsSql, PREVIOUS_CAMPAIGN_ID, PREVIOUS_CAMPAIGN_TITLE } from "./committee.js";
import { startFakeBotApi } from "./fake-bot-api.js";
import { FANOUT_TOKEN } from "./fanout.js";
import { fmt, summarize, table, type Figures } from "./stats.js";
import { runWebBench, WEB_TARGETS, type WebBenchResult } from "./web.js";

export interface PostgresBenchOptions {
  members: number;
  concurrency: number;
  fanoutCount: number;
  rollup: { districts: number; cellsPerDistrict: number; membersPerCell: number; runs: number } | null;
  /** The SQLite answer path in this run (same concurrency), for the side-by-side table. */
  sqliteAnswer: Figures | null;
  progress(line: string): void;
}

const here = import.meta.dirname;

/** A superuser URL, or why there is none. */
async function server(progress: (line: string) => void): Promise<{ url: string; stop(): void } | { reason: string }> {
  if (process.env.BENCH_POSTGRES_URL) return { url: process.env.BENCH_POSTGRES_URL, stop: () => {} };
  const started = await startPostgres({ install: false, log: progress });
  if (!started.ok) return { reason: started.reason };
  progress(`PostgreSQL: ${started.server.description}`);
  return { url: started.server.url, stop: () => started.server.stop() };
}

export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await applyPostgresMigrations(url.toString());
  return url.toString();
}

interface Child {
  process: ChildProcessWithoutNullStreams;
  /** The next JSON line matching `pick`. */
  next<T>(pick: (value: Record<string, unknown>) => boolean): Promise<T>;
  send(line: string): void;
}

function child(args: string[]): Child {
  const proc = spawn(process.execPath, ["--import", "tsx", path.join(here, "pg-instance.ts"), ...args], { stdio: ["pipe", "pipe", "pipe"] });
  const waiting: { pick: (v: Record<string, unknown>) => boolean; resolve: (v: never) => void }[] = [];
  const seen: Record<string, unknown>[] = [];
  let stderr = "";
  proc.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  createInterface({ input: proc.stdout }).on("line", (line) => {
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    const i = waiting.findIndex((w) => w.pick(value));
    if (i >= 0) waiting.splice(i, 1)[0]!.resolve(value as never);
    else seen.push(value);
  });
  const exited = new Promise<never>((_, reject) => proc.once("exit", (code) => reject(new Error(`bench instance exited (${code}): ${stderr}`))));
  return {
    process: proc,
    next<T>(pick: (value: Record<string, unknown>) => boolean) {
      const i = seen.findIndex(pick);
      if (i >= 0) return Promise.resolve(seen.splice(i, 1)[0] as T);
      return Promise.race([new Promise<T>((resolve) => waiting.push({ pick, resolve: resolve as (v: never) => void })), exited]);
    },
    send: (line) => proc.stdin.write(`${line}\n`),
  };
}

interface AnswerRun {
  startedAt: number;
  endedAt: number;
  latencies: number[];
  refusals: number;
  errors: number;
}

/** `instances` processes, each with its own cell, pressing at the same moment; figures over all of them. */
async function answerPath(url: string, instances: number, offset: number, o: PostgresBenchOptions): Promise<Figures & { problems: number }> {
  const children = Array.from({ length: instances }, (_, i) => child(["answer", url, String(offset + i), String(o.members), String(o.concurrency)]));
  try {
    await Promise.all(children.map((c) => c.next((v) => v.ready === true)));
    for (const c of children) c.send("go");
    const runs = await Promise.all(children.map((c) => c.next<AnswerRun>((v) => v.result === true)));
    const wall = Math.max(...runs.map((r) => r.endedAt)) - Math.min(...runs.map((r) => r.startedAt));
    const figures = summarize(Float64Array.from(runs.flatMap((r) => r.latencies)), wall);
    return { ...figures, problems: runs.reduce((n, r) => n + r.refusals + r.errors, 0) };
  } finally {
    for (const c of children) c.process.kill("SIGKILL");
  }
}

export interface FanoutFigures {
  count: number;
  perSecond: number;
  maxInWindow: number;
  duplicates: number;
  losses: number;
  tooManyRequests: number;
  senders: number;
}

async function fanout(url: string, count: number, progress: (line: string) => void): Promise<FanoutFigures> {
  const api = await startFakeBotApi({ token: FANOUT_TOKEN, limit: 30 });
  const children = [child(["sender", url, api.apiRoot]), child(["sender", url, api.apiRoot])];
  const sql = new pg.Client({ connectionString: url });
  await sql.connect();
  try {
    const ready = await Promise.all(children.map((c) => c.next<{ leading: boolean }>((v) => v.ready === true)));
    const senders = ready.filter((r) => r.leading).length;
    await sql.query(
      `
      INSERT INTO "Outbox" ("key", "kind", "cellId", "channel", "recipient", "method", "payload", "status", "notBefore", "createdAt")
      SELECT 'fo' || i, 'FOLLOW_UP', 0, 'telegram', CAST(5000000 + i AS TEXT), 'sendMessage', '{"text":"follow-up fo' || i || '"}', 'PENDING', now(), now()
      FROM generate_series(1, $1::int) AS i`,
      [count],
    );
    await sql.query("NOTIFY tusoi_outbox");
    const started = performance.now();
    let last = 0;
    while (api.accepted.length < count && performance.now() - started < count * 100 + 30_000) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (api.accepted.length - last >= 300) progress(`fan-out on PostgreSQL: ${(last = api.accepted.length)}/${count} accepted`);
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const times = api.accepted.map((a) => a.at);
    let maxInWindow = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= 1000) j++;
      maxInWindow = Math.max(maxInWindow, i - j + 1);
    }
    const span = (Math.max(...times) - Math.min(...times)) / 1000;
    let duplicates = 0;
    for (const n of api.acceptedByKey.values()) duplicates += n - 1;
    const losses = count - api.acceptedByKey.size;
    return {
      count,
      perSecond: (api.accepted.length - 1) / span,
      maxInWindow,
      duplicates,
      losses,
      tooManyRequests: api.tooManyRequests.global + api.tooManyRequests.perChat,
      senders,
    };
  } finally {
    for (const c of children) c.process.kill("SIGKILL");
    await sql.end();
    await api.close();
  }
}

/**
 * The province tree by SQL, the same statements on both engines (recursive CTEs): root
 * committee 1 (officer: user 1), districts 2…D+1, cells 1…D×C, members 101…, a closed campaign
 * over every cell, 95 % of the forms submitted, 27 answers each (filed when submitted), and a closed
 * previous campaign over the same cells (the web page's change from it).
 */
export function treeSql(o: NonNullable<PostgresBenchOptions["rollup"]>, engine: "sqlite" | "postgresql"): string[] {
  const pgsql = engine === "postgresql";
  const t = pgsql ? "TIMESTAMP '2026-11-20 00:00:00'" : "'2026-11-20T00:00:00.000+00:00'";
  const earlier = pgsql ? "TIMESTAMP '2026-05-20 00:00:00'" : "'2026-05-20T00:00:00.000+00:00'";
  const yes = pgsql ? "true" : "1";
  const cells = o.districts * o.cellsPerDistrict;
  const members = cells * o.membersPerCell;
  const series = (n: number) => `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${n})`;
  const codes = ["1", "2", "3"].flatMap((g) => Array.from({ length: 9 }, (_, i) => `('${g}.${i + 1}', ${Number(g) * 10 + i})`)).join(", ");
  const pick = `CASE WHEN (a."id" * 7919 + c.n * 104729) % 100 < 90 THEN 'NONE' WHEN (a."id" * 7919 + c.n * 104729) % 100 < 97 THEN 'MINOR' ELSE 'SIGNIFICANT' END`;
  // No LATERAL, no aliased VALUES columns: SQLite has neither; CTEs work on both.
  const answers = (table: string, extra: string, where: string) => `
    WITH c(code, n) AS (VALUES ${codes}),
         x AS (SELECT a."id" AS aid, c.code AS code, ${pick} AS value FROM "Assessment" a CROSS JOIN c ${where})
    INSERT INTO "${table}" ("assessmentId", "itemCode", "value", "measure", "targetDate"${extra ? `, "updatedAt"` : ""}${table === "FiledAnswer" ? `, "hasMeasure"` : ""})
    SELECT aid, code, value, CASE WHEN value = 'NONE' THEN NULL ELSE 'Biện pháp khắc phục ' || code END,
           CASE WHEN value = 'NONE' THEN NULL ELSE '2027-06-30' END${extra}${table === "FiledAnswer" ? `, value <> 'NONE'` : ""}
    FROM x`;
  return [
    `${series(o.districts + 1)} INSERT INTO "User" ("id", "firstName", "createdAt", "updatedAt") SELECT i, 'Bí thư ' || i, ${t}, ${t} FROM s`,
    `INSERT INTO "Committee" ("id", "name", "groupChannel", "groupAddress", "joinCode", "parentCommitteeId", "createdAt") VALUES (1, 'Tỉnh ủy Bench', 'telegram', '-5000000', 'root', NULL, ${t})`,
    `${series(o.districts)} INSERT INTO "Committee" ("id", "name", "groupChannel", "groupAddress", "joinCode", "parentCommitteeId", "createdAt") SELECT i + 1, 'Huyện ủy số ' || i, 'telegram', CAST(-5000001 - i AS TEXT), 'district' || i, 1, ${t} FROM s`,
    `${series(o.districts + 1)} INSERT INTO "CommitteeMember" ("committeeId", "userId", "fullName", "role", "joinedAt") SELECT i, i, 'Bí thư ' || i, 'SECRETARY', ${t} FROM s`,
    `INSERT INTO "Campaign" ("id", "committeeId", "title", "deadline", "deadlineDay", "checklistCode", "checklistVersion", "openedByUserId", "openedAt", "closedAt") VALUES (1, 1, 'Đợt sinh hoạt chính trị', ${t}, '2026-11-30', 'nq04-xii', 1, 1, ${t}, ${t})`,
    `${series(cells)} INSERT INTO "Cell" ("id", "name", "groupChannel", "groupAddress", "groupTitle", "joinCode", "parentCommitteeId", "createdAt") SELECT i, 'Chi bộ ' || i, 'telegram', CAST(-6000000 - i AS TEXT), '', 'cbench' || i, 2 + (i - 1) / ${o.cellsPerDistrict}, ${t} FROM s`,
    `${series(members)} INSERT INTO "User" ("id", "firstName", "createdAt", "updatedAt") SELECT 100 + i, 'Đảng viên ' || i, ${t}, ${t} FROM s`,
    `${series(members)} INSERT INTO "Member" ("id", "cellId", "userId", "fullName", "role", "nameConfirmed", "joinedAt") SELECT 100 + i, 1 + (i - 1) / ${o.membersPerCell}, 100 + i, 'Nguyễn Văn ' || i, CASE WHEN (i - 1) % ${o.membersPerCell} = 0 THEN 'SECRETARY' ELSE 'MEMBER' END, ${yes}, ${t} FROM s`,
    `${series(cells)} INSERT INTO "Round" ("id", "cellId", "title", "deadline", "deadlineDay", "checklistCode", "checklistVersion", "openedByMemberId", "openedAt", "closedAt", "campaignId") SELECT i, i, 'Đợt sinh hoạt chính trị', ${t}, '2026-11-30', 'nq04-xii', 1, 101 + (i - 1) * ${o.membersPerCell}, ${t}, ${t}, 1 FROM s`,
    `INSERT INTO "Assessment" ("id", "roundId", "memberId", "checklistCode", "checklistVersion", "cursor", "status", "submittedAt", "createdAt", "updatedAt")
     SELECT m."id", m."cellId", m."id", 'nq04-xii', 1, '{"v":1,"s":{"kind":"submitted"}}', CASE WHEN m."id" % 20 = 0 THEN 'DRAFT' ELSE 'SUBMITTED' END,
            CASE WHEN m."id" % 20 = 0 THEN NULL ELSE ${t} END, ${t}, ${t} FROM "Member" m`,
    answers("Answer", `, ${t}`, ""),
    // The previous campaign (bench/committee.ts PREVIOUS_CAMPAIGN_ID), half a year earlier, over the same cells: its
    // own rounds (ids after the cells') and forms (ids after the members'), 90 % submitted; filed with the others below.
    `INSERT INTO "Campaign" ("id", "committeeId", "title", "deadline", "deadlineDay", "checklistCode", "checklistVersion", "openedByUserId", "openedAt", "closedAt") VALUES (${PREVIOUS_CAMPAIGN_ID}, 1, '${PREVIOUS_CAMPAIGN_TITLE}', ${earlier}, '2026-05-31', 'nq04-xii', 1, 1, ${earlier}, ${earlier})`,
    `${series(cells)} INSERT INTO "Round" ("id", "cellId", "title", "deadline", "deadlineDay", "checklistCode", "checklistVersion", "openedByMemberId", "openedAt", "closedAt", "campaignId") SELECT ${cells} + i, i, '${PREVIOUS_CAMPAIGN_TITLE}', ${earlier}, '2026-05-31', 'nq04-xii', 1, 101 + (i - 1) * ${o.membersPerCell}, ${earlier}, ${earlier}, ${PREVIOUS_CAMPAIGN_ID} FROM s`,
    `INSERT INTO "Assessment" ("id", "roundId", "memberId", "checklistCode", "checklistVersion", "cursor", "status", "submittedAt", "createdAt", "updatedAt")
     SELECT ${members} + m."id", ${cells} + m."cellId", m."id", 'nq04-xii', 1, '{"v":1,"s":{"kind":"submitted"}}', CASE WHEN m."id" % 10 = 0 THEN 'DRAFT' ELSE 'SUBMITTED' END,
            CASE WHEN m."id" % 10 = 0 THEN NULL ELSE ${earlier} END, ${earlier}, ${earlier} FROM "Member" m`,
    answers("FiledAnswer", "", `WHERE a."status" = 'SUBMITTED'`),
    markedItemsSql(engine),
    // As autovacuum leaves a table in production: VACUUM sets the visibility map (until then no
    // index-only scan is possible: the roll-up's covering index on FiledAnswer would fetch every
    // row from the heap), ANALYZE the statistics. SQLite has neither (VACUUM there only compacts).
    engine === "postgresql" ? "VACUUM ANALYZE" : "ANALYZE",
  ];
}

export interface RollupFigures {
  members: number;
  generateMs: number;
  medianMs: number;
  p90Ms: number;
  runs: number;
  submitted: number;
}

/** /tonghop of the root (data + text) through the real app on `url`, after `fill` wrote the tree. */
async function rollup(url: string, fill: () => Promise<void>, runs: number): Promise<RollupFigures> {
  const start = performance.now();
  await fill();
  const generateMs = performance.now() - start;
  const parsed = parseConfig({ BOT_TOKEN: FANOUT_TOKEN, DATABASE_URL: url });
  if (!parsed.ok) throw new Error(parsed.error);
  const runtime = await composeApp(parsed.config, { migrate: false });
  try {
    const { app, i18n } = runtime;
    const root = (await committeeActor(app, (await app.committees.findCommittee(1))!, 1n))!;
    const once = async () => {
      const r = await committeeRollup(app, root);
      if (r.kind !== "rollup") throw new Error(`roll-up: ${r.kind}`);
      renderRollup(r.rollup, i18n.t("vi"), "vi");
      return r.rollup.data;
    };
    const data = await once();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await once();
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    return {
      members: data.members,
      submitted: data.submitted,
      generateMs,
      runs,
      medianMs: samples[Math.floor(samples.length / 2)]!,
      p90Ms: samples[Math.min(samples.length - 1, Math.ceil(samples.length * 0.9) - 1)]!,
    };
  } finally {
    await runtime.close();
  }
}

async function rollups(
  serverUrl: string,
  o: NonNullable<PostgresBenchOptions["rollup"]>,
  progress: (line: string) => void,
): Promise<{ sqlite: RollupFigures; postgres: RollupFigures; web: WebBenchResult }> {
  progress("roll-up: the province tree on PostgreSQL …");
  const url = await createDatabase(serverUrl, "tusoi_bench_rollup");
  const postgres = await rollup(
    url,
    async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        for (const statement of treeSql(o, "postgresql")) await client.query(statement);
      } finally {
        await client.end();
      }
    },
    o.runs,
  );
  progress("web pages on PostgreSQL (the same tree) …");
  const web = await runWebBench({ ...o, runs: Math.max(3, o.runs) }, progress, { url });
  progress("roll-up: the same tree on SQLite …");
  const dir = mkdtempSync(path.join(tmpdir(), "tusoi-bench-pg-rollup-"));
  try {
    const file = path.join(dir, "bot.db");
    await applyMigrations(`file:${file}`);
    const sqlite = await rollup(
      `file:${file}`,
      async () => {
        const db = new Database(file);
        db.pragma("journal_mode = WAL");
        db.pragma("synchronous = OFF");
        db.transaction(() => {
          for (const statement of treeSql(o, "sqlite")) db.exec(statement);
        })();
        db.close();
      },
      o.runs,
    );
    return { sqlite, postgres, web };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the PostgreSQL part and prints its tables; false when a correctness check failed. */
export async function runPostgresBench(o: PostgresBenchOptions): Promise<boolean> {
  const found = await server(o.progress);
  if ("reason" in found) {
    console.log(
      `\nPostgreSQL part skipped: ${found.reason} (set BENCH_POSTGRES_URL=postgresql://… to a superuser URL, or install Debian's postgresql package)`,
    );
    return true;
  }
  let ok = true;
  try {
    o.progress(`answer path on PostgreSQL: one instance, then two, ${o.members} members × 27 presses each, ${o.concurrency} in flight per instance …`);
    const url = await createDatabase(found.url, "tusoi_bench_answers");
    const one = await answerPath(url, 1, 0, o);
    const two = await answerPath(url, 2, 1, o);
    const row = (label: string, f: Figures) => [label, fmt(f.perSecond, 0), fmt(f.p50Ms, 2), fmt(f.p99Ms, 2), fmt(f.maxMs, 1)];
    console.log(
      `\nanswer path on PostgreSQL (${o.concurrency} updates in flight per instance; each instance a process with its own cell of ${o.members} members)`,
    );
    console.log(
      `  ${availableParallelism()} CPUs for the instances, the server and everything else; load average ${loadavg()
        .map((l) => fmt(l, 2))
        .join(" ")}`,
    );
    console.log(
      table(
        [
          ["answer path", "updates/s", "p50 ms", "p99 ms", "max ms"],
          ...(o.sqliteAnswer ? [row("  SQLite, one process (this run, above)", o.sqliteAnswer)] : []),
          row("  PostgreSQL, one instance", one),
          row("  PostgreSQL, two instances (aggregate)", two),
          ["  two ÷ one (updates/s)", fmt(two.perSecond / one.perSecond, 2), "  target ≥ 1.6"],
        ],
        [44, 11, 9, 9, 9],
      ),
    );
    const problems = one.problems + two.problems;
    console.log(`check: ${one.updates + two.updates} presses, refused or failed ${problems} → ${problems === 0 ? "OK" : "MISMATCH"}`);
    if (problems > 0) ok = false;

    if (o.fanoutCount > 0) {
      o.progress(`fan-out on PostgreSQL: ${o.fanoutCount} rows, two instances (about ${Math.round(o.fanoutCount / 29.5)} s) …`);
      const f = await fanout(await createDatabase(found.url, "tusoi_bench_fanout"), o.fanoutCount, o.progress);
      console.log(`\nfan-out on PostgreSQL, two instances (one elected sender; fake Bot API: 30/s sliding, 1/s per chat)`);
      console.log(
        table(
          [
            ["fan-out", "value"],
            ["  messages", String(f.count)],
            ["  instances leading at start", String(f.senders)],
            ["  achieved (msg/s), limit 30", fmt(f.perSecond, 2)],
            ["  most accepted in any 1 s window", String(f.maxInWindow)],
            ["  429s returned", String(f.tooManyRequests)],
            ["  duplicates", String(f.duplicates)],
            ["  losses", String(f.losses)],
          ],
          [44, 10],
        ),
      );
      const fine = f.duplicates === 0 && f.losses === 0 && f.senders === 1;
      console.log(`check: 0 duplicates, 0 losses, one sender → ${fine ? "OK" : "MISMATCH"} (the SQLite fan-out is the table above)`);
      if (!fine) ok = false;
    }

    if (o.rollup) {
      const r = await rollups(found.url, o.rollup, o.progress);
      const row = (label: string, f: RollupFigures) => [label, fmt(f.medianMs, 1), fmt(f.p90Ms, 1), String(f.runs), fmt(f.generateMs / 1000, 1)];
      console.log(
        `\nprovince roll-up (/tonghop data + text at the root): ${o.rollup.districts} districts × ${o.rollup.cellsPerDistrict} cells × ${o.rollup.membersPerCell} members = ${r.postgres.members} members`,
      );
      console.log(table([["roll-up", "median ms", "p90 ms", "runs", "gen s"], row("  SQLite", r.sqlite), row("  PostgreSQL", r.postgres)], [44, 11, 9, 6, 8]));
      const same =
        r.sqlite.members === r.postgres.members &&
        r.sqlite.submitted === r.postgres.submitted &&
        r.postgres.members === o.rollup.districts * o.rollup.cellsPerDistrict * o.rollup.membersPerCell;
      console.log(
        `target: PostgreSQL < 2000 ms → ${r.postgres.medianMs < 2000 ? "PASS" : "FAIL"} (informational); check: both engines ${r.postgres.members} members, ${r.postgres.submitted} submitted → ${same ? "OK" : "MISMATCH"}`,
      );
      if (!same) ok = false;
      console.log(`\nweb on PostgreSQL, the same tree (server time, Fastify inject, signed in; the SQLite figures are the web table above)`);
      console.log(
        table(
          [["web page", "median ms", "p90 ms", "runs"], ...r.web.timings.map((t) => [`  ${t.label}`, fmt(t.medianMs, 1), fmt(t.p90Ms, 1), String(t.runs)])],
          [70, 11, 9, 6],
        ),
      );
      const [root, cell] = r.web.timings;
      const webOk = r.web.check.rootOk && r.web.check.cellOk;
      console.log(
        `target: root page < ${WEB_TARGETS.rootMs} ms, cell page < ${WEB_TARGETS.cellMs} ms → ${root!.medianMs < WEB_TARGETS.rootMs && cell!.medianMs < WEB_TARGETS.cellMs ? "PASS" : "FAIL"} (informational); check ${webOk ? "OK" : "MISMATCH"}`,
      );
      if (!webOk) ok = false;
    }
  } finally {
    found.stop();
  }
  return ok;
}
