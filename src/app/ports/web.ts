/**
 * The web's sign-in links, sessions and audit (DESIGN §10). Only SHA-256 hashes of the link
 * tokens and session ids are stored: a copy of the database signs nobody in.
 */
export interface WebSessionRecord {
  id: number;
  userId: bigint;
  createdAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
}

export interface WebLoginTokenRecord {
  userId: bigint;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface WebAccessRepository {
  addLoginToken(token: { tokenHash: string; userId: bigint; createdAt: Date; expiresAt: Date }): Promise<void>;
  findLoginToken(tokenHash: string): Promise<WebLoginTokenRecord | null>;
  /** Marks the token used when it is unused and not expired at `now`; its user when this call used it, else null (one winner under a race). */
  useLoginToken(tokenHash: string, now: Date): Promise<bigint | null>;
  addSession(session: { sessionHash: string; userId: bigint; createdAt: Date; expiresAt: Date }): Promise<void>;
  /** The session when it exists, has not ended and has not expired at `now`. */
  findActiveSession(sessionHash: string, now: Date): Promise<WebSessionRecord | null>;
  /** Ends one session; its user when it was active. */
  endSession(sessionHash: string, now: Date): Promise<bigint | null>;
  /** Ends every active session of the person; how many. */
  endSessionsOf(userId: bigint, now: Date): Promise<number>;
  addWebAudit(entry: { userId: bigint; action: "SIGN_IN" | "SIGN_OUT" | "SIGN_OUT_ALL"; at: Date }): Promise<void>;
  listWebAudit(userId: bigint, limit: number): Promise<{ action: string; at: Date }[]>;
  /**
   * Deletes the sign-in links used or expired before `linksBefore` and the sessions ended or
   * expired before `sessionsBefore`; how many of each. The audit log is kept.
   */
  pruneWebAccess(linksBefore: Date, sessionsBefore: Date): Promise<{ links: number; sessions: number }>;
}
