/** sendDocument / sendPhoto: uploads recorded per token, answered as Messages, shown to tests as BotMessages. */
import { jsonParam, numParam, strParam, type UploadedFile } from "../multipart.js";
import type { ApiResponse, BotMessage, SentFile } from "../types.js";
import { fail, isInlineMarkup, ok, type Front } from "./state.js";
import { validateMarkup, validateText } from "./validation.js";

/** A recorded file as the Message the real API would return. */
export function fileMessageObject(front: Front, token: string, f: SentFile): Record<string, unknown> {
  const fileId = `e2e-file-${f.message_id}`;
  const out: Record<string, unknown> = {
    message_id: f.message_id,
    from: front.botUser(token),
    chat: front.chatFor(f.chat_id),
    date: Math.floor(f.time / 1000),
  };
  if (f.caption !== undefined) out.caption = f.caption;
  if (f.reply_markup) out.reply_markup = f.reply_markup;
  if (f.method === "sendDocument") {
    out.document = { file_id: fileId, file_unique_id: `u${fileId}`, file_name: f.filename, mime_type: f.mime_type, file_size: f.size };
  } else {
    out.photo = [{ file_id: fileId, file_unique_id: `u${fileId}`, width: 1, height: 1, file_size: f.size }];
  }
  return out;
}

export function sendFile(
  front: Front,
  token: string,
  method: "sendDocument" | "sendPhoto",
  p: Record<string, unknown>,
  files: Map<string, UploadedFile>,
): ApiResponse {
  const chatId = numParam(p.chat_id);
  if (chatId === undefined) return fail(400, "Bad Request: chat not found");
  const field = method === "sendDocument" ? "document" : "photo";
  const value = p[field];
  let upload: UploadedFile | undefined = files.get(field);
  let reference: string | undefined;
  if (typeof value === "string" && value.startsWith("attach://")) upload = files.get(value.slice("attach://".length));
  else if (typeof value === "string" && !upload) reference = value;
  if (!upload && !reference) return fail(400, `Bad Request: there is no ${field} in the request`);
  const bad = validateText(front.opts, p.caption, p.parse_mode, 1024, "caption") ?? validateMarkup(front.opts, jsonParam(p.reply_markup));
  if (bad) return fail(400, bad);
  if (upload && upload.data.length === 0) return fail(400, "Bad Request: file must be non-empty");
  const params = { ...p };
  delete params[field];
  const markup = jsonParam(p.reply_markup);
  const f: SentFile = {
    method,
    token,
    message_id: front.tts.messageId++, // shares telegram-test-api's counter: ids stay unique and ordered
    chat_id: chatId,
    caption: strParam(p.caption),
    parse_mode: strParam(p.parse_mode),
    filename: upload?.filename,
    mime_type: upload?.contentType && upload.contentType !== "application/octet-stream" ? upload.contentType : guessMime(upload?.filename),
    size: upload?.data.length ?? 0,
    bytes: upload?.data ?? Buffer.alloc(0),
    reference,
    reply_markup: isInlineMarkup(markup) ? markup : undefined,
    params,
    time: Date.now(),
    deleted: false,
  };
  front.state(token).files.push(f);
  return ok(fileMessageObject(front, token, f));
}

export function fileToBotMessage(front: Front, f: SentFile): BotMessage {
  return {
    kind: f.method === "sendDocument" ? "document" : "photo",
    message_id: f.message_id,
    chat_id: f.chat_id,
    chat: front.chatFor(f.chat_id),
    date: Math.floor(f.time / 1000),
    text: undefined,
    plainText: undefined,
    caption: f.caption,
    parse_mode: f.parse_mode,
    reply_markup: f.reply_markup ? structuredClone(f.reply_markup) : undefined,
    file: f,
    editCount: front.editCount(f.token, f.chat_id, f.message_id),
    params: structuredClone(f.params),
  };
}

function guessMime(filename: string | undefined): string | undefined {
  if (!filename) return undefined;
  const ext = filename.split(".").pop()?.toLowerCase();
  const map: Record<string, string> = {
    pdf: "application/pdf",
    txt: "text/plain",
    csv: "text/csv",
    json: "application/json",
    xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    html: "text/html",
    md: "text/markdown",
    jpg: "image/jpeg",
    jpeg: "image/jpeg",
    png: "image/png",
    zip: "application/zip",
  };
  return ext ? map[ext] : undefined;
}
