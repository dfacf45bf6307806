/**
 * One bot instance for the PostgreSQL benchmark (bench/postgres.ts), as its own process: the
 * app composed as main.ts composes it, on a shared PostgreSQL database. Talks to the parent in
 * JSON lines: it prints {"ready":…} when set up, waits for "go" on stdin, and prints its result.
 *
 *   node --import tsx bench/pg-instance.ts answer <url> <instance> <members> <concurrency>
 *     sets up one cell of <members> through its own bot (Telegram stubbed in-process), then on
 *     "go" presses every answer of every form, <concurrency> updates in flight; prints the
 *     latencies and its start and end on the wall clock (so the parent can add instances up).
 *   node --import tsx bench/pg-instance.ts sender <url> <apiRoot>
 *     joins the sender election with an OutboxSender over the fake Bot API at <apiRoot> (the
 *     production Pacer); prints {"ready":true,"leading":…}; sends when woken, until killed.
 */
import { createInterface } from "node:readline";
import { performance } from "node:perf_hooks";
import type { Update } from "grammy/types";
import pino from "pino";
import { decodeForm, encodeForm, NAME_OK } from "../src/bot/callback-data.js";
import { createBot } from "../src/bot/index.js";
import { telegramApiCall } from "../src/bot/transport.js";
import { telegramSender } from "../src/bot/outbound.js";
import { parseConfig } from "../src/config.js";
import type { AnswerValue } from "../src/domain/assessment.js";
import { composeApp } from "../src/infra/compose.js";
import { openStores } from "../src/infra/db/index.js";
import { SenderElection } from "../src/infra/outbox/election.js";
import { Pacer } from "../src/infra/outbox/pacer.js";
import { OutboxSender } from "../src/infra/outbox/sender.js";
import { FANOUT_TOKEN } from "./fanout.js";
import { BENCH_TOKEN, BOT_INFO, telegramStub, UpdateFactory, type Group, type Person } from "./telegram-stub.js";

const ITEMS = 27;
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
const lines = createInterface({ input: process.stdin });
const nextLine = () => new Promise<string>((resolve) => lines.once("line", resolve));

function answerFor(member: number, item: number): AnswerValue {
  const r = (member * 31 + item * 7) % 20;
  return r < 16 ? "NONE" : r < 19 ? "MINOR" : "SIGNIFICANT";
}

async function answerInstance(url: string, instance: number, members: number, concurrency: number): Promise<void> {
  const parsed = parseConfig({ BOT_TOKEN: BENCH_TOKEN, DATABASE_URL: url, LOG_LEVEL: "error" });
  if (!parsed.ok) throw new Error(parsed.error);
  const runtime = await composeApp(parsed.config, { migrate: false });
  const stub = telegramStub();
  let errors = 0;
  const bot = createBot(BENCH_TOKEN, { app: runtime.app, i18n: runtime.i18n, defaultLocale: "vi", logger: pino({ level: "silent" }) }, { botInfo: BOT_INFO });
  bot.api.config.use(stub.transformer);
  bot.catch(() => errors++);
  const factory = new UpdateFactory();
  // Update ids are de-duplicated in the shared database: each instance has its own range.
  const shifted = (update: Update) => ({ ...update, update_id: update.update_id + instance * 10_000_000 });
  const deliver = (update: Update) =>
    bot.handleUpdate(shifted(update)).catch(() => {
      errors++;
    });

  const base = 7_000_000 * (instance + 1);
  const group: Group = { id: -2_000_000_000 - instance, title: `Chi bộ máy ${instance}` };
  const secretary: Person = { id: base, first_name: "Bí thư", last_name: `máy ${instance}` };
  await deliver(factory.message(secretary, `/chibo Chi bộ máy ${instance}`, group));
  const cell = await runtime.app.cells.findCellByGroup({ channel: "telegram", address: String(group.id) });
  if (!cell) throw new Error("set-up: /chibo created no cell");
  const people: Person[] = Array.from({ length: members }, (_, i) => ({ id: base + i + 1, first_name: "Đảng viên", last_name: `${instance}.${i + 1}` }));
  for (const person of people) {
    await deliver(factory.message(person, `/start j_${cell.joinCode}`));
    await deliver(factory.callback(person, stub.lastSent.get(person.id)!.messageId, NAME_OK));
  }
  const deadline = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", day: "2-digit", month: "2-digit", year: "numeric" }).format(
    new Date(Date.now() + 30 * 86_400_000),
  );
  await deliver(factory.message(secretary, `/dotmoi ${deadline} Đợt máy ${instance}`, group));
  const forms: { person: Person; messageId: number; id: number }[] = [];
  for (const person of people) {
    await deliver(factory.message(person, "/tusoi"));
    const sent = stub.lastSent.get(person.id)!;
    const button = sent.keyboard?.inline_keyboard[0]?.[0];
    const action = button && "callback_data" in button ? decodeForm(button.callback_data!) : null;
    if (action?.action !== "answer") throw new Error(`set-up: /tusoi did not show question 1 (${sent.text.slice(0, 100)})`);
    forms.push({ person, messageId: sent.messageId, id: action.id });
  }
  const stream: Update[] = [];
  for (let item = 0; item < ITEMS; item++) {
    forms.forEach((form, m) =>
      stream.push(factory.callback(form.person, form.messageId, encodeForm({ action: "answer", id: form.id, index: item, value: answerFor(m, item) }))),
    );
  }
  const refusalsBefore = stub.refusals;
  const errorsBefore = errors;
  print({ ready: true, updates: stream.length });
  await nextLine();

  const latencies: number[] = new Array<number>(stream.length);
  let next = 0;
  const startedAt = performance.timeOrigin + performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < stream.length) {
        const i = next++;
        const t0 = performance.now();
        await deliver(stream[i]!);
        latencies[i] = performance.now() - t0;
      }
    }),
  );
  const endedAt = performance.timeOrigin + performance.now();
  print({ result: true, startedAt, endedAt, latencies, refusals: stub.refusals - refusalsBefore, errors: errors - errorsBefore });
  await runtime.close();
  process.exit(0);
}

async function senderInstance(url: string, apiRoot: string): Promise<void> {
  const opened = await openStores(url);
  let election: SenderElection | null = null;
  const sender = new OutboxSender(
    opened.stores.outbox,
    [telegramSender({ call: telegramApiCall(FANOUT_TOKEN, apiRoot), botUsername: "fanout_bot", pacer: new Pacer() })],
    undefined,
    {
      mayClaim: () => election?.leading === true,
    },
  );
  election = new SenderElection(url, { retryMs: 500, onWake: () => void sender.drain() });
  await election.start();
  print({ ready: true, leading: election.leading, worker: sender.worker });
  setInterval(() => print({ stats: sender.stats, leading: election.leading }), 1000);
}

const [mode, url, ...rest] = process.argv.slice(2);
if (mode === "answer") await answerInstance(url!, Number(rest[0]), Number(rest[1]), Number(rest[2]));
else if (mode === "sender") await senderInstance(url!, rest[0]!);
else throw new Error(`unknown mode ${mode}`);
