/**
 * File links (issue 20, DESIGN §9): a file a channel cannot send (Zalo's bot sends no
 * document) is stored and sent as `<PUBLIC_URL>/f/<token>`. The token names the stored file
 * and its one recipient, carries its expiry (24 h) and an HMAC-SHA256 over all three with the
 * deployment's key (config.fileLinkSecret): it cannot be forged, moved to another file or
 * another recipient, or extended. No database row: the store keeps the bytes and, beside them,
 * the recipient and expiry it was stored for, which must match the token's.
 *
 * Token: `<file id>.<recipient, base64url>.<expiry, seconds base 36>.<MAC, 128 bits base64url>`,
 * about 90 characters. Pure (node:crypto only): the store is a port, the route lives in
 * src/server/file-links.ts.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { OutFile } from "./messages.js";

export const FILE_LINK_TTL_MS = 24 * 3600_000;

/** A stored file's record, beside its bytes. */
export interface StoredFileInfo {
  /** 32 hex characters, random. */
  id: string;
  filename: string;
  kind: OutFile["kind"];
  /** Who the link is for, as the channel addresses them (e.g. `zalo:7001`). */
  recipient: string;
  expiresAt: Date;
}

/** Where linked files are kept (a directory on disk in production: src/server/file-links.ts). */
export interface FileStore {
  put(info: StoredFileInfo, bytes: Uint8Array): Promise<void>;
  /** The file, or null when it is not there (never stored, or purged). */
  get(id: string): Promise<{ info: StoredFileInfo; bytes: Uint8Array } | null>;
  /** Deletes every file expired at `now`; how many. */
  purgeExpired(now: Date): Promise<number>;
}

export interface FileLinkDeps {
  store: FileStore;
  /** config.fileLinkSecret. */
  secret: string;
  /** PUBLIC_URL without a trailing slash. */
  publicUrl: string;
  now(): Date;
}

export interface FileTokenClaims {
  fileId: string;
  recipient: string;
  expiresAt: Date;
}

export type FileTokenCheck = ({ kind: "valid" } & FileTokenClaims) | { kind: "expired" } | { kind: "invalid" };

const FILE_ID = /^[0-9a-f]{32}$/;
const MAC_CHARS = 22;

const macOf = (secret: string, payload: string): string =>
  createHmac("sha256", secret).update(`tusoi-file-link.${payload}`).digest("base64url").slice(0, MAC_CHARS);

export function signFileToken(claims: FileTokenClaims, secret: string): string {
  const payload = [claims.fileId, Buffer.from(claims.recipient, "utf8").toString("base64url"), Math.floor(claims.expiresAt.getTime() / 1000).toString(36)].join(
    ".",
  );
  return `${payload}.${macOf(secret, payload)}`;
}

/** Forged, altered or malformed → invalid; genuine but past its expiry → expired. */
export function verifyFileToken(token: string, secret: string, now: Date): FileTokenCheck {
  const parts = token.split(".");
  if (parts.length !== 4 || token.length > 1024) return { kind: "invalid" };
  const [fileId, recipient64, expiry36, mac] = parts as [string, string, string, string];
  if (!FILE_ID.test(fileId) || !/^[A-Za-z0-9_-]+$/.test(recipient64) || !/^[0-9a-z]{1,12}$/.test(expiry36)) return { kind: "invalid" };
  const expected = Buffer.from(macOf(secret, `${fileId}.${recipient64}.${expiry36}`));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { kind: "invalid" };
  const expiresAt = new Date(Number.parseInt(expiry36, 36) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { kind: "expired" };
  return { kind: "valid", fileId, recipient: Buffer.from(recipient64, "base64url").toString("utf8"), expiresAt };
}

/** Stores `file` for `recipient` and gives its link, valid 24 h. */
export async function issueFileLink(deps: FileLinkDeps, file: OutFile, recipient: string): Promise<string> {
  const expiresAt = new Date(deps.now().getTime() + FILE_LINK_TTL_MS);
  const id = randomBytes(16).toString("hex");
  await deps.store.put({ id, filename: file.filename, kind: file.kind, recipient, expiresAt }, Buffer.from(file.base64, "base64"));
  return `${deps.publicUrl}/f/${signFileToken({ fileId: id, recipient, expiresAt }, deps.secret)}`;
}

export type OpenedFileLink =
  | { kind: "file"; filename: string; fileKind: OutFile["kind"]; bytes: Uint8Array }
  /** The link was genuine once: expired, or its file purged (410). */
  | { kind: "expired" }
  /** Forged, altered, for another recipient than the file was stored for, or never existed (404). */
  | { kind: "invalid" };

export async function openFileLink(deps: Pick<FileLinkDeps, "store" | "secret" | "now">, token: string): Promise<OpenedFileLink> {
  const now = deps.now();
  const check = verifyFileToken(token, deps.secret, now);
  if (check.kind !== "valid") return check;
  const stored = await deps.store.get(check.fileId);
  if (stored === null) return { kind: "expired" };
  if (stored.info.recipient !== check.recipient) return { kind: "invalid" };
  if (stored.info.expiresAt.getTime() <= now.getTime()) return { kind: "expired" };
  return { kind: "file", filename: stored.info.filename, fileKind: stored.info.kind, bytes: stored.bytes };
}

/** For the scheduler: deletes expired files; how many. */
export function purgeExpiredFiles(deps: Pick<FileLinkDeps, "store" | "now">): Promise<number> {
  return deps.store.purgeExpired(deps.now());
}
