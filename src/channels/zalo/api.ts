/**
 * The Zalo Bot API (bot.zaloplatforms.com/docs), as a small typed client with no framework:
 * the calls the Zalo channel needs, the errors read from the reply's body, a back-off for 429
 * (Zalo publishes no quota and sends no retry_after), the parser of incoming updates (webhook
 * bodies and getUpdates results), the 2,000-character splitter and the webhook secret check.
 * Not wired yet: the channel-neutral core (issue 18) comes first, then the channel (issue 20).
 *
 * What the API is known to do is in ../shared/channels/zalo-bot-api.md; where this file
 * relies on something not documented there, the comment says "Assumption".
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { splitText } from "../../domain/text.js";

/** The API's host; `bot-api.zapps.me` was an older one. */
export const ZALO_API_BASE = "https://bot-api.zaloplatforms.com";
/** sendMessage's text: 1–2,000 characters. */
export const ZALO_TEXT_LIMIT = 2000;
/**
 * Assumption: a photo's caption has the text's limit (undocumented; open-source clients cut
 * it at 2,000 too).
 */
export const ZALO_CAPTION_LIMIT = 2000;
/** setWebhook's secret_token: 8–256 characters. */
export const ZALO_SECRET_MIN = 8;
export const ZALO_SECRET_MAX = 256;
/** The header each webhook POST carries the secret in. */
export const ZALO_SECRET_HEADER = "x-bot-api-secret-token";

/** Every reply's shape. */
export interface ZaloReply<T = unknown> {
  ok: boolean;
  result?: T;
  error_code?: number;
  description?: string;
}

/** getMe's result. Assumption beyond `id` and a name: the fields open-source clients read. */
export interface ZaloBotInfo {
  id: string;
  account_name?: string;
  name?: string;
  account_type?: string;
  can_join_groups?: boolean;
}

/** getWebhookInfo's (and setWebhook's) result; `url` is "" when no webhook is set. */
export interface ZaloWebhookInfo {
  url?: string;
  updated_at?: number;
}

/** What sendMessage/sendPhoto answer. Assumption: at least the new message's id. */
export interface ZaloSentMessage {
  message_id: string;
  date?: number;
}

export type ZaloChatType = "PRIVATE" | "GROUP";
export type ZaloChatAction = "typing" | "upload_photo";

/**
 * A call that failed: the reply's `error_code` (whatever the HTTP status: an error may come in
 * a 200 reply) and `description`. Never carries the token: the message names the method only,
 * and a description that echoed the token would have it replaced.
 */
export class ZaloApiError extends Error {
  override readonly name: string = "ZaloApiError";
  constructor(
    readonly method: string,
    readonly errorCode: number,
    readonly description: string,
  ) {
    super(`Zalo ${method} failed: ${errorCode} ${description}`);
  }

  /** 429: the (unpublished) quota is exceeded; back off with ZaloBackoff. */
  get isRateLimited(): boolean {
    return this.errorCode === 429;
  }

  /** getUpdates found nothing within its timeout (408): poll again. */
  get isPollTimeout(): boolean {
    return this.errorCode === 408;
  }

  /** Worth sending again later: 429, or a server-side failure (5xx). */
  get isRetryable(): boolean {
    return this.errorCode === 429 || this.errorCode >= 500;
  }
}

/** The network failed (refused, reset, timed out): no reply at all. `errorCode` is 0. */
export class ZaloNetworkError extends ZaloApiError {
  override readonly name: string = "ZaloNetworkError";
}

export type ZaloFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface ZaloApiOptions {
  token: string;
  /** Default ZALO_API_BASE; tests point it at the fake. */
  baseUrl?: string;
  /** Default: the global fetch. */
  fetch?: ZaloFetch;
  /** Per call, except getUpdates (its own timeout plus 10 s). Default 30 s. */
  timeoutMs?: number;
}

