/**
 * The real bot (createBot, real middleware, real SQLite file) with Telegram's API stubbed
 * in-process: outgoing calls are recorded and answered, incoming updates are built here.
 */
import pino, { type Logger } from "pino";
import type { Update, Message, InlineKeyboardMarkup, UserFromGetMe } from "grammy/types";
import { createBot } from "../../src/bot/index.js";
import { Pacer } from "../../src/infra/outbox/pacer.js";
import { OutboxSender, type Transport } from "../../src/infra/outbox/sender.js";
import { classify } from "../../src/bot/transport.js";
import { refuseOverLimits } from "./telegram-limits.js";
import type { BotDeps } from "../../src/bot/context.js";
import { createI18n } from "../../src/infra/i18n/index.js";
import type { AppDeps } from "../../src/app/deps.js";

export interface Person {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
}

export interface Group {
  id: number;
  title: string;
}

export interface SentMessage {
  chatId: number;
  messageId: number;
  text: string;
  keyboard: InlineKeyboardMarkup | undefined;
  method: string;
}

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

export const BOT_INFO = {
  id: 4242, is_bot: true as const, first_name: "Tự soi", username: "tusoi_test_bot",
  can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false,
  can_connect_to_business: false, has_main_web_app: false, has_topics_enabled: false, allows_users_to_create_topics: false,
  can_manage_bots: false, supports_join_request_queries: false,
} as UserFromGetMe;

export interface StubbedBotOptions {
  locale?: "vi" | "en";
  /** The bot's logger (default: pino at TEST_LOG_LEVEL, silent). */
  logger?: Logger;
}

