/**
 * Keeps sends under Telegram's limits: about 30 messages per second overall, one per second
 * to a private chat, 20 per minute to a group. Each send takes the next free slot; a 429
 * pauses everything for `retry_after`.
 */
export interface PacerOptions {
  perSecond: number;
  privateChatIntervalMs: number;
  groupChatIntervalMs: number;
}

/**
 * 29.5/s, not 30: arrival jitter makes a 30/s cadence occasionally put 31 messages in one
 * second, and each 429 stops everything for about a second. Measured with `npm run bench`
 * against a strict 30/s sliding window: 29.5 reached 96–97 % of the limit with no 429s; 30
 * reached 84–98 % with 0–5 429s per 900 messages.
 */
export const TELEGRAM_LIMITS: PacerOptions = { perSecond: 29.5, privateChatIntervalMs: 1000, groupChatIntervalMs: 3000 };

export class Pacer {
  private nextGlobal = 0;
  private pausedUntil = 0;
  private readonly nextByChat = new Map<string, number>();

  constructor(
    private readonly options: PacerOptions = TELEGRAM_LIMITS,
    private readonly now: () => number = () => performance.timeOrigin + performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Waits for, and takes, the next slot for a message to `chatId`. */
  async slot(chatId: bigint): Promise<void> {
    const key = String(chatId);
    for (;;) {
      const now = this.now();
      const at = Math.max(now, this.nextGlobal, this.pausedUntil, this.nextByChat.get(key) ?? 0);
      if (at <= now) {
        this.nextGlobal = now + 1000 / this.options.perSecond;
        this.nextByChat.set(key, now + (chatId < 0n ? this.options.groupChatIntervalMs : this.options.privateChatIntervalMs));
        return;
      }
      // Re-check after waiting: a 429 may have pushed the pause further meanwhile.
      await this.sleep(at - now);
    }
  }

  /** Telegram said "too many requests": nobody sends until `ms` from now. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  /** Forgets per-chat slots that are long past (keeps the map small during big fan-outs). */
  prune(): void {
    const now = this.now();
    for (const [chat, at] of this.nextByChat) if (at < now) this.nextByChat.delete(chat);
  }
}
