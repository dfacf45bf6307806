/**
 * Keeps sends under Telegram's limits: 30 messages in any second overall, one a second to a
 * private chat, 20 a minute to a group; a 429 pauses everything for `retry_after`.
 *
 * Telegram counts a message when it arrives, and a call arrives at some moment between its
 * start and its answer: latency varies (network, a busy machine), so sends spaced evenly at
 * their start can arrive bunched (measured on a loaded machine: 31 arrivals in one second from
 * a 29.5/s cadence). So the pacer counts each send in the window from its start until its
 * answer: `slot()` returns a `done` to call when the call has answered, and a new send starts
 * only while fewer than `perSecond` sends are in flight or answered less than a second ago.
 * Whatever the latency, any second then holds at most `perSecond` arrivals: of the sends whose
 * arrivals share a second, each one started after all the others had started and none of them
 * had answered more than a second before. Likewise a chat's next message starts only its
 * interval after the previous one's answer, so it arrives at least that much later, and after
 * it. The price is the latency: about perSecond / (1 s + latency) instead of perSecond.
 */
import type { ChannelPacer } from "../../app/messages.js";

export interface PacerOptions {
  /** Most arrivals in any second (also the even spacing of starts: 1000 / perSecond ms). */
  perSecond: number;
  privateChatIntervalMs: number;
  groupChatIntervalMs: number;
}

/** Telegram's limits for one bot token (the elected sender's pacer keeps them for all instances). */
export const TELEGRAM_LIMITS: PacerOptions = { perSecond: 30, privateChatIntervalMs: 1000, groupChatIntervalMs: 3000 };

const WINDOW_MS = 1000;

export class Pacer implements ChannelPacer {
  private nextGlobal = 0;
  private pausedUntil = 0;
  /** Earliest next start per chat (its interval after the previous send's answer). */
  private readonly nextByChat = new Map<string, number>();
  /** Chats with a send in flight: their next send waits for its answer. */
  private readonly busyChats = new Set<string>();
  /** Sends in flight (Infinity) or answered (their answer time), kept while within a window. */
  private readonly recent: number[] = [];
  /** Waiting slot() calls to wake when a send answers. */
  private waiters: (() => void)[] = [];

  constructor(
    private readonly options: PacerOptions = TELEGRAM_LIMITS,
    private readonly now: () => number = () => performance.timeOrigin + performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  private get limit(): number {
    return Math.max(1, Math.floor(this.options.perSecond));
  }

  /**
   * Waits for, and takes, the next slot for a message to `chatId` (a Telegram chat id, as a
   * number or as the outbox's recipient text: a negative one is a group). Call the returned
   * `done` once the call has answered (whatever the answer): until then it counts as arriving now.
   */
  async slot(chatId: bigint | string): Promise<() => void> {
    const key = String(chatId);
    const group = typeof chatId === "bigint" ? chatId < 0n : key.startsWith("-");
    for (;;) {
      const now = this.now();
      this.forget(now);
      let at = Math.max(now, this.nextGlobal, this.pausedUntil, this.nextByChat.get(key) ?? 0);
      // Full window: the earliest answered send leaves it a second after its answer; sends
      // still in flight (Infinity) leave it only once answered.
      if (this.recent.length >= this.limit) at = Math.max(at, Math.min(...this.recent) + WINDOW_MS);
      if (at <= now && !this.busyChats.has(key)) {
        this.nextGlobal = now + 1000 / this.options.perSecond;
        const interval = group ? this.options.groupChatIntervalMs : this.options.privateChatIntervalMs;
        this.nextByChat.set(key, now + interval);
        this.busyChats.add(key);
        this.recent.push(Infinity);
        let answered = false;
        return () => {
          if (answered) return;
          answered = true;
          const end = this.now();
          const i = this.recent.indexOf(Infinity);
          if (i >= 0) this.recent[i] = end;
          this.busyChats.delete(key);
          this.nextByChat.set(key, Math.max(this.nextByChat.get(key) ?? 0, end + interval));
          this.wakeWaiters();
        };
      }
      // Re-check after waiting: a 429 may have pushed the pause further, or a send answered.
      if (Number.isFinite(at) && !this.busyChats.has(key)) await Promise.race([this.sleep(at - now), this.answered()]);
      else await this.answered();
    }
  }

  /** Telegram said "too many requests": nobody sends until `ms` from now. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  /** Forgets per-chat slots that are long past (keeps the map small during big fan-outs). */
  prune(): void {
    const now = this.now();
    for (const [chat, at] of this.nextByChat) if (at < now && !this.busyChats.has(chat)) this.nextByChat.delete(chat);
  }

  /** Drops sends answered a window ago or more: they cannot share a second with a send starting now. */
  private forget(now: number): void {
    for (let i = this.recent.length - 1; i >= 0; i--) if (this.recent[i]! <= now - WINDOW_MS) this.recent.splice(i, 1);
  }

  private answered(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wakeWaiters(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
