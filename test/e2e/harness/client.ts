/**
 * Simulated Telegram users and read access to what the bot sent.
 *
 * Built on telegram-test-api's in-process client API (`addUserMessage`,
 * `addUserCommand`, `addUserCallback` — the same calls its HTTP client routes
 * /sendMessage, /sendCommand, /sendCallback make), with messages constructed
 * here so that chats look like Telegram's: private chats have
 * `chat.id === user.id` and type "private"; groups have a negative id, the
 * title and type "group"/"supergroup"; commands carry `bot_command` entities.
 *
 * Reading goes straight to the emulator's storage (latest state, edits applied)
 * plus the documents/photos recorded by the front server.
 */
import type { Chat, User } from "grammy/types";
import type { Emulator, TtsStoredBotMessage } from "./server.js";
import { plainText } from "./format.js";
import type {
  BotMessage,
  CallbackAnswer,
  Delivery,
  GroupSpec,
  RawUpdateInput,
  ReplyMarkupLike,
  SentCallback,
  SentFile,
  SentUpdate,
  UserSpec,
  WaitOptions,
} from "./types.js";

/** Options for a user's text message. */
export interface SendOptions {
  /** Makes the message a reply to this bot message (reply_to_message is filled in). */
  replyTo?: BotMessage;
  /** Extra fields merged into the Message object (e.g. custom entities). */
  extra?: Record<string, unknown>;
}

/** `bot_command` entities for every /command token, as Telegram sets them (UTF-16 offsets). */
export function commandEntities(text: string): Array<{ type: "bot_command"; offset: number; length: number }> {
  const out: Array<{ type: "bot_command"; offset: number; length: number }> = [];
  const re = /(^|\s)(\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,64})?)(?=$|\s)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const cmd = m[2] as string;
    out.push({ type: "bot_command", offset: m.index + (m[1] as string).length, length: cmd.length });
  }
  return out;
}

/** Flattened inline buttons of a message. */
export function inlineButtons(message: Pick<BotMessage, "reply_markup">): Array<{ text: string; callback_data?: string; url?: string }> {
  const kb = message.reply_markup?.inline_keyboard;
  return Array.isArray(kb) ? kb.flat() : [];
}

function storedToBotMessage(emulator: Emulator, token: string, u: TtsStoredBotMessage): BotMessage {
  const m = u.message;
  const chatId = Number(m.chat_id);
  const text = typeof m.text === "string" ? m.text : undefined;
  const parseMode = typeof m.parse_mode === "string" ? m.parse_mode : undefined;
  const markup = m.reply_markup && typeof m.reply_markup === "object" ? (structuredClone(m.reply_markup) as ReplyMarkupLike) : undefined;
  return {
    kind: "text",
    message_id: u.messageId,
    chat_id: chatId,
    chat: emulator.chatFor(chatId),
    date: Math.floor(u.time / 1000),
    text,
    plainText: plainText(text, parseMode),
    caption: undefined,
    parse_mode: parseMode,
    reply_markup: markup,
    file: undefined,
    editCount: emulator.editCount(token, chatId, u.messageId),
    params: structuredClone(m),
  };
}

/** A simulated Telegram user. Create with `emulator.user({...})`. */
export class TestUser {
  readonly id: number;
  /** The Telegram User object sent as `from`. */
  readonly info: User;
  /** The user's private chat with the bot (`chat.id === user.id`). */
  readonly privateChat: Chat;

  constructor(
    private readonly client: BotClient,
    spec: UserSpec,
  ) {
    this.id = spec.id;
    const info: User = { id: spec.id, is_bot: false, first_name: spec.firstName };
    if (spec.lastName !== undefined) info.last_name = spec.lastName;
    if (spec.username !== undefined) info.username = spec.username;
    if (spec.languageCode !== undefined) info.language_code = spec.languageCode;
    this.info = info;
    client.emulator.registerUser(info);
    this.privateChat = client.emulator.chatFor(spec.id);
  }

