/**
 * In-process Telegram Bot API emulator for e2e tests.
 *
 * Two HTTP servers, both bound to 127.0.0.1 on free ports:
 *
 *  - telegram-test-api (the "emulator"): stores the users' updates and the bot's
 *    text messages (sendMessage / editMessageText / editMessageReplyMarkup).
 *  - the "front" (node:http): the URL the bot gets as TELEGRAM_API_ROOT. It answers
 *    the methods telegram-test-api lacks or gets wrong itself and proxies the rest.
 *
 * What the front does itself (and why):
 *  - getUpdates: telegram-test-api answers immediately (no long polling) and forgets
 *    an update as soon as it was returned once (no `offset` semantics). The front pulls
 *    updates from the emulator into its own queue and implements real semantics:
 *    long polling with `timeout`, confirmation by `offset`, `limit`, `allowed_updates`,
 *    409 Conflict when a second poller for the same token arrives, and forced
 *    re-delivery of an update with the same update_id (see redeliver / sendRawUpdate).
 *  - getMe (bot id derived from the token, is_bot etc.), deleteWebhook
 *    (drop_pending_updates), getChatMember / getChatAdministrators / getChat,
 *    setMyCommands / getMyCommands / deleteMyCommands / setChatMenuButton /
 *    sendChatAction / setMyDescription / ..., sendDocument / sendPhoto (recorded),
 *    answerCallbackQuery (recorded), deleteMessage (telegram-test-api may delete a
 *    stored callback update instead of the bot message because they share ids).
 *  - sendMessage / editMessageText / editMessageReplyMarkup are validated
 *    (parse_mode, length, keyboard, "message is not modified", "message to edit not
 *    found"), forwarded to the emulator, and the answer is fixed up to a proper
 *    Message (the emulator answers chat.type "private", date in ms, null results).
 *    editMessageText without reply_markup removes the inline keyboard as in Telegram.
 *  - Everything else is proxied unchanged (streaming both ways) to the emulator;
 *    its non-Bot-API error bodies (`{message}`) are converted to `{ok:false,...}`.
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { EventEmitter } from "node:events";
import { createRequire } from "node:module";
import type { Chat, User } from "grammy/types";
import { BotClient, type TestUser } from "./client.js";
import { parseBody, jsonParam, numParam, boolParam, strParam, type UploadedFile } from "./multipart.js";
import { validateFormatting, validateReplyMarkup, renderedLength } from "./format.js";
import type {
  ApiCall,
  ApiResponse,
  BotMessage,
  CallbackAnswer,
  Delivery,
  GroupSpec,
  Interceptor,
  MemberStatus,
  RawUpdateInput,
  ReplyMarkupLike,
  SentFile,
  UserSpec,
  WaitOptions,
} from "./types.js";

const require = createRequire(import.meta.url);

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
type TelegramTestServerCtor = new (config: { port?: number; host?: string; storeTimeout?: number }) => TelegramTestServer;

/** An update as delivered to the bot (loosely typed: it may be forged by a test). */
export type WireUpdate = { update_id: number } & Record<string, unknown>;

interface PendingPoll {
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

const OK_TRUE_METHODS = new Set([
  "setmycommands",
  "deletemycommands",
  "setchatmenubutton",
  "sendchataction",
  "setmydescription",
  "setmyshortdescription",
  "setmyname",
  "setmydefaultadministratorrights",
]);

const SEND_METHODS = new Set(["sendmessage", "senddocument", "sendphoto", "sendchataction"]);

function ok(result: unknown): ApiResponse {
  return { ok: true, result };
}
function fail(code: number, description: string): ApiResponse {
  return { ok: false, error_code: code, description };
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"]);
function forwardHeaders(headers: http.IncomingHttpHeaders | http.OutgoingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined || HOP_BY_HOP.has(k.toLowerCase())) continue;
    out[k] = v;
  }
  return out;
}

function isInlineMarkup(m: unknown): m is ReplyMarkupLike & { inline_keyboard: NonNullable<ReplyMarkupLike["inline_keyboard"]> } {
  return typeof m === "object" && m !== null && Array.isArray((m as ReplyMarkupLike).inline_keyboard);
}

function markupKey(m: unknown): string {
  if (!isInlineMarkup(m) || m.inline_keyboard.length === 0) return "";
  return JSON.stringify(m);
}

function updateType(u: Record<string, unknown>): string {
  return Object.keys(u).find((k) => k !== "update_id") ?? "unknown";
}

