/**
 * Telegram's Bot API faked in-process, shared by the bot tests (test/support/bot.ts) and the
 * benchmarks (bench/telegram-stub.ts), so it imports nothing from vitest or src/: an API
 * transformer that answers every call at once (no network, no serialisation) and refuses what
 * Telegram refuses (./telegram-limits.ts), and builders for incoming updates.
 */
import type { Transformer } from "grammy";
import type { InlineKeyboardMarkup, Message, Update, UserFromGetMe } from "grammy/types";
import { refuseOverLimits } from "./telegram-limits.js";

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

export interface TelegramError {
  error_code: number;
  description: string;
}

export const BOT_INFO = {
  id: 4242,
  is_bot: true as const,
  first_name: "Tự soi",
  username: "tusoi_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
} as UserFromGetMe;

/** Builds incoming updates with unique ids (the bot de-duplicates by update_id). */
export class UpdateBuilder {
  private nextUpdateId = 1;
  private nextCallbackId = 1;
  private readonly nextMessageId: () => number;

  /** `nextMessageId` hands out the ids of users' messages (default: its own counter from 1). */
  constructor(nextMessageId?: () => number) {
    let id = 1;
    this.nextMessageId = nextMessageId ?? (() => id++);
  }

  /** `text` from `from`, in `group` or else in `from`'s private chat; a leading /command gets its entity. */
  message(from: Person, text: string, group?: Group): Update {
    const command = /^\/\w+(@\w+)?/.exec(text);
    const chat = group
      ? { id: group.id, type: "supergroup" as const, title: group.title }
      : { id: from.id, type: "private" as const, first_name: from.first_name };
    const message = {
      message_id: this.nextMessageId(),
      date: Math.floor(Date.now() / 1000),
      chat,
      from: { ...from, is_bot: false },
      text,
      ...(command ? { entities: [{ type: "bot_command" as const, offset: 0, length: command[0].length }] } : {}),
    } as never as Message;
    return { update_id: this.nextUpdateId++, message } as Update;
  }

  /** A document (`file` as getFile knows it) from `from`, in `group` or else in `from`'s private chat, with an optional caption. */
  document(from: Person, file: { fileId: string; fileName: string; size: number; mimeType?: string }, caption?: string, group?: Group): Update {
    const chat = group
      ? { id: group.id, type: "supergroup" as const, title: group.title }
      : { id: from.id, type: "private" as const, first_name: from.first_name };
    const message = {
      message_id: this.nextMessageId(),
      date: Math.floor(Date.now() / 1000),
      chat,
      from: { ...from, is_bot: false },
      document: {
        file_id: file.fileId,
        file_unique_id: `u-${file.fileId}`,
        file_name: file.fileName,
        file_size: file.size,
        ...(file.mimeType ? { mime_type: file.mimeType } : {}),
      },
      ...(caption !== undefined ? { caption } : {}),
    } as never as Message;
    return { update_id: this.nextUpdateId++, message } as Update;
  }

  /** `from` pressing a button with `data` on message `messageId` of chat `chatId`. */
  callback(from: Person, chatId: number, messageId: number, data: string): Update {
    const chat =
      chatId > 0 ? { id: chatId, type: "private" as const, first_name: from.first_name } : { id: chatId, type: "supergroup" as const, title: "group" };
    return {
      update_id: this.nextUpdateId++,
      callback_query: {
        id: String(this.nextCallbackId++),
        from: { ...from, is_bot: false },
        chat_instance: "ci",
        data,
        message: { message_id: messageId, date: 0, chat, text: "" } as never,
      },
    };
  }
}

export interface TelegramFakeOptions {
  /**
   * Keep every call with its payload (`calls`) and every sent message (`messages`). Default
   * true; a benchmark turns it off and reads only `callCounts` and `lastSent`.
   */
  record?: boolean;
  /** getChatMember says "administrator" for everyone, not only for `admins`. Default false. */
  everyoneIsAdmin?: boolean;
  /** The first message_id handed out. Default 1. */
  firstMessageId?: number;
}

