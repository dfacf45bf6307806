/**
 * Files users send to the bot, as the Bot API serves them: a document in an incoming message
 * carries a file_id; getFile turns it into a file_path; `GET /file/bot<token>/<file_path>`
 * returns the bytes. Files the bot itself sent (sendDocument) can be fetched the same way, as
 * in Telegram (file ids `e2e-file-<message_id>`).
 */
import type http from "node:http";
import { strParam } from "../multipart.js";
import type { ApiResponse } from "../types.js";
import { fail, ok, type Front } from "./state.js";

/** Telegram's limit for files a bot downloads. */
const DOWNLOAD_LIMIT = 20 * 1024 * 1024;

/** Keeps `bytes` as a file sent by a user; returns the Document fields of the message. */
export function addUserFile(front: Front, token: string, fileName: string, bytes: Uint8Array, mimeType?: string): Record<string, unknown> {
  const st = front.state(token);
  const n = st.userFiles.size + 1;
  const fileId = `e2e-user-file-${n}`;
  st.userFiles.set(fileId, { bytes: Buffer.from(bytes), path: `documents/file_${n}${extensionOf(fileName)}`, fileName });
  return { file_id: fileId, file_unique_id: `u${fileId}`, file_name: fileName, file_size: bytes.length, ...(mimeType ? { mime_type: mimeType } : {}) };
}

function extensionOf(fileName: string): string {
  const m = /\.[A-Za-z0-9]{1,8}$/.exec(fileName);
  return m ? m[0].toLowerCase() : "";
}

function findById(front: Front, token: string, fileId: string): { bytes: Buffer; path: string } | undefined {
  const st = front.state(token);
  const user = st.userFiles.get(fileId);
  if (user) return user;
  const sent = /^e2e-file-(\d+)$/.exec(fileId);
  const f = sent ? st.files.find((x) => x.message_id === Number(sent[1]) && !x.reference) : undefined;
  return f ? { bytes: f.bytes, path: `documents/sent_${f.message_id}` } : undefined;
}

/** getFile: the file's path for the download URL; 400 for an id the server never issued. */
export function getFile(front: Front, token: string, p: Record<string, unknown>): ApiResponse {
  const fileId = strParam(p.file_id);
  if (!fileId) return fail(400, "Bad Request: there is no file_id in the request");
  const file = findById(front, token, fileId);
  if (!file) return fail(400, "Bad Request: invalid file_id");
  if (file.bytes.length > DOWNLOAD_LIMIT) return fail(400, "Bad Request: file is too big");
  return ok({ file_id: fileId, file_unique_id: `u${fileId}`, file_size: file.bytes.length, file_path: file.path });
}

/** `GET /file/bot<token>/<file_path>`: the bytes, or 404 as Telegram answers an unknown path. */
export function serveFile(front: Front, token: string, filePath: string, res: http.ServerResponse): void {
  const st = front.state(token);
  const user = [...st.userFiles.values()].find((f) => f.path === filePath);
  const sent = /^documents\/sent_(\d+)$/.exec(filePath);
  const bytes = user?.bytes ?? (sent ? st.files.find((f) => f.message_id === Number(sent[1]))?.bytes : undefined);
  st.fileDownloads.push({ path: filePath, found: bytes !== undefined, time: Date.now() });
  if (!bytes) {
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: false, error_code: 404, description: "Not Found" }));
    return;
  }
  res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(bytes.length) });
  res.end(bytes);
}
