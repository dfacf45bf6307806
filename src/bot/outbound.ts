/**
 * The Telegram channel's outbound side: a channel-neutral message (OutMessage) as Bot API
 * parameters, and the ChannelSender the outbox sender calls for Telegram chats, paced by
 * Telegram's limits (src/infra/outbox/pacer.ts: 30/s, 1/s per chat, 20/min per group).
 *
 * It lives in src/bot, the Telegram channel's folder, because it needs grammY (InputFile for
 * uploads, the Api and its errors in ./transport.ts): the lint rules keep grammY out of
 * src/channels/<name> (the other channels) and out of src/infra and src/app.
 *
 * The parameters are those the renderers used to write into the outbox, key for key and in
 * the same order, so a message goes out byte for byte as before (test/bot/outbound-calls.test.ts).
 */
import { InputFile } from "grammy";
import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { ChannelPacer, ChannelSender, Choice, OutMessage, SendOutcome } from "../app/messages.js";
import { Pacer, TELEGRAM_LIMITS } from "../infra/outbox/pacer.js";

/** The channel's name in outbox rows and identities. */
export const TELEGRAM = "telegram";

/** One Bot API call (a method and its parameters, chat_id included), classified for the outbox. */
export type BotApiCall = (method: string, params: Record<string, unknown>) => Promise<SendOutcome>;

/** A choice as an inline keyboard button: an intent's id is its callback data; `start` opens the bot (a t.me deep link). */
export function telegramButton(choice: Choice, botUsername: string): InlineKeyboardButton {
  if ("id" in choice) return { text: choice.label, callback_data: choice.id };
  if ("start" in choice) return { text: choice.label, url: `https://t.me/${botUsername}?start=${choice.start}` };
  return { text: choice.label, url: choice.url };
}

/** Rows of choices as an inline keyboard, row for row (an empty row stays, as grammY's InlineKeyboard leaves one after `.row()`). */
export function telegramKeyboard(choices: Choice[][], botUsername: string): InlineKeyboardMarkup {
  return { inline_keyboard: choices.map((row) => row.map((choice) => telegramButton(choice, botUsername))) };
}

/**
 * The Bot API method and parameters (all but chat_id) of a message: HTML, link previews off,
 * the choices as an inline keyboard; with a file, sendDocument or sendPhoto with the text as
 * its caption.
 */
export function telegramRequest(message: OutMessage, botUsername: string): { method: string; params: Record<string, unknown> } {
  const markup = message.choices ? { reply_markup: telegramKeyboard(message.choices, botUsername) } : {};
  if (message.file) {
    const { kind, filename, base64 } = message.file;
    // The bytes were drawn once, when queued: every recipient, and every retry, gets the same file.
    const upload = new InputFile(Buffer.from(base64, "base64"), filename);
    return {
      method: kind === "photo" ? "sendPhoto" : "sendDocument",
      params: { [kind]: upload, parse_mode: "HTML", ...(message.text ? { caption: message.text } : {}), ...markup },
    };
  }
  return { method: "sendMessage", params: { text: message.text, parse_mode: "HTML", link_preview_options: { is_disabled: true }, ...markup } };
}

export interface TelegramSenderOptions {
  /** The Bot API call (./transport.ts's telegramApiCall; a test's fake). */
  call: BotApiCall;
  /** For `start` choices' t.me deep links. */
  botUsername: string;
  /** Telegram's limits for one bot token by default (on PostgreSQL only the elected instance sends). */
  pacer?: ChannelPacer;
}

/** The Telegram channel's sender: a recipient is a chat id (a negative one is a group). */
export function telegramSender({ call, botUsername, pacer = new Pacer(TELEGRAM_LIMITS) }: TelegramSenderOptions): ChannelSender {
  return {
    channel: TELEGRAM,
    pacer,
    send(recipient, message) {
      const { method, params } = telegramRequest(message, botUsername);
      return call(method, { ...params, chat_id: Number(recipient) });
    },
  };
}