  /** Sends `text` in the private chat with the bot (commands get bot_command entities). */
  send(text: string, opts?: SendOptions): Promise<SentUpdate> {
    return this.client.sendMessageAs(this, this.privateChat, text, opts);
  }

  /** Sends `text` in a group chat (registered on first use). */
  sendInGroup(group: GroupSpec, text: string, opts?: SendOptions): Promise<SentUpdate> {
    const chat = this.client.emulator.registerGroup(group);
    return this.client.sendMessageAs(this, chat, text, opts);
  }

  /**
   * Sends a document (a file from this user's device) in the private chat, or in `group`, with an
   * optional caption; the bot fetches it with getFile and the file URL, as from Telegram.
   */
  sendDocument(fileName: string, bytes: Uint8Array, opts: { caption?: string; group?: GroupSpec; mimeType?: string } = {}): Promise<SentUpdate> {
    const chat = opts.group ? this.client.emulator.registerGroup(opts.group) : this.privateChat;
    return this.client.sendDocumentAs(this, chat, fileName, bytes, opts);
  }

  /**
   * Presses the inline button with visible text `button` (exact string or RegExp) on a bot
   * message previously read. Rejects listing the available buttons if there is none.
   */
  async press(message: BotMessage, button: string | RegExp): Promise<SentCallback> {
    const buttons = inlineButtons(message);
    const match = buttons.find((b) => (typeof button === "string" ? b.text === button : button.test(b.text)));
    if (!match) {
      throw new Error(
        `press: no inline button ${typeof button === "string" ? JSON.stringify(button) : String(button)} on message #${message.message_id} ` +
          `in chat ${message.chat_id} (text: ${JSON.stringify(message.text ?? message.caption)}). ` +
          `Available buttons: ${buttons.length ? buttons.map((b) => JSON.stringify(b.text)).join(", ") : "(none)"}`,
      );
    }
    if (typeof match.callback_data !== "string") {
      throw new Error(`press: button ${JSON.stringify(match.text)} is not a callback button: ${JSON.stringify(match)}`);
    }
    return this.client.sendCallbackAs(this, message.message_id, message.chat_id, match.callback_data, message);
  }

  /** Sends a callback_query with arbitrary (possibly forged) data for a message id in a chat. */
  pressData(messageId: number, chatId: number, data: string): Promise<SentCallback> {
    return this.client.sendCallbackAs(this, messageId, chatId, data);
  }

  /** Bot messages in this user's private chat. */
  messages(): BotMessage[] {
    return this.client.messages(this.id);
  }

  lastMessage(): BotMessage | undefined {
    return this.client.lastMessage(this.id);
  }

  waitForMessages(predicate: (messages: BotMessage[]) => boolean, opts?: WaitOptions): Promise<BotMessage[]> {
    return this.client.waitForMessages(this.id, predicate, opts);
  }

  waitForMessage(predicate: (m: BotMessage) => boolean, opts?: WaitOptions): Promise<BotMessage> {
    return this.client.waitForMessage(this.id, predicate, opts);
  }

  /** First new bot message in the private chat after `after` (a SentUpdate / SentCallback / message_id). */
  nextMessage(after: SentUpdate | SentCallback | number, opts?: WaitOptions): Promise<BotMessage> {
    return this.client.nextMessage(this.id, after, opts);
  }
}

/** Test client for one bot token. `emulator.client` is the one for the default token. */
export class BotClient {
  constructor(
    /** @internal */ readonly emulator: Emulator,
    readonly token: string,
  ) {}

  /** A simulated user (same id → same identity; the spec of the latest call wins). */
  user(spec: UserSpec): TestUser {
    return new TestUser(this, spec);
  }

  /** Registers a group chat (so the bot's getChat / sent messages show its title and type). */
  group(spec: GroupSpec): Chat {
    return this.emulator.registerGroup(spec);
  }

