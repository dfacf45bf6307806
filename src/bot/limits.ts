/**
 * Telegram's message limits, and the tools that keep every message inside them whatever
 * the user typed: grapheme-safe shortening, and splitting a long HTML text into several
 * messages at line boundaries. (Bot API: text 1–4096 characters after entity parsing,
 * caption 0–1024, callback data 1–64 bytes, callback answer 0–200 characters.)
 */

import { splitText } from "../domain/text.js";

// Grapheme-safe shortening is channel-neutral (a screen built in src/app shortens too).
export { graphemes, shorten } from "../domain/text.js";

export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;
export const CALLBACK_DATA_BYTES = 64;
export const CALLBACK_ANSWER_LIMIT = 200;
/** A budget below the hard limit, so a header or a page line added later still fits (the screens' page budget). */
import { PAGE_BUDGET } from "../app/screens/screen.js";
export { PAGE_BUDGET };

/** Length of an HTML message as Telegram counts it: tags removed, entities decoded, UTF-16 units. */
export function visibleLength(html: string): number {
  return html.replace(/<[^>]*>/g, "").replace(/&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/gi, "x").length;
}

/**
 * Splits `text` into messages of at most `limit` characters at line boundaries (blank lines
 * first). A single line longer than the limit is cut after ", " or a space (never inside a
 * tag, since our templates keep tags within short segments of a line).
 */
export function splitMessage(text: string, limit = PAGE_BUDGET): string[] {
  // The channel-neutral splitter (domain/text.ts) with Telegram's budget; a text that fits goes as it is.
  return text.length <= limit ? [text] : splitText(text, limit);
}
