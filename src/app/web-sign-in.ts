/**
 * Signing in to the web (DESIGN §10), channel-neutral: the bot's `/web` (Telegram now, Zalo
 * through the same call later) asks for a one-time link for a person; the web turns the link
 * into a session. Only SHA-256 hashes of link tokens and session ids reach the database, and
 * neither ever reaches a log line. Each sign-in and sign-out is audited.
 */
import { createHash, randomBytes } from "node:crypto";
import { isCommitteeOfficer } from "../domain/committee.js";
import { canManageRounds } from "../domain/roles.js";
import type { AppDeps } from "./deps.js";

/** A sign-in link is good for 10 minutes, once. */
export const LOGIN_TOKEN_TTL_MS = 10 * 60_000;
/** A session lasts 12 hours (or until /logout, or `/web thoat`). */
export const SESSION_TTL_MS = 12 * 3600_000;

/**
 * Used or expired sign-in links are deleted a day after their use or expiry (until then such a
 * link still opens the "ask the bot again" page as "used"/"expired"; afterwards as unknown, the
 * same page); ended or expired sessions a week after their end. The audit log (WebAudit) stays.
 */
export const LOGIN_TOKEN_KEPT_MS = 24 * 3600_000;
export const SESSION_KEPT_MS = 7 * 24 * 3600_000;

/** Deletes the links and sessions past their keeping time (the hourly purge, with the processed updates'). */
export function pruneWebAccess(deps: WebDeps): Promise<{ links: number; sessions: number }> {
  const now = deps.clock().getTime();
  return deps.web.pruneWebAccess(new Date(now - LOGIN_TOKEN_KEPT_MS), new Date(now - SESSION_KEPT_MS));
}

/** The stored form of a secret (a link token or a session id). */
export const hashSecret = (secret: string): string => createHash("sha256").update(secret, "utf8").digest("hex");

/** 256 random bits, URL-safe. */
export const newSecret = (): string => randomBytes(32).toString("base64url");

/** A token or session id as we hand them out (43 base64url characters); anything else is not looked up. */
export const looksLikeSecret = (value: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(value);

type WebDeps = Pick<AppDeps, "web" | "clock">;

/**
 * Who may use the web: a cell's secretary or deputy, or an officer (bí thư, phó bí thư, cán
 * bộ văn phòng) of a committee. Read from the database at every request.
 */
export async function mayUseWeb(deps: Pick<AppDeps, "answerPath" | "committees">, userId: bigint): Promise<boolean> {
  const membership = await deps.answerPath.findActiveMembership(userId);
  if (membership && canManageRounds(membership.role)) return true;
  return (await deps.committees.rostersOf(userId)).some((e) => isCommitteeOfficer(e.role));
}

export type WebLinkResult = { kind: "link"; token: string; expiresAt: Date } | { kind: "forbidden" };

/** `/web`: a one-time sign-in token for the person, when they manage a unit. */
export async function requestWebLink(deps: WebDeps & Pick<AppDeps, "answerPath" | "committees">, userId: bigint): Promise<WebLinkResult> {
  if (!(await mayUseWeb(deps, userId))) return { kind: "forbidden" };
  const token = newSecret();
  const now = deps.clock();
  const expiresAt = new Date(now.getTime() + LOGIN_TOKEN_TTL_MS);
  await deps.web.addLoginToken({ tokenHash: hashSecret(token), userId, createdAt: now, expiresAt });
  return { kind: "link", token, expiresAt };
}

export type LinkState = "valid" | "used" | "expired" | "unknown";

/** What a link is, without using it (chat apps open links to draw previews). */
export async function inspectWebLink(deps: WebDeps, token: string): Promise<LinkState> {
  if (!looksLikeSecret(token)) return "unknown";
  const found = await deps.web.findLoginToken(hashSecret(token));
  if (!found) return "unknown";
  if (found.usedAt) return "used";
  return found.expiresAt.getTime() <= deps.clock().getTime() ? "expired" : "valid";
}

export type SignInResult = { kind: "signedIn"; sessionId: string; userId: bigint; expiresAt: Date } | { kind: "refused"; state: Exclude<LinkState, "valid"> };

/**
 * The **Đăng nhập** button (a POST): uses the link up and starts a session, audited. The
 * person must still manage a unit now.
 */
export async function signInWithLink(deps: WebDeps & Pick<AppDeps, "answerPath" | "committees">, token: string): Promise<SignInResult> {
  const state = await inspectWebLink(deps, token);
  if (state !== "valid") return { kind: "refused", state };
  const now = deps.clock();
  const userId = await deps.web.useLoginToken(hashSecret(token), now);
  if (userId === null) return { kind: "refused", state: "used" };
  if (!(await mayUseWeb(deps, userId))) return { kind: "refused", state: "used" };
  const sessionId = newSecret();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await deps.web.addSession({ sessionHash: hashSecret(sessionId), userId, createdAt: now, expiresAt });
  await deps.web.addWebAudit({ userId, action: "SIGN_IN", at: now });
  return { kind: "signedIn", sessionId, userId, expiresAt };
}

/** The person behind a session cookie, or null (unknown, ended, expired). */
export async function sessionUser(deps: WebDeps, sessionId: string | undefined): Promise<bigint | null> {
  if (!sessionId || !looksLikeSecret(sessionId)) return null;
  return (await deps.web.findActiveSession(hashSecret(sessionId), deps.clock()))?.userId ?? null;
}

/** /logout: ends this session. */
export async function signOut(deps: WebDeps, sessionId: string | undefined): Promise<void> {
  if (!sessionId || !looksLikeSecret(sessionId)) return;
  const now = deps.clock();
  const userId = await deps.web.endSession(hashSecret(sessionId), now);
  if (userId !== null) await deps.web.addWebAudit({ userId, action: "SIGN_OUT", at: now });
}

/** `/web thoat`: ends every session of the person; how many were open. */
export async function signOutEverywhere(deps: WebDeps, userId: bigint): Promise<number> {
  const now = deps.clock();
  const ended = await deps.web.endSessionsOf(userId, now);
  await deps.web.addWebAudit({ userId, action: "SIGN_OUT_ALL", at: now });
  return ended;
}

/** The anti-CSRF token of a session's forms: derived from the session id, never equal to it. */
export const csrfTokenFor = (sessionId: string): string => createHash("sha256").update(`csrf:${sessionId}`, "utf8").digest("base64url");