  /** Bot messages (text + documents/photos) in a chat, latest state, ordered by message_id. */
  messages(chatId: number): BotMessage[] {
    const texts = this.emulator
      .storedMessages(this.token)
      .filter((u) => String(u.message.chat_id) === String(chatId))
      .map((u) => storedToBotMessage(this.emulator, this.token, u));
    const files = this.emulator
      .files(chatId, this.token)
      .filter((f) => !f.deleted)
      .map((f) => this.emulator.fileToBotMessage(f));
    return [...texts, ...files].sort((a, b) => a.message_id - b.message_id);
  }

  lastMessage(chatId: number): BotMessage | undefined {
    return this.messages(chatId).at(-1);
  }

  /** Polls until predicate(messages of chat) holds; returns those messages. Throws with a dump on timeout. */
  async waitForMessages(chatId: number, predicate: (messages: BotMessage[]) => boolean, opts: WaitOptions = {}): Promise<BotMessage[]> {
    let last: BotMessage[] = [];
    await this.emulator.pollUntil(
      () => {
        last = this.messages(chatId);
        return predicate(last);
      },
      opts,
      () =>
        `predicate on messages of chat ${chatId} (${predicate.toString().slice(0, 200)})\nBot messages in chat ${chatId}:\n${this.emulator.describeChat(this.token, chatId)}`,
    );
    return last;
  }

  /** Polls until some message in the chat satisfies predicate; returns the last matching one. */
  async waitForMessage(chatId: number, predicate: (m: BotMessage) => boolean, opts: WaitOptions = {}): Promise<BotMessage> {
    const msgs = await this.waitForMessages(chatId, (ms) => ms.some(predicate), opts);
    return msgs.filter(predicate).at(-1) as BotMessage;
  }

  /** First bot message in the chat with message_id greater than the watermark of `after`. */
  nextMessage(chatId: number, after: SentUpdate | SentCallback | number, opts: WaitOptions = {}): Promise<BotMessage> {
    const watermark = typeof after === "number" ? after : "afterMessageId" in after ? after.afterMessageId : after.messageId;
    return this.waitForMessages(chatId, (ms) => ms.some((m) => m.message_id > watermark), opts).then(
      (ms) => ms.find((m) => m.message_id > watermark) as BotMessage,
    );
  }

  /** Documents / photos the bot sent (optionally to one chat), including deleted ones (see `deleted`). */
  files(chatId?: number): SentFile[] {
    return this.emulator.files(chatId, this.token);
  }

  /** answerCallbackQuery calls made by the bot. */
  callbackAnswers(): CallbackAnswer[] {
    return this.emulator.callbackAnswers(this.token);
  }

  /** Waits for the bot to answer a callback query (e.g. `(await user.press(...)).callbackQueryId`). */
  async waitForCallbackAnswer(callbackQueryId: string, opts: WaitOptions = {}): Promise<CallbackAnswer> {
    let found: CallbackAnswer | undefined;
    await this.emulator.pollUntil(
      () => {
        found = this.callbackAnswers().find((a) => a.callback_query_id === callbackQueryId);
        return found !== undefined;
      },
      opts,
      () => `answerCallbackQuery for query ${callbackQueryId}; answers so far: ${JSON.stringify(this.callbackAnswers())}`,
    );
    return found as CallbackAnswer;
  }

  /** See Emulator.sendRawUpdate. */
  sendRawUpdate(update: RawUpdateInput): number {
    return this.emulator.sendRawUpdate(update, this.token);
  }

  /** See Emulator.redeliver. */
  redeliver(updateId: number): void {
    this.emulator.redeliver(updateId, this.token);
  }

  deliveries(): Delivery[] {
    return this.emulator.deliveries(this.token);
  }

