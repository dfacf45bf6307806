/**
 * The answer path: members pressing answer buttons on their tự soi form, handled by the real
 * createBot stack (sequentialize, de-dup, identity, features) on a real, migrated SQLite file,
 * with Telegram stubbed in-process. Compared with a bare grammY bot that only answers the
 * callback query, fed the same number of updates the same way.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Bot, type Transformer } from "grammy";
import type { Update } from "grammy/types";
import pino, { type Logger } from "pino";
import Database from "better-sqlite3";
import type { AppDeps } from "../src/app/deps.js";
import type { Stores } from "../src/app/ports.js";
import { decodeForm, encodeForm, NAME_OK } from "../src/bot/callback-data.js";
import { createBot, type BotDeps } from "../src/bot/index.js";
import { parseConfig } from "../src/config.js";
import type { AnswerValue } from "../src/domain/assessment.js";
import { composeApp } from "../src/infra/compose.js";
import { drive, type Figures } from "./stats.js";
import { BENCH_TOKEN, BOT_INFO, telegramStub, UpdateFactory, type Group, type Person } from "./telegram-stub.js";

/** Items on the default checklist: one answer per item. */
export const ITEMS_PER_FORM = 27;

export interface AnswerPathOptions {
  /** Members per measured cell. */
  members: number;
  /** Measured answer presses (each phase); at most members × 27 (members are added otherwise). */
  answers: number;
  /** Unmeasured presses first, in a separate cell (and as many for the bare bot). */
  warmup: number;
  /** In-flight updates for the concurrent figure; 0 or 1 skips it. */
  concurrency: number;
  /** Time every port call during the sequential phase (adds a little overhead). */
  profile: boolean;
  /** Progress lines (set-up, phases). */
  progress?: (line: string) => void;
}

export interface StoreTiming {
  method: string;
  callsPerUpdate: number;
  msPerUpdate: number;
}

export interface AnswerPathResult {
  members: number;
  answers: number;
  warmup: number;
  setupMs: number;
  sequential: { bare: Figures; bot: Figures };
  concurrent: { concurrency: number; bare: Figures; bot: Figures } | null;
  check: {
    expectedAnswerRows: number;
    answerRows: number;
    /** answerCallbackQuery with a text (stale/forged/not-member/error) during the measured phases. */
    refusals: number;
    refusalTexts: string[];
    /** Errors logged by the bot's error handler (bot.catch) or thrown out of handleUpdate. */
    errors: number;
    ok: boolean;
  };
  /** Store calls during the sequential phase, per update (profile mode only). */
  storeProfile: StoreTiming[] | null;
  /** SQL statements during the sequential phase, per update (profile mode only). */
}

interface Form {
  person: Person;
  messageId: number;
  assessmentId: number;
}

/** dd/mm/yyyy about 30 days after today, in the cells' default time zone. */
function deadlineIn30Days(): string {
  const day = new Date(Date.now() + 30 * 24 * 3600_000);
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric" }).format(day);
}

/** Mostly "no", some minor, a few significant; deterministic. */
function answerFor(member: number, item: number): AnswerValue {
  const r = (member * 31 + item * 7) % 20;
  return r < 16 ? "NONE" : r < 19 ? "MINOR" : "SIGNIFICANT";
}

/** Logger at "error" on stderr that also counts what it logs at error level and above. */
function errorLogger(counter: { errors: number }): Logger {
  return pino(
    {
      level: "error",
      base: undefined,
      hooks: {
        logMethod(args, method, level) {
          if (level >= 50) counter.errors++;
          method.apply(this, args);
        },
      },
    },
    pino.destination({ dest: 2, sync: true }),
  );
}

export const PORTS: (keyof Stores)[] = [
  "answerPath",
  "updates",
  "users",
  "cells",
  "members",
  "rounds",
  "assessments",
  "progress",
  "outbox",
  "reports",
  "audit",
];

/** Every port of `app` with its calls timed (as "port.method") while `enabled()` is true. */
export function timedPorts(app: AppDeps, timings: Map<string, { calls: number; ms: number }>, enabled: () => boolean): AppDeps {
  const timed = { ...app } as Record<string, unknown>;
  for (const port of PORTS) timed[port] = timedPort(app[port], port, timings, enabled);
  return timed as unknown as AppDeps;
}

function timedPort<T extends object>(port: T, name: string, timings: Map<string, { calls: number; ms: number }>, enabled: () => boolean): T {
  return new Proxy(port, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== "function" || typeof prop !== "string") return value;
      return (...args: unknown[]) => {
        const t0 = performance.now();
        const result: unknown = value.apply(target, args);
        // Prisma's queries are thenables (PrismaPromise), not always Promise instances.
        if (!enabled() || typeof (result as PromiseLike<unknown> | null)?.then !== "function") return result;
        return Promise.resolve(result).finally(() => {
          const key = `${name}.${prop}`;
          const entry = timings.get(key) ?? { calls: 0, ms: 0 };
          entry.calls++;
          entry.ms += performance.now() - t0;
          timings.set(key, entry);
        });
      };
    },
  });
}

