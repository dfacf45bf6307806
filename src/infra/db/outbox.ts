/** The durable outbox with Prisma: idempotent enqueue, leased claims, outcomes. One query or one transaction per method. */
import type { NewOutboxMessage, OutboxMessage, OutboxRepository, OutboxStatus } from "../../app/ports.js";
import type { Db } from "./client.js";
import { Prisma } from "./generated/client.js";

/** Rows per INSERT: 14 parameters each, well under SQLite's 32,766 and PostgreSQL's 65,535. */
const ENQUEUE_CHUNK = 200;

/** Each recipient's first open message on `channel`: the only one of theirs a sender may claim (order kept per recipient). */
const firstOpenPerRecipient = (channel: string) =>
  Prisma.sql`SELECT MIN("id") FROM "Outbox" WHERE "status" IN ('PENDING', 'SENDING') AND "channel" = ${channel} GROUP BY "recipient"`;

/** A message with its `to` resolved: the channel and the address on it. */
export type AddressedMessage = NewOutboxMessage & { channel: string; recipient: string };

/**
 * Resolves each message's `to` at enqueue time: a group to its destination; a person to their
 * channel identity. A person has one identity today; with several, the most recently created
 * one is used (the channel they came to the bot through last). A person without any identity
 * cannot be reached and is a programming error (every user is created through an identity).
 */
export async function addressMessages(db: Pick<Prisma.TransactionClient, "channelIdentity">, messages: NewOutboxMessage[]): Promise<AddressedMessage[]> {
  const userIds = [...new Set(messages.flatMap((m) => ("userId" in m.to ? [m.to.userId] : [])))];
  const identities = new Map<bigint, { channel: string; externalId: string }>();
  if (userIds.length > 0) {
    const rows = await db.channelIdentity.findMany({ where: { userId: { in: userIds } }, orderBy: [{ createdAt: "desc" }, { channel: "asc" }] });
    for (const row of rows) if (!identities.has(row.userId)) identities.set(row.userId, row);
  }
  return messages.map((m) => {
    if ("destination" in m.to) return { ...m, channel: m.to.destination.channel, recipient: m.to.destination.address };
    const identity = identities.get(m.to.userId);
    if (!identity) throw new Error(`outbox ${m.key}: user ${m.to.userId} has no channel identity`);
    return { ...m, channel: identity.channel, recipient: identity.externalId };
  });
}

export class PrismaOutbox implements OutboxRepository {
  constructor(private readonly db: Db) {}

  async enqueue(messages: NewOutboxMessage[], createdAt: Date): Promise<number> {
    let inserted = 0;
    // One transaction of multi-row INSERTs (a round trip per row made 1,000 rows take seconds
    // on PostgreSQL); ON CONFLICT DO NOTHING on the unique key makes enqueueing idempotent
    // across ticks, restarts and several processes (the same SQL on SQLite and PostgreSQL).
    await this.db.$transaction(async (tx) => {
      const addressed = await addressMessages(tx, messages);
      for (let i = 0; i < addressed.length; i += ENQUEUE_CHUNK) {
        const values = addressed.slice(i, i + ENQUEUE_CHUNK).map((m) => Prisma.sql`(${m.key}, ${m.kind}, ${m.cellId}, ${m.memberId}, ${m.roundId}, ${m.channel}, ${m.recipient},
          ${m.method}, ${JSON.stringify(m.payload)}, 'PENDING', 0, ${m.notBefore}, ${m.expiresAt}, ${createdAt})`);
        inserted += await tx.$executeRaw`INSERT INTO "Outbox"
          ("key", "kind", "cellId", "memberId", "roundId", "channel", "recipient", "method", "payload", "status", "attempts", "notBefore", "expiresAt", "createdAt")
          VALUES ${Prisma.join(values)}
          ON CONFLICT ("key") DO NOTHING`;
      }
    }, { timeout: 60_000 });
    return inserted;
  }

  async outboxStatus(key: string) {
    const row = await this.db.outbox.findUnique({ where: { key }, select: { status: true, lastError: true } });
    return row && { status: row.status as "PENDING" | "SENDING" | "SENT" | "FAILED" | "SKIPPED", lastError: row.lastError };
  }

