/**
 * The outbox sender, the same for every channel: claims due messages with a lease, sends each
 * through its channel's sender (ChannelSender: the channel renders the channel-neutral message
 * for its API) at that channel's own pace (its ChannelPacer), and records the outcome.
 * Guarantee: at-least-once. A message is marked SENT only after its channel accepted it; if
 * the process dies between the channel's answer and that write, the message is sent again by
 * the next sender (a duplicate is possible only in that window, which is one HTTP call long).
 * A dead sender's claims are taken over at once when it is known to be gone (takeOver: the
 * SQLite process lock, the PostgreSQL election), else when their lease expires. A recipient's
 * messages go in their order (one claimable at a time per chat, see OutboxRepository.claim),
 * and calls start in the claim's order. The alternative, at-most-once, would lose reminders
 * on every crash, which is worse for this product.
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { ChannelSender, SendOutcome } from "../../app/messages.js";
import type { OutboxMessage, OutboxRepository } from "../../app/ports.js";

export type { ChannelSender, SendOutcome } from "../../app/messages.js";

/** The channel and the channel's address of a message (resolved when it was enqueued). */
export function addressOf(message: OutboxMessage): { channel: string; recipient: string } {
  return { channel: message.channel, recipient: message.recipient };
}

export interface SenderOptions {
  worker?: string;
  /** How long a claim is held before another sender may take the message over. */
  leaseMs?: number;
  batchSize?: number;
  /** Messages in flight at once (each still waits for its paced slot). */
  concurrency?: number;
  maxAttempts?: number;
  /** Keep draining while the next retry is at most this far away. */
  waitForRetriesMs?: number;
  clock?: () => Date;
  /** False while another instance is the elected sender (election.ts): nothing is claimed here. */
  mayClaim?: () => boolean;
}

export interface SenderStats {
  sent: number;
  rateLimited: number;
  retried: number;
  failed: number;
  blocked: number;
  skipped: number;
  /** Messages another sender took over after this one's lease lapsed (not sent here). */
  lostClaims: number;
}

export const emptyStats = (): SenderStats => ({ sent: 0, rateLimited: 0, retried: 0, failed: 0, blocked: 0, skipped: 0, lostClaims: 0 });

/** Backoff for transient errors: 2 s, 4 s, 8 s … capped at 5 minutes. */
export const backoffMs = (attempts: number): number => Math.min(2 ** Math.max(attempts, 1) * 1000, 300_000);

export class OutboxSender {
  readonly worker: string;
  readonly stats: SenderStats = emptyStats();
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly waitForRetriesMs: number;
  private readonly clock: () => Date;
  private draining: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly mayClaim: () => boolean;
  private readonly channels: ReadonlyMap<string, ChannelSender>;

  /** `channels`: one sender per channel (each with its own pacer), by their `channel` name. */
  constructor(
    private readonly store: Pick<
      OutboxRepository,
      "claim" | "holdClaim" | "markSent" | "markRetry" | "markFailed" | "markSkipped" | "markUnreachable" | "nextPendingAt" | "releaseClaims"
    >,
    channels: readonly ChannelSender[],
    private readonly logger?: Logger,
    options: SenderOptions = {},
  ) {
    this.channels = new Map(channels.map((c) => [c.channel, c]));
    this.worker = options.worker ?? `sender-${process.pid}-${randomUUID().slice(0, 8)}`;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.batchSize = options.batchSize ?? 100;
    this.concurrency = options.concurrency ?? 16;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.waitForRetriesMs = options.waitForRetriesMs ?? 60_000;
    this.clock = options.clock ?? (() => new Date());
    this.mayClaim = options.mayClaim ?? (() => true);
  }

  /**
   * Sends everything due, and waits for near retries (429s, backoffs). Calls made while a drain
   * runs make it go round once more instead of starting a second one.
   */
  drain(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = (async () => {
      try {
        do {
          this.again = false;
          await this.drainOnce();
        } while (this.again && !this.stopped);
      } finally {
        this.draining = null;
      }
    })();
    return this.draining;
  }

  /**
   * Takes over the claims of a sender that is gone, so its messages go now rather than when
   * their lease runs out (2 minutes): the member waits no longer, and the report-back's answer
   * (derived from the rows) is true at once. Call only when no other sender can be alive: on
   * SQLite after taking the process lock at start-up, on PostgreSQL on being elected. Returns
   * how many messages it took.
   */
  async takeOver(): Promise<number> {
    const released = await this.store.releaseClaims(this.worker);
    if (released > 0) this.logger?.info({ released }, "outbox: took over the claims of a sender that is gone");
    return released;
  }

  /** Stops after the messages in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.draining;
  }

  /** Each channel drains on its own: a slow channel's pace (Zalo's) never holds up another's batch. */
  private async drainOnce(): Promise<void> {
    await Promise.all([...this.channels.keys()].map((channel) => this.drainChannel(channel)));
  }

  private async drainChannel(channel: string): Promise<void> {
    while (!this.stopped && this.mayClaim()) {
      const now = this.clock();
      const batch = await this.store.claim(this.worker, now, new Date(now.getTime() + this.leaseMs), this.batchSize, channel);
      if (batch.length === 0) {
        const next = await this.store.nextPendingAt(channel);
        const wait = next ? next.getTime() - this.clock().getTime() : Infinity;
        if (wait > this.waitForRetriesMs) return;
        await new Promise((resolve) => setTimeout(resolve, Math.max(wait, 10)));
        continue;
      }
      await this.sendBatch(batch, now);
      this.channels.get(channel)?.pacer.prune();
    }
  }