/** A bare grammY bot: answers every callback query, nothing else. */
function bareBot(transformer: Transformer): Bot {
  const bot = new Bot(BENCH_TOKEN, { botInfo: BOT_INFO });
  bot.api.config.use(transformer);
  bot.on("callback_query:data", (ctx) => ctx.answerCallbackQuery());
  return bot;
}

/** The stream of presses: round-robin over members (consecutive updates come from different members), item by item. */
function answerStream(updates: UpdateFactory, forms: readonly Form[], count: number): Update[] {
  const stream: Update[] = [];
  for (let item = 0; item < ITEMS_PER_FORM && stream.length < count; item++) {
    for (let m = 0; m < forms.length && stream.length < count; m++) {
      const form = forms[m]!;
      const data = encodeForm({ action: "answer", id: form.assessmentId, index: item, value: answerFor(m, item) });
      stream.push(updates.callback(form.person, form.messageId, data));
    }
  }
  return stream;
}

export async function runAnswerPathBench(options: AnswerPathOptions): Promise<AnswerPathResult> {
  const progress = options.progress ?? (() => {});
  const answers = Math.max(1, options.answers);
  const members = Math.max(options.members, Math.ceil(answers / ITEMS_PER_FORM));
  const warmup = Math.max(0, options.warmup);
  const concurrency = options.concurrency > 1 ? options.concurrency : 0;

  const dir = mkdtempSync(path.join(tmpdir(), "tusoi-bench-"));
  const counter = { errors: 0 };
  const logger = errorLogger(counter);
  let runtime: Awaited<ReturnType<typeof composeApp>> | undefined;
  let counts: Database.Database | undefined;
  try {
    const parsed = parseConfig({ BOT_TOKEN: BENCH_TOKEN, DATABASE_URL: `file:${path.join(dir, "bot.db")}`, LOG_LEVEL: "error" });
    if (!parsed.ok) throw new Error(parsed.error);
    const setupStart = performance.now();
    progress(`migrating ${parsed.config.databaseUrl} …`);
    runtime = await composeApp(parsed.config);
    // The check reads the table on its own connection.
    counts = new Database(path.join(dir, "bot.db"), { readonly: true });
    const answerRowCount = () => Number((counts!.prepare(`SELECT COUNT(*) AS n FROM "Answer"`).get() as { n: number }).n);

    // Profile mode: every port call is timed.
    let profiling = false;
    const timings = new Map<string, { calls: number; ms: number }>();
    const app = options.profile ? timedPorts(runtime.app, timings, () => profiling) : runtime.app;
    const deps: BotDeps = { app, i18n: runtime.i18n, defaultLocale: parsed.config.defaultLocale, logger };

    const stub = telegramStub();
    const bot = createBot(BENCH_TOKEN, deps, { botInfo: BOT_INFO });
    bot.api.config.use(stub.transformer);
    const updates = new UpdateFactory();

    /** What the runner does: handle, and pass anything thrown to the bot's error handler. */
    const deliver = async (update: Update) => {
      try {
        await bot.handleUpdate(update);
      } catch (error) {
        await bot.errorHandler(error as Parameters<typeof bot.errorHandler>[0]);
      }
    };
    const setupStep = async (update: Update, what: string) => {
      const before = counter.errors + stub.refusals;
      await deliver(update);
      if (counter.errors + stub.refusals !== before) throw new Error(`set-up failed at ${what} (see the log above)`);
    };

    /** A cell through the bot itself: /chibo, members join and confirm names, /dotmoi, each member /tusoi once. */
    let cellNumber = 0;
    const setupCell = async (label: string, size: number): Promise<Form[]> => {
      const c = ++cellNumber;
      const group: Group = { id: -1_000_000_000 - c, title: `Chi bộ ${label}` };
      const secretary: Person = { id: c * 100_000, first_name: "Bí thư", last_name: `${label}` };
      await setupStep(updates.message(secretary, `/chibo Chi bộ ${label}`, group), "/chibo");
      const cell = await runtime!.app.cells.findCellByGroup({ channel: "telegram", address: String(group.id) });
      if (!cell) throw new Error(`set-up failed: /chibo created no cell (${stub.lastSent.get(group.id)?.text ?? "no reply"})`);
      const people: Person[] = Array.from({ length: size }, (_, i) => ({ id: c * 100_000 + i + 1, first_name: "Đảng viên", last_name: `${label} ${i + 1}` }));
      for (const person of people) {
        await setupStep(updates.message(person, `/start j_${cell.joinCode}`), "/start j_…");
        await setupStep(updates.callback(person, stub.lastSent.get(person.id)!.messageId, NAME_OK), "name confirmation");
      }
      await setupStep(updates.message(secretary, `/dotmoi ${deadlineIn30Days()} Đợt ${label}`, group), "/dotmoi");
      if (!(await runtime!.app.rounds.findOpenRound(cell.id))) {
        throw new Error(`set-up failed: /dotmoi opened no round (${stub.lastSent.get(group.id)?.text ?? "no reply"})`);
      }
      const forms: Form[] = [];
      for (const person of people) {
        await setupStep(updates.message(person, "/tusoi"), "/tusoi");
        const sent = stub.lastSent.get(person.id)!;
        const data = sent.keyboard?.inline_keyboard[0]?.[0];
        const action = data && "callback_data" in data ? decodeForm(data.callback_data!) : null;
        if (action?.action !== "answer" || action.index !== 0) throw new Error(`set-up failed: /tusoi did not show question 1 (${sent.text.slice(0, 120)})`);
        forms.push({ person, messageId: sent.messageId, assessmentId: action.id });
      }
      return forms;
    };

    progress(`setting up cells through the bot (${warmup > 0 ? "warm-up, " : ""}sequential${concurrency ? ", concurrent" : ""}) …`);
    const warmupForms = warmup > 0 ? await setupCell("Warm-up", Math.ceil(warmup / ITEMS_PER_FORM)) : [];
    const sequentialForms = await setupCell("Tuần tự", members);
    const concurrentForms = concurrency ? await setupCell("Đồng thời", members) : [];
    const setupMs = performance.now() - setupStart;
    if (answerRowCount() !== 0) throw new Error("set-up wrote answers; the count check would be meaningless");

    // Streams are built before timing starts.
    const bareStub = telegramStub();
    const bare = bareBot(bareStub.transformer);
    const warmupStream = answerStream(updates, warmupForms, warmup);
    const bareWarmupStream = answerStream(updates, warmupForms, warmup);
    const bareSequential = answerStream(updates, sequentialForms, answers);
    const botSequential = answerStream(updates, sequentialForms, answers);
    const bareConcurrent = concurrency ? answerStream(updates, concurrentForms, answers) : [];
    const botConcurrent = concurrency ? answerStream(updates, concurrentForms, answers) : [];

    if (warmup > 0) {
      progress(`warm-up: ${warmupStream.length} presses (not measured) …`);
      await drive(bareWarmupStream, (u) => bare.handleUpdate(u));
      await drive(warmupStream, deliver);
    }
    const refusalsBefore = stub.refusals;
    const errorsBefore = counter.errors;
    if (warmup > 0 && (refusalsBefore > 0 || errorsBefore > 0)) {
      throw new Error(`warm-up failed: ${refusalsBefore} refused presses (${stub.refusalTexts.join(" | ")}), ${errorsBefore} errors`);
    }

    progress(`sequential: ${answers} presses each …`);
    const seqBare = await drive(bareSequential, (u) => bare.handleUpdate(u));
    profiling = options.profile;
    // CPU time of the measured phase: what the bot's work costs per update, much less moved by other
    // processes on the machine than the wall-clock figures (it is the figure to compare two commits by).
    const cpu0 = process.cpuUsage();
    const seqBot = await drive(botSequential, deliver);
    const cpu = process.cpuUsage(cpu0);
    progress(`sequential: the bot's CPU ${((cpu.user + cpu.system) / 1000 / answers).toFixed(3)} ms per update (user + system)`);
    profiling = false;

    let concurrent: AnswerPathResult["concurrent"] = null;
    if (concurrency) {
      progress(`concurrent (${concurrency} in flight): ${answers} presses each …`);
      const concBare = await drive(bareConcurrent, (u) => bare.handleUpdate(u), concurrency);
      const concBot = await drive(botConcurrent, deliver, concurrency);
      concurrent = { concurrency, bare: concBare, bot: concBot };
    }

    const expectedAnswerRows = warmupStream.length + botSequential.length + botConcurrent.length;
    const answerRows = answerRowCount();
    const refusals = stub.refusals - refusalsBefore;
    const errors = counter.errors - errorsBefore;
    const storeProfile = options.profile
      ? [...timings.entries()]
          .map(([method, t]) => ({ method, callsPerUpdate: t.calls / botSequential.length, msPerUpdate: t.ms / botSequential.length }))
          .sort((a, b) => b.msPerUpdate - a.msPerUpdate)
      : null;
    return {
      members,
      answers,
      warmup: warmupStream.length,
      setupMs,
      sequential: { bare: seqBare, bot: seqBot },
      concurrent,
      check: {
        expectedAnswerRows,
        answerRows,
        refusals,
        refusalTexts: stub.refusalTexts,
        errors,
        ok: answerRows === expectedAnswerRows && refusals === 0 && errors === 0,
      },
      storeProfile,
    };
  } finally {
    counts?.close();
    await runtime?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
