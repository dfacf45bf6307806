/**
 * Telegram as a channel (src/channels/channel.ts): checks the token with one getMe, builds the
 * bot (createBot) and its outbox sender (paced by Telegram's limits), sets the command menu,
 * and receives by webhook (its route on the one HTTP server) or by long polling with the runner.
 */
import { run } from "@grammyjs/runner";
import { Api, GrammyError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Channel, ChannelFactory } from "../channels/channel.js";
import { ChannelStartError } from "../channels/channel.js";
import { TEMPLATE_LIMITS } from "../domain/templates.js";
import { telegramFileDownloader } from "./file-download.js";
import { createBot, menuCommands } from "./index.js";
import { telegramSender } from "./outbound.js";
import { TELEGRAM } from "./context.js";
import { telegramApiCall } from "./transport.js";
import { telegramWebhook, webhookPath } from "./webhook.js";

export interface TelegramChannelConfig {
  token: string;
  apiRoot: string;
  /** Webhook mode when set (the route mounts on the HTTP server), else long polling. */
  webhook: { url: string; secret: string } | null;
  /** Where `/web` links point (PUBLIC_URL with the HTTP server), or null: no web. */
  webUrl: string | null;
  /** Zalo runs too (ZALO_BOT_TOKEN): /thamgia in a group also shows the Zalo way. */
  zaloRuns?: boolean;
}

export function telegramChannel(config: TelegramChannelConfig): ChannelFactory {
  return async (host) => {
    const { app, i18n, defaultLocale, logger } = host;
    // One plain getMe (the bot's own API retries network errors forever): a wrong token, a wrong
    // TELEGRAM_API_ROOT or no network stops start-up with one line instead of a silent bot.
    let botInfo: UserFromGetMe;
    try {
      botInfo = await new Api(config.token, { apiRoot: config.apiRoot, timeoutSeconds: 30 }).getMe();
    } catch (error) {
      const reason = error instanceof GrammyError ? `${error.error_code} ${error.description}` : error instanceof Error ? error.message : String(error);
      throw new ChannelStartError(`Cannot reach the Telegram Bot API at ${config.apiRoot} (${reason}). Check BOT_TOKEN, TELEGRAM_API_ROOT and the network.`);
    }
    const sender = telegramSender({ call: telegramApiCall(config.token, config.apiRoot), botUsername: botInfo.username });
    const bot = createBot(
      config.token,
      {
        app,
        i18n,
        defaultLocale,
        logger,
        wakeSender: () => host.wakeSender(),
        downloadFile: telegramFileDownloader(config.token, config.apiRoot, TEMPLATE_LIMITS.fileBytes),
        webUrl: config.webUrl,
        zaloRuns: config.zaloRuns ?? false,
      },
      { client: { apiRoot: config.apiRoot }, botInfo },
    );
    try {
      await bot.api.setMyCommands(menuCommands(i18n.t("vi")));
      await bot.api.setMyCommands(menuCommands(i18n.t("en")), { language_code: "en" });
    } catch (error) {
      logger.warn({ err: error }, "could not set the command menu");
    }

    let runner: ReturnType<typeof run> | null = null;
    const webhook = config.webhook;
    const channel: Channel = {
      name: TELEGRAM,
      sender,
      ...(webhook
        ? {
            routes: telegramWebhook(bot, {
              secret: webhook.secret,
              path: webhookPath(webhook.url),
              onError: (err) => logger.error({ err }, "webhook request failed"),
            }),
          }
        : {}),
      async start() {
        if (webhook) {
          await bot.api.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: ["message", "callback_query"] });
          logger.info({ username: botInfo.username, url: webhook.url }, "webhook registered, listening");
        } else {
          runner = run(bot, { runner: { fetch: { allowed_updates: ["message", "callback_query"] } } });
          logger.info({ username: botInfo.username }, "polling started");
        }
      },
      async stop() {
        if (runner?.isRunning()) await runner.stop();
      },
    };
    return channel;
  };
}
