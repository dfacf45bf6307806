/**
 * Telegram's limits, enforced by the fakes the way the real Bot API enforces them (the
 * emulator does not): an over-long text, caption or callback answer, over-long callback data,
 * or a button label with a broken surrogate pair is refused with Telegram's 400. Used by
 * ./telegram-fake.ts (bot tests and benchmarks) and bench/fake-bot-api.ts; imports no vitest.
 */
import type { InlineKeyboardMarkup } from "grammy/types";

export interface Refusal {
  error_code: 400;
  description: string;
}

/** Text length after entity parsing (HTML tags removed, entities decoded), in UTF-16 units as Telegram counts. */
export function parsedLength(html: string): number {
  return html.replace(/<[^>]*>/g, "").replace(/&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/gi, "x").length;
}

/** A lone surrogate: half of an emoji, cut in the middle. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function refuseOverLimits(method: string, payload: Record<string, unknown>): Refusal | null {
  const bad = (description: string): Refusal => ({ error_code: 400, description: `Bad Request: ${description}` });
  if (typeof payload.text === "string") {
    const text = payload.text;
    const length = payload.parse_mode === "HTML" ? parsedLength(text) : text.length;
    if (method === "answerCallbackQuery") {
      if (length > 200) return bad("MESSAGE_TOO_LONG");
    } else if (length > 4096) return bad("message is too long");
    else if (text.trim().length === 0) return bad("message text is empty");
    if (LONE_SURROGATE.test(text)) return bad("text must be encoded in UTF-8");
  }
  if (typeof payload.caption === "string") {
    const length = payload.parse_mode === "HTML" ? parsedLength(payload.caption) : payload.caption.length;
    if (length > 1024) return bad("message caption is too long");
  }
  const markup = payload.reply_markup as InlineKeyboardMarkup | undefined;
  for (const button of markup?.inline_keyboard?.flat() ?? []) {
    if (LONE_SURROGATE.test(button.text) || button.text.length === 0) return bad("BUTTON_TEXT_INVALID");
    if ("callback_data" in button && button.callback_data !== undefined && Buffer.byteLength(button.callback_data, "utf8") > 64) {
      return bad("BUTTON_DATA_INVALID");
    }
    if ("url" in button && button.url !== undefined && button.url.length > 2048) return bad("BUTTON_URL_INVALID");
  }
  if ((markup?.inline_keyboard?.flat().length ?? 0) > 100) return bad("reply markup is too long");
  return null;
}
