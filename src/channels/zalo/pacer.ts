/**
 * The Zalo sender's own pace. Zalo publishes no quota (a 429 only says it was exceeded), so the
 * default is cautious: ZALO_MESSAGES_PER_SECOND (default 1) starts a second apart overall, and
 * a chat's next message starts `chatIntervalMs` (1 s) after the previous one to it answered,
 * never while one is in flight. A 429 pauses every send (`pause`, the back-off 1 s doubling to
 * 60 s, api.ts). At 1 a second a cell of 30 gets its reminders within half a minute.
 */
export interface ZaloPaceOptions {
  /** Sends started per second overall (their even spacing: 1000 / perSecond ms). */
  perSecond: number;
  /** A chat's next send starts at least this long after the previous one's answer. */
  chatIntervalMs: number;
}

export const ZALO_DEFAULT_PACE: ZaloPaceOptions = { perSecond: 1, chatIntervalMs: 1000 };

export class ZaloPacer {
  private nextGlobal = 0;
  private pausedUntil = 0;
  private readonly nextByChat = new Map<string, number>();
  private readonly busyChats = new Set<string>();
  private waiters: (() => void)[] = [];

  constructor(
    private readonly options: ZaloPaceOptions = ZALO_DEFAULT_PACE,
    private readonly now: () => number = () => Date.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Waits for, and takes, the next slot for a message to `chat`; call the returned `done` when the call answered. */
  async slot(chat: string): Promise<() => void> {
    for (;;) {
      const now = this.now();
      const at = Math.max(now, this.nextGlobal, this.pausedUntil, this.nextByChat.get(chat) ?? 0);
      if (at <= now && !this.busyChats.has(chat)) {
        this.nextGlobal = now + 1000 / this.options.perSecond;
        this.busyChats.add(chat);
        let answered = false;
        return () => {
          if (answered) return;
          answered = true;
          this.busyChats.delete(chat);
          this.nextByChat.set(chat, this.now() + this.options.chatIntervalMs);
          if (this.nextByChat.size > 10_000) this.prune();
          const waiters = this.waiters;
          this.waiters = [];
          for (const wake of waiters) wake();
        };
      }
      if (this.busyChats.has(chat)) await new Promise<void>((resolve) => this.waiters.push(resolve));
      else await this.sleep(at - now);
    }
  }

  /** A 429: nobody sends until `ms` from now. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  private prune(): void {
    const now = this.now();
    for (const [chat, at] of this.nextByChat) if (at < now && !this.busyChats.has(chat)) this.nextByChat.delete(chat);
  }
}