/**
 * The client. `token` is kept in a private field, so printing or serialising the client shows
 * no token; it appears only in the request URL.
 *
 * @example
 * const zalo = new ZaloApi({ token });
 * const update = await zalo.getUpdates(30); // one update, or null when idle
 */
export class ZaloApi {
  readonly #token: string;
  readonly #baseUrl: string;
  readonly #fetch: ZaloFetch;
  readonly #timeoutMs: number;

  constructor(options: ZaloApiOptions) {
    if (options.token.trim() === "") throw new Error("ZaloApi: the bot token is empty");
    this.#token = options.token;
    this.#baseUrl = (options.baseUrl ?? ZALO_API_BASE).replace(/\/+$/, "");
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.#timeoutMs = options.timeoutMs ?? 30_000;
  }

  /**
   * Calls `method` with a JSON body; the result on `ok`, else a ZaloApiError from the body's
   * error_code (the HTTP status only when the body has none).
   */
  async call<T>(method: string, body: Record<string, unknown> = {}, timeoutMs = this.#timeoutMs, signal?: AbortSignal): Promise<T> {
    let response: Response;
    let text: string;
    try {
      response = await this.#fetch(`${this.#baseUrl}/bot${this.#token}/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: signal ? AbortSignal.any([AbortSignal.timeout(timeoutMs), signal]) : AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      // Only the error's name and code: a fetch implementation may put the URL in its message.
      const code = (error as { cause?: { code?: unknown } }).cause?.code ?? (error as { code?: unknown }).code;
      const what = [(error as Error).name, typeof code === "string" ? code : undefined].filter(Boolean).join(" ");
      throw new ZaloNetworkError(method, 0, what || "network error");
    }
    let reply: ZaloReply<T> | undefined;
    try {
      reply = JSON.parse(text) as ZaloReply<T>;
    } catch {
      reply = undefined;
    }
    if (reply === undefined || reply === null || typeof reply !== "object") {
      throw new ZaloApiError(method, response.status, `not a JSON reply (HTTP ${response.status})`);
    }
    if (reply.ok === true && typeof reply.error_code !== "number") return reply.result as T;
    const errorCode = typeof reply.error_code === "number" ? reply.error_code : response.ok ? 0 : response.status;
    throw new ZaloApiError(method, errorCode, this.#redact(String(reply.description ?? `HTTP ${response.status}`)));
  }

  getMe(): Promise<ZaloBotInfo> {
    return this.call<ZaloBotInfo>("getMe");
  }

  /**
   * Long-polls for ONE update (the API returns one, not a list; no offset is documented):
   * the raw update, or null when the poll ended idle (408). Pass it to readZaloUpdate.
   * Refused while a webhook is set. `signal` ends the poll early (graceful shutdown).
   */
  async getUpdates(timeoutSeconds = 30, signal?: AbortSignal): Promise<unknown> {
    try {
      // The documentation shows the timeout as a string ("30").
      return await this.call<unknown>("getUpdates", { timeout: String(timeoutSeconds) }, (timeoutSeconds + 10) * 1000, signal);
    } catch (error) {
      if (error instanceof ZaloApiError && error.isPollTimeout) return null;
      throw error;
    }
  }

  /** Zalo then POSTs each update to `url` (https) with `secretToken` in X-Bot-Api-Secret-Token. */
  setWebhook(url: string, secretToken: string): Promise<ZaloWebhookInfo> {
    if (!isValidSecretToken(secretToken)) {
      throw new RangeError(`Zalo setWebhook: the secret must be ${ZALO_SECRET_MIN}–${ZALO_SECRET_MAX} characters`);
    }
    return this.call<ZaloWebhookInfo>("setWebhook", { url, secret_token: secretToken });
  }

  deleteWebhook(): Promise<ZaloWebhookInfo> {
    return this.call<ZaloWebhookInfo>("deleteWebhook");
  }

  getWebhookInfo(): Promise<ZaloWebhookInfo> {
    return this.call<ZaloWebhookInfo>("getWebhookInfo");
  }

  /**
   * Plain text, 1–2,000 characters: a longer text must be split first (splitZaloText). Refused
   * here, before any request, so a caller's bug never reaches Zalo as a 400.
   */
  sendMessage(chatId: string, text: string): Promise<ZaloSentMessage> {
    if (!fitsZaloText(text)) {
      throw new RangeError(`Zalo sendMessage: text must be 1–${ZALO_TEXT_LIMIT} characters, got ${text.length}`);
    }
    return this.call<ZaloSentMessage>("sendMessage", { chat_id: chatId, text });
  }

  /** A photo by its https URL (Zalo fetches it), with an optional caption. */
  sendPhoto(chatId: string, photoUrl: string, caption?: string): Promise<ZaloSentMessage> {
    if (caption !== undefined && caption.length > ZALO_CAPTION_LIMIT) {
      throw new RangeError(`Zalo sendPhoto: caption over ${ZALO_CAPTION_LIMIT} characters`);
    }
    return this.call<ZaloSentMessage>("sendPhoto", { chat_id: chatId, photo: photoUrl, ...(caption !== undefined ? { caption } : {}) });
  }

  sendChatAction(chatId: string, action: ZaloChatAction = "typing"): Promise<unknown> {
    return this.call<unknown>("sendChatAction", { chat_id: chatId, action });
  }

  #redact(text: string): string {
    return text.split(this.#token).join("<token>");
  }
}

/** Whether `text` may be sent as is: not blank, at most 2,000 UTF-16 units (so also code points). */
export function fitsZaloText(text: string): boolean {
  return text.trim() !== "" && text.length <= ZALO_TEXT_LIMIT && [...text].length <= ZALO_TEXT_LIMIT;
}

/** A long text as messages Zalo accepts, cut between lines (see splitText in src/domain/text.ts). */
export function splitZaloText(text: string): string[] {
  return splitText(text, ZALO_TEXT_LIMIT);
}

/** setWebhook's rule for secret_token: 8–256 characters. */
export function isValidSecretToken(secret: string): boolean {
  return secret.length >= ZALO_SECRET_MIN && secret.length <= ZALO_SECRET_MAX;
}

/**
 * Whether a webhook request's X-Bot-Api-Secret-Token header is our secret, in constant time:
 * both sides are hashed first, so neither the content nor the length leaks through timing.
 * A missing, repeated (array) or empty header never matches, nor does an empty secret.
 */
export function secretMatches(expected: string, received: string | readonly string[] | undefined): boolean {
  if (typeof received !== "string" || expected === "") return false;
  const digest = (value: string): Buffer => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(expected), digest(received));
}

