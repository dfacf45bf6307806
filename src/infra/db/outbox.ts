/** The durable outbox with Prisma: idempotent enqueue, leased claims, outcomes. One query or one transaction per method. */
import type { Choice, OutFile, OutMessage } from "../../app/messages.js";
import type { NewOutboxMessage, OutboxMessage, OutboxRepository, OutboxStatus } from "../../app/ports.js";
import { escapeHtml } from "../i18n/index.js";
import type { Db } from "./client.js";
import { Prisma } from "./generated/client.js";

/** Rows per INSERT: 14 parameters each, well under SQLite's 32,766 and PostgreSQL's 65,535. */
const ENQUEUE_CHUNK = 200;

/**
 * The `method` column of a row holding a channel-neutral message (its JSON in `payload`). Rows
 * written before (issue 18) hold a Telegram method ("sendMessage", "sendDocument") and its
 * parameters: readOutMessage reads both.
 */
export const MESSAGE_METHOD = "message";

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** A legacy row's inline keyboard button as a choice: a callback's data is the choice's id, a URL button stays a URL (t.me deep links too: sent back as they were). */
function legacyChoice(button: unknown): Choice {
  const b = isObject(button) ? button : {};
  const label = String(b.text ?? "");
  if (typeof b.callback_data === "string") return { label, id: b.callback_data };
  return { label, url: String(b.url ?? "") };
}

/** A legacy row's stored file (`{ $file: { base64, filename } }`, what the renderer stored) as an OutFile. */
function legacyFile(kind: OutFile["kind"], value: unknown): OutFile | undefined {
  const file = isObject(value) && isObject(value.$file) ? value.$file : null;
  return file && typeof file.base64 === "string" ? { kind, filename: String(file.filename ?? "file"), base64: file.base64 } : undefined;
}

/**
 * A row's message. New rows hold the OutMessage itself. Rows written before messages were
 * channel-neutral hold Bot API parameters, which every such row had in one of two shapes (the
 * renderers made them): sendMessage { text, parse_mode: "HTML", link_preview_options (off),
 * reply_markup?: { inline_keyboard } } and sendDocument/sendPhoto { document|photo: stored file,
 * parse_mode: "HTML", caption }. They are read losslessly: the text (HTML, the bot's markup),
 * every keyboard row (empty rows included) with its url and callback_data buttons, the file and
 * its caption; the Telegram channel renders them back to the same parameters.
 */
export function readOutMessage(method: string, payload: string): OutMessage {
  const stored = JSON.parse(payload) as unknown;
  const p: Json = isObject(stored) ? stored : {};
  if (method === MESSAGE_METHOD) return p as unknown as OutMessage;
  const keyboard = isObject(p.reply_markup) && Array.isArray(p.reply_markup.inline_keyboard) ? (p.reply_markup.inline_keyboard as unknown[]) : null;
  const choices = keyboard ? { choices: keyboard.map((row) => (Array.isArray(row) ? row.map(legacyChoice) : [])) } : {};
  // Text without parse_mode was plain: escaped, it reads the same in the bot's markup.
  const markup = (text: unknown) => (typeof text !== "string" ? "" : p.parse_mode === "HTML" ? text : escapeHtml(text));
  const kind = method === "sendPhoto" ? "photo" : method === "sendDocument" ? "document" : null;
  if (kind) {
    const file = legacyFile(kind, p[kind]);
    return { text: markup(p.caption), ...choices, ...(file ? { file } : {}) };
  }
  return { text: markup(p.text), ...choices };
}

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
    await this.db.$transaction(
      async (tx) => {
        const addressed = await addressMessages(tx, messages);
        for (let i = 0; i < addressed.length; i += ENQUEUE_CHUNK) {
          const values = addressed.slice(i, i + ENQUEUE_CHUNK).map(
            (m) => Prisma.sql`(${m.key}, ${m.kind}, ${m.cellId}, ${m.memberId}, ${m.roundId}, ${m.channel}, ${m.recipient},
          ${MESSAGE_METHOD}, ${JSON.stringify(m.message)}, 'PENDING', 0, ${m.notBefore}, ${m.expiresAt}, ${createdAt})`,
          );
          inserted += await tx.$executeRaw`INSERT INTO "Outbox"
          ("key", "kind", "cellId", "memberId", "roundId", "channel", "recipient", "method", "payload", "status", "attempts", "notBefore", "expiresAt", "createdAt")
          VALUES ${Prisma.join(values)}
          ON CONFLICT ("key") DO NOTHING`;
        }
      },
      { timeout: 60_000 },
    );
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
      {
        id: number | bigint;
        key: string;
        kind: string;
        memberId: number | bigint | null;
        channel: string;
        recipient: string;
        method: string;
        payload: string;
        attempts: number | bigint;
        expiresAt: string | Date | null;
      }[]
    >`UPDATE "Outbox" SET "status" = 'SENDING', "claimedBy" = ${worker}, "claimedUntil" = ${leaseUntil}
      WHERE "id" IN (
        SELECT "id" FROM "Outbox"
        WHERE "id" IN (${firstOpenPerRecipient(channel)})
          AND (("status" = 'PENDING' AND "notBefore" <= ${now}) OR ("status" = 'SENDING' AND "claimedUntil" < ${now}))
        ORDER BY "id" LIMIT ${limit})
      RETURNING "id", "key", "kind", "memberId", "channel", "recipient", "method", "payload", "attempts", "expiresAt"`;
    return rows
      .map((r) => ({
        id: Number(r.id),
        key: r.key,
        kind: r.kind,
        memberId: r.memberId === null ? null : Number(r.memberId),
        channel: r.channel,
        recipient: r.recipient,
        message: readOutMessage(r.method, r.payload),
        attempts: Number(r.attempts),
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
    await this.db.outbox.updateMany({
      where: { id, claimedBy: worker, status: "SENDING" },
      data: { status: "FAILED", lastError: error.slice(0, 500), claimedUntil: null, attempts: { increment: 1 } },
    });
  }

  async markSkipped(id: number, worker: string, reason: string): Promise<void> {
    await this.db.outbox.updateMany({
      where: { id, claimedBy: worker, status: "SENDING" },
      data: { status: "SKIPPED", lastError: reason, claimedUntil: null },
    });
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
    const rows = await this.db.outbox.findMany({
      where: { kind: "REPORT_BACK", roundId, memberId: { not: null } },
      select: { memberId: true, key: true, status: true },
      orderBy: { id: "asc" },
    });
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
