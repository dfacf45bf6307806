/**
 * What the app shows and sends, with no channel in it (DESIGN.md §9). A use case or a
 * renderer returns these; each channel (src/channels/<name>, and Telegram under src/bot)
 * turns them into its own API calls: Telegram makes HTML, inline keyboards and edits; a
 * text-only channel (Zalo) makes numbered choices that are typed back.
 *
 * Text is in the bot's markup: the small HTML subset every channel can render or strip —
 * <b>, <i>, <u>, <s>, <code>, <pre>, <a href="…">, with &amp; &lt; &gt; &quot; escaped
 * (infra/i18n's escapeHtml). Lines are joined with "\n".
 */

/** A choice the person can make on a screen or a message. */
export type Choice =
  /**
   * An intent: `id` is a feature codec's output (≤ 64 bytes, ASCII), the same on every channel.
   * `key`: what a text-only channel numbers it with, when the screen fixes it (the form's answers
   * are "1", "2", "3" and "Quay lại" is "0" on every item, issue 20); without one, choices are
   * numbered in reading order. Telegram ignores it (a button is pressed, not typed).
   */
  | { label: string; id: string; key?: string }
  /** Opens the bot with a start payload (Telegram: a t.me deep link; text channels: a command to type). */
  | { label: string; start: string }
  /** A link outside the bot (a web page, a file link). */
  | { label: string; url: string };

/** A file to send with a message (a report's DOCX, a chart). */
export interface OutFile {
  kind: "document" | "photo";
  filename: string;
  /** The bytes, base64 (so an outbox row can hold it as JSON). */
  base64: string;
}

/** One message: text, optional rows of choices, an optional file (then `text` is its caption). */
export interface OutMessage {
  text: string;
  choices?: Choice[][];
  file?: OutFile;
}

/** What to show a person who acted: a message, and whether it replaces the screen they acted on. */
export interface Screen extends OutMessage {
  /** True: edit the message the person pressed on (Telegram) / a new message anyway (text channels). */
  replace?: boolean;
}

/** Where a group's messages go: a group on some channel. Null in a record means none. */
export interface Destination {
  channel: string;
  /** The group's id on that channel, as text (Telegram: the chat id). */
  address: string;
}

/** Who an outbox message is for, in the app's terms; the outbox resolves it to a channel address. */
export type Recipient = { userId: bigint } | { destination: Destination };

export const isIntent = (choice: Choice): choice is { label: string; id: string; key?: string } => "id" in choice;

/** What one send came to, as far as the outbox cares (every channel maps its API's answers to these). */
export type SendOutcome =
  | { kind: "sent"; messageId: number | null }
  | { kind: "rateLimited"; retryAfterSeconds: number }
  /** The person blocked the bot / never started it / the bot left the group (Telegram 403). */
  | { kind: "blocked"; error: string }
  /** Retrying cannot help (other 4xx). */
  | { kind: "permanent"; error: string }
  /** 5xx, network, timeout. */
  | { kind: "transient"; error: string };

/**
 * A channel's pacing, as the outbox sender waits on it: the sender takes a slot before each
 * call (in the claim's order, so a recipient's messages start in their order, and checks its
 * lease and the message's expiry after the wait), calls `done` when the call has answered, and
 * pauses the channel on a 429. src/infra/outbox/pacer.ts's Pacer is one (Telegram's limits).
 */
export interface ChannelPacer {
  /** Waits for, and takes, the next slot for a message to `recipient`; call `done` once the call has answered. */
  slot(recipient: string): Promise<() => void>;
  /** The channel said "too many requests": nothing is sent on it for `ms`. */
  pause(ms: number): void;
  /** Forgets per-recipient state that is long past (called between batches). */
  prune(): void;
}

/**
 * One channel's outbound side, as the outbox sender uses it: sends one message to one address
 * on this channel, within the channel's own limits (each channel paces itself through its
 * `pacer`: Telegram's 30/s, 1/s per chat, 20/min per group; Zalo's cautious default and 429 backoff).
 */
export interface ChannelSender {
  readonly channel: string;
  /** This channel's own pacing (one per channel: a Telegram fan-out never waits on Zalo's limits). */
  readonly pacer: ChannelPacer;
  send(recipient: string, message: OutMessage): Promise<SendOutcome>;
}
