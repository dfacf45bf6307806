/** People (the app's own ids) and their channel identities: language, the awaited free-text input, reachability. */
import type { ChannelIdentity, Profile, UserRecord } from "./records.js";

export interface UsersRepository {
  /**
   * First contact through `identity`: allocates the person's app id (the policy is the
   * repository's, in one place) and creates the user and the identity in one transaction. When
   * the identity exists already (two first contacts at once), its user.
   */
  createUserForIdentity(identity: ChannelIdentity, profile: Profile, at: Date): Promise<UserRecord>;
  findUser(id: bigint): Promise<UserRecord | null>;
  /** The person a channel identity points to, read only (nothing refreshed); null when none does (a group's address, a stranger). */
  findUserByIdentity(identity: ChannelIdentity): Promise<UserRecord | null>;
  /** The person's channel identities, the most recently created first. */
  identitiesOf(userId: bigint): Promise<ChannelIdentity[]>;
  setUserLocale(id: bigint, locale: string): Promise<void>;
  /** What the next private text from this user means (versioned JSON), or null. */
  setAwaiting(id: bigint, awaiting: string | null): Promise<void>;
}