function describeMessages(list: BotMessage[]): string {
  if (list.length === 0) return "  (no bot messages)";
  return list
    .map((m) => {
      const buttons = isInlineMarkup(m.reply_markup)
        ? ` buttons=${JSON.stringify(m.reply_markup.inline_keyboard.flat().map((b) => `${b.text}=>${b.callback_data ?? b.url ?? "?"}`))}`
        : "";
      const body = m.kind === "text" ? JSON.stringify(m.text) : `[${m.kind} ${m.file?.filename ?? m.file?.reference ?? ""}] caption=${JSON.stringify(m.caption)}`;
      return `  #${m.message_id}${m.editCount ? ` (edited x${m.editCount})` : ""}: ${body}${buttons}`;
    })
    .join("\n");
}

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
  private readonly sockets = new Set<Socket>();
  private readonly tokens = new Map<string, TokenState>();
  private readonly clients = new Map<string, BotClient>();
  private readonly users = new Map<number, User>();
  private readonly chats = new Map<number, Chat>();
  private readonly members = new Map<number, Map<number, MemberStatus>>();
  private readonly blocked = new Map<number, string>();
  private readonly interceptors = new Map<string, Interceptor[]>();
  private readonly diagnostics: Array<() => string> = [];
  private readonly opts: Required<EmulatorOptions>;
  private stopped = false;
  private readonly onEmulatorEvent = (): void => this.wakeAll();

  private constructor(tts: TelegramTestServer, front: http.Server, frontPort: number, opts: Required<EmulatorOptions>) {
    this.tts = tts;
    this.front = front;
    this.opts = opts;
    this.token = opts.token;
    this.apiRoot = `http://127.0.0.1:${frontPort}`;
    this.emulatorUrl = tts.config.apiURL;
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
    const Ctor = require("telegram-test-api") as TelegramTestServerCtor;
    // storeTimeout: keep messages for a day (default 60 s would purge them mid-test).
    const tts = new Ctor({ host: "127.0.0.1", port: 1, storeTimeout: 24 * 3600 });
    tts.config.port = 0; // its normalizeConfig turns 0 into 9000; listen on a free port instead
    await tts.start();
    const port = (tts.server?.address() as AddressInfo).port;
    tts.config.port = port;
    tts.config.apiURL = `http://127.0.0.1:${port}`;

    const holder: { emulator?: Emulator } = {};
    const front = http.createServer((req, res) => {
      const emulator = holder.emulator;
      if (!emulator) {
        res.writeHead(503).end();
        return;
      }
      emulator.onRequest(req, res).catch((err: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify(fail(500, `Internal Server Error: e2e front: ${String(err)}`)));
        } else res.destroy();
      });
    });
    // Long polls and keep-alive clients: never time out requests; keep idle sockets open longer than
    // any client would (avoids the keep-alive reuse race); stop() destroys them.
    front.requestTimeout = 0;
    front.headersTimeout = 60_000;
    front.keepAliveTimeout = 10 * 60_000;
    front.timeout = 0;
    let frontPort: number;
    try {
      frontPort = await listen(front);
    } catch (err) {
      await tts.stop();
      throw err;
    }
    const emulator = new Emulator(tts, front, frontPort, opts);
    holder.emulator = emulator;
    const sockets = emulator.sockets;
    front.on("connection", (s: Socket) => {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    });
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
    let m = this.members.get(chatId);
    if (!m) {
      m = new Map();
      this.members.set(chatId, m);
    }
    m.set(userId, status);
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
    const st = this.state(token);
    const copy = structuredClone(update) as Record<string, unknown>;
    if (typeof copy.update_id !== "number") copy.update_id = this.tts.updateId++;
    const u = copy as WireUpdate;
    if (!st.known.has(u.update_id)) st.known.set(u.update_id, structuredClone(u));
    st.forced.push(u);
    this.wake(token);
    return u.update_id;
  }

  /** Delivers again an update the bot already got (same update_id, same content). */
  redeliver(updateId: number, token = this.token): void {
    const st = this.state(token);
    this.pull(token);
    const u = st.known.get(updateId);
    if (!u) throw new Error(`redeliver: update ${updateId} unknown for this token (known: ${[...st.known.keys()].join(", ")})`);
    st.forced.push(structuredClone(u));
    this.wake(token);
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
    const prefix = Number(token.split(":")[0]);
    return {
      id: Number.isSafeInteger(prefix) && prefix > 0 ? prefix : 666,
      is_bot: true,
      first_name: this.opts.botFirstName,
      username: this.opts.botUsername,
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
    } as User;
  }

  /** @internal */
  registerUser(user: User): void {
    this.users.set(user.id, user);
    const chat: Record<string, unknown> = { id: user.id, type: "private", first_name: user.first_name };
    if (user.last_name) chat.last_name = user.last_name;
    if (user.username) chat.username = user.username;
    this.chats.set(user.id, chat as unknown as Chat);
  }

  /** @internal */
  registerGroup(group: GroupSpec): Chat {
    if (group.id >= 0) throw new Error(`group id must be negative, got ${group.id}`);
    const type = group.type ?? (group.id <= -1_000_000_000_000 ? "supergroup" : "group");
    const chat = { id: group.id, type, title: group.title } as Chat;
    this.chats.set(group.id, chat);
    return chat;
  }

  /** @internal Chat object for an id (registered, or a plausible default). */
  chatFor(chatId: number): Chat {
    const c = this.chats.get(chatId);
    if (c) return structuredClone(c);
    if (chatId > 0) return { id: chatId, type: "private", first_name: `User ${chatId}` } as Chat;
    return { id: chatId, type: chatId <= -1_000_000_000_000 ? "supergroup" : "group", title: `Group ${chatId}` } as Chat;
  }

  /** @internal */
  userFor(userId: number): User {
    const u = this.users.get(userId);
    if (u) return structuredClone(u);
    return { id: userId, is_bot: false, first_name: `User ${userId}` };
  }

  /** @internal Wakes pending long polls for a token. */
  wake(token: string): void {
    for (const w of [...this.state(token).waiters]) w();
  }

  /** @internal */
  wakeAll(): void {
    for (const token of this.tokens.keys()) this.wake(token);
  }

  /** @internal Polls `cond` until true or timeout; error includes `describe()` and diagnostics. */
  async pollUntil(cond: () => boolean, opts: WaitOptions, describe: () => string): Promise<void> {
    const timeoutMs = opts.timeoutMs ?? 5000;
    const intervalMs = opts.intervalMs ?? 25;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (cond()) return;
      if (Date.now() >= deadline) break;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
    const diag = this.diagnostics.map((d) => {
      try {
        return d();
      } catch (e) {
        return `(diagnostics failed: ${String(e)})`;
      }
    });
    const unsupported = [...this.tokens.values()].flatMap((s) => s.unsupported);
    throw new Error(
      [
        `Timed out after ${timeoutMs} ms waiting for: ${describe()}`,
        unsupported.length ? `Unsupported Bot API methods called by the bot: ${[...new Set(unsupported)].join(", ")}` : "",
        ...diag,
      ]
        .filter(Boolean)
        .join("\n"),
    );
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
    const st = this.state(token);
    for (const raw of this.tts.getUpdates(token)) {
      const u = structuredClone(raw) as WireUpdate;
      const msg = u.message as Record<string, unknown> | undefined;
      if (msg) delete msg.botToken;
      const cq = u.callback_query as Record<string, unknown> | undefined;
      if (cq) {
        const m = cq.message as { chat?: { id?: number } } | undefined;
        cq.chat_instance ??= String(m?.chat?.id ?? 0);
        delete cq.botToken;
      }
      st.queue.push(u);
      st.known.set(u.update_id, structuredClone(u));
    }
  }

  // ------------------------------------------------------------------ request handling

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const m = /^\/bot([^/]+)\/([A-Za-z]+)\/?$/.exec(url.pathname);
    if (!m) {
      this.proxyStream(req, res, undefined);
      return;
    }
    const token = decodeURIComponent(m[1] as string);
    const method = m[2] as string;
    const key = method.toLowerCase();
    const st = this.state(token);
    const call: ApiCall = { token, method, params: {}, uploads: [], time: Date.now() };
    st.calls.push(call);
    res.on("finish", () => {
      call.status = res.statusCode;
    });

    if (!this.isLocal(key)) {
      this.proxyStream(req, res, call);
      return;
    }
    const body = await readBody(req);
    const parsed = parseBody(url.searchParams, req.headers["content-type"], body);
    call.params = parsed.params;
    call.uploads = [...parsed.files.keys()];
    const send = (r: ApiResponse): void => {
      if (!r.ok) call.error = r.description;
      if (res.writableEnded || res.destroyed) return;
      res.writeHead(r.ok ? 200 : r.error_code, { "content-type": "application/json" });
      res.end(JSON.stringify(r));
    };

    for (const h of [...(this.interceptors.get(key) ?? [])]) {
      const r = await h(parsed.params, { token, method });
      if (r !== undefined) {
        send(r);
        return;
      }
    }
    if (key === "getupdates") {
      this.getUpdates(token, parsed.params, res, call);
      return;
    }
    send(await this.handleLocal(token, key, method, parsed.params, parsed.files, body, req));
  }

  private isLocal(key: string): boolean {
    return (
      this.interceptors.has(key) ||
      OK_TRUE_METHODS.has(key) ||
      [
        "getupdates",
        "getme",
        "deletewebhook",
        "getchatmember",
        "getchatadministrators",
        "getchat",
        "getmycommands",
        "senddocument",
        "sendphoto",
        "answercallbackquery",
        "deletemessage",
        "sendmessage",
        "editmessagetext",
        "editmessagereplymarkup",
      ].includes(key)
    );
  }

  private async handleLocal(
    token: string,
    key: string,
    method: string,
    p: Record<string, unknown>,
    files: Map<string, UploadedFile>,
    body: Buffer,
    req: http.IncomingMessage,
  ): Promise<ApiResponse> {
    const st = this.state(token);
    const chatId = numParam(p.chat_id);
    if (SEND_METHODS.has(key) && chatId !== undefined && this.blocked.has(chatId)) {
      return fail(403, this.blocked.get(chatId) as string);
    }
    switch (key) {
      case "getme":
        return ok(this.botUser(token));
      case "deletewebhook": {
        this.tts.deleteWebhook(token);
        if (boolParam(p.drop_pending_updates)) {
          this.pull(token);
          st.queue = [];
        }
        return ok(true);
      }
      case "getchatmember": {
        const userId = numParam(p.user_id);
        if (chatId === undefined || userId === undefined) return fail(400, "Bad Request: chat_id and user_id are required");
        return ok(this.chatMember(token, chatId, userId));
      }
      case "getchatadministrators": {
        if (chatId === undefined) return fail(400, "Bad Request: chat_id is required");
        const admins = [...(this.members.get(chatId) ?? new Map<number, MemberStatus>()).entries()]
          .filter(([, s]) => s === "creator" || s === "administrator")
          .map(([uid]) => this.chatMember(token, chatId, uid));
        return ok(admins);
      }
      case "getchat": {
        if (chatId === undefined) return fail(400, "Bad Request: chat not found");
        return ok(this.chatFor(chatId));
      }
      case "getmycommands":
        return ok(st.commands.get(this.commandsKey(p)) ?? []);
      case "answercallbackquery": {
        const id = strParam(p.callback_query_id) ?? "";
        st.callbackAnswers.push({
          callback_query_id: id,
          text: strParam(p.text),
          show_alert: boolParam(p.show_alert),
          url: strParam(p.url),
          cache_time: numParam(p.cache_time),
          duplicate: st.answeredCallbacks.has(id),
          time: Date.now(),
        });
        st.answeredCallbacks.add(id);
        return ok(true);
      }
      case "senddocument":
      case "sendphoto":
        return this.sendFile(token, key === "senddocument" ? "sendDocument" : "sendPhoto", p, files);
      case "deletemessage":
        return this.deleteMessage(token, p);
      case "sendmessage":
        return this.sendMessage(token, method, p, body, req);
      case "editmessagetext":
        return this.editMessageText(token, method, p, body, req);
      case "editmessagereplymarkup":
        return this.editMessageReplyMarkup(token, method, p, body, req);
      default:
        if (key === "setmycommands") st.commands.set(this.commandsKey(p), jsonParam(p.commands) ?? []);
        if (key === "deletemycommands") st.commands.delete(this.commandsKey(p));
        return ok(true);
    }
  }

  private commandsKey(p: Record<string, unknown>): string {
    return JSON.stringify([jsonParam(p.scope) ?? { type: "default" }, p.language_code ?? ""]);
  }

  private chatMember(token: string, chatId: number, userId: number): Record<string, unknown> {
    const bot = this.botUser(token);
    const user = userId === bot.id ? bot : this.userFor(userId);
    const status: MemberStatus = this.members.get(chatId)?.get(userId) ?? "member";
    switch (status) {
      case "creator":
        return { status, user, is_anonymous: false };
      case "administrator":
        return {
          status,
          user,
          can_be_edited: false,
          is_anonymous: false,
          can_manage_chat: true,
          can_delete_messages: true,
          can_manage_video_chats: true,
          can_restrict_members: true,
          can_promote_members: false,
          can_change_info: true,
          can_invite_users: true,
          can_post_stories: false,
          can_edit_stories: false,
          can_delete_stories: false,
          can_pin_messages: true,
        };
      case "restricted":
        return { status, user, is_member: true, until_date: 0, can_send_messages: false };
      case "kicked":
        return { status, user, until_date: 0 };
      default:
        return { status, user };
    }
  }

  private validateText(text: unknown, parseMode: unknown, limit: number, what: "text" | "caption"): string | undefined {
    if (!this.opts.validate) return undefined;
    if (what === "text" && (typeof text !== "string" || text.trim().length === 0)) return "Bad Request: message text is empty";
    if (typeof text !== "string") return undefined;
    const bad = validateFormatting(text, parseMode);
    if (bad) return bad;
    if (renderedLength(text, parseMode) > limit) return what === "text" ? "Bad Request: message is too long" : "Bad Request: message caption is too long";
    return undefined;
  }

  private validateMarkup(markup: unknown): string | undefined {
    return this.opts.validate ? validateReplyMarkup(markup) : undefined;
  }

  /** Message object for a stored text message (what the real API would return). */
  private messageObject(token: string, stored: TtsStoredBotMessage): Record<string, unknown> {
    const m = stored.message;
    const chatId = Number(m.chat_id);
    const out: Record<string, unknown> = {
      message_id: stored.messageId,
      from: this.botUser(token),
      chat: this.chatFor(chatId),
      date: Math.floor(stored.time / 1000),
      text: m.text,
    };
    if (m.entities !== undefined) out.entities = m.entities;
    if (isInlineMarkup(m.reply_markup)) out.reply_markup = m.reply_markup;
    const edits = this.editCount(token, chatId, stored.messageId);
    if (edits > 0) out.edit_date = Math.floor(Date.now() / 1000);
    return out;
  }

  private findStored(token: string, chatId: number | undefined, messageId: number | undefined): TtsStoredBotMessage | undefined {
    if (chatId === undefined || messageId === undefined) return undefined;
    return this.tts.storage.botMessages.find(
      (u) => u.botToken === token && u.messageId === messageId && String(u.message.chat_id) === String(chatId),
    );
  }

  private async sendMessage(token: string, method: string, p: Record<string, unknown>, body: Buffer, req: http.IncomingMessage): Promise<ApiResponse> {
    if (numParam(p.chat_id) === undefined) return fail(400, "Bad Request: chat not found");
    const bad = this.validateText(p.text, p.parse_mode, 4096, "text") ?? this.validateMarkup(jsonParam(p.reply_markup));
    if (bad) return fail(400, bad);
    const r = await this.forward(token, method, body, req);
    if (!r.ok) return r;
    const messageId = (r.result as { message_id?: number } | null)?.message_id;
    const stored = this.findStored(token, numParam(p.chat_id), messageId);
    return stored ? ok(this.messageObject(token, stored)) : r;
  }

  private async editMessageText(token: string, method: string, p: Record<string, unknown>, body: Buffer, req: http.IncomingMessage): Promise<ApiResponse> {
    if (p.inline_message_id !== undefined) return ok(true);
    const chatId = numParam(p.chat_id);
    const messageId = numParam(p.message_id);
    const stored = this.findStored(token, chatId, messageId);
    if (!stored) {
      const file = this.state(token).files.find((f) => f.chat_id === chatId && f.message_id === messageId && !f.deleted);
      return fail(400, file ? "Bad Request: there is no text in the message to edit" : "Bad Request: message to edit not found");
    }
    const newMarkup = jsonParam(p.reply_markup);
    const bad = this.validateText(p.text, p.parse_mode, 4096, "text") ?? this.validateMarkup(newMarkup);
    if (bad) return fail(400, bad);
    if (this.opts.validate && stored.message.text === p.text && markupKey(stored.message.reply_markup) === markupKey(newMarkup)) {
      return fail(
        400,
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
      );
    }
    // telegram-test-api merges the edit into the old params; Telegram replaces them. Applied
    // before forwarding (the emulator updates the text while handling the request), so a reader
    // never sees the new text with the old keyboard; restored if the emulator refuses the edit.
    const keys = ["parse_mode", "entities", "link_preview_options", "disable_web_page_preview", "reply_markup"] as const;
    const previous = Object.fromEntries(keys.map((k) => [k, stored.message[k]]));
    for (const k of keys) {
      if (p[k] === undefined) delete stored.message[k];
      else stored.message[k] = k === "reply_markup" || k === "entities" ? jsonParam(p[k]) : p[k];
    }
    const r = await this.forward(token, method, body, req);
    if (!r.ok) {
      for (const k of keys) {
        if (previous[k] === undefined) delete stored.message[k];
        else stored.message[k] = previous[k];
      }
      return r;
    }
    this.bumpEdit(token, chatId as number, messageId as number);
    return ok(this.messageObject(token, stored));
  }

  private async editMessageReplyMarkup(
    token: string,
    method: string,
    p: Record<string, unknown>,
    body: Buffer,
    req: http.IncomingMessage,
  ): Promise<ApiResponse> {
    if (p.inline_message_id !== undefined) return ok(true);
    const chatId = numParam(p.chat_id);
    const messageId = numParam(p.message_id);
    const newMarkup = jsonParam(p.reply_markup);
    const bad = this.validateMarkup(newMarkup);
    if (bad) return fail(400, bad);
    const notModified = fail(
      400,
      "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
    );
    const stored = this.findStored(token, chatId, messageId);
    if (!stored) {
      const file = this.state(token).files.find((f) => f.chat_id === chatId && f.message_id === messageId && !f.deleted);
      if (!file) return fail(400, "Bad Request: message to edit not found");
      if (this.opts.validate && markupKey(file.reply_markup) === markupKey(newMarkup)) return notModified;
      file.reply_markup = isInlineMarkup(newMarkup) ? newMarkup : undefined;
      this.bumpEdit(token, chatId as number, messageId as number);
      return ok(this.fileMessageObject(token, file));
    }
    if (this.opts.validate && markupKey(stored.message.reply_markup) === markupKey(newMarkup)) return notModified;
    if (isInlineMarkup(newMarkup)) {
      const r = await this.forward(token, method, body, req);
      if (!r.ok) return r;
    } else {
      // telegram-test-api ignores edits that remove the keyboard; Telegram removes it.
      delete stored.message.reply_markup;
    }
    this.bumpEdit(token, chatId as number, messageId as number);
    return ok(this.messageObject(token, stored));
  }

  private bumpEdit(token: string, chatId: number, messageId: number): void {
    const edits = this.state(token).edits;
    const k = `${chatId}:${messageId}`;
    edits.set(k, (edits.get(k) ?? 0) + 1);
  }

  private deleteMessage(token: string, p: Record<string, unknown>): ApiResponse {
    const st = this.state(token);
    const chatId = numParam(p.chat_id);
    const messageId = numParam(p.message_id);
    if (chatId === undefined || messageId === undefined) return fail(400, "Bad Request: message identifier is not specified");
    const record = (): ApiResponse => {
      st.deleted.push({ chat_id: chatId, message_id: messageId, time: Date.now() });
      return ok(true);
    };
    const file = st.files.find((f) => f.chat_id === chatId && f.message_id === messageId && !f.deleted);
    if (file) {
      file.deleted = true;
      return record();
    }
    const stored = this.findStored(token, chatId, messageId);
    if (stored) {
      this.tts.removeBotMessage(stored.updateId);
      return record();
    }
    // a user's message (telegram-test-api keeps them after delivery); callback updates are not messages
    const userMsg = this.tts.storage.userMessages.find((u) => {
      const msg = u.message as { chat?: { id?: number } } | undefined;
      return u.botToken === token && !("callbackQuery" in u) && u.messageId === messageId && msg?.chat?.id === chatId;
    });
    if (userMsg) {
      this.tts.removeUserMessage(userMsg.updateId as number);
      return record();
    }
    return fail(400, "Bad Request: message to delete not found");
  }

  private fileMessageObject(token: string, f: SentFile): Record<string, unknown> {
    const fileId = `e2e-file-${f.message_id}`;
    const out: Record<string, unknown> = {
      message_id: f.message_id,
      from: this.botUser(token),
      chat: this.chatFor(f.chat_id),
      date: Math.floor(f.time / 1000),
    };
    if (f.caption !== undefined) out.caption = f.caption;
    if (f.reply_markup) out.reply_markup = f.reply_markup;
    if (f.method === "sendDocument") {
      out.document = { file_id: fileId, file_unique_id: `u${fileId}`, file_name: f.filename, mime_type: f.mime_type, file_size: f.size };
    } else {
      out.photo = [{ file_id: fileId, file_unique_id: `u${fileId}`, width: 1, height: 1, file_size: f.size }];
    }
    return out;
  }

  private sendFile(token: string, method: "sendDocument" | "sendPhoto", p: Record<string, unknown>, files: Map<string, UploadedFile>): ApiResponse {
    const chatId = numParam(p.chat_id);
    if (chatId === undefined) return fail(400, "Bad Request: chat not found");
    const field = method === "sendDocument" ? "document" : "photo";
    const value = p[field];
    let upload: UploadedFile | undefined = files.get(field);
    let reference: string | undefined;
    if (typeof value === "string" && value.startsWith("attach://")) upload = files.get(value.slice("attach://".length));
    else if (typeof value === "string" && !upload) reference = value;
    if (!upload && !reference) return fail(400, `Bad Request: there is no ${field} in the request`);
    const bad = this.validateText(p.caption, p.parse_mode, 1024, "caption") ?? this.validateMarkup(jsonParam(p.reply_markup));
    if (bad) return fail(400, bad);
    if (upload && upload.data.length === 0) return fail(400, "Bad Request: file must be non-empty");
    const params = { ...p };
    delete params[field];
    const markup = jsonParam(p.reply_markup);
    const f: SentFile = {
      method,
      token,
      message_id: this.tts.messageId++, // shares telegram-test-api's counter: ids stay unique and ordered
      chat_id: chatId,
      caption: strParam(p.caption),
      parse_mode: strParam(p.parse_mode),
      filename: upload?.filename,
      mime_type: upload?.contentType && upload.contentType !== "application/octet-stream" ? upload.contentType : guessMime(upload?.filename),
      size: upload?.data.length ?? 0,
      bytes: upload?.data ?? Buffer.alloc(0),
      reference,
      reply_markup: isInlineMarkup(markup) ? markup : undefined,
      params,
      time: Date.now(),
      deleted: false,
    };
    this.state(token).files.push(f);
    return ok(this.fileMessageObject(token, f));
  }

  /** @internal */
  fileToBotMessage(f: SentFile): BotMessage {
    return {
      kind: f.method === "sendDocument" ? "document" : "photo",
      message_id: f.message_id,
      chat_id: f.chat_id,
      chat: this.chatFor(f.chat_id),
      date: Math.floor(f.time / 1000),
      text: undefined,
      plainText: undefined,
      caption: f.caption,
      parse_mode: f.parse_mode,
      reply_markup: f.reply_markup ? structuredClone(f.reply_markup) : undefined,
      file: f,
      editCount: this.editCount(f.token, f.chat_id, f.message_id),
      params: structuredClone(f.params),
    };
  }

  // ------------------------------------------------------------------ getUpdates

  private getUpdates(token: string, p: Record<string, unknown>, res: http.ServerResponse, call: ApiCall): void {
    const st = this.state(token);
    const offset = numParam(p.offset);
    const limit = Math.min(Math.max(numParam(p.limit) ?? 100, 1), 100);
    const timeout = Math.min(Math.max(numParam(p.timeout) ?? 0, 0), this.opts.maxLongPollSeconds);
    const allowedRaw = jsonParam(p.allowed_updates);
    const allowed = Array.isArray(allowedRaw) && allowedRaw.length > 0 ? new Set(allowedRaw.map(String)) : undefined;

    // Only one getUpdates at a time per token, like Telegram.
    if (st.poll && !st.poll.res.destroyed && !st.poll.res.writableEnded) {
      st.poll.finish(409, fail(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"));
    }

    this.pull(token);
    if (offset !== undefined) {
      if (offset < 0) st.queue = st.queue.slice(Math.max(0, st.queue.length + offset));
      else st.queue = st.queue.filter((u) => u.update_id >= offset);
    }

    const timer: { handle?: NodeJS.Timeout } = {};
    let done = false;
    const cleanup = (): void => {
      done = true;
      if (timer.handle) clearTimeout(timer.handle);
      st.waiters.delete(tryRespond);
      if (st.poll === poll) st.poll = undefined;
    };
    const finish = (status: number, body: ApiResponse): void => {
      if (done) return;
      cleanup();
      if (!body.ok) call.error = body.description;
      if (res.destroyed || res.writableEnded) return;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const poll: PendingPoll = { res, finish };
    const deliver = (batch: WireUpdate[], forced: boolean): void => {
      const now = Date.now();
      for (const u of batch) {
        st.deliveries.push({ update_id: u.update_id, type: updateType(u), time: now, forced });
      }
      finish(200, ok(batch));
    };
    function tryRespondInner(self: Emulator): boolean {
      if (done) return true;
      if (res.destroyed) {
        // the bot gave up (abort / shutdown): do not consume anything
        cleanup();
        return true;
      }
      self.pull(token);
      if (st.forced.length > 0) {
        // Forced updates go out alone: a duplicate with an old update_id must not make
        // the bot's next offset "confirm" or re-fetch unrelated updates.
        deliver(st.forced.splice(0, limit), true);
        return true;
      }
      if (allowed) st.queue = st.queue.filter((u) => allowed.has(updateType(u)));
      if (st.queue.length > 0) {
        deliver(st.queue.slice(0, limit), false);
        return true;
      }
      return false;
    }
    const tryRespond = (): void => {
      tryRespondInner(this);
    };

    if (tryRespondInner(this)) return;
    if (timeout <= 0 || this.stopped) {
      finish(200, ok([]));
      return;
    }
    st.poll = poll;
    st.waiters.add(tryRespond);
    timer.handle = setTimeout(() => finish(200, ok([])), timeout * 1000);
    res.on("close", () => {
      if (!done) cleanup();
    });
  }

  // ------------------------------------------------------------------ proxying

  /** Forwards an already-read request body to telegram-test-api and returns its JSON answer as an ApiResponse. */
  private forward(token: string, method: string, body: Buffer, req: http.IncomingMessage): Promise<ApiResponse> {
    const emuPort = this.tts.config.port;
    return new Promise((resolve) => {
      const headers = forwardHeaders(req.headers);
      headers.host = `127.0.0.1:${emuPort}`;
      headers["content-length"] = String(body.length);
      const preq = http.request(
        { host: "127.0.0.1", port: emuPort, method: req.method ?? "POST", path: `/bot${token}/${method}`, headers, agent: false },
        (pres) => {
          const chunks: Buffer[] = [];
          pres.on("data", (c: Buffer) => chunks.push(c));
          pres.on("end", () => resolve(this.toApiResponse(token, method, pres.statusCode ?? 500, Buffer.concat(chunks))));
          pres.on("error", (e) => resolve(fail(502, `Bad Gateway: ${String(e)}`)));
        },
      );
      preq.on("error", (e) => resolve(fail(502, `Bad Gateway: emulator unreachable: ${String(e)}`)));
      preq.end(body);
    });
  }

  private toApiResponse(token: string, method: string, status: number, raw: Buffer): ApiResponse {
    let json: unknown;
    try {
      json = JSON.parse(raw.toString("utf8"));
    } catch {
      return fail(status >= 400 ? status : 502, `Bad Gateway: emulator answered non-JSON: ${raw.toString("utf8").slice(0, 200)}`);
    }
    if (json && typeof json === "object" && "ok" in json) return json as ApiResponse;
    const message = json && typeof json === "object" && "message" in json ? String((json as { message: unknown }).message) : JSON.stringify(json);
    if (/not supported/i.test(message)) this.state(token).unsupported.push(method);
    return fail(status >= 400 && status !== 500 ? status : 400, `Bad Request: e2e emulator: ${message}`);
  }

  /** Streams a request to telegram-test-api unchanged and streams the answer back (error bodies normalized). */
  private proxyStream(req: http.IncomingMessage, res: http.ServerResponse, call: ApiCall | undefined): void {
    const emuPort = this.tts.config.port;
    const headers = forwardHeaders(req.headers);
    headers.host = `127.0.0.1:${emuPort}`;
    const preq = http.request({ host: "127.0.0.1", port: emuPort, method: req.method, path: req.url, headers, agent: false }, (pres) => {
      const status = pres.statusCode ?? 502;
      const ct = String(pres.headers["content-type"] ?? "");
      if (status >= 400 && ct.includes("json") && call) {
        const chunks: Buffer[] = [];
        pres.on("data", (c: Buffer) => chunks.push(c));
        pres.on("end", () => {
          const r = this.toApiResponse(call.token, call.method, status, Buffer.concat(chunks));
          if (!r.ok) call.error = r.description;
          if (res.destroyed || res.writableEnded) return;
          res.writeHead(r.ok ? 200 : r.error_code, { "content-type": "application/json" });
          res.end(JSON.stringify(r));
        });
        return;
      }
      res.writeHead(status, forwardHeaders(pres.headers));
      pres.pipe(res);
    });
    preq.on("error", (e) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(502, { "content-type": "application/json" });
        res.end(JSON.stringify(fail(502, `Bad Gateway: emulator unreachable: ${String(e)}`)));
      } else res.destroy();
    });
    res.on("close", () => {
      if (!res.writableFinished) preq.destroy();
    });
    if (call && String(req.headers["content-type"] ?? "").includes("application/json")) {
      // tee the JSON body into the call record
      const chunks: Buffer[] = [];
      let size = 0;
      req.on("data", (c: Buffer) => {
        size += c.length;
        if (size <= 1 << 20) chunks.push(c);
      });
      req.on("end", () => {
        if (size > 1 << 20) return;
        try {
          const v: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
          if (v && typeof v === "object") call.params = v as Record<string, unknown>;
        } catch {
          /* ignore */
        }
      });
    }
    req.pipe(preq);
  }
}

function guessMime(filename: string | undefined): string | undefined {
  if (!filename) return undefined;
  const ext = filename.split(".").pop()?.toLowerCase();
  const map: Record<string, string> = {
    pdf: "application/pdf",
    txt: "text/plain",
    csv: "text/csv",
    json: "application/json",
    xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    html: "text/html",
    md: "text/markdown",
    jpg: "image/jpeg",
    jpeg: "image/jpeg",
    png: "image/png",
    zip: "application/zip",
  };
  return ext ? map[ext] : undefined;
}

/**
 * Starts telegram-test-api and the front server on 127.0.0.1 (free ports).
 * Give the bot `emulator.apiRoot` as TELEGRAM_API_ROOT and `emulator.token` as BOT_TOKEN.
 * Call `emulator.stop()` when done.
 */
export function startEmulator(options?: EmulatorOptions): Promise<Emulator> {
  return Emulator.create(options);
}
