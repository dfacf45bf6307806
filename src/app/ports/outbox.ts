/** The durable outbox: every scheduled or bulk message, exactly once per key. */
import type { NewOutboxMessage, OutboxMessage, OutboxStatus } from "./records.js";

/** The durable outbox: idempotent enqueue, leased claims, outcomes. */
export interface OutboxRepository {
  /**
   * Inserts the messages whose key is new; returns how many were new. Each `to` is resolved
   * here, at enqueue time: a group to its destination's channel and address; a person to their
   * channel identity (a person has one today; with several, the most recently created one).
   * A person without any channel identity is a programming error (every user is created
   * through one) and throws.
   */
  enqueue(messages: NewOutboxMessage[], createdAt: Date): Promise<number>;
  /** Where the message with this key stands (null when there is none). */
  outboxStatus(key: string): Promise<{ status: OutboxStatus; lastError: string | null } | null>;
  /**
   * Atomically claims up to `limit` due messages of `channel` for `worker` until `leaseUntil`:
   * pending ones, and ones whose earlier claim expired (a sender that died after claiming). Only
   * a recipient's first open message (lowest id, PENDING or SENDING, per channel and recipient)
   * is claimable, so each recipient's messages go strictly in their order. Rows of other
   * channels are left to their own sender.
   */
  claim(worker: string, now: Date, leaseUntil: Date, limit: number, channel: string): Promise<OutboxMessage[]>;
  /**
   * Right before sending: extends the claim to `leaseUntil` if `worker` still holds it. False when
   * the lease lapsed and another sender took the message over (then this one must not send).
   */
  holdClaim(id: number, worker: string, now: Date, leaseUntil: Date): Promise<boolean>;
  markSent(id: number, worker: string, messageId: number | null, at: Date): Promise<void>;
  /** Back to pending, to be tried again at `notBefore`. */
  markRetry(id: number, worker: string, notBefore: Date, error: string, countAttempt: boolean): Promise<void>;
  markFailed(id: number, worker: string, error: string): Promise<void>;
  markSkipped(id: number, worker: string, reason: string): Promise<void>;
  /** When the earliest claimable pending message of `channel` becomes due, or null. */
  nextPendingAt(channel: string): Promise<Date | null>;
  /**
   * Puts every message claimed by a sender other than `worker` back to pending, to be claimed at
   * once; returns how many. Only when no other sender can be alive: on SQLite at start-up, under
   * the process lock; on PostgreSQL when `worker` has just been elected (the old sender's lock
   * went with its connection).
   */
  releaseClaims(worker: string): Promise<number>;
  /** Every report-back message of the round (one member has one to a few), oldest first. */
  reportBackStates(roundId: number): Promise<{ memberId: number; key: string; status: OutboxStatus }[]>;
  /**
   * Marks the person behind a channel address unreachable (Telegram answered 403 for a private
   * chat): the address is resolved back to the user through their channel identity; a group's
   * address (no identity) marks no one.
   */
  markUnreachable(channel: string, recipient: string, at: Date): Promise<void>;
  /** True when a message of `kind` to the member in the round was enqueued after `since`. */
  sentRecently(memberId: number, roundId: number, kinds: string[], since: Date): Promise<boolean>;
}
