/**
 * Zalo's Bot API faked as a real HTTP server on 127.0.0.1 (random port), written from
 * ../shared/channels/zalo-bot-api.md and nothing in src/, so that the client is checked
 * against the API rather than against itself. It refuses what the API refuses and records
 * what the bot sent; tests inject users' messages, read the bot's, and make calls fail.
 *
 * The published API, as faked here:
 * - `POST /bot<TOKEN>/<method>`, JSON body; every reply `{ ok, result?, error_code?, description? }`.
 * - getMe; getUpdates `{ timeout }` → ONE update in `result` (not an array), or error_code 408
 *   when nothing came within the timeout; setWebhook `{ url, secret_token (8–256) }`,
 *   deleteWebhook, getWebhookInfo; with a webhook set, each update is POSTed to the url with
 *   the header X-Bot-Api-Secret-Token; sendMessage `{ chat_id, text (1–2,000) }`;
 *   sendPhoto `{ chat_id, photo (https URL), caption? }`; sendSticker; sendChatAction.
 * - Updates are `{ event_name, message }`; a webhook delivery may wrap it as `{ ok, result }`.
 *
 * Assumptions (not documented anywhere we read; each marked "Assumption" below too):
 * - HTTP status: an error answers with the HTTP status equal to its error_code (as Telegram
 *   does), except where a test asks for an error inside a 200 reply (failNext's httpStatus).
 *   The client must read the body's error_code whatever the status.
 * - getUpdates while a webhook is set answers error_code 409 (Telegram's "Conflict"); the
 *   documentation only says polling and the webhook are exclusive.
 * - The idle wait is min(timeout, `pollIdleMs`), 200 ms by default, so tests do not wait 30 s;
 *   the idle answer is `{ ok: false, error_code: 408, description: "Request timeout" }`.
 * - Updates queued while no one polls are kept, and delivered to the webhook once one is set.
 *   A webhook delivery that fails is recorded and not retried.
 * - The webhook url must be https; `allowHttp` lets tests use http://127.0.0.1 (the real API
 *   would refuse it). The same option lets sendPhoto take an http photo URL.
 * - sendMessage's "1–2,000 characters" is checked both ways: refused over 2,000 UTF-16 code
 *   units OR over 2,000 code points, and refused when blank (whitespace only) as well as empty.
 *   A caption has the same 2,000 limit.
 * - The bot cannot write first: sending to a chat nobody wrote from answers error_code 400
 *   ("chat not found"), unless `anyChat` is set. A private chat's id is the user's id.
 * - sendMessage/sendPhoto answer `{ message_id, date }`; getMe `{ id, account_name,
 *   account_type, can_join_groups }`; getWebhookInfo `{ url, updated_at }` (url "" when none).
 * - A wrong token answers HTTP 401 `{ ok: false, error_code: 401, description: "Unauthorized" }`;
 *   an unknown method HTTP 404 with error_code 404.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const TEXT_LIMIT = 2000;
const SECRET_MIN = 8;
const SECRET_MAX = 256;
const CHAT_ACTIONS = new Set(["typing", "upload_photo"]);

export interface ZaloFakeOptions {
  /** The bot's token; default "1234567890:fake-secret-token". */
  token?: string;
  /** How long an idle getUpdates waits at most before its 408 (ms); default 200. */
  pollIdleMs?: number;
  /** Accept http:// webhook and photo URLs (the real API wants https). Default false. */
  allowHttp?: boolean;
  /** Let the bot send to chats nobody wrote from. Default false. */
  anyChat?: boolean;
}

export interface ZaloUser {
  id: string;
  displayName: string;
}

export interface ZaloGroup {
  id: string;
}

/** An update's message, as the API describes it. */
export interface FakeZaloMessage {
  message_id: string;
  from: { id: string; display_name: string; is_bot: boolean };
  chat: { id: string; chat_type: "PRIVATE" | "GROUP" };
  date: number;
  text?: string;
  photo_url?: string;
  caption?: string;
  sticker?: string;
}

export interface FakeZaloUpdate {
  event_name: string;
  message: FakeZaloMessage;
}

/** What the bot sent to a chat (sendMessage, sendPhoto, sendSticker), in order. */
export interface SentZaloMessage {
  method: "sendMessage" | "sendPhoto" | "sendSticker";
  chatId: string;
  messageId: string;
  text: string;
  photo?: string;
  sticker?: string;
  date: number;
}

