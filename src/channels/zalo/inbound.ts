/**
 * Zalo's inbound adapter: an update (a webhook body or a getUpdates result, bare or wrapped;
 * api.ts parses it) becomes a channel-neutral inbound event, the shape the conversation core
 * takes from any text channel. Only a person's text message makes an event; images, stickers,
 * voice, a bot's own messages are dropped here.
 *
 * The event type lives here for now; it names no Zalo field, so it can move to src/app (next to
 * OutMessage in messages.ts) once the core's text entry (`command`, `choose`, `text`) takes it.
 *
 * Commands: a text starting with `/name` (letters, digits, `_`), the rest of the message its
 * argument: `/tusoi`, `/thamgia CB-12`. A Telegram-style `/tusoi@bot` works too. In a group Zalo
 * delivers only the messages that mention the bot or reply to it (channels/zalo-bot-api.md);
 * there a command counts only when the message mentions the bot by name (`@Bot Tự soi /tusoi`
 * or `/tusoi @Bot Tự soi`), so a member's `/…` in a reply thread is not taken as one. How
 * Zalo writes a mention into `text` is not documented; assumption: as `@<the bot's name>`.
 */
import { parseZaloUpdate, type ZaloInboundText } from "./api.js";

/** A person wrote to the bot, in the channel's terms but naming no channel API. */
export interface InboundEvent {
  channel: "zalo";
  /** De-duplication key, unique per channel: `<chat id>:<message_id>` (Zalo's message ids are per chat). */
  dedupeKey: string;
  /** Where it was written: a private chat (its address is where replies go) or a group. */
  chat: { kind: "private" | "group"; address: string };
  /** Who wrote: the channel identity's id (`zalo:<externalId>`) and their name as Zalo shows it. */
  from: { externalId: string; displayName: string };
  /** The text, without a mention of the bot in a group. */
  text: string;
  /** `/name args` when the text is a command (name lower-cased, args trimmed), else null. */
  command: { name: string; args: string } | null;
  date: Date;
}

export interface InboundOptions {
  /** The bot's names as people mention it in a group (getMe's account_name / name). */
  botNames: readonly string[];
}

const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@\S*)?(?:\s+([\s\S]*))?$/;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The text without `@<name>` for any of the bot's names (case-insensitive), or null when none is
 * there. Text and names are compared in NFC (a phone may send Vietnamese letters decomposed); a
 * mention ends at a space, the end, a `/` typed right after it (`@Bot Tự Soi/chibo`), or
 * punctuation, which goes with it (`@Bot Tự Soi: /baocao`).
 */
export function withoutMention(text: string, botNames: readonly string[]): string | null {
  const typed = text.normalize("NFC");
  const names = botNames
    .map((n) => n.normalize("NFC").trim())
    .filter((n) => n !== "")
    .sort((a, b) => b.length - a.length);
  for (const name of names) {
    const mention = new RegExp(`(^|\\s)@${escapeRegExp(name)}(?:[,.:;!?]+|(?=$|[\\s/]))`, "iu");
    if (mention.test(typed))
      return typed
        .replace(mention, "$1 ")
        .replace(/[ \t]{2,}/g, " ")
        .trim();
  }
  return null;
}

/** `/name args` as a command, else null. */
export function parseCommand(text: string): { name: string; args: string } | null {
  const match = COMMAND.exec(text.trim());
  if (!match) return null;
  return { name: match[1]!.toLowerCase(), args: (match[2] ?? "").trim() };
}

/** A parsed text message as the channel-neutral event. */
export function toInboundEvent(message: ZaloInboundText, options: InboundOptions): InboundEvent {
  const group = message.chatType === "GROUP";
  let text = message.text.trim();
  let command: InboundEvent["command"] = null;
  if (group) {
    const addressed = withoutMention(text, options.botNames);
    if (addressed !== null) {
      text = addressed;
      command = parseCommand(addressed);
    }
  } else {
    command = parseCommand(text);
  }
  return {
    channel: "zalo",
    dedupeKey: `${message.chatId}:${message.messageId}`,
    chat: { kind: group ? "group" : "private", address: message.chatId },
    from: { externalId: message.userId, displayName: message.displayName },
    text,
    command,
    date: message.date,
  };
}

/** A webhook body or getUpdates result to an event; null for anything that is not a person's text. */
export function readInbound(raw: unknown, options: InboundOptions): InboundEvent | null {
  const message = parseZaloUpdate(raw);
  return message === null ? null : toInboundEvent(message, options);
}
