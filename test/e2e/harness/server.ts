/**
 * In-process Telegram Bot API emulator for e2e tests: telegram-test-api (the "emulator",
 * storing users' updates and the bot's text messages) behind a node:http "front", the URL
 * the bot gets as TELEGRAM_API_ROOT; both on 127.0.0.1, free ports (server/front.ts). The
 * front answers what telegram-test-api lacks or gets wrong and proxies the rest, by concern:
 *  - server/polling.ts: getUpdates with long polling, `offset`, `limit`, `allowed_updates`,
 *    409 Conflict for a second poller, forced re-delivery (redeliver / sendRawUpdate),
 *    deleteWebhook (drop_pending_updates).
 *  - server/chat-members.ts: getMe's bot user, getChatMember / getChatAdministrators / getChat.
 *  - server/files.ts: sendDocument / sendPhoto, recorded.
 *  - server/user-files.ts: documents users send: getFile and `/file/bot<token>/<file_path>`.
 *  - server/validation.ts + messages.ts: sendMessage / editMessageText / editMessageReplyMarkup
 *    checked like the Bot API (parse_mode, length, keyboard, "not modified", "not found"),
 *    forwarded, answers fixed up to proper Messages; deleteMessage.
 *  - server/routing.ts: interceptors, setMyCommands & co., answerCallbackQuery (recorded);
 *    everything else goes to server/proxy.ts (streamed; `{message}` errors become `{ok:false}`).
 * This file wires them and holds the Emulator's API for the tests and client.ts.
 */
import type http from "node:http";
import type { Socket } from "node:net";
import type { Chat, User } from "grammy/types";
import { BotClient, type TestUser } from "./client.js";
import type {
  ApiCall,
  BotMessage,
  CallbackAnswer,
  Delivery,
  GroupSpec,
  Interceptor,
  MemberStatus,
  RawUpdateInput,
  SentFile,
  UserSpec,
  WaitOptions,
} from "./types.js";
import { botUser, ChatDirectory } from "./server/chat-members.js";
import { describeMessages, waitUntil } from "./server/diagnostics.js";
import { fileToBotMessage } from "./server/files.js";
import { startFrontServer, startTelegramTestServer, type FrontServer } from "./server/front.js";
import { pull, redeliver, sendRawUpdate, wake } from "./server/polling.js";
import { handleRequest } from "./server/routing.js";
import { addUserFile } from "./server/user-files.js";
import { ok, TokenState, type EmulatorOptions, type Front, type TelegramTestServer, type TtsStoredBotMessage } from "./server/state.js";

export { TokenState, type EmulatorOptions, type TelegramTestServer, type TtsStoredBotMessage, type WireUpdate } from "./server/state.js";

export class Emulator {
  /** URL to give the bot as TELEGRAM_API_ROOT (grammY `client.apiRoot`), e.g. http://127.0.0.1:40123 (no trailing slash). */
  readonly apiRoot: string;
  /** URL of the underlying telegram-test-api server (its client API: /sendMessage, /getUpdatesHistory...). */
  readonly emulatorUrl: string;
  /** Default bot token. */
  readonly token: string;
  /** @internal the telegram-test-api instance (in-process). */
  readonly tts: TelegramTestServer;
  /** Default client (for `token`). */
  readonly client: BotClient;

  private readonly front: http.Server;
  private readonly sockets: Set<Socket>;
  private readonly tokens = new Map<string, TokenState>();
  private readonly clients = new Map<string, BotClient>();
  private readonly chats = new ChatDirectory();
  private readonly blocked = new Map<number, string>();
  private readonly interceptors = new Map<string, Interceptor[]>();
  private readonly diagnostics: Array<() => string> = [];
  private readonly opts: Required<EmulatorOptions>;
  /** What the handlers in server/ see of this emulator. */
  private readonly ctx: Front;
  private stopped = false;
  private readonly onEmulatorEvent = (): void => this.wakeAll();

  private constructor(tts: TelegramTestServer, front: FrontServer, opts: Required<EmulatorOptions>) {
    this.tts = tts;
    this.front = front.server;
    this.sockets = front.sockets;
    this.opts = opts;
    this.token = opts.token;
    this.apiRoot = `http://127.0.0.1:${front.port}`;
    this.emulatorUrl = tts.config.apiURL;
    this.ctx = {
      tts,
      opts,
      chats: this.chats,
      interceptors: this.interceptors,
      blocked: this.blocked,
      isStopped: () => this.stopped,
      state: (token) => this.state(token),
      botUser: (token) => this.botUser(token),
      chatFor: (chatId) => this.chatFor(chatId),
      editCount: (token, chatId, messageId) => this.editCount(token, chatId, messageId),
    };
    this.client = this.clientFor(this.token);
    for (const ev of ["AddedUserMessage", "AddedUserCommand", "AddedUserCallbackQuery"]) tts.on(ev, this.onEmulatorEvent);
  }