/** One webhook POST and how it went. */
export interface WebhookDelivery {
  url: string;
  body: unknown;
  /** The receiver's HTTP status, or null when the request failed. */
  status: number | null;
  error?: string;
}

export interface InjectedFailure {
  /** Default 429. */
  errorCode?: number;
  description?: string;
  /** The HTTP status of the failing reply; default the error code. 200 puts the error in a 200 reply. */
  httpStatus?: number;
}

type Reply = { status: number; body: Record<string, unknown> };

const ok = (result: unknown): Reply => ({ status: 200, body: { ok: true, result } });
const fail = (errorCode: number, description: string, status = errorCode): Reply => ({
  status,
  body: { ok: false, error_code: errorCode, description },
});

/** Who made a call: whether they left, and being told when they do (a long poll stops waiting). */
interface Caller {
  readonly gone: boolean;
  onGone(listener: () => void): void;
}

interface Poller {
  resolve: (update: FakeZaloUpdate | null) => void;
}

export class ZaloFake {
  readonly token: string;
  readonly botId = "900000000000000001";
  /** Every call with a valid token, in order: method and body (bodies hold no token). */
  readonly calls: { method: string; body: Record<string, unknown> }[] = [];
  /** Every webhook POST, in order. */
  readonly deliveries: WebhookDelivery[] = [];
  /** sendChatAction calls, in order. */
  readonly actions: { chatId: string; action: string }[] = [];

  private readonly options: Required<Omit<ZaloFakeOptions, "token">>;
  private server: Server | undefined;
  private url = "";
  private webhook: { url: string; secret: string; updatedAt: number } | null = null;
  private readonly queue: { update: FakeZaloUpdate; envelope: "bare" | "wrapped" }[] = [];
  private readonly pollers: Poller[] = [];
  private readonly failures = new Map<string, InjectedFailure[]>();
  private readonly sent = new Map<string, SentZaloMessage[]>();
  private readonly taken = new Map<string, number>();
  private readonly sentWaiters: { chatId: string; wake: () => void }[] = [];
  private readonly knownChats = new Set<string>();
  private readonly blockedChats = new Set<string>();
  private nextId = 1;

  constructor(options: ZaloFakeOptions = {}) {
    this.token = options.token ?? "1234567890:fake-secret-token";
    this.options = { pollIdleMs: options.pollIdleMs ?? 200, allowHttp: options.allowHttp ?? false, anyChat: options.anyChat ?? false };
  }

