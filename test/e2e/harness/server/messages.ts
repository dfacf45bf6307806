/** Text messages: sendMessage / editMessageText / editMessageReplyMarkup validated, forwarded, answers fixed up; deleteMessage. */
import type http from "node:http";
import { jsonParam, numParam } from "../multipart.js";
import type { ApiResponse } from "../types.js";
import { fileMessageObject } from "./files.js";
import { forward } from "./proxy.js";
import { fail, isInlineMarkup, markupKey, ok, type Front, type TtsStoredBotMessage } from "./state.js";
import { NOT_MODIFIED, validateMarkup, validateText } from "./validation.js";

/** Message object for a stored text message (what the real API would return). */
function messageObject(front: Front, token: string, stored: TtsStoredBotMessage): Record<string, unknown> {
  const m = stored.message;
  const chatId = Number(m.chat_id);
  const out: Record<string, unknown> = {
    message_id: stored.messageId,
    from: front.botUser(token),
    chat: front.chatFor(chatId),
    date: Math.floor(stored.time / 1000),
    text: m.text,
  };
  if (m.entities !== undefined) out.entities = m.entities;
  if (isInlineMarkup(m.reply_markup)) out.reply_markup = m.reply_markup;
  const edits = front.editCount(token, chatId, stored.messageId);
  if (edits > 0) out.edit_date = Math.floor(Date.now() / 1000);
  return out;
}

function findStored(front: Front, token: string, chatId: number | undefined, messageId: number | undefined): TtsStoredBotMessage | undefined {
  if (chatId === undefined || messageId === undefined) return undefined;
  return front.tts.storage.botMessages.find((u) => u.botToken === token && u.messageId === messageId && String(u.message.chat_id) === String(chatId));
}

export async function sendMessage(
  front: Front,
  token: string,
  method: string,
  p: Record<string, unknown>,
  body: Buffer,
  req: http.IncomingMessage,
): Promise<ApiResponse> {
  if (numParam(p.chat_id) === undefined) return fail(400, "Bad Request: chat not found");
  const bad = validateText(front.opts, p.text, p.parse_mode, 4096, "text") ?? validateMarkup(front.opts, jsonParam(p.reply_markup));
  if (bad) return fail(400, bad);
  const r = await forward(front, token, method, body, req);
  if (!r.ok) return r;
  const messageId = (r.result as { message_id?: number } | null)?.message_id;
  const stored = findStored(front, token, numParam(p.chat_id), messageId);
  return stored ? ok(messageObject(front, token, stored)) : r;
}

export async function editMessageText(
  front: Front,
  token: string,
  method: string,
  p: Record<string, unknown>,
  body: Buffer,
  req: http.IncomingMessage,
): Promise<ApiResponse> {
  if (p.inline_message_id !== undefined) return ok(true);
  const chatId = numParam(p.chat_id);
  const messageId = numParam(p.message_id);
  const stored = findStored(front, token, chatId, messageId);
  if (!stored) {
    const file = front.state(token).files.find((f) => f.chat_id === chatId && f.message_id === messageId && !f.deleted);
    return fail(400, file ? "Bad Request: there is no text in the message to edit" : "Bad Request: message to edit not found");
  }
  const newMarkup = jsonParam(p.reply_markup);
  const bad = validateText(front.opts, p.text, p.parse_mode, 4096, "text") ?? validateMarkup(front.opts, newMarkup);
  if (bad) return fail(400, bad);
  if (front.opts.validate && stored.message.text === p.text && markupKey(stored.message.reply_markup) === markupKey(newMarkup)) {
    return fail(400, NOT_MODIFIED);
  }
  // telegram-test-api merges the edit into the old params; Telegram replaces them. Applied
  // before forwarding (the emulator updates the text while handling the request), so a reader
  // never sees the new text with the old keyboard; restored if the emulator refuses the edit.
  const keys = ["parse_mode", "entities", "link_preview_options", "disable_web_page_preview", "reply_markup"] as const;
  const previous = Object.fromEntries(keys.map((k) => [k, stored.message[k]]));
  for (const k of keys) {
    if (p[k] === undefined) delete stored.message[k];
    else stored.message[k] = k === "reply_markup" || k === "entities" ? jsonParam(p[k]) : p[k];
  }
  // Counted before forwarding too: a reader polling while the emulator applies the new text
  // must not see it with the old edit count (seen once in CI: text "pressed", editCount 0).
  bumpEdit(front, token, chatId as number, messageId as number);
  const r = await forward(front, token, method, body, req);
  if (!r.ok) {
    for (const k of keys) {
      if (previous[k] === undefined) delete stored.message[k];
      else stored.message[k] = previous[k];
    }
    bumpEdit(front, token, chatId as number, messageId as number, -1);
    return r;
  }
  return ok(messageObject(front, token, stored));
}