export interface TelegramFake {
  /** For `bot.api.config.use(...)`. */
  transformer: Transformer;
  /** Every call with its payload, in order (empty unless recording). */
  calls: ApiCall[];
  /** Calls by method. */
  callCounts: Map<string, number>;
  /** Every message sent, oldest first, with edits applied (empty unless recording). */
  messages: SentMessage[];
  /** The last message sent to each chat, with edits applied. */
  lastSent: Map<number, SentMessage>;
  /** "chatId:userId" of administrators, for getChatMember. */
  admins: Set<string>;
  /** Chats whose messages fail with 403 (the user blocked the bot / never started it). */
  blocked: Set<number>;
  /** API methods that fail with this Telegram error, in every chat, while listed. */
  failing: Map<string, TelegramError>;
  /** answerCallbackQuery calls that carried a text: on the answer path that means a refusal or an error. */
  refusals: number;
  /** The first few of those texts, for diagnostics. */
  refusalTexts: string[];
  /** Incoming updates whose message ids come from the same counter as the bot's messages. */
  updates: UpdateBuilder;
  /** Files users sent, by file_id: what getFile describes and `download` returns. */
  files: Map<string, { bytes: Uint8Array; path: string }>;
  /** Keeps `bytes` as a file a user sends; returns its file_id (for updates.document). */
  upload(bytes: Uint8Array): string;
  /** The bytes at a getFile `file_path` (`<api root>/file/bot<token>/<file_path>`); throws like a 404 for an unknown path. */
  download(filePath: string): Promise<Uint8Array>;
}

/**
 * Refuses over Telegram's limits (400), then `failing` methods, then sendMessage to a `blocked`
 * chat (403); otherwise sendMessage → a Message, editMessageText → true (the edit applied),
 * getChatMember → administrator or member, getFile → the path of a file a user sent (`upload`),
 * anything else → true.
 */
export function telegramFake(options: TelegramFakeOptions = {}): TelegramFake {
  const record = options.record ?? true;
  let nextMessageId = options.firstMessageId ?? 1;
  const ok = <T>(result: T) => ({ ok: true as const, result }) as never;
  const fake: TelegramFake = {
    calls: [],
    callCounts: new Map(),
    messages: [],
    lastSent: new Map(),
    admins: new Set(),
    blocked: new Set(),
    failing: new Map(),
    refusals: 0,
    refusalTexts: [],
    updates: new UpdateBuilder(() => nextMessageId++),
    files: new Map(),
    upload(bytes) {
      const fileId = `fake-file-${fake.files.size + 1}`;
      fake.files.set(fileId, { bytes, path: `documents/file_${fake.files.size + 1}` });
      return fileId;
    },
    async download(filePath) {
      const found = [...fake.files.values()].find((f) => f.path === filePath);
      if (!found) throw new Error(`file download failed: HTTP 404 (${filePath})`);
      return found.bytes;
    },
    transformer: async (_prev, method, payload) => {
      const p = (payload ?? {}) as Record<string, unknown>;
      if (record) fake.calls.push({ method, payload: p });
      fake.callCounts.set(method, (fake.callCounts.get(method) ?? 0) + 1);
      const refused = refuseOverLimits(method, p);
      if (refused) return { ok: false, ...refused } as never;
      const failure = fake.failing.get(method);
      if (failure) return { ok: false, ...failure } as never;
      switch (method) {
        case "sendMessage": {
          const chatId = Number(p.chat_id);
          if (fake.blocked.has(chatId)) return { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" } as never;
          const message: SentMessage = {
            chatId,
            messageId: nextMessageId++,
            text: String(p.text),
            keyboard: p.reply_markup as InlineKeyboardMarkup | undefined,
            method,
          };
          if (record) fake.messages.push(message);
          fake.lastSent.set(chatId, message);
          return ok({ message_id: message.messageId, date: 0, chat: { id: chatId, type: chatId > 0 ? "private" : "supergroup" }, text: message.text });
        }
        case "editMessageText": {
          const chatId = Number(p.chat_id);
          const messageId = Number(p.message_id);
          const last = fake.lastSent.get(chatId);
          const target = last?.messageId === messageId ? last : fake.messages.find((m) => m.chatId === chatId && m.messageId === messageId);
          if (target) {
            target.text = String(p.text);
            target.keyboard = p.reply_markup as InlineKeyboardMarkup | undefined;
          }
          return ok(true);
        }
        case "answerCallbackQuery":
          if (typeof p.text === "string") {
            fake.refusals++;
            if (fake.refusalTexts.length < 5) fake.refusalTexts.push(p.text);
          }
          return ok(true);
        case "getChatMember": {
          const admin = options.everyoneIsAdmin || fake.admins.has(`${p.chat_id}:${p.user_id}`);
          return ok({ status: admin ? "administrator" : "member", user: { id: Number(p.user_id), is_bot: false, first_name: "x" } });
        }
        case "getFile": {
          // As Telegram: the file's path for the download URL, or 400 for an id it never issued.
          const file = fake.files.get(String(p.file_id));
          if (!file) return { ok: false, error_code: 400, description: "Bad Request: invalid file_id" } as never;
          return ok({ file_id: String(p.file_id), file_unique_id: `u-${String(p.file_id)}`, file_size: file.bytes.length, file_path: file.path });
        }
        default:
          return ok(true);
      }
    },
  };
  return fake;
}
