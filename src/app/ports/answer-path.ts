/**
 * The answer path: everything one button press on the form reads and writes (the sender,
 * their membership, the form and its round, the answers and the cursor). The narrowest port
 * and the hottest: its SQLite implementation runs prepared statements, not the ORM.
 */
import type { AssessmentRecord, AssessmentWrite, ChannelIdentity, MemberWithCell, Profile, RoundRecord, UserRecord } from "./records.js";

export interface AnswerPath {
  /**
   * The user a channel identity points to, with the name refreshed and "unreachable" cleared
   * (nothing written when nothing changed); null on first contact (then the users repository
   * creates them: UsersRepository.createUserForIdentity).
   */
  touchUser(identity: ChannelIdentity, profile: Profile, at: Date): Promise<UserRecord | null>;
  /** The person's current (not left) membership, with its cell. */
  findActiveMembership(userId: bigint): Promise<MemberWithCell | null>;
  findAssessmentById(id: number): Promise<AssessmentRecord | null>;
  findRound(roundId: number): Promise<RoundRecord | null>;
  /**
   * One transaction: the changed answers and the cursor; with `file`, also replaces the filed
   * answers with the working copy and stamps submittedAt. With `expected`, only while the form
   * is still as it was read (cursor, status, editing): false, and nothing written, when another
   * press (a double tap, or another instance) moved it in between.
   */
  saveAssessment(write: AssessmentWrite, at: Date): Promise<boolean>;
  /**
   * Sets the user's awaited input (User.awaiting) to `next` only while it is still `expected`
   * (null matches null): true when written, false (nothing written) when it held something
   * else. A text channel stores the last screen's numbers this way, after every reply, without
   * reading the user again (UsersRepository.setAwaiting writes unconditionally).
   */
  replaceAwaiting(userId: bigint, expected: string | null, next: string | null, at: Date): Promise<boolean>;
}