export async function stubbedBot(app: AppDeps, options: StubbedBotOptions = {}) {
  const calls: ApiCall[] = [];
  const messages: SentMessage[] = [];
  const admins = new Set<string>();
  /** Chats whose messages fail with 403 (the user blocked the bot / never started it). */
  const blocked = new Set<number>();
  /** API methods that fail with this Telegram error, in every chat, while listed. */
  const failing = new Map<string, { error_code: number; description: string }>();
  let nextMessageId = 1;
  let nextUpdateId = 1;

  const deps: BotDeps = {
    app, i18n: await createI18n(options.locale ?? "vi"), defaultLocale: options.locale ?? "vi",
    logger: options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
  };
  const bot = createBot("4242:TEST-token-not-real-aaaaaaaaaaaa", deps, { botInfo: BOT_INFO });
  // The real outbox sender, unpaced, sending through the same fake: what the bot queues
  // (announcements, nudges, summaries) arrives before the handler that woke it answers.
  const transport: Transport = async (method, params) => {
    try {
      const result = (await bot.api.raw[method as "sendMessage"](params as never)) as unknown;
      const messageId = typeof result === "object" && result !== null && "message_id" in result ? Number((result as { message_id: number }).message_id) : null;
      return { kind: "sent", messageId };
    } catch (error) {
      return classify(error);
    }
  };
  const sender = new OutboxSender(app.outbox, transport, new Pacer({ perSecond: 1e6, privateChatIntervalMs: 0, groupChatIntervalMs: 0 }), undefined, {
    clock: app.clock, waitForRetriesMs: 0,
  });
  deps.wakeSender = () => sender.drain();

  bot.api.config.use(async (_prev, method, payload) => {
    const p = (payload ?? {}) as Record<string, unknown>;
    calls.push({ method, payload: p });
    const refused = refuseOverLimits(method, p);
    if (refused) return { ok: false, ...refused } as never;
    const ok = <T>(result: T) => ({ ok: true as const, result }) as never;
    const failure = failing.get(method);
    if (failure) return { ok: false, ...failure } as never;
    switch (method) {
      case "sendMessage": {
        const chatId = Number(p.chat_id);
        if (blocked.has(chatId)) return { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" } as never;
        const message: SentMessage = { chatId, messageId: nextMessageId++, text: String(p.text), keyboard: p.reply_markup as InlineKeyboardMarkup | undefined, method };
        messages.push(message);
        return ok({ message_id: message.messageId, date: 0, chat: { id: chatId, type: chatId > 0 ? "private" : "supergroup" }, text: message.text });
      }
      case "editMessageText": {
        const target = messages.find((m) => m.chatId === Number(p.chat_id) && m.messageId === Number(p.message_id));
        if (target) {
          target.text = String(p.text);
          target.keyboard = p.reply_markup as InlineKeyboardMarkup | undefined;
        }
        return ok(true);
      }
      case "getChatMember":
        return ok({ status: admins.has(`${p.chat_id}:${p.user_id}`) ? "administrator" : "member", user: { id: Number(p.user_id), is_bot: false, first_name: "x" } });
      default:
        return ok(true);
    }
  });

  const chatOf = (from: Person, group?: Group) =>
    group ? { id: group.id, type: "supergroup" as const, title: group.title } : { id: from.id, type: "private" as const, first_name: from.first_name };

  function messageUpdate(from: Person, text: string, group?: Group): Update {
    const command = /^\/\w+(@\w+)?/.exec(text);
    const message = {
      message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat: chatOf(from, group), from: { ...from, is_bot: false }, text,
      ...(command ? { entities: [{ type: "bot_command" as const, offset: 0, length: command[0].length }] } : {}),
    } as never as Message;
    return { update_id: nextUpdateId++, message } as Update;
  }

  function callbackUpdate(from: Person, chatId: number, messageId: number, data: string): Update {
    const chat = chatId > 0 ? { id: chatId, type: "private" as const, first_name: from.first_name } : { id: chatId, type: "supergroup" as const, title: "group" };
    return {
      update_id: nextUpdateId++,
      callback_query: {
        id: String(nextUpdateId), from: { ...from, is_bot: false }, chat_instance: "ci", data,
        message: { message_id: messageId, date: 0, chat, text: "" } as never,
      },
    };
  }

  const api = {
    bot, deps, calls, messages, admins, blocked, failing,
    /** Makes `user` an administrator of `group` (for getChatMember). */
    makeAdmin(group: Group, user: Person) {
      admins.add(`${group.id}:${user.id}`);
    },
    async send(from: Person, text: string, group?: Group) {
      const update = messageUpdate(from, text, group);
      await bot.handleUpdate(update);
      return update;
    },
    async deliver(update: Update) {
      await bot.handleUpdate(update);
    },
    async pressData(from: Person, chatId: number, messageId: number, data: string) {
      const update = callbackUpdate(from, chatId, messageId, data);
      await bot.handleUpdate(update);
      return update;
    },
    /** Presses the button labelled `label` on `message`. */
    async press(from: Person, message: SentMessage, label: string | RegExp) {
      const buttons = (message.keyboard?.inline_keyboard ?? []).flat();
      const button = buttons.find((b) => (typeof label === "string" ? b.text === label : label.test(b.text)));
      if (!button || !("callback_data" in button)) {
        throw new Error(`No button ${String(label)} on message ${message.messageId}; buttons: ${buttons.map((b) => b.text).join(" | ")}`);
      }
      return api.pressData(from, message.chatId, message.messageId, button.callback_data!);
    },
    /** Messages in a chat, oldest first, with edits applied. */
    chat(chatId: number) {
      return messages.filter((m) => m.chatId === chatId);
    },
    last(chatId: number): SentMessage {
      const list = api.chat(chatId);
      if (list.length === 0) throw new Error(`No message in chat ${chatId}`);
      return list[list.length - 1]!;
    },
    /** Texts of answerCallbackQuery calls, in order. */
    callbackAnswers() {
      return calls.filter((c) => c.method === "answerCallbackQuery").map((c) => (c.payload.text as string | undefined) ?? "");
    },
    buttons(message: SentMessage) {
      return (message.keyboard?.inline_keyboard ?? []).flat().map((b) => b.text);
    },
  };
  return api;
}

export type StubbedBot = Awaited<ReturnType<typeof stubbedBot>>;