  /** @internal use startEmulator() */
  static async create(options: EmulatorOptions = {}): Promise<Emulator> {
    const opts: Required<EmulatorOptions> = {
      token: options.token ?? "123456789:TEST-e2e-token",
      botUsername: options.botUsername ?? "e2e_test_bot",
      botFirstName: options.botFirstName ?? "E2E Test Bot",
      maxLongPollSeconds: options.maxLongPollSeconds ?? 50,
      validate: options.validate ?? true,
    };
    const tts = await startTelegramTestServer();
    const holder: { emulator?: Emulator } = {};
    let front: FrontServer;
    try {
      front = await startFrontServer((req, res) => (holder.emulator ? handleRequest(holder.emulator.ctx, req, res) : undefined));
    } catch (err) {
      await tts.stop();
      throw err;
    }
    const emulator = new Emulator(tts, front, opts);
    holder.emulator = emulator;
    return emulator;
  }

  // ------------------------------------------------------------------ public API

  /** Client for another bot token (the default one is `emulator.client`). */
  clientFor(token: string): BotClient {
    let c = this.clients.get(token);
    if (!c) {
      c = new BotClient(this, token);
      this.clients.set(token, c);
    }
    return c;
  }

  /** A simulated Telegram user talking to the default bot. */
  user(spec: UserSpec): TestUser {
    return this.client.user(spec);
  }

  /** Bot messages (and sent documents/photos) in a chat, latest state, ordered by message_id. */
  messages(chatId: number): BotMessage[] {
    return this.client.messages(chatId);
  }

  /** Last bot message in a chat, or undefined. */
  lastMessage(chatId: number): BotMessage | undefined {
    return this.client.lastMessage(chatId);
  }

  /** Polls until predicate(messages) holds; returns the messages. Throws (with a dump) on timeout. */
  waitForMessages(chatId: number, predicate: (messages: BotMessage[]) => boolean, opts?: WaitOptions): Promise<BotMessage[]> {
    return this.client.waitForMessages(chatId, predicate, opts);
  }

  /** Polls until some message satisfies predicate; returns the last such message. */
  waitForMessage(chatId: number, predicate: (m: BotMessage) => boolean, opts?: WaitOptions): Promise<BotMessage> {
    return this.client.waitForMessage(chatId, predicate, opts);
  }

  /** Registers `userId` as administrator of `chatId` for getChatMember. */
  setAdmin(chatId: number, userId: number): void {
    this.setMemberStatus(chatId, userId, "administrator");
  }

  /** Registers `userId` as creator (owner) of `chatId` for getChatMember. */
  setCreator(chatId: number, userId: number): void {
    this.setMemberStatus(chatId, userId, "creator");
  }

  /** Sets any getChatMember status (unregistered users are "member"). */
  setMemberStatus(chatId: number, userId: number, status: MemberStatus): void {
    this.chats.setMemberStatus(chatId, userId, status);
  }

  /** Makes send* calls to this chat fail with 403 (e.g. the user blocked the bot). */
  blockChat(chatId: number, description = "Forbidden: bot was blocked by the user"): void {
    this.blocked.set(chatId, description);
  }

  unblockChat(chatId: number): void {
    this.blocked.delete(chatId);
  }

  /**
   * Custom handling for a Bot API method (case-insensitive), checked before the built-in
   * behaviour. Return an ApiResponse to answer, or undefined to fall through. Returns a remover.
   */
  intercept(method: string, handler: Interceptor): () => void {
    const key = method.toLowerCase();
    const list = this.interceptors.get(key) ?? [];
    list.push(handler);
    this.interceptors.set(key, list);
    return () => {
      const l = this.interceptors.get(key);
      if (l) l.splice(l.indexOf(handler), 1);
    };
  }

  /** Adds text (e.g. the bot process output) to timeout errors of waitFor*. Returns a remover. */
  addDiagnostics(fn: () => string): () => void {
    this.diagnostics.push(fn);
    return () => {
      const i = this.diagnostics.indexOf(fn);
      if (i >= 0) this.diagnostics.splice(i, 1);
    };
  }

  /** Every Bot API call the bot made (default token unless given). */
  calls(method?: string, token = this.token): ApiCall[] {
    const all = this.state(token).calls;
    return method ? all.filter((c) => c.method.toLowerCase() === method.toLowerCase()) : [...all];
  }

  /** Documents/photos the bot sent (optionally only to one chat). */
  files(chatId?: number, token = this.token): SentFile[] {
    return this.state(token).files.filter((f) => chatId === undefined || f.chat_id === chatId);
  }

  /** answerCallbackQuery calls made by the bot. */
  callbackAnswers(token = this.token): CallbackAnswer[] {
    return [...this.state(token).callbackAnswers];
  }

  /** Each delivery of an update to the bot via getUpdates (re-deliveries appear again). */
  deliveries(token = this.token): Delivery[] {
    return [...this.state(token).deliveries];
  }

  /** deleteMessage calls that succeeded. */
  deletedMessages(token = this.token): Array<{ chat_id: number; message_id: number; time: number }> {
    return [...this.state(token).deleted];
  }