  /** @internal Message object as Telegram would embed it (callback_query.message, reply_to_message). */
  toWireMessage(m: BotMessage): Record<string, unknown> {
    const out: Record<string, unknown> = {
      message_id: m.message_id,
      from: this.emulator.botUser(this.token),
      chat: m.chat,
      date: m.date,
    };
    if (m.kind === "text") out.text = m.plainText ?? m.text ?? "";
    if (m.caption !== undefined) out.caption = plainText(m.caption, m.parse_mode);
    if (m.kind === "document" && m.file) {
      out.document = { file_id: `e2e-file-${m.message_id}`, file_unique_id: `ue2e-file-${m.message_id}`, file_name: m.file.filename, file_size: m.file.size };
    }
    if (m.kind === "photo" && m.file) {
      out.photo = [{ file_id: `e2e-file-${m.message_id}`, file_unique_id: `ue2e-file-${m.message_id}`, width: 1, height: 1, file_size: m.file.size }];
    }
    if (m.reply_markup?.inline_keyboard) out.reply_markup = m.reply_markup;
    if (m.editCount > 0) out.edit_date = m.date;
    return out;
  }

  /** @internal */
  async sendMessageAs(user: TestUser, chat: Chat, text: string, opts: SendOptions = {}): Promise<SentUpdate> {
    const tts = this.emulator.tts;
    const entities = commandEntities(text);
    const message: Record<string, unknown> = {
      botToken: this.token,
      from: user.info,
      chat,
      date: Math.floor(Date.now() / 1000),
      text,
    };
    if (entities.length > 0) message.entities = entities;
    if (opts.replyTo) message.reply_to_message = this.toWireMessage(opts.replyTo);
    Object.assign(message, opts.extra ?? {});
    // addUser* assign ids synchronously from these counters
    const updateId = tts.updateId;
    const messageId = tts.messageId;
    if (Array.isArray(message.entities) && message.entities.length > 0) await tts.addUserCommand(message);
    else await tts.addUserMessage(message);
    this.emulator.wake(this.token);
    return { updateId, messageId, chatId: chat.id };
  }

  /** @internal A message with a document (no text), the file kept for getFile and the download. */
  async sendDocumentAs(
    user: TestUser,
    chat: Chat,
    fileName: string,
    bytes: Uint8Array,
    opts: { caption?: string; mimeType?: string } = {},
  ): Promise<SentUpdate> {
    const tts = this.emulator.tts;
    const message: Record<string, unknown> = {
      botToken: this.token,
      from: user.info,
      chat,
      date: Math.floor(Date.now() / 1000),
      document: this.emulator.addUserFile(this.token, fileName, bytes, opts.mimeType),
    };
    if (opts.caption !== undefined) {
      message.caption = opts.caption;
      const entities = commandEntities(opts.caption);
      if (entities.length > 0) message.caption_entities = entities;
    }
    const updateId = tts.updateId;
    const messageId = tts.messageId;
    await tts.addUserMessage(message);
    this.emulator.wake(this.token);
    return { updateId, messageId, chatId: chat.id };
  }

  /** @internal */
  async sendCallbackAs(user: TestUser, messageId: number, chatId: number, data: string, snapshot?: BotMessage): Promise<SentCallback> {
    const tts = this.emulator.tts;
    const current = this.messages(chatId).find((m) => m.message_id === messageId) ?? snapshot;
    // A message the bot cannot see any more is an InaccessibleMessage (date 0) in Telegram.
    const message = current ? this.toWireMessage(current) : { message_id: messageId, chat: this.emulator.chatFor(chatId), date: 0 };
    const updateId = tts.updateId;
    const callbackQueryId = String(tts.callbackId);
    const afterMessageId = tts.messageId - 1;
    await tts.addUserCallback({ botToken: this.token, from: user.info, message, data, date: Math.floor(Date.now() / 1000) });
    this.emulator.wake(this.token);
    return { updateId, callbackQueryId, data, chatId, messageId, afterMessageId };
  }
}