  async claim(worker: string, now: Date, leaseUntil: Date, limit: number, channel: string): Promise<OutboxMessage[]> {
    // One statement, so two senders (even in two processes) can never claim the same row.
    // Only the channel's rows, and of them a recipient's first open row (the lowest id PENDING
    // or SENDING) can be claimed, so a member's messages go strictly in their order: a later one
    // waits while an earlier one is pending (a retry), claimed by another sender, or held by a
    // dead sender's lease.
    const rows = await this.db.$queryRaw<
      { id: number | bigint; key: string; kind: string; memberId: number | bigint | null; channel: string; recipient: string; method: string; payload: string; attempts: number | bigint; expiresAt: string | Date | null }[]
    >`UPDATE "Outbox" SET "status" = 'SENDING', "claimedBy" = ${worker}, "claimedUntil" = ${leaseUntil}
      WHERE "id" IN (
        SELECT "id" FROM "Outbox"
        WHERE "id" IN (${firstOpenPerRecipient(channel)})
          AND (("status" = 'PENDING' AND "notBefore" <= ${now}) OR ("status" = 'SENDING' AND "claimedUntil" < ${now}))
        ORDER BY "id" LIMIT ${limit})
      RETURNING "id", "key", "kind", "memberId", "channel", "recipient", "method", "payload", "attempts", "expiresAt"`;
    return rows
      .map((r) => ({
        id: Number(r.id), key: r.key, kind: r.kind, memberId: r.memberId === null ? null : Number(r.memberId), channel: r.channel, recipient: r.recipient,
        method: r.method, payload: JSON.parse(r.payload) as Record<string, unknown>, attempts: Number(r.attempts),
        expiresAt: r.expiresAt === null ? null : new Date(r.expiresAt),
      }))
      .sort((a, b) => a.id - b.id);
  }

  async holdClaim(id: number, worker: string, now: Date, leaseUntil: Date): Promise<boolean> {
    const { count } = await this.db.outbox.updateMany({
      where: { id, claimedBy: worker, status: "SENDING", claimedUntil: { gte: now } },
      data: { claimedUntil: leaseUntil },
    });
    return count === 1;
  }

  async markSent(id: number, _worker: string, messageId: number | null, at: Date): Promise<void> {
    // Recorded even if the lease ran out meanwhile: the message did go out.
    await this.db.outbox.update({ where: { id }, data: { status: "SENT", messageId, sentAt: at, claimedUntil: null, lastError: null } });
  }

  async markRetry(id: number, worker: string, notBefore: Date, error: string, countAttempt: boolean): Promise<void> {
    await this.db.outbox.updateMany({
      where: { id, claimedBy: worker, status: "SENDING" },
      data: { status: "PENDING", notBefore, lastError: error.slice(0, 500), claimedUntil: null, ...(countAttempt ? { attempts: { increment: 1 } } : {}) },
    });
  }

  async markFailed(id: number, worker: string, error: string): Promise<void> {
    await this.db.outbox.updateMany({ where: { id, claimedBy: worker, status: "SENDING" }, data: { status: "FAILED", lastError: error.slice(0, 500), claimedUntil: null, attempts: { increment: 1 } } });
  }

  async markSkipped(id: number, worker: string, reason: string): Promise<void> {
    await this.db.outbox.updateMany({ where: { id, claimedBy: worker, status: "SENDING" }, data: { status: "SKIPPED", lastError: reason, claimedUntil: null } });
  }

  /**
   * When the earliest claimable pending message of the channel becomes due (retries wait in the
   * future). A message behind an earlier one of its recipient is not: it becomes claimable when
   * that one is done.
   */
  async nextPendingAt(channel: string): Promise<Date | null> {
    const rows = await this.db.$queryRaw<{ notBefore: string | Date | number }[]>`SELECT "notBefore" FROM "Outbox"
      WHERE "id" IN (${firstOpenPerRecipient(channel)}) AND "status" = 'PENDING' ORDER BY "notBefore" LIMIT 1`;
    const at = rows[0]?.notBefore;
    return at === undefined ? null : new Date(at);
  }

  async releaseClaims(worker: string): Promise<number> {
    const { count } = await this.db.outbox.updateMany({
      where: { status: "SENDING", claimedBy: { not: worker } },
      data: { status: "PENDING", claimedUntil: null },
    });
    return count;
  }

  async reportBackStates(roundId: number): Promise<{ memberId: number; key: string; status: OutboxStatus }[]> {
    const rows = await this.db.outbox.findMany({ where: { kind: "REPORT_BACK", roundId, memberId: { not: null } }, select: { memberId: true, key: true, status: true }, orderBy: { id: "asc" } });
    return rows.map((r) => ({ memberId: r.memberId!, key: r.key, status: r.status as OutboxStatus }));
  }

  async markUnreachable(channel: string, recipient: string, at: Date): Promise<void> {
    // The address back to its person; a group's address has no identity and marks no one.
    await this.db.user.updateMany({ where: { identities: { some: { channel, externalId: recipient } } }, data: { unreachableAt: at } });
  }

  async sentRecently(memberId: number, roundId: number, kinds: string[], since: Date): Promise<boolean> {
    const found = await this.db.outbox.findFirst({ where: { memberId, roundId, kind: { in: kinds }, createdAt: { gt: since } }, select: { id: true } });
    return found !== null;
  }
}
