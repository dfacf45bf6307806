/**
 * Telegram's Bot API stubbed in-process for benchmarks: an API transformer that answers every
 * call at once (no network, no serialisation), and builders for incoming updates. Copied in
 * spirit from test/support/bot.ts, which benches must not import (it is tied to vitest).
 */
import type { Transformer } from "grammy";
import type { InlineKeyboardMarkup, Update, UserFromGetMe } from "grammy/types";

/** Shaped like a real token (digits:≥20 URL-safe characters); never sent anywhere. */
export const BENCH_TOKEN = "4242:BENCH-token-not-real-aaaaaaaaaaaa";

export const BOT_INFO = {
  id: 4242, is_bot: true as const, first_name: "Tự soi", username: "tusoi_bench_bot",
  can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false,
  can_connect_to_business: false, has_main_web_app: false, has_topics_enabled: false, allows_users_to_create_topics: false,
  can_manage_bots: false, supports_join_request_queries: false,
} as UserFromGetMe;

export interface Person {
  id: number;
  first_name: string;
  last_name?: string;
}

export interface Group {
  id: number;
  title: string;
}

export interface SentMessage {
  messageId: number;
  text: string;
  keyboard: InlineKeyboardMarkup | undefined;
}

export interface TelegramStub {
  transformer: Transformer;
  /** API calls by method. */
  calls: Map<string, number>;
  /** answerCallbackQuery calls that carried a text: on the answer path that means a refusal or an error. */
  refusals: number;
  /** The first few refusal texts, for diagnostics. */
  refusalTexts: string[];
  /** The last message sent to each chat (set-up reads keyboards from it). */
  lastSent: Map<number, SentMessage>;
}

/**
 * sendMessage → a fake Message, editMessageText → true, answerCallbackQuery → true,
 * getChatMember → administrator, anything else → true.
 */
export function telegramStub(): TelegramStub {
  let nextMessageId = 1_000_000;
  const stub: TelegramStub = {
    calls: new Map(), refusals: 0, refusalTexts: [], lastSent: new Map(),
    transformer: async (_prev, method, payload) => {
      const p = (payload ?? {}) as Record<string, unknown>;
      stub.calls.set(method, (stub.calls.get(method) ?? 0) + 1);
      const ok = <T>(result: T) => ({ ok: true as const, result }) as never;
      switch (method) {
        case "sendMessage": {
          const chatId = Number(p.chat_id);
          const message: SentMessage = { messageId: nextMessageId++, text: String(p.text), keyboard: p.reply_markup as InlineKeyboardMarkup | undefined };
          stub.lastSent.set(chatId, message);
          return ok({
            message_id: message.messageId, date: Math.floor(Date.now() / 1000),
            chat: chatId > 0 ? { id: chatId, type: "private", first_name: "x" } : { id: chatId, type: "supergroup", title: "group" },
            text: message.text,
          });
        }
        case "answerCallbackQuery":
          if (typeof p.text === "string") {
            stub.refusals++;
            if (stub.refusalTexts.length < 5) stub.refusalTexts.push(p.text);
          }
          return ok(true);
        case "getChatMember":
          return ok({ status: "administrator", user: { id: Number(p.user_id), is_bot: false, first_name: "x" }, can_be_edited: false });
        default:
          return ok(true);
      }
    },
  };
  return stub;
}

/** Builds incoming updates with unique update ids (the bot de-duplicates by id). */
export class UpdateFactory {
  private nextUpdateId = 1;
  private nextMessageId = 1;
  private nextCallbackId = 1;

  message(from: Person, text: string, group?: Group): Update {
    const command = /^\/\w+(@\w+)?/.exec(text);
    const chat = group
      ? { id: group.id, type: "supergroup" as const, title: group.title }
      : { id: from.id, type: "private" as const, first_name: from.first_name };
    return {
      update_id: this.nextUpdateId++,
      message: {
        message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), chat, from: { ...from, is_bot: false }, text,
        ...(command ? { entities: [{ type: "bot_command" as const, offset: 0, length: command[0].length }] } : {}),
      },
    } as Update;
  }

  /** A button press on message `messageId` in `from`'s private chat. */
  callback(from: Person, messageId: number, data: string): Update {
    return {
      update_id: this.nextUpdateId++,
      callback_query: {
        id: String(this.nextCallbackId++), from: { ...from, is_bot: false }, chat_instance: "bench", data,
        message: { message_id: messageId, date: 0, chat: { id: from.id, type: "private", first_name: from.first_name }, text: "" },
      },
    } as Update;
  }
}
