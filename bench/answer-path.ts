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
import type { Store } from "../src/app/ports.js";
import { decodeForm, encodeForm, NAME_OK } from "../src/bot/callback-data.js";
import { createBot, type BotDeps } from "../src/bot/index.js";
import { parseConfig } from "../src/config.js";
import type { AnswerValue } from "../src/domain/assessment.js";
import { composeRuntime } from "../src/infra/compose.js";
import { PrismaStore } from "../src/infra/db/store.js";
import { openCountingDatabase, type SqlCounter } from "./sql-counter.js";
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
  /** Time every Store call during the sequential phase (adds a little overhead). */
  profile: boolean;
  /** Progress lines (set-up, phases). */
  progress?: (line: string) => void;
}

export interface StoreTiming {
  method: string;
  callsPerUpdate: number;
  msPerUpdate: number;
}

export interface SqlProfile {
  statementsPerUpdate: number;
  /** Time in the driver adapter + SQLite per update; the rest of the Store time is Prisma's client. */
  driverMsPerUpdate: number;
  byKind: { kind: string; perUpdate: number }[];
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
  sqlProfile: SqlProfile | null;
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

/** Wraps every Store method to add its duration to `timings` while `enabled()` is true. */
function timedStore(store: Store, timings: Map<string, { calls: number; ms: number }>, enabled: () => boolean): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== "function" || typeof prop !== "string") return value;
      return (...args: unknown[]) => {
        const t0 = performance.now();
        const result: unknown = value.apply(target, args);
        // Prisma's queries are thenables (PrismaPromise), not always Promise instances.
        if (!enabled() || typeof (result as PromiseLike<unknown> | null)?.then !== "function") return result;
        return Promise.resolve(result).finally(() => {
          const entry = timings.get(prop) ?? { calls: 0, ms: 0 };
          entry.calls++;
          entry.ms += performance.now() - t0;
          timings.set(prop, entry);
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
  let runtime: Awaited<ReturnType<typeof composeRuntime>> | undefined;
  let profiledDb: { $disconnect(): Promise<void> } | undefined;
  try {
    const parsed = parseConfig({ BOT_TOKEN: BENCH_TOKEN, DATABASE_URL: `file:${path.join(dir, "bot.db")}`, LOG_LEVEL: "error" });
    if (!parsed.ok) throw new Error(parsed.error);
    const setupStart = performance.now();
    progress(`migrating ${parsed.config.databaseUrl} …`);
    runtime = await composeRuntime(parsed.config, logger);
    const { db } = runtime;

    // Profile mode: the bot's Store runs on a second connection whose driver adapter counts
    // statements (same adapter and pragmas as openDatabase), and every Store call is timed.
    let profiling = false;
    const timings = new Map<string, { calls: number; ms: number }>();
    let sql: { db: Awaited<ReturnType<typeof openCountingDatabase>>["db"]; counter: SqlCounter } | undefined;
    let deps: BotDeps = runtime.botDeps;
    if (options.profile) {
      sql = await openCountingDatabase(parsed.config.databaseUrl);
      profiledDb = sql.db;
      deps = { ...runtime.botDeps, app: { ...runtime.botDeps.app, store: timedStore(new PrismaStore(sql.db), timings, () => profiling) } };
    }

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
      const cell = await db.cell.findUnique({ where: { groupChatId: BigInt(group.id) } });
      if (!cell) throw new Error(`set-up failed: /chibo created no cell (${stub.lastSent.get(group.id)?.text ?? "no reply"})`);
      const people: Person[] = Array.from({ length: size }, (_, i) => ({ id: c * 100_000 + i + 1, first_name: "Đảng viên", last_name: `${label} ${i + 1}` }));
      for (const person of people) {
        await setupStep(updates.message(person, `/start j_${cell.joinCode}`), "/start j_…");
        await setupStep(updates.callback(person, stub.lastSent.get(person.id)!.messageId, NAME_OK), "name confirmation");
      }
      await setupStep(updates.message(secretary, `/dotmoi ${deadlineIn30Days()} Đợt ${label}`, group), "/dotmoi");
      if (!(await db.round.findFirst({ where: { cellId: cell.id, closedAt: null } }))) {
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
    if ((await db.answer.count()) !== 0) throw new Error("set-up wrote answers; the count check would be meaningless");

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
    if (sql) sql.counter.enabled = true;
    const seqBot = await drive(botSequential, deliver);
    profiling = false;
    if (sql) sql.counter.enabled = false;

    let concurrent: AnswerPathResult["concurrent"] = null;
    if (concurrency) {
      progress(`concurrent (${concurrency} in flight): ${answers} presses each …`);
      const concBare = await drive(bareConcurrent, (u) => bare.handleUpdate(u), concurrency);
      const concBot = await drive(botConcurrent, deliver, concurrency);
      concurrent = { concurrency, bare: concBare, bot: concBot };
    }

    const expectedAnswerRows = warmupStream.length + botSequential.length + botConcurrent.length;
    const answerRows = await db.answer.count();
    const refusals = stub.refusals - refusalsBefore;
    const errors = counter.errors - errorsBefore;
    const storeProfile = options.profile
      ? [...timings.entries()]
        .map(([method, t]) => ({ method, callsPerUpdate: t.calls / botSequential.length, msPerUpdate: t.ms / botSequential.length }))
        .sort((a, b) => b.msPerUpdate - a.msPerUpdate)
      : null;
    const n = botSequential.length;
    const sqlProfile = sql
      ? {
        statementsPerUpdate: sql.counter.statements / n, driverMsPerUpdate: sql.counter.driverMs / n,
        byKind: [...sql.counter.byKind.entries()].map(([kind, count]) => ({ kind, perUpdate: count / n })),
      }
      : null;
    return {
      members, answers, warmup: warmupStream.length, setupMs,
      sequential: { bare: seqBare, bot: seqBot }, concurrent,
      check: {
        expectedAnswerRows, answerRows, refusals, refusalTexts: stub.refusalTexts, errors,
        ok: answerRows === expectedAnswerRows && refusals === 0 && errors === 0,
      },
      storeProfile, sqlProfile,
    };
  } finally {
    await profiledDb?.$disconnect();
    await runtime?.db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}