  /** Starts the server; resolves with its base URL (what the client takes as `baseUrl`). */
  async start(): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.url;
  }

  get baseUrl(): string {
    return this.url;
  }

  async stop(): Promise<void> {
    for (const poller of this.pollers.splice(0)) poller.resolve(null);
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // -------------------------------------------------------------------------------------------
  // What tests do

  /**
   * `from` writes `text` to the bot, in `group` or else in their private chat. Polled by
   * getUpdates, or POSTed to the webhook when one is set (resolves once delivered); `envelope`
   * chooses the webhook body's form: bare `{ event_name, message }` or `{ ok, result }`.
   */
  async sendText(from: ZaloUser, text: string, options: { group?: ZaloGroup; envelope?: "bare" | "wrapped" } = {}): Promise<FakeZaloUpdate> {
    const update: FakeZaloUpdate = { event_name: "message.text.received", message: { ...this.messageFrom(from, options.group), text } };
    await this.inject(update, options.envelope);
    return update;
  }

  /** Any other event (image, sticker, voice, unsupported) from `from`: `fields` go into the message. */
  async sendEvent(
    from: ZaloUser,
    eventName: string,
    fields: Partial<FakeZaloMessage> = {},
    options: { group?: ZaloGroup; envelope?: "bare" | "wrapped" } = {},
  ): Promise<FakeZaloUpdate> {
    const update: FakeZaloUpdate = { event_name: eventName, message: { ...this.messageFrom(from, options.group), ...fields } };
    await this.inject(update, options.envelope);
    return update;
  }

  /** The next `times` calls of `method` fail as told (default 429 with no retry_after, as Zalo sends). */
  failNext(method: string, failure: InjectedFailure = {}, times = 1): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(failure);
    this.failures.set(method, list);
  }

  /**
   * The person blocked the bot (or can no longer be reached): every send to their chat answers
   * error_code 403 until `unblock`. Assumption: which code a block gives is undocumented; 403 as
   * on Telegram.
   */
  block(user: ZaloUser): void {
    this.blockedChats.add(user.id);
  }

  unblock(user: ZaloUser): void {
    this.blockedChats.delete(user.id);
  }

  /** Everything the bot sent to `chatId`, in order. */
  messagesTo(chatId: string): SentZaloMessage[] {
    return [...(this.sent.get(chatId) ?? [])];
  }

  /**
   * The bot's next message to `chatId` not yet returned by this method (whether it was sent
   * before or after the call); rejects after `timeoutMs`.
   */
  async nextMessage(chatId: string, timeoutMs = 5000): Promise<SentZaloMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.taken.get(chatId) ?? 0;
      const message = this.sent.get(chatId)?.[index];
      if (message) {
        this.taken.set(chatId, index + 1);
        return message;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`ZaloFake: no message to chat ${chatId} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const waiter = {
          chatId,
          wake: () => {
            clearTimeout(timer);
            resolve();
          },
        };
        const timer = setTimeout(() => {
          this.sentWaiters.splice(this.sentWaiters.indexOf(waiter), 1);
          resolve();
        }, left);
        this.sentWaiters.push(waiter);
      });
    }
  }

  /** Between tests: forgets the updates nobody polled yet and the failures not yet used. */
  reset(): void {
    this.queue.length = 0;
    this.failures.clear();
  }

  /** The webhook currently set (url and secret), or null. */
  get currentWebhook(): { url: string; secret: string } | null {
    return this.webhook ? { url: this.webhook.url, secret: this.webhook.secret } : null;
  }

  /** Updates waiting for a getUpdates. */
  get pendingUpdates(): number {
    return this.queue.length;
  }

  // -------------------------------------------------------------------------------------------
  // Updates in

  private messageFrom(from: ZaloUser, group: ZaloGroup | undefined): FakeZaloMessage {
    // Assumption: a private chat's id is the user's id.
    const chat = group ? { id: group.id, chat_type: "GROUP" as const } : { id: from.id, chat_type: "PRIVATE" as const };
    this.knownChats.add(chat.id);
    return {
      message_id: `m${String(this.nextId++).padStart(6, "0")}`,
      from: { id: from.id, display_name: from.displayName, is_bot: false },
      chat,
      date: Date.now(),
    };
  }

  private async inject(update: FakeZaloUpdate, envelope: "bare" | "wrapped" = "bare"): Promise<void> {
    if (this.webhook) {
      await this.deliver(update, envelope);
      return;
    }
    const poller = this.pollers.shift();
    if (poller) poller.resolve(update);
    else this.queue.push({ update, envelope });
  }

  private async deliver(update: FakeZaloUpdate, envelope: "bare" | "wrapped"): Promise<void> {
    const hook = this.webhook;
    if (!hook) return;
    const body = envelope === "wrapped" ? { ok: true, result: update } : update;
    const delivery: WebhookDelivery = { url: hook.url, body, status: null };
    this.deliveries.push(delivery);
    try {
      const response = await fetch(hook.url, {
        method: "POST",
        headers: { "content-type": "application/json", "X-Bot-Api-Secret-Token": hook.secret },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      delivery.status = response.status;
    } catch (error) {
      delivery.error = (error as Error).message;
    }
  }

  // -------------------------------------------------------------------------------------------
  // The API

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let reply: Reply;
    try {
      const raw = await readBody(req);
      const caller: Caller = {
        get gone() {
          return res.destroyed;
        },
        onGone: (listener) =>
          res.on("close", () => {
            if (!res.writableEnded) listener();
          }),
      };
      reply = await this.route(req.url ?? "", req.method ?? "", raw, caller);
    } catch (error) {
      reply = fail(500, `Internal fake error: ${(error as Error).message}`);
    }
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(reply.status, { "content-type": "application/json" });
    res.end(JSON.stringify(reply.body));
  }

  /**
   * The same API without HTTP: a `fetch` for ZaloApi's `fetch` option that hands the request to
   * the fake's router in-process (as Telegram's fake answers grammY's calls), for benchmarks
   * that measure the bot, not the loopback. Works before `start()`; `init.signal` is the caller
   * giving up (a long poll ends with 408). The reply is the JSON text in a Response-shaped object
   * (status, ok, text(), json()), not undici's Response: its streams cost more than the fake's
   * own work, and they are the transport's, like the socket.
   */
  readonly fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const signal = init.signal ?? undefined;
    signal?.throwIfAborted();
    const caller: Caller = {
      get gone() {
        return signal?.aborted ?? false;
      },
      onGone: (listener) => signal?.addEventListener("abort", listener, { once: true }),
    };
    const { pathname, search } = new URL(url, "http://zalo-fake.invalid");
    let reply: Reply;
    try {
      reply = await this.route(pathname + search, init.method ?? "GET", typeof init.body === "string" ? init.body : "", caller);
    } catch (error) {
      reply = fail(500, `Internal fake error: ${(error as Error).message}`);
    }
    return inProcessResponse(reply.status, JSON.stringify(reply.body));
  };

  private async route(url: string, httpMethod: string, raw: string, caller: Caller): Promise<Reply> {
    const match = /^\/bot([^/]+)\/([^/?]+)$/.exec(url.split("?")[0] ?? "");
    if (!match) return fail(404, "Not Found");
    const [, token, method] = match as unknown as [string, string, string];
    if (decodeURIComponent(token) !== this.token) return fail(401, "Unauthorized");
    if (httpMethod !== "POST") return fail(405, "Method Not Allowed");
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = raw === "" ? {} : JSON.parse(raw);
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return fail(400, "Bad Request: the body must be a JSON object");
      body = parsed as Record<string, unknown>;
    } catch {
      return fail(400, "Bad Request: invalid JSON");
    }
    this.calls.push({ method, body });
    const failure = this.failures.get(method)?.shift();
    if (failure) {
      const code = failure.errorCode ?? 429;
      return fail(code, failure.description ?? (code === 429 ? "Too Many Requests: quota exceeded" : "Internal Server Error"), failure.httpStatus ?? code);
    }
    switch (method) {
      case "getMe":
        return ok({ id: this.botId, account_name: "bot.tusoi.test", account_type: "BASIC", can_join_groups: false });
      case "getUpdates":
        return this.getUpdates(body, caller);
      case "setWebhook":
        return this.setWebhook(body);
      case "deleteWebhook":
        this.webhook = null;
        return ok({ url: "", updated_at: Date.now() });
      case "getWebhookInfo":
        return ok({ url: this.webhook?.url ?? "", updated_at: this.webhook?.updatedAt ?? 0 });
      case "sendMessage":
        return this.sendMessage(body);
      case "sendPhoto":
        return this.sendPhoto(body);
      case "sendSticker":
        return this.sendSticker(body);
      case "sendChatAction":
        return this.sendChatAction(body);
      default:
        return fail(404, `Not Found: method ${method} does not exist`);
    }
  }

  private async getUpdates(body: Record<string, unknown>, caller: Caller): Promise<Reply> {
    // Assumption: 409 as Telegram answers; the documentation only says the two are exclusive.
    if (this.webhook) return fail(409, "Conflict: getUpdates is not available while a webhook is set");
    const queued = this.queue.shift();
    if (queued) return ok(queued.update);
    const seconds = Number(body.timeout ?? 30);
    if (!Number.isFinite(seconds) || seconds < 0) return fail(400, "Bad Request: timeout must be a number of seconds");
    const waitMs = Math.min(seconds * 1000, this.options.pollIdleMs);
    const update = await new Promise<FakeZaloUpdate | null>((resolve) => {
      const poller: Poller = {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
      };
      const timer = setTimeout(() => {
        this.removePoller(poller);
        resolve(null);
      }, waitMs);
      // A client that gave up must not swallow the next update.
      caller.onGone(() => {
        this.removePoller(poller);
        clearTimeout(timer);
        resolve(null);
      });
      this.pollers.push(poller);
    });
    if (update === null) return fail(408, "Request timeout");
    if (caller.gone) {
      this.queue.unshift({ update, envelope: "bare" }); // the poller left meanwhile: keep the update for the next one
      return fail(408, "Request timeout");
    }
    return ok(update);
  }

  private removePoller(poller: Poller): void {
    const at = this.pollers.indexOf(poller);
    if (at >= 0) this.pollers.splice(at, 1);
  }

  private async setWebhook(body: Record<string, unknown>): Promise<Reply> {
    const { url, secret_token: secret } = body;
    if (typeof url !== "string" || !this.acceptsUrl(url)) {
      return fail(400, this.options.allowHttp ? "Bad Request: url must be an http(s) URL" : "Bad Request: url must be an https URL");
    }
    if (typeof secret !== "string" || secret.length < SECRET_MIN || secret.length > SECRET_MAX) {
      return fail(400, `Bad Request: secret_token must be ${SECRET_MIN}-${SECRET_MAX} characters`);
    }
    this.webhook = { url, secret, updatedAt: Date.now() };
    // Assumption: updates that waited for a poll go to the new webhook.
    for (const { update, envelope } of this.queue.splice(0)) await this.deliver(update, envelope);
    return ok({ url, updated_at: this.webhook.updatedAt });
  }

  private sendMessage(body: Record<string, unknown>): Reply {
    const chat = this.chatOf(body);
    if (typeof chat !== "string") return chat;
    const text = body.text;
    if (typeof text !== "string" || text.trim() === "") return fail(400, "Bad Request: text is empty");
    if (text.length > TEXT_LIMIT || [...text].length > TEXT_LIMIT) return fail(400, `Bad Request: text is longer than ${TEXT_LIMIT} characters`);
    return ok(this.record({ method: "sendMessage", chatId: chat, text }));
  }

  private sendPhoto(body: Record<string, unknown>): Reply {
    const chat = this.chatOf(body);
    if (typeof chat !== "string") return chat;
    const { photo, caption } = body;
    if (typeof photo !== "string" || !this.acceptsUrl(photo)) return fail(400, "Bad Request: photo must be an https URL");
    if (caption !== undefined && (typeof caption !== "string" || caption.length > TEXT_LIMIT || [...caption].length > TEXT_LIMIT)) {
      return fail(400, `Bad Request: caption is longer than ${TEXT_LIMIT} characters`);
    }
    return ok(this.record({ method: "sendPhoto", chatId: chat, text: typeof caption === "string" ? caption : "", photo }));
  }

  private sendSticker(body: Record<string, unknown>): Reply {
    const chat = this.chatOf(body);
    if (typeof chat !== "string") return chat;
    if (typeof body.sticker !== "string" || body.sticker === "") return fail(400, "Bad Request: sticker is required");
    return ok(this.record({ method: "sendSticker", chatId: chat, text: "", sticker: body.sticker }));
  }

  private sendChatAction(body: Record<string, unknown>): Reply {
    const chat = this.chatOf(body);
    if (typeof chat !== "string") return chat;
    if (typeof body.action !== "string" || !CHAT_ACTIONS.has(body.action)) return fail(400, "Bad Request: unknown action");
    this.actions.push({ chatId: chat, action: body.action });
    return ok(true);
  }

  /** The body's chat_id when the bot may write there, else the error reply. */
  private chatOf(body: Record<string, unknown>): string | Reply {
    const chatId = body.chat_id;
    if (typeof chatId !== "string" && typeof chatId !== "number") return fail(400, "Bad Request: chat_id is required");
    const chat = String(chatId);
    // Assumption: the error for a chat the bot may not write to (nobody wrote from it).
    if (!this.options.anyChat && !this.knownChats.has(chat)) return fail(400, "Bad Request: chat not found");
    if (this.blockedChats.has(chat)) return fail(403, "Forbidden: the user has blocked the bot");
    return chat;
  }

  private record(message: Omit<SentZaloMessage, "messageId" | "date">): { message_id: string; date: number } {
    const sent: SentZaloMessage = { ...message, messageId: `b${String(this.nextId++).padStart(6, "0")}`, date: Date.now() };
    const list = this.sent.get(sent.chatId) ?? [];
    list.push(sent);
    this.sent.set(sent.chatId, list);
    for (const waiter of this.sentWaiters.filter((w) => w.chatId === sent.chatId)) {
      this.sentWaiters.splice(this.sentWaiters.indexOf(waiter), 1);
      waiter.wake();
    }
    return { message_id: sent.messageId, date: sent.date };
  }

  private acceptsUrl(value: string): boolean {
    try {
      const { protocol } = new URL(value);
      return protocol === "https:" || (this.options.allowHttp && protocol === "http:");
    } catch {
      return false;
    }
  }
}

/** What ZaloApi reads of a fetch's Response (status, ok, the body as text or JSON), without undici's streams. */
function inProcessResponse(status: number, body: string): Response {
  const reply: Pick<Response, "status" | "ok" | "statusText" | "text" | "json"> = {
    status,
    ok: status >= 200 && status < 300,
    statusText: "",
    text: () => Promise.resolve(body),
    json: () => Promise.resolve(JSON.parse(body) as unknown),
  };
  return reply as Response;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