/**
 * How long to wait before the next try after consecutive 429 answers: 1 s, doubling, at most
 * 60 s. Zalo sends no retry_after, so the sender guesses; `attempt` counts from 1.
 */
export function zaloBackoffMs(attempt: number): number {
  const doublings = Math.max(0, Math.floor(attempt) - 1);
  return Math.min(1000 * 2 ** Math.min(doublings, 16), 60_000);
}

/**
 * A sender's 429 state: `delayMs()` after each 429 gives the next wait (1 s, 2 s, 4 s … 60 s),
 * `reset()` after a success starts over.
 *
 * @example
 * const backoff = new ZaloBackoff();
 * try { await zalo.sendMessage(chat, text); backoff.reset(); }
 * catch (e) { if (e instanceof ZaloApiError && e.isRateLimited) await sleep(backoff.delayMs()); }
 */
export class ZaloBackoff {
  #attempt = 0;

  delayMs(): number {
    this.#attempt += 1;
    return zaloBackoffMs(this.#attempt);
  }

  reset(): void {
    this.#attempt = 0;
  }

  /** Consecutive 429s so far. */
  get attempts(): number {
    return this.#attempt;
  }
}

/**
 * Runs `send`, waiting and trying again after each 429 (ZaloBackoff's delays) up to
 * `maxAttempts` tries in all; any other error, or the last 429, is thrown. `sleep` is
 * injectable so tests do not wait.
 */
export async function retryOnRateLimit<T>(send: () => Promise<T>, options: { maxAttempts?: number; sleep?: (ms: number) => Promise<void> } = {}): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 5;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const backoff = new ZaloBackoff();
  for (;;) {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof ZaloApiError && error.isRateLimited) || backoff.attempts + 1 >= maxAttempts) throw error;
      await sleep(backoff.delayMs());
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Incoming updates

