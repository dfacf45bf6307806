/** Shared types of the e2e harness. */
import type { Chat, User } from "grammy/types";

/** Reply markup as the bot sent it (inline keyboard, reply keyboard, remove, force reply). */
export interface ReplyMarkupLike {
  inline_keyboard?: Array<Array<{ text: string; callback_data?: string; url?: string; [k: string]: unknown }>>;
  [k: string]: unknown;
}

/** A file the bot sent with sendDocument / sendPhoto, recorded by the front server. */
export interface SentFile {
  method: "sendDocument" | "sendPhoto";
  token: string;
  message_id: number;
  chat_id: number;
  caption: string | undefined;
  parse_mode: string | undefined;
  /** Upload filename (undefined when the bot sent a file_id / URL instead of bytes). */
  filename: string | undefined;
  mime_type: string | undefined;
  /** Byte length of the uploaded file (0 for file_id / URL). */
  size: number;
  /** Raw uploaded bytes. */
  bytes: Buffer;
  /** The file_id / URL string if the bot did not upload bytes. */
  reference: string | undefined;
  reply_markup: ReplyMarkupLike | undefined;
  /** All other params of the call (file bytes excluded). */
  params: Record<string, unknown>;
  time: number;
  deleted: boolean;
}

/** A message the bot sent, in its latest state (edits applied). Snapshot: later edits do not mutate it. */
export interface BotMessage {
  kind: "text" | "document" | "photo";
  message_id: number;
  chat_id: number;
  chat: Chat;
  /** Unix seconds. */
  date: number;
  /** Raw text as the bot sent it (including HTML/Markdown markup if parse_mode was used). */
  text: string | undefined;
  /** `text` (or caption) with markup removed — what the user would read. */
  plainText: string | undefined;
  caption: string | undefined;
  parse_mode: string | undefined;
  reply_markup: ReplyMarkupLike | undefined;
  /** For documents/photos: the recorded upload. */
  file: SentFile | undefined;
  /** How many times editMessageText / editMessageReplyMarkup changed this message. */
  editCount: number;
  /** Raw params the emulator stored for the message (merged with edits). */
  params: Record<string, unknown>;
}

/** An answerCallbackQuery call made by the bot. */
export interface CallbackAnswer {
  callback_query_id: string;
  text: string | undefined;
  show_alert: boolean;
  url: string | undefined;
  cache_time: number | undefined;
  /** True if this query id had already been answered before. */
  duplicate: boolean;
  time: number;
}

/** Every Bot API call the bot made through the front server. */
export interface ApiCall {
  token: string;
  method: string;
  params: Record<string, unknown>;
  /** Names of uploaded file parts (bytes are not kept here; see SentFile). */
  uploads: string[];
  time: number;
  /** HTTP status answered to the bot (set when the answer was sent). */
  status?: number;
  /** Bot API error description if the call failed. */
  error?: string;
}

/** One delivery of an update to the bot via getUpdates. */
export interface Delivery {
  update_id: number;
  /** "message", "callback_query", ... */
  type: string;
  time: number;
  /** True if the update was injected with redeliver()/sendRawUpdate() rather than from the normal queue. */
  forced: boolean;
}

export interface UserSpec {
  id: number;
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
}

export interface GroupSpec {
  /** Negative chat id. Ids <= -1000000000000 default to type "supergroup". */
  id: number;
  title: string;
  type?: "group" | "supergroup";
}

export type MemberStatus = "creator" | "administrator" | "member" | "restricted" | "left" | "kicked";

export interface WaitOptions {
  /** Default 5000 ms. */
  timeoutMs?: number;
  /** Poll interval, default 25 ms. */
  intervalMs?: number;
}

/** Result of a simulated user action that produced an update. */
export interface SentUpdate {
  updateId: number;
  /** message_id of the user's message (message ids are shared with bot messages, so bot replies have larger ids). */
  messageId: number;
  chatId: number;
}

export interface SentCallback {
  updateId: number;
  callbackQueryId: string;
  data: string;
  chatId: number;
  messageId: number;
  /** message_id watermark: bot messages sent in reaction have message_id > this. */
  afterMessageId: number;
}

/** Input for sendRawUpdate: any Update-shaped object; update_id is assigned if missing. */
export type RawUpdateInput = { update_id?: number } & Record<string, unknown>;

/** A Bot API response as the front answers it. */
export type ApiResponse =
  { ok: true; result: unknown; description?: string } | { ok: false; error_code: number; description: string; parameters?: Record<string, unknown> };

/** Custom handler for a Bot API method; return undefined to fall through to the default behaviour. */
export type Interceptor = (
  params: Record<string, unknown>,
  info: { token: string; method: string },
) => ApiResponse | undefined | Promise<ApiResponse | undefined>;

export type { Chat, User };
