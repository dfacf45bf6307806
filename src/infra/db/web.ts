/** The web's sign-in links, sessions and audit with Prisma (hashes only; see app/ports/web.ts). */
import type { WebAccessRepository, WebLoginTokenRecord, WebSessionRecord } from "../../app/ports/web.js";
import type { Db } from "./client.js";

export class PrismaWebAccess implements WebAccessRepository {
  constructor(private readonly db: Db) {}

  async addLoginToken(token: { tokenHash: string; userId: bigint; createdAt: Date; expiresAt: Date }): Promise<void> {
    await this.db.webLoginToken.create({ data: token });
  }

  async findLoginToken(tokenHash: string): Promise<WebLoginTokenRecord | null> {
    return this.db.webLoginToken.findUnique({ where: { tokenHash }, select: { userId: true, expiresAt: true, usedAt: true } });
  }

  async useLoginToken(tokenHash: string, now: Date): Promise<bigint | null> {
    // One conditional update: of two requests racing with the same token, one wins.
    const { count } = await this.db.webLoginToken.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (count !== 1) return null;
    return (await this.db.webLoginToken.findUnique({ where: { tokenHash }, select: { userId: true } }))?.userId ?? null;
  }

  async addSession(session: { sessionHash: string; userId: bigint; createdAt: Date; expiresAt: Date }): Promise<void> {
    await this.db.webSession.create({ data: session });
  }

  async findActiveSession(sessionHash: string, now: Date): Promise<WebSessionRecord | null> {
    return this.db.webSession.findFirst({
      where: { sessionHash, endedAt: null, expiresAt: { gt: now } },
      select: { id: true, userId: true, createdAt: true, expiresAt: true, endedAt: true },
    });
  }

  async endSession(sessionHash: string, now: Date): Promise<bigint | null> {
    const found = await this.findActiveSession(sessionHash, now);
    if (!found) return null;
    await this.db.webSession.updateMany({ where: { id: found.id, endedAt: null }, data: { endedAt: now } });
    return found.userId;
  }

  async endSessionsOf(userId: bigint, now: Date): Promise<number> {
    const { count } = await this.db.webSession.updateMany({ where: { userId, endedAt: null, expiresAt: { gt: now } }, data: { endedAt: now } });
    return count;
  }

  async addWebAudit(entry: { userId: bigint; action: "SIGN_IN" | "SIGN_OUT" | "SIGN_OUT_ALL"; at: Date }): Promise<void> {
    await this.db.webAudit.create({ data: { userId: entry.userId, action: entry.action, createdAt: entry.at } });
  }

  async listWebAudit(userId: bigint, limit: number): Promise<{ action: string; at: Date }[]> {
    const rows = await this.db.webAudit.findMany({ where: { userId }, orderBy: { id: "desc" }, take: limit, select: { action: true, createdAt: true } });
    return rows.map((r) => ({ action: r.action, at: r.createdAt }));
  }

  async pruneWebAccess(linksBefore: Date, sessionsBefore: Date): Promise<{ links: number; sessions: number }> {
    const links = await this.db.webLoginToken.deleteMany({ where: { OR: [{ usedAt: { lt: linksBefore } }, { expiresAt: { lt: linksBefore } }] } });
    const sessions = await this.db.webSession.deleteMany({ where: { OR: [{ endedAt: { lt: sessionsBefore } }, { expiresAt: { lt: sessionsBefore } }] } });
    return { links: links.count, sessions: sessions.count };
  }
}
