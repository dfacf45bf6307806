/** State the front keeps (per bot token), telegram-test-api's shape, and what every concern's handlers share. */
import type http from "node:http";
import type { EventEmitter } from "node:events";
import type { Chat, User } from "grammy/types";
import type { ApiCall, ApiResponse, CallbackAnswer, Delivery, Interceptor, ReplyMarkupLike, SentFile } from "../types.js";
import type { ChatDirectory } from "./chat-members.js";

/** A bot message as telegram-test-api stores it (`message` = the raw sendMessage params, merged with edits). */
export interface TtsStoredBotMessage {
  time: number;
  botToken: string;
  message: Record<string, unknown>;
  updateId: number;
  messageId: number;
  isRead: boolean;
}

/** The parts of telegram-test-api's TelegramServer the harness uses (it is CommonJS; loaded via createRequire). */
export interface TelegramTestServer extends EventEmitter {
  config: { port: number; host: string; apiURL: string; storeTimeout: number };
  server: (http.Server & { forceShutdown?: (cb?: () => void) => void }) | null;
  updateId: number;
  messageId: number;
  callbackId: number;
  storage: { userMessages: Array<Record<string, unknown>>; botMessages: TtsStoredBotMessage[] };
  start(): Promise<void>;
  stop(): Promise<boolean>;
  getUpdates(token: string): Array<Record<string, unknown>>;
  addUserMessage(message: Record<string, unknown>): Promise<void>;
  addUserCommand(message: Record<string, unknown>): Promise<void>;
  addUserCallback(callbackQuery: Record<string, unknown>): Promise<void>;
  deleteWebhook(token: string): void;
  removeUserMessage(updateId: number): void;
  removeBotMessage(updateId: number): void;
}
export type TelegramTestServerCtor = new (config: { port?: number; host?: string; storeTimeout?: number }) => TelegramTestServer;

/** An update as delivered to the bot (loosely typed: it may be forged by a test). */
export type WireUpdate = { update_id: number } & Record<string, unknown>;

export interface PendingPoll {
  res: http.ServerResponse;
  /** Ends the poll: sends `body` unless the response is already closed. */
  finish(status: number, body: ApiResponse): void;
}

/** Per-bot-token state kept by the front. */
export class TokenState {
  /** Updates pulled from the emulator, not yet confirmed by an `offset`. */
  queue: WireUpdate[] = [];
  /** Updates to deliver at the next getUpdates regardless of offset (duplicates, raw updates). */
  forced: WireUpdate[] = [];
  /** Every update known for this token, by update_id (source for redeliver()). */
  known = new Map<number, WireUpdate>();
  deliveries: Delivery[] = [];
  files: SentFile[] = [];
  callbackAnswers: CallbackAnswer[] = [];
  answeredCallbacks = new Set<string>();
  calls: ApiCall[] = [];
  edits = new Map<string, number>();
  deleted: Array<{ chat_id: number; message_id: number; time: number }> = [];
  commands = new Map<string, unknown>();
  waiters = new Set<() => void>();
  poll: PendingPoll | undefined;
  unsupported: string[] = [];
  /** Files users sent (by file_id), for getFile and the download route (server/user-files.ts). */
  userFiles = new Map<string, { bytes: Buffer; path: string; fileName: string }>();
  /** Every request to /file/bot<token>/…, in order. */
  fileDownloads: Array<{ path: string; found: boolean; time: number }> = [];
}

export interface EmulatorOptions {
  /** Default bot token used by emulator.user() etc. Default "123456789:TEST-e2e-token". */
  token?: string;
  /** username returned by getMe. Default "e2e_test_bot". */
  botUsername?: string;
  /** first_name returned by getMe. Default "E2E Test Bot". */
  botFirstName?: string;
  /** Upper bound for getUpdates `timeout` (seconds). Default 50 (like Telegram). */
  maxLongPollSeconds?: number;
  /** Validate parse_mode markup / lengths / keyboards like the Bot API does. Default true. */
  validate?: boolean;
}

/** What the handlers of each concern need from the Emulator (it builds one in its constructor). */
export interface Front {
  readonly tts: TelegramTestServer;
  readonly opts: Required<EmulatorOptions>;
  readonly chats: ChatDirectory;
  readonly interceptors: Map<string, Interceptor[]>;
  /** Chats whose send* calls fail with 403, and the description. */
  readonly blocked: Map<number, string>;
  isStopped(): boolean;
  state(token: string): TokenState;
  botUser(token: string): User;
  chatFor(chatId: number): Chat;
  editCount(token: string, chatId: number, messageId: number): number;
}

export function ok(result: unknown): ApiResponse {
  return { ok: true, result };
}
export function fail(code: number, description: string): ApiResponse {
  return { ok: false, error_code: code, description };
}

export function isInlineMarkup(m: unknown): m is ReplyMarkupLike & { inline_keyboard: NonNullable<ReplyMarkupLike["inline_keyboard"]> } {
  return typeof m === "object" && m !== null && Array.isArray((m as ReplyMarkupLike).inline_keyboard);
}

export function markupKey(m: unknown): string {
  if (!isInlineMarkup(m) || m.inline_keyboard.length === 0) return "";
  return JSON.stringify(m);
}
