/** The durable outbox: every scheduled or bulk message, exactly once per key. */
import type { NewOutboxMessage, OutboxMessage, OutboxStatus } from "./records.js";

/** The durable outbox: idempotent enqueue, leased claims, outcomes. */
export interface OutboxRepository {
  /** Inserts the messages whose key is new; returns how many were new. */
  enqueue(messages: NewOutboxMessage[], createdAt: Date): Promise<number>;
  /** Where the message with this key stands (null when there is none). */
  outboxStatus(key: string): Promise<{ status: OutboxStatus; lastError: string | null } | null>;
  /**
   * Atomically claims up to `limit` due messages for `worker` until `leaseUntil`: pending ones,
   * and ones whose earlier claim expired (a sender that died after claiming). Only a chat's
   * first open message (lowest id, PENDING or SENDING) is claimable, so each recipient's
   * messages go strictly in their order.
   */
  claim(worker: string, now: Date, leaseUntil: Date, limit: number): Promise<OutboxMessage[]>;
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
  /** When the earliest claimable pending message becomes due, or null. */
  nextPendingAt(): Promise<Date | null>;
  /**
   * Puts every message claimed by a sender other than `worker` back to pending, to be claimed at
   * once; returns how many. Only when no other sender can be alive: on SQLite at start-up, under
   * the process lock; on PostgreSQL when `worker` has just been elected (the old sender's lock
   * went with its connection).
   */
  releaseClaims(worker: string): Promise<number>;
  /** Every report-back message of the round (one member has one to a few), oldest first. */
  reportBackStates(roundId: number): Promise<{ memberId: number; key: string; status: OutboxStatus }[]>;
  /** Marks the user of a private chat unreachable (Telegram answered 403). */
  markUnreachable(userId: bigint, at: Date): Promise<void>;
  /** True when a message of `kind` to the member in the round was enqueued after `since`. */
  sentRecently(memberId: number, roundId: number, kinds: string[], since: Date): Promise<boolean>;
}
