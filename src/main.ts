/**
 * Composition root: config → database (migrated) and the app's ports → the Telegram channel
 * (renderer, outbox sender, bot) → scheduler → the one HTTP server (src/server, when PORT is set
 * or in webhook mode: /healthz, the Telegram webhook) → the webhook, or long polling with the
 * runner. Each dependency is built once, here, in that order.
 * The only place that reads process.env. SIGINT/SIGTERM stop polling and the server, and close
 * the database.
 */
import { existsSync } from "node:fs";
import { run } from "@grammyjs/runner";
import { Api, GrammyError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { createBot, menuCommands } from "./bot/index.js";
import { telegramFileDownloader } from "./bot/file-download.js";
import { TEMPLATE_LIMITS } from "./domain/templates.js";
import { parseConfig } from "./config.js";
import { pruneProcessedUpdates } from "./app/session.js";
import { pruneWebAccess } from "./app/web-sign-in.js";
import { composeApp } from "./infra/compose.js";
import { sqlitePath } from "./infra/db/client.js";
import { describePostgres } from "./infra/db/engine.js";
import { lockDatabase } from "./infra/db/process-lock.js";
import { createLogger } from "./infra/logger.js";
import { OutboxSender } from "./infra/outbox/sender.js";
import { SenderElection } from "./infra/outbox/election.js";
import { telegramApiCall } from "./bot/transport.js";
import { telegramSender } from "./bot/outbound.js";
import { startScheduler } from "./infra/scheduler.js";
import { telegramWebhook, webhookPath } from "./bot/webhook.js";
import { createServer } from "./server/index.js";
import { webPlugin } from "./web/index.js";
import { createRenderer } from "./bot/presenters/notifications.js";

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    console.error(parsed.error);
    process.exit(1);
  }
  const config = parsed.config;
  // Issue 20, first layer: the Zalo channel's parts exist (src/channels/zalo) but wait for the
  // channel-neutral core before they are wired here; until then Telegram must run.
  const botToken = config.botToken;
  if (botToken === null) {
    console.error("Only ZALO_BOT_TOKEN is set: the Zalo channel is not wired into the bot yet, so BOT_TOKEN is still needed for now.");
    process.exit(1);
  }
  // Before migrating: a second process on the same SQLite file stops here, not in
  // `prisma migrate deploy` with SQLITE_BUSY. The OS drops the lock when this process ends.
  // PostgreSQL takes several instances: its migrations run under an advisory lock instead.
  const lock = config.databaseEngine === "sqlite" ? lockDatabase(config.databaseUrl) : { release() {} };
  if (!lock) {
    console.error(`Another bot process is already using the database ${sqlitePath(config.databaseUrl)}; one process per SQLite file is supported (stop the other one first).`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel, [botToken, ...(config.zalo ? [config.zalo.token] : []), config.fileLinkSecret]);
  // Last line of defence: log, never die, for anything that escapes the handlers.
  process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled rejection"));
  // One line naming the channels that run (issue 20's contract).
  logger.info({ channels: ["telegram"] }, "channels: telegram");
  if (config.zalo) logger.warn("ZALO_BOT_TOKEN is set, but the Zalo channel is not wired into the bot yet: only Telegram runs");
  const runtime = await composeApp(config);
  const { app, i18n } = runtime;
  // Never the PostgreSQL password: host, port and database only.
  const database = config.databaseEngine === "postgresql" ? `postgresql ${describePostgres(config.databaseUrl)}` : config.databaseUrl;
  logger.info({ database }, "database ready (migrations applied)");

  // One plain getMe (the bot's own API retries network errors forever): a wrong token, a wrong
  // TELEGRAM_API_ROOT or no network stops start-up with one line instead of a silent bot.
  let botInfo: UserFromGetMe;
  try {
    botInfo = await new Api(botToken, { apiRoot: config.telegramApiRoot, timeoutSeconds: 30 }).getMe();
  } catch (error) {
    const reason = error instanceof GrammyError ? `${error.error_code} ${error.description}` : error instanceof Error ? error.message : String(error);
    console.error(`Cannot reach the Telegram Bot API at ${config.telegramApiRoot} (${reason}). Check BOT_TOKEN, TELEGRAM_API_ROOT and the network.`);
    await runtime.close();
    lock.release();
    process.exit(1);
  }

  // Every dependency once, in order: the messages' words, the outbox sender (with each
  // channel's sender: Telegram's, paced by Telegram's limits), the bot.
  const renderer = createRenderer(i18n, config.defaultLocale, botInfo.username, app.clock);
  const telegram = telegramSender({ call: telegramApiCall(botToken, config.telegramApiRoot), botUsername: botInfo.username });
  // On PostgreSQL several instances share the token's budget: one of them, elected by an
  // advisory lock, sends (election.ts); the others enqueue and wake it. SQLite: this process.
  let election: SenderElection | null = null;
  const sender = new OutboxSender(app.outbox, [telegram], logger, {
    mayClaim: () => election === null || election.leading,
  });
  const drain = () => sender.drain().catch((err: unknown) => logger.error({ err }, "outbox drain failed"));
  if (config.databaseEngine === "postgresql") {
    election = new SenderElection(config.databaseUrl, {
      // The old sender is gone: its claims are this one's now, not in 2 minutes.
      onElected: () => sender.takeOver(),
      onWake: () => void drain(),
      onError: (err) => logger.warn({ err }, "sender election: connection lost, retrying"),
    });
    await election.start();
    logger.info({ sender: election.leading }, election.leading ? "this instance sends the outbox" : "another instance sends the outbox");
  } else {
    // This process holds the SQLite file's lock: whoever claimed rows before (a process that
    // crashed mid-send) is gone, so its messages go now instead of after their lease.
    await sender.takeOver();
  }
  const bot = createBot(botToken, {
    app, i18n, defaultLocale: config.defaultLocale, logger,
    wakeSender: () => (election && !election.leading ? election.wake() : drain()),
    downloadFile: telegramFileDownloader(botToken, config.telegramApiRoot, TEMPLATE_LIMITS.fileBytes),
    webUrl: config.publicUrl !== null && config.httpPort !== null ? config.publicUrl : null,
  }, { client: { apiRoot: config.telegramApiRoot }, botInfo });
  try {
    await bot.api.setMyCommands(menuCommands(i18n.t("vi")));
    await bot.api.setMyCommands(menuCommands(i18n.t("en")), { language_code: "en" });
  } catch (error) {
    logger.warn({ err: error }, "could not set the command menu");
  }

  // Hourly: processed updates past their week, and the web's used or expired sign-in links and
  // ended sessions past their keeping time (app/web-sign-in.ts; the audit log stays).
  const prune = setInterval(() => {
    pruneProcessedUpdates(app).catch((err: unknown) => logger.warn({ err }, "prune failed"));
    pruneWebAccess(app).catch((err: unknown) => logger.warn({ err }, "web prune failed"));
  }, 3600_000);
  prune.unref();
  const scheduler = startScheduler({ cronExpression: config.schedulerTickCron, app, renderer, sender, logger });

  // The one HTTP server, whenever PORT is set (always in webhook mode): /healthz now; the
  // Telegram webhook in webhook mode; the Zalo webhook, file links and the web mount on it next.
  const server = config.httpPort === null ? null : createServer({
    logger, healthy: async () => (await app.users.findUser(0n), true),
  });
  if (server && config.webhook) {
    await server.register(telegramWebhook(bot, {
      secret: config.webhook.secret, path: webhookPath(config.webhook.url),
      onError: (err) => logger.error({ err }, "webhook request failed"),
    }));
  }
  if (server && config.publicUrl) {
    await server.register(webPlugin({ app, i18n, defaultLocale: config.defaultLocale, publicUrl: config.publicUrl }));
    if (config.publicUrl.startsWith("http:")) logger.warn({ publicUrl: config.publicUrl }, "PUBLIC_URL is http: the web's session cookies go without Secure (fine on an intranet or in a test; use https behind the TLS proxy in production)");
    else logger.info({ publicUrl: config.publicUrl }, "web enabled");
  } else if (config.publicUrl) {
    logger.warn("PUBLIC_URL is set but PORT is not: the web needs the HTTP server (set PORT)");
  }
  if (server) await server.listen({ port: config.httpPort!, host: "0.0.0.0" });

  // Long polling by default; a webhook when WEBHOOK_URL and WEBHOOK_SECRET are set.
  let runner: ReturnType<typeof run> | null = null;
  if (config.webhook) {
    const { url, secret } = config.webhook;
    await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: ["message", "callback_query"] });
    logger.info({ username: bot.botInfo.username, url, port: config.httpPort }, "webhook registered, listening");
  } else {
    runner = run(bot, { runner: { fetch: { allowed_updates: ["message", "callback_query"] } } });
    logger.info({ username: bot.botInfo.username, ...(server ? { port: config.httpPort } : {}) }, "polling started");
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    clearInterval(prune);
    if (runner?.isRunning()) await runner.stop();
    await server?.close();
    await scheduler.stop();
    await election?.stop();
    await runtime.close();
    lock.release();
    logger.info("stopped");
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(`Start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
