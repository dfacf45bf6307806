/** Users (language, the awaited free-text input) with Prisma. One query or one transaction per method. */
import type { UserRecord, UsersRepository } from "../../app/ports.js";
import type { Db } from "./client.js";

export class PrismaUsers implements UsersRepository {
  constructor(private readonly db: Db) {}

  findUser(id: bigint): Promise<UserRecord | null> {
    return this.db.user.findUnique({ where: { id } });
  }

  async setUserLocale(id: bigint, locale: string): Promise<void> {
    await this.db.user.update({ where: { id }, data: { locale } });
  }

  async setAwaiting(id: bigint, awaiting: string | null): Promise<void> {
    await this.db.user.update({ where: { id }, data: { awaiting } });
  }
}
