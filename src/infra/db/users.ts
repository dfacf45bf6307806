/** People (the app's own ids) and their channel identities, with Prisma. One query or one transaction per method. */
import type { ChannelIdentity, Profile, UserRecord, UsersRepository } from "../../app/ports.js";
import type { Db } from "./client.js";
import { Prisma } from "./generated/client.js";

const TELEGRAM_USER_ID = /^[1-9]\d{0,18}$/;

/**
 * THE allocation policy of app ids (the only place that chooses a User.id; README "Data"):
 *
 * - a person first seen on Telegram gets their Telegram user id as app id when no user has that
 *   id yet. Every user before the channels migration was made this way, so their rows needed no
 *   renumbering, and tests' `userId: BigInt(telegramId)` stays true;
 * - anyone else (first seen on another channel, or a Telegram id already taken as an app id)
 *   gets the next negative id, min(id, 0) − 1. Telegram user ids are positive, so the two ranges
 *   never meet.
 *
 * Nothing outside this repository may assume that an app id is a Telegram id: updates are
 * resolved through ChannelIdentity, and messages to a person through their identity (outbox).
 */
async function allocateUserId(tx: Prisma.TransactionClient, identity: ChannelIdentity): Promise<bigint> {
  if (identity.channel === "telegram" && TELEGRAM_USER_ID.test(identity.externalId)) {
    const id = BigInt(identity.externalId);
    if (id <= 9_223_372_036_854_775_807n && !(await tx.user.findUnique({ where: { id }, select: { id: true } }))) return id;
  }
  const lowest = await tx.user.aggregate({ _min: { id: true } });
  const min = lowest._min.id ?? 0n;
  return (min < 0n ? min : 0n) - 1n;
}

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

export class PrismaUsers implements UsersRepository {
  constructor(private readonly db: Db) {}

  async createUserForIdentity(identity: ChannelIdentity, profile: Profile, at: Date): Promise<UserRecord> {
    // Two first contacts at once (two instances, or the same person twice): the loser of the
    // identity's or the id's unique key tries again and finds the winner's row, or the next id.
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.$transaction(async (tx) => {
          const known = await tx.channelIdentity.findUnique({ where: { channel_externalId: identity }, include: { user: true } });
          if (known) return known.user;
          const id = await allocateUserId(tx, identity);
          const user = await tx.user.create({ data: { id, firstName: profile.firstName, username: profile.username, createdAt: at } });
          await tx.channelIdentity.create({ data: { channel: identity.channel, externalId: identity.externalId, userId: id, createdAt: at } });
          return user;
        });
      } catch (error) {
        if (attempt >= 3 || !isUniqueViolation(error)) throw error;
      }
    }
  }

  identitiesOf(userId: bigint): Promise<ChannelIdentity[]> {
    return this.db.channelIdentity.findMany({
      where: { userId },
      select: { channel: true, externalId: true },
      orderBy: [{ createdAt: "desc" }, { channel: "asc" }],
    });
  }

  findUser(id: bigint): Promise<UserRecord | null> {
    return this.db.user.findUnique({ where: { id } });
  }

  async findUserByIdentity(identity: ChannelIdentity): Promise<UserRecord | null> {
    const known = await this.db.channelIdentity.findUnique({
      where: { channel_externalId: { channel: identity.channel, externalId: identity.externalId } },
      include: { user: true },
    });
    return known?.user ?? null;
  }

  async setUserLocale(id: bigint, locale: string): Promise<void> {
    await this.db.user.update({ where: { id }, data: { locale } });
  }

  async setAwaiting(id: bigint, awaiting: string | null): Promise<void> {
    await this.db.user.update({ where: { id }, data: { awaiting } });
  }
}
