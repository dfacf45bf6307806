/** Telegram users: language, the awaited free-text input, reachability. */
import type { UserRecord } from "./records.js";

export interface UsersRepository {
  findUser(id: bigint): Promise<UserRecord | null>;
  setUserLocale(id: bigint, locale: string): Promise<void>;
  /** What the next private text from this user means (versioned JSON), or null. */
  setAwaiting(id: bigint, awaiting: string | null): Promise<void>;
}