export async function editMessageReplyMarkup(
  front: Front,
  token: string,
  method: string,
  p: Record<string, unknown>,
  body: Buffer,
  req: http.IncomingMessage,
): Promise<ApiResponse> {
  if (p.inline_message_id !== undefined) return ok(true);
  const chatId = numParam(p.chat_id);
  const messageId = numParam(p.message_id);
  const newMarkup = jsonParam(p.reply_markup);
  const bad = validateMarkup(front.opts, newMarkup);
  if (bad) return fail(400, bad);
  const notModified = fail(400, NOT_MODIFIED);
  const stored = findStored(front, token, chatId, messageId);
  if (!stored) {
    const file = front.state(token).files.find((f) => f.chat_id === chatId && f.message_id === messageId && !f.deleted);
    if (!file) return fail(400, "Bad Request: message to edit not found");
    if (front.opts.validate && markupKey(file.reply_markup) === markupKey(newMarkup)) return notModified;
    file.reply_markup = isInlineMarkup(newMarkup) ? newMarkup : undefined;
    bumpEdit(front, token, chatId as number, messageId as number);
    return ok(fileMessageObject(front, token, file));
  }
  if (front.opts.validate && markupKey(stored.message.reply_markup) === markupKey(newMarkup)) return notModified;
  if (isInlineMarkup(newMarkup)) {
    const r = await forward(front, token, method, body, req);
    if (!r.ok) return r;
  } else {
    // telegram-test-api ignores edits that remove the keyboard; Telegram removes it.
    delete stored.message.reply_markup;
  }
  bumpEdit(front, token, chatId as number, messageId as number);
  return ok(messageObject(front, token, stored));
}

function bumpEdit(front: Front, token: string, chatId: number, messageId: number, by = 1): void {
  const edits = front.state(token).edits;
  const k = `${chatId}:${messageId}`;
  edits.set(k, (edits.get(k) ?? 0) + by);
}

export function deleteMessage(front: Front, token: string, p: Record<string, unknown>): ApiResponse {
  const st = front.state(token);
  const chatId = numParam(p.chat_id);
  const messageId = numParam(p.message_id);
  if (chatId === undefined || messageId === undefined) return fail(400, "Bad Request: message identifier is not specified");
  const record = (): ApiResponse => {
    st.deleted.push({ chat_id: chatId, message_id: messageId, time: Date.now() });
    return ok(true);
  };
  const file = st.files.find((f) => f.chat_id === chatId && f.message_id === messageId && !f.deleted);
  if (file) {
    file.deleted = true;
    return record();
  }
  const stored = findStored(front, token, chatId, messageId);
  if (stored) {
    front.tts.removeBotMessage(stored.updateId);
    return record();
  }
  // a user's message (telegram-test-api keeps them after delivery); callback updates are not messages
  const userMsg = front.tts.storage.userMessages.find((u) => {
    const msg = u.message as { chat?: { id?: number } } | undefined;
    return u.botToken === token && !("callbackQuery" in u) && u.messageId === messageId && msg?.chat?.id === chatId;
  });
  if (userMsg) {
    front.tts.removeUserMessage(userMsg.updateId as number);
    return record();
  }
  return fail(400, "Bad Request: message to delete not found");
}
