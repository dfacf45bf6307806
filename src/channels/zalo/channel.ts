/**
 * Zalo as a channel (src/channels/channel.ts), the shape of Telegram's (src/bot/channel.ts):
 * checks the token with one getMe (a wrong token or an unreachable ZALO_API_ROOT stops start-up
 * with one line), builds the outbox's ZaloSender (its own ZaloPacer; files as signed links
 * `<PUBLIC_URL>/f/<token>`, or the "files need PUBLIC_URL" line without one), and receives by
 * webhook (POST /zalo on the one HTTP server, when ZALO_WEBHOOK_SECRET with PUBLIC_URL and PORT;
 * getUpdates is then never called) or by long polling.
 *
 * A person's text in a private chat goes through the shared text conversation
 * (src/channels/text-conversation.ts, limit 2,000) and each reply part is sent back to that chat
 * at once with sendMessage, paced by the same ZaloPacer as the outbox's messages (one pace per
 * bot), a 429 retried after Zalo's back-off; a reply with a file goes through the ZaloSender's
 * file-link path. In a group (beta at Zalo), a command that mentions the bot is answered in the
 * group (group.ts: linking it to a cell, the join line, the group's share); anything else there
 * is ignored. The outbox's messages for a unit's Zalo group go to the group's chat id like any
 * other chat, paced per chat.
 */
import { issueFileLink, type FileStore } from "../../app/file-links.js";
import type { ZaloConfig } from "../../config.js";
import type { Channel, ChannelFactory } from "../channel.js";
import { ChannelStartError } from "../channel.js";
import { textConversation } from "../text-conversation.js";
import { renderText, ZALO_TEXT_LIMIT } from "../text-render.js";
import { textWording } from "../text-wording.js";
import type { ChannelSender } from "../../app/messages.js";
import { escapeMarkup } from "../../app/screens/screen.js";
import { retryOnRateLimit, ZaloApi, ZaloApiError, type ZaloBotInfo } from "./api.js";
import { zaloInbound, type InboundEvent } from "./index.js";
import { ZaloPacer } from "./pacer.js";
import { ZaloSender } from "./sender.js";
import { groupReplies } from "./group.js";

export const ZALO = "zalo";

export interface ZaloChannelConfig {
  zalo: ZaloConfig;
  /** Where linked files are kept and how links are signed; null when files cannot go as links (no PUBLIC_URL with PORT). */
  files: { store: FileStore; secret: string } | null;
}

export function zaloChannel(config: ZaloChannelConfig): ChannelFactory {
  return async (host) => {
    const { logger, i18n, defaultLocale, app } = host;
    const { zalo } = config;
    const api = new ZaloApi({ token: zalo.token, baseUrl: zalo.apiRoot });
    let me: ZaloBotInfo;
    try {
      me = await api.getMe();
    } catch (error) {
      const reason = error instanceof ZaloApiError ? `${error.errorCode} ${error.description}` : error instanceof Error ? error.message : String(error);
      throw new ChannelStartError(`Cannot reach the Zalo Bot API at ${zalo.apiRoot} (${reason}). Check ZALO_BOT_TOKEN, ZALO_API_ROOT and the network.`);
    }
    const botNames = [me.account_name, me.name].filter((n): n is string => typeof n === "string" && n.trim() !== "");
    const pacer = new ZaloPacer({ perSecond: zalo.messagesPerSecond, chatIntervalMs: zalo.chatIntervalMs });
    const publicUrl = host.publicUrl;
    const files = config.files;
    const conversation = textConversation(host, { channel: ZALO, limit: ZALO_TEXT_LIMIT });
    // An outbox message is rendered once for every channel: here it gets the text channel's words (no "bấm nút").
    const wording = textWording(i18n);
    const zaloSender = new ZaloSender({
      api,
      pacer,
      fileLink: (file, recipient) =>
        files && publicUrl
          ? issueFileLink({ store: files.store, secret: files.secret, publicUrl, now: app.clock }, file, `${ZALO}:${recipient}`)
          : Promise.resolve(null),
      fileUnavailableText: i18n.t(defaultLocale)("web:file.needsPublicUrl"),
      // The text renderer every text channel shares: the same numbers a reply's screen gets.
      render: (message, extra) => {
        const reworded = wording.reword(message);
        const withExtra = extra.length > 0 ? { ...reworded, text: [reworded.text, "", ...extra.map(escapeMarkup)].join("\n") } : reworded;
        const rendered = renderText(withExtra, ZALO_TEXT_LIMIT);
        return { texts: rendered.parts, choiceIds: rendered.choices.map((c) => c.id) };
      },
    });
    /** The outbox's messages: once one with choices (a follow-up's answers) is delivered, its numbers are what the person's next number answers. */
    const sender: ChannelSender = {
      channel: ZALO,
      pacer: zaloSender.pacer,
      async send(recipient, message) {
        const outcome = await zaloSender.send(recipient, message);
        if (outcome.kind === "sent") await conversation.delivered(recipient, renderText(message, ZALO_TEXT_LIMIT));
        return outcome;
      },
    };

    /** A reply part to the chat, paced with the outbox's messages; a 429 waits and tries again. */
    async function reply(chat: string, text: string): Promise<void> {
      const answered = await pacer.slot(chat);
      try {
        await retryOnRateLimit(() => api.sendMessage(chat, text));
      } finally {
        answered();
      }
    }
    async function onEvent(event: InboundEvent): Promise<void> {
      if (event.chat.kind !== "private") {
        // A group: only a command addressed to the bot is answered, there (group.ts).
        const parts = await groupReplies(host, ZALO, event, ZALO_TEXT_LIMIT);
        if (parts.length === 0) logger.debug({ channel: ZALO }, "group message ignored");
        for (const part of parts) await reply(event.chat.address, part);
        return;
      }
      const replies = await conversation.respond({
        dedupeKey: event.dedupeKey,
        from: { externalId: event.from.externalId, firstName: event.from.displayName, username: null },
        text: event.text,
      });
      for (const part of replies) {
        if ("text" in part) {
          await reply(event.chat.address, part.text);
          continue;
        }
        // A file (/tusua's plan): as the outbox's files go, a signed link for this chat (or the "files need PUBLIC_URL" line).
        const outcome = await zaloSender.send(event.chat.address, part.message);
        if (outcome.kind !== "sent") logger.warn({ channel: ZALO, outcome: outcome.kind }, "zalo: a reply's file was not sent");
      }
      // Whatever the conversation enqueued (a group's share, a secretary's notice) goes now.
      void host.wakeSender();
    }
    const inbound = zaloInbound(api, {
      webhook: zalo.webhook,
      botNames,
      onEvent,
      onError: (err) => logger.error({ err, channel: ZALO }, "zalo update failed"),
    });

    const channel: Channel = {
      name: ZALO,
      sender,
      ...(inbound.plugin ? { routes: inbound.plugin } : {}),
      async start() {
        await inbound.start();
        if (inbound.mode === "webhook") logger.info({ bot: me.account_name ?? me.id, url: zalo.webhook!.url }, "zalo: webhook registered, receiving");
        else logger.info({ bot: me.account_name ?? me.id }, "zalo: receiving by long polling");
      },
      async stop() {
        await inbound.stop();
      },
    };
    return channel;
  };
}