  private async sendBatch(batch: OutboxMessage[], claimedAt: Date): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    const started = new Set<number>();
    // When this sender last made sure it holds the batch's claims (and extended their lease).
    let heldAt = claimedAt.getTime();
    const lost = new Set<number>();
    for (const [index, message] of batch.entries()) {
      // Stopping, or (PostgreSQL) no longer the elected sender: the rest goes back at once.
      if (this.stopped || !this.mayClaim()) break;
      while (inFlight.size >= this.concurrency) await Promise.race(inFlight);
      if (await this.skipIfExpired(message)) {
        started.add(message.id);
        continue;
      }
      const { channel: name, recipient } = addressOf(message);
      const channel = this.channels.get(name);
      if (!channel) {
        // A channel this process does not run (not configured): retrying cannot help here.
        started.add(message.id);
        await this.store.markFailed(message.id, this.worker, `no sender for channel ${name}`);
        this.stats.failed++;
        this.logger?.warn({ key: message.key, channel: name }, "outbox message for a channel with no sender");
        continue;
      }
      const done = await channel.pacer.slot(recipient);
      started.add(message.id);
      // The wait for a paced slot can be long (a 429 pause, a busy group chat): check again that
      // the message still means something, and, once a quarter of the lease has gone by, that
      // this sender still holds the rest of the batch, extending the lease. So no one else can
      // have taken a message over when its call starts (a duplicate needs a crash during the
      // call itself), and no database round trip stands between two calls in the usual case:
      // the calls start in the claim's order (by id), at the pacer's rate.
      if (this.clock().getTime() - heldAt >= this.leaseMs / 4) {
        const now = this.clock();
        for (const m of batch.slice(index)) if (!lost.has(m.id) && !(await this.holdClaim(m, now))) lost.add(m.id);
        heldAt = now.getTime();
      }
      if (lost.has(message.id) || (await this.skipIfExpired(message))) {
        done();
        continue;
      }
      const task = this.send(message, channel, recipient, done).finally(() => {
        done();
        inFlight.delete(task);
      });
      inFlight.add(task);
    }
    await Promise.all(inFlight);
    // Messages of this batch not started go back for another sender (or this one, later).
    for (const message of batch) {
      if (!started.has(message.id)) await this.store.markRetry(message.id, this.worker, this.clock(), "sender stopped", false);
    }
  }

  private async skipIfExpired(message: OutboxMessage): Promise<boolean> {
    if (!message.expiresAt || this.clock().getTime() <= message.expiresAt.getTime()) return false;
    await this.store.markSkipped(message.id, this.worker, "expired: no longer meaningful");
    this.stats.skipped++;
    return true;
  }

  private async holdClaim(message: OutboxMessage, now: Date): Promise<boolean> {
    if (await this.store.holdClaim(message.id, this.worker, now, new Date(now.getTime() + this.leaseMs))) return true;
    this.stats.lostClaims++;
    return false;
  }

  /** One call, and its outcome recorded; the paced slot (`answered` when the call has) and the claim are taken. */
  private async send(message: OutboxMessage, channel: ChannelSender, recipient: string, answered: () => void): Promise<void> {
    let outcome: SendOutcome;
    try {
      outcome = await channel.send(recipient, message.message);
    } catch (error) {
      outcome = { kind: "transient", error: error instanceof Error ? error.message : String(error) };
    } finally {
      answered();
    }
    const now = this.clock();
    switch (outcome.kind) {
      case "sent":
        await this.store.markSent(message.id, this.worker, outcome.messageId, now);
        this.stats.sent++;
        return;
      case "rateLimited": {
        const ms = Math.max(outcome.retryAfterSeconds, 1) * 1000;
        channel.pacer.pause(ms);
        await this.store.markRetry(message.id, this.worker, new Date(now.getTime() + ms), `429 retry after ${outcome.retryAfterSeconds}s`, false);
        this.stats.rateLimited++;
        return;
      }
      case "blocked":
        await this.store.markFailed(message.id, this.worker, outcome.error);
        // The address back to its person (a group's address marks no one).
        await this.store.markUnreachable(message.channel, message.recipient, now);
        this.stats.blocked++;
        this.logger?.info({ key: message.key }, "recipient unreachable (403); not retried");
        return;
      case "permanent":
        await this.store.markFailed(message.id, this.worker, outcome.error);
        this.stats.failed++;
        this.logger?.warn({ key: message.key, channel: channel.channel, error: outcome.error }, "outbox message refused by its channel");
        return;
      case "transient":
        if (message.attempts + 1 >= this.maxAttempts) {
          await this.store.markFailed(message.id, this.worker, outcome.error);
          this.stats.failed++;
          this.logger?.warn({ key: message.key, error: outcome.error }, "outbox message gave up after retries");
        } else {
          await this.store.markRetry(message.id, this.worker, new Date(now.getTime() + backoffMs(message.attempts + 1)), outcome.error, true);
          this.stats.retried++;
        }
        return;
    }
  }
}