  /**
   * Delivers an arbitrary update to the bot at its next getUpdates (regardless of offset).
   * update_id is assigned from the emulator's counter if missing. Returns the update_id.
   * Sending the same object twice delivers the same update_id twice.
   */
  sendRawUpdate(update: RawUpdateInput, token = this.token): number {
    return sendRawUpdate(this.ctx, update, token);
  }

  /** Delivers again an update the bot already got (same update_id, same content). */
  redeliver(updateId: number, token = this.token): void {
    redeliver(this.ctx, updateId, token);
  }

  /** Waits until `updateId` has been delivered at least `times` times. */
  async waitForDelivery(updateId: number, times = 1, opts: WaitOptions = {}, token = this.token): Promise<void> {
    await this.pollUntil(
      () => this.state(token).deliveries.filter((d) => d.update_id === updateId).length >= times,
      opts,
      () => `update ${updateId} delivered ${times}x; deliveries: ${JSON.stringify(this.state(token).deliveries.map((d) => d.update_id))}`,
    );
  }

  /** Stops both servers; open sockets (long polls, keep-alive) are destroyed. Idempotent. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const ev of ["AddedUserMessage", "AddedUserCommand", "AddedUserCallbackQuery"]) this.tts.off(ev, this.onEmulatorEvent);
    for (const st of this.tokens.values()) {
      st.poll?.finish(200, ok([]));
      st.waiters.clear();
    }
    const frontClosed = new Promise<void>((resolve) => this.front.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    this.front.closeAllConnections();
    const ttsServer = this.tts.server;
    const force = setTimeout(() => ttsServer?.forceShutdown?.(), 1000);
    try {
      await Promise.all([frontClosed, this.tts.stop()]);
    } finally {
      clearTimeout(force);
    }
  }

  // ------------------------------------------------------------------ internals used by client.ts

  /** @internal */
  state(token: string): TokenState {
    let st = this.tokens.get(token);
    if (!st) {
      st = new TokenState();
      this.tokens.set(token, st);
    }
    return st;
  }

  /** @internal The bot's own User object for a token. */
  botUser(token: string): User {
    return botUser(token, this.opts);
  }

  /** @internal */
  registerUser(user: User): void {
    this.chats.registerUser(user);
  }

  /** @internal */
  registerGroup(group: GroupSpec): Chat {
    return this.chats.registerGroup(group);
  }

  /** @internal Chat object for an id (registered, or a plausible default). */
  chatFor(chatId: number): Chat {
    return this.chats.chatFor(chatId);
  }

  /** @internal */
  userFor(userId: number): User {
    return this.chats.userFor(userId);
  }

  /** @internal A file a user sends (TestUser.sendDocument): kept for getFile; returns the message's Document. */
  addUserFile(token: string, fileName: string, bytes: Uint8Array, mimeType?: string): Record<string, unknown> {
    return addUserFile(this.ctx, token, fileName, bytes, mimeType);
  }

  /** Requests the bot made to the file download URL (`/file/bot<token>/<file_path>`), in order. */
  fileDownloads(token = this.token): Array<{ path: string; found: boolean; time: number }> {
    return [...this.state(token).fileDownloads];
  }

  /** @internal Wakes pending long polls for a token. */
  wake(token: string): void {
    wake(this.state(token));
  }

  /** @internal */
  wakeAll(): void {
    for (const token of this.tokens.keys()) this.wake(token);
  }

  /** @internal Polls `cond` until true or timeout; error includes `describe()` and diagnostics. */
  async pollUntil(cond: () => boolean, opts: WaitOptions, describe: () => string): Promise<void> {
    await waitUntil(cond, opts, describe, this.diagnostics, () => [...this.tokens.values()].flatMap((s) => s.unsupported));
  }

  /** @internal Stored bot text messages of a token. */
  storedMessages(token: string): TtsStoredBotMessage[] {
    return this.tts.storage.botMessages.filter((u) => u.botToken === token);
  }

  /** @internal */
  editCount(token: string, chatId: number, messageId: number): number {
    return this.state(token).edits.get(`${chatId}:${messageId}`) ?? 0;
  }

  /** @internal */
  describeChat(token: string, chatId: number): string {
    return describeMessages(this.clientFor(token).messages(chatId));
  }

  /** @internal Moves new updates from telegram-test-api into the token's queue. */
  pull(token: string): void {
    pull(this.ctx, token);
  }

  /** @internal */
  fileToBotMessage(f: SentFile): BotMessage {
    return fileToBotMessage(this.ctx, f);
  }
}

/**
 * Starts telegram-test-api and the front server on 127.0.0.1 (free ports).
 * Give the bot `emulator.apiRoot` as TELEGRAM_API_ROOT and `emulator.token` as BOT_TOKEN.
 * Call `emulator.stop()` when done.
 */
export function startEmulator(options?: EmulatorOptions): Promise<Emulator> {
  return Emulator.create(options);
}
