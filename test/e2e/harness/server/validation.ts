/** The Bot API's checks on what the bot sends: text/caption markup and length, keyboards, "message is not modified". */
import { validateFormatting, validateReplyMarkup, renderedLength } from "../format.js";
import type { EmulatorOptions } from "./state.js";

export const NOT_MODIFIED =
  "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

/** The 400 description for a bad text/caption, or undefined (always undefined with `validate: false`). */
export function validateText(opts: Required<EmulatorOptions>, text: unknown, parseMode: unknown, limit: number, what: "text" | "caption"): string | undefined {
  if (!opts.validate) return undefined;
  if (what === "text" && (typeof text !== "string" || text.trim().length === 0)) return "Bad Request: message text is empty";
  if (typeof text !== "string") return undefined;
  const bad = validateFormatting(text, parseMode);
  if (bad) return bad;
  if (renderedLength(text, parseMode) > limit) return what === "text" ? "Bad Request: message is too long" : "Bad Request: message caption is too long";
  return undefined;
}

/** The 400 description for a bad reply_markup, or undefined. */
export function validateMarkup(opts: Required<EmulatorOptions>, markup: unknown): string | undefined {
  return opts.validate ? validateReplyMarkup(markup) : undefined;
}
