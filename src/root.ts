/**
 * The composition root: config → database (migrated) and the app's ports → the channels (each
 * builds its sender and its inbound side) → the one outbox sender over every channel's sender →
 * scheduler → the one HTTP server (src/server, when PORT is set: /healthz, each channel's
 * webhook route, the web) → each channel starts receiving. Each dependency is built once, here,
 * in that order. main.ts reads the environment and calls startApp; a test can call it with a
 * channel of its own (test/support/text-channel/), and the app's clock: a channel is plugged in
 * here and nowhere else.
 */
import type { Logger } from "pino";
import { pruneProcessedUpdates } from "./app/session.js";
import { pruneWebAccess } from "./app/web-sign-in.js";
import type { Channel, ChannelFactory, ChannelHost } from "./channels/channel.js";
import { ChannelStartError } from "./channels/channel.js";
import { telegramChannel } from "./bot/channel.js";
import { createRenderer } from "./bot/presenters/notifications.js";
import { createCommitteeRenderer } from "./bot/presenters/committee.js";
import type { Config } from "./config.js";
import { composeApp } from "./infra/compose.js";
import { sqlitePath } from "./infra/db/client.js";
import { describePostgres } from "./infra/db/engine.js";
import { lockDatabase } from "./infra/db/process-lock.js";
import { createLogger } from "./infra/logger.js";
import { SenderElection } from "./infra/outbox/election.js";
import { OutboxSender } from "./infra/outbox/sender.js";
import { startScheduler } from "./infra/scheduler.js";
import { createServer } from "./server/index.js";
import { webPlugin } from "./web/index.js";
import { purgeExpiredFiles } from "./app/file-links.js";
import { zaloChannel } from "./channels/zalo/channel.js";
import { DiskFileStore, fileLinkRoute } from "./server/file-links.js";

export interface StartOptions {
  /** Channels besides the configured ones (a test's own channel). */
  channels?: ChannelFactory[];
  /** The app's clock (a test's, moved by hand); default the system's. The scheduler and the outbox sender read it too. */
  clock?: () => Date;
}

export interface Running {
  logger: Logger;
  /** One scheduler tick now: enqueues what is due at the app's clock, then sends the outbox. */
  tick(): Promise<void>;
  /** Stops receiving, the server, the scheduler and the sender, and closes the database. */
  stop(): Promise<void>;
}

/** Why the bot cannot start, in one line for the operator (main.ts prints it and exits 1). */
export class StartError extends Error {}

/** The channels the configuration turns on, in order. */
function configuredChannels(config: Config, files: DiskFileStore | null): ChannelFactory[] {
  const channels: ChannelFactory[] = [];
  if (config.botToken !== null) {
    channels.push(
      telegramChannel({
        token: config.botToken,
        apiRoot: config.telegramApiRoot,
        webhook: config.webhook,
        webUrl: config.publicUrl !== null && config.httpPort !== null ? config.publicUrl : null,
        zaloRuns: config.zalo !== null,
      }),
    );
  }
  if (config.zalo) channels.push(zaloChannel({ zalo: config.zalo, files: files && { store: files, secret: config.fileLinkSecret } }));
  return channels;
}