/** Ids arrive as strings; a number is accepted and kept as its decimal string. */
const id = z.union([z.string().min(1), z.number().int()]).transform(String);

const updateSchema = z.object({
  event_name: z.string().min(1),
  message: z
    .object({
      message_id: id,
      from: z.object({
        id,
        display_name: z.string().optional(),
        name: z.string().optional(),
        is_bot: z.boolean().optional(),
      }),
      chat: z.object({
        id,
        // Assumption: compared without case ("PRIVATE" | "GROUP" is what is documented).
        chat_type: z.string().transform((s) => s.toUpperCase()),
      }),
      /** Milliseconds since the epoch. */
      date: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]),
      text: z.string().optional(),
    })
    .optional(),
});

/** An update as the API describes it (`{ event_name, message }`), the rest of it ignored. */
export type ZaloUpdate = z.output<typeof updateSchema>;

/** A person's text message, in the channel's terms; what the core's inbound adapter will take. */
export interface ZaloInboundText {
  channel: "zalo";
  /** The sender's Zalo id: the identity `zalo:<userId>`. */
  userId: string;
  chatId: string;
  chatType: ZaloChatType;
  messageId: string;
  /** The sender's display name as Zalo gives it ("" when none), not yet cleaned. */
  displayName: string;
  text: string;
  date: Date;
}

export const ZALO_TEXT_EVENT = "message.text.received";

/**
 * The update in a webhook body or a getUpdates result, bare (`{ event_name, message }`) or
 * wrapped (`{ ok: true, result: { … } }`: some deliveries come so); null when it is neither.
 */
export function readZaloUpdate(raw: unknown): ZaloUpdate | null {
  const inner =
    raw !== null && typeof raw === "object" && !("event_name" in raw) && (raw as { ok?: unknown }).ok === true && "result" in raw
      ? (raw as { result: unknown }).result
      : raw;
  const parsed = updateSchema.safeParse(inner);
  return parsed.success ? parsed.data : null;
}

/**
 * The person's text message in an update, or null for anything else: other events (image,
 * sticker, voice, unsupported), a message from a bot, a chat type other than PRIVATE/GROUP,
 * an empty text.
 */
export function toInboundText(update: ZaloUpdate): ZaloInboundText | null {
  const message = update.message;
  if (update.event_name !== ZALO_TEXT_EVENT || message === undefined) return null;
  if (message.text === undefined || message.text.trim() === "" || message.from.is_bot === true) return null;
  const chatType = message.chat.chat_type;
  if (chatType !== "PRIVATE" && chatType !== "GROUP") return null;
  const date = new Date(message.date);
  if (Number.isNaN(date.getTime())) return null;
  return {
    channel: "zalo",
    userId: message.from.id,
    chatId: message.chat.id,
    chatType,
    messageId: message.message_id,
    displayName: (message.from.display_name ?? message.from.name ?? "").trim(),
    text: message.text,
    date,
  };
}

/** readZaloUpdate then toInboundText: a webhook body or a getUpdates result to a text message, or null. */
export function parseZaloUpdate(raw: unknown): ZaloInboundText | null {
  const update = readZaloUpdate(raw);
  return update === null ? null : toInboundText(update);
}
