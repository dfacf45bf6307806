/**
 * Telegram's Bot API stubbed in-process for benchmarks: test/support/telegram-fake.ts, the
 * fake the bot tests use (vitest-free), with recording off (only per-method counts and the
 * last message per chat are kept), every user an administrator and bot message ids from
 * 1,000,000; plus an update factory with its own ids.
 */
import type { Update } from "grammy/types";
import { telegramFake, UpdateBuilder, type Group, type Person, type TelegramFake } from "../test/support/telegram-fake.js";

export { BOT_INFO, type Group, type Person, type SentMessage } from "../test/support/telegram-fake.js";

/** Shaped like a real token (digits:≥20 URL-safe characters); never sent anywhere. */
export const BENCH_TOKEN = "4242:BENCH-token-not-real-aaaaaaaaaaaa";

export type TelegramStub = TelegramFake;

/**
 * sendMessage → a fake Message, editMessageText → true, answerCallbackQuery → true (one with a
 * text counts in `refusals`), getChatMember → administrator, anything else → true; what
 * Telegram would refuse (over its limits) fails with its 400.
 */
export function telegramStub(): TelegramStub {
  return telegramFake({ record: false, everyoneIsAdmin: true, firstMessageId: 1_000_000 });
}

/** Builds incoming updates with unique update ids (the bot de-duplicates by id). */
export class UpdateFactory {
  private readonly builder = new UpdateBuilder();

  message(from: Person, text: string, group?: Group): Update {
    return this.builder.message(from, text, group);
  }

  /** A button press on message `messageId` in `from`'s private chat. */
  callback(from: Person, messageId: number, data: string): Update {
    return this.builder.callback(from, from.id, messageId, data);
  }
}