export async function startApp(config: Config, options: StartOptions = {}): Promise<Running> {
  // Files sent as links (<PUBLIC_URL>/f/<token>) need the HTTP server and its public address.
  const files = config.publicUrl !== null && config.httpPort !== null ? new DiskFileStore(config.filesDir) : null;
  const factories = [...configuredChannels(config, files), ...(options.channels ?? [])];
  if (factories.length === 0) throw new StartError("No channel to run: set BOT_TOKEN (Telegram) or ZALO_BOT_TOKEN (Zalo).");
  // Before migrating: a second process on the same SQLite file stops here, not in
  // `prisma migrate deploy` with SQLITE_BUSY. The OS drops the lock when this process ends.
  // PostgreSQL takes several instances: its migrations run under an advisory lock instead.
  const lock = config.databaseEngine === "sqlite" ? lockDatabase(config.databaseUrl) : { release() {} };
  if (!lock) {
    throw new StartError(
      `Another bot process is already using the database ${sqlitePath(config.databaseUrl)}; one process per SQLite file is supported (stop the other one first).`,
    );
  }
  const secrets = [config.botToken, config.zalo?.token ?? null, config.fileLinkSecret].filter((s): s is string => typeof s === "string" && s !== "");
  const logger = createLogger(config.logLevel, secrets);
  // Last line of defence: log, never die, for anything that escapes the handlers.
  process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled rejection"));
  const runtime = await composeApp(config, options.clock ? { clock: options.clock } : {});
  const { app, i18n } = runtime;
  // Never the PostgreSQL password: host, port and database only.
  const database = config.databaseEngine === "postgresql" ? `postgresql ${describePostgres(config.databaseUrl)}` : config.databaseUrl;
  logger.info({ database }, "database ready (migrations applied)");

  // The messages' words (channel-neutral), for the scheduler and every channel.
  const renderer = createRenderer(i18n, config.defaultLocale, "", app.clock);
  // The channels, each once; the sender is woken through `wake`, bound once the sender exists.
  let wake: () => Promise<void> = async () => {};
  const host: ChannelHost = {
    app,
    i18n,
    defaultLocale: config.defaultLocale,
    logger,
    renderer,
    committeeRenderer: createCommitteeRenderer(i18n, config.defaultLocale, ""),
    wakeSender: () => wake(),
    publicUrl: config.publicUrl !== null && config.httpPort !== null ? config.publicUrl : null,
  };
  const channels: Channel[] = [];
  try {
    for (const factory of factories) channels.push(await factory(host));
  } catch (error) {
    await runtime.close();
    lock.release();
    if (error instanceof ChannelStartError) throw new StartError(error.message);
    throw error;
  }
  // One line naming the channels that run (issue 20's contract).
  logger.info({ channels: channels.map((c) => c.name) }, `channels: ${channels.map((c) => c.name).join(", ")}`);

  // The outbox sender over every channel's sender.
  // On PostgreSQL several instances share the tokens' budget: one of them, elected by an
  // advisory lock, sends (election.ts); the others enqueue and wake it. SQLite: this process.
  let election: SenderElection | null = null;
  const sender = new OutboxSender(
    app.outbox,
    channels.map((c) => c.sender),
    logger,
    {
      mayClaim: () => election === null || election.leading,
      clock: app.clock,
    },
  );
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
  // Resolves when this process's drain ends (a feature that reports what was sent awaits it).
  wake = async () => {
    if (election && !election.leading) await election.wake();
    else await drain();
  };

  const prune = setInterval(() => {
    pruneProcessedUpdates(app).catch((err: unknown) => logger.warn({ err }, "prune failed"));
    pruneWebAccess(app).catch((err: unknown) => logger.warn({ err }, "web prune failed"));
    if (files) purgeExpiredFiles({ store: files, now: app.clock }).catch((err: unknown) => logger.warn({ err }, "file purge failed"));
  }, 3600_000);
  prune.unref();
  const scheduler = startScheduler({ cronExpression: config.schedulerTickCron, app, renderer, sender, logger });

  // The one HTTP server, whenever PORT is set (always in webhook mode): /healthz, each channel's
  // webhook route, the web.
  const server =
    config.httpPort === null
      ? null
      : createServer({
          logger,
          healthy: async () => (await app.users.findUser(0n), true),
        });
  if (server) for (const channel of channels) if (channel.routes) await server.register(channel.routes);
  if (server && files) {
    const t = i18n.t(config.defaultLocale);
    await server.register(fileLinkRoute({ store: files, secret: config.fileLinkSecret, now: app.clock, t: (key) => t(key) }));
  }
  if (server && config.publicUrl) {
    await server.register(webPlugin({ app, i18n, defaultLocale: config.defaultLocale, publicUrl: config.publicUrl }));
    if (config.publicUrl.startsWith("http:"))
      logger.warn(
        { publicUrl: config.publicUrl },
        "PUBLIC_URL is http: the web's session cookies go without Secure (fine on an intranet or in a test; use https behind the TLS proxy in production)",
      );
    else logger.info({ publicUrl: config.publicUrl }, "web enabled");
  } else if (config.publicUrl) {
    logger.warn("PUBLIC_URL is set but PORT is not: the web needs the HTTP server (set PORT)");
  }
  if (server) {
    await server.listen({ port: config.httpPort!, host: "0.0.0.0" });
    logger.info({ port: config.httpPort }, "HTTP server listening");
  }
  // Receiving starts last: every update finds the whole bot built.
  for (const channel of channels) await channel.start();

  let stopping: Promise<void> | null = null;
  return {
    logger,
    tick: () => scheduler.tick(),
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(prune);
        for (const channel of channels) await channel.stop();
        await server?.close();
        await scheduler.stop();
        await election?.stop();
        await runtime.close();
        lock.release();
        logger.info("stopped");
      })()),
  };
}
