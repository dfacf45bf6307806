/**
 * The Zalo channel's outbound side: a ChannelSender for "zalo" (src/app/messages.ts), which the
 * outbox sender calls with a chat id and an OutMessage.
 *
 * - Text: the message as plain text with numbered choices (zaloTexts, swappable), split
 *   between lines: no call ever carries more than 2,000 characters.
 * - Files: Zalo's bot cannot send a document, so a file is stored and sent as a link line
 *   `<filename>: <PUBLIC_URL>/f/<token>` (the `fileLink` callback from the composition root:
 *   signed, 24 h, for this recipient); a photo (the chart) goes with sendPhoto from that link,
 *   the text as its caption. Without PUBLIC_URL, `fileLink` gives null and the message carries
 *   `fileUnavailableText` (say that files need PUBLIC_URL) instead.
 * - Pace: its own ZaloPacer (ZALO_MESSAGES_PER_SECOND, default 1 a second overall, 1 a second
 *   per chat). A 429 (Zalo sends no retry_after) pauses the pacer 1 s doubling to 60 s and is
 *   `rateLimited` with that wait; the next answered call resets it.
 * - A message split in parts remembers, in memory, how many parts went: a retry after a failed
 *   part sends the rest, not the whole again (a restart in between may repeat a part).
 * - Errors, read from the body's error_code whatever the HTTP status (api.ts):
 *   429 → rateLimited; network, 408, 5xx → transient; 403, or a 400/404 saying the chat or user
 *   is not found or blocked → blocked (the person never wrote to the bot, or no longer can be
 *   reached: Zalo lets a bot write only to chats a person opened, channels/zalo-bot-api.md;
 *   which code a block gives is undocumented, 403 assumed as on Telegram); anything else,
 *   401 (the token) included → permanent.
 */
import { createHash } from "node:crypto";
import type { ChannelPacer, ChannelSender, OutFile, OutMessage, SendOutcome } from "../../app/messages.js";
import { ZaloApiError, ZaloBackoff, type ZaloApi } from "./api.js";
import { ZaloPacer } from "./pacer.js";
import { zaloTexts, type ZaloRendering } from "./text.js";

export interface ZaloSenderOptions {
  api: ZaloApi;
  pacer?: ZaloPacer;
  /** The file stored and linked for this recipient (`<PUBLIC_URL>/f/<token>`), or null without PUBLIC_URL. */
  fileLink(file: OutFile, recipient: string): Promise<string | null>;
  /** The line sent instead of a link when `fileLink` gives null (from the locales). */
  fileUnavailableText: string;
  /** OutMessage → texts; default zaloTexts (until the shared text renderer lands). */
  render?: (message: OutMessage, extraLines: readonly string[]) => ZaloRendering;
}

const UNREACHABLE = /chat not found|user not found|not (?:a )?(?:friend|follower)|unfollow|block/i;

/** A failed call as the outbox's outcome (the 429 case is the sender's: it owns the back-off). */
export function classifyZaloError(error: unknown): Exclude<SendOutcome, { kind: "sent" } | { kind: "rateLimited" }> | null {
  if (error instanceof ZaloApiError) {
    const what = `${error.errorCode} ${error.description}`;
    if (error.errorCode === 429) return null;
    if (error.errorCode === 0 || error.errorCode === 408 || error.errorCode >= 500) return { kind: "transient", error: what };
    if (error.errorCode === 403 || ((error.errorCode === 400 || error.errorCode === 404) && UNREACHABLE.test(error.description)))
      return { kind: "blocked", error: what };
    return { kind: "permanent", error: what };
  }
  // The client refused before any request (a text over 2,000): retrying cannot help.
  if (error instanceof RangeError) return { kind: "permanent", error: error.message };
  return { kind: "transient", error: error instanceof Error ? error.message : String(error) };
}

export class ZaloSender implements ChannelSender {
  readonly channel = "zalo";
  readonly #options: ZaloSenderOptions;
  readonly #pacer: ZaloPacer;
  readonly #backoff = new ZaloBackoff();
  /** Parts already sent of a split message that failed midway, by recipient and content. */
  readonly #progress = new Map<string, number>();
  /**
   * What the outbox loop waits on before calling send: nothing. A Zalo message may go as several
   * calls (parts of at most 2,000 characters, a photo), and each call takes its own slot of this
   * sender's ZaloPacer inside send(); a slot taken here too would hold the chat busy and the
   * first part would wait for it forever. A 429 seen by the loop still pauses the real pacer.
   */
  readonly pacer: ChannelPacer = {
    slot: async () => () => {},
    pause: (ms) => this.#pacer.pause(ms),
    prune: () => {},
  };

  constructor(options: ZaloSenderOptions) {
    this.#options = options;
    this.#pacer = options.pacer ?? new ZaloPacer();
  }

  async send(recipient: string, message: OutMessage): Promise<SendOutcome> {
    const render = this.#options.render ?? zaloTexts;
    let photoUrl: string | null = null;
    const extra: string[] = [];
    if (message.file) {
      const link = await this.#options.fileLink(message.file, recipient);
      if (link === null) extra.push(this.#options.fileUnavailableText);
      else if (message.file.kind === "photo") photoUrl = link;
      else extra.push(`${message.file.filename}: ${link}`);
    }
    const { texts } = render(message, extra);
    const calls: (() => Promise<{ message_id: string }>)[] = [];
    if (photoUrl !== null) {
      const url = photoUrl;
      const caption = texts.shift();
      calls.push(() => this.#options.api.sendPhoto(recipient, url, caption));
    }
    for (const text of texts) calls.push(() => this.#options.api.sendMessage(recipient, text));
    if (calls.length === 0) return { kind: "permanent", error: "empty message" };

    const key = `${recipient}\u0000${createHash("sha256")
      .update(JSON.stringify([message.text, message.choices ?? null, message.file?.filename ?? null, message.file?.base64.length ?? 0]))
      .digest("base64url")}`;
    let done = this.#progress.get(key) ?? 0;
    let firstId: number | null = null;
    for (; done < calls.length; done++) {
      const answered = await this.#pacer.slot(recipient);
      try {
        const sent = await calls[done]!();
        this.#backoff.reset();
        if (firstId === null) firstId = numericId(sent?.message_id);
      } catch (error) {
        if (done > 0) this.#remember(key, done);
        if (error instanceof ZaloApiError && error.isRateLimited) {
          const waitMs = this.#backoff.delayMs();
          this.#pacer.pause(waitMs);
          return { kind: "rateLimited", retryAfterSeconds: Math.ceil(waitMs / 1000) };
        }
        return classifyZaloError(error)!;
      } finally {
        answered();
      }
    }
    this.#progress.delete(key);
    return { kind: "sent", messageId: firstId };
  }

  #remember(key: string, parts: number): void {
    if (this.#progress.size >= 1000) this.#progress.delete(this.#progress.keys().next().value!);
    this.#progress.set(key, parts);
  }
}

/** Zalo's message ids are strings; the outbox keeps a number when the id is one. */
function numericId(id: unknown): number | null {
  const n = typeof id === "number" ? id : typeof id === "string" && /^\d{1,15}$/.test(id) ? Number(id) : NaN;
  return Number.isSafeInteger(n) ? n : null;
}
