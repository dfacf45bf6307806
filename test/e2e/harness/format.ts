/**
 * Bot API formatting rules the emulator enforces, because telegram-test-api
 * accepts anything: parse_mode validation (HTML / MarkdownV2), text and caption
 * length limits, inline keyboard validation, and a best-effort "plain text"
 * rendering of formatted messages for assertions.
 *
 * The checks are deliberately conservative: they only reject input that the
 * real Bot API is known to reject, so a failure here means production would
 * fail too.
 */

/** Tags the Bot API accepts in HTML parse mode (https://core.telegram.org/bots/api#html-style). */
const HTML_TAGS = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji", "code", "pre", "blockquote"]);

const MDV2_ALWAYS_RESERVED = new Set([".", "!", "-", "=", "+", "#", "{", "}"]);

/** Returns a Bot API error description if `text` is not valid for `parseMode`, else undefined. */
export function validateFormatting(text: string, parseMode: unknown): string | undefined {
  if (typeof parseMode !== "string") return undefined;
  const mode = parseMode.toLowerCase();
  if (mode === "html") return validateHtml(text);
  if (mode === "markdownv2") return validateMarkdownV2(text);
  return undefined;
}

function validateHtml(text: string): string | undefined {
  const stack: string[] = [];
  const tagRe = /<\s*(\/?)\s*([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/y;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "<") continue;
    tagRe.lastIndex = i;
    const m = tagRe.exec(text);
    if (!m) continue; // not tag-shaped: left alone (we only flag what we are sure about)
    const closing = m[1] === "/";
    const name = (m[2] ?? "").toLowerCase();
    const offset = Buffer.byteLength(text.slice(0, i));
    if (!HTML_TAGS.has(name)) {
      return `Bad Request: can't parse entities: Unsupported ${closing ? "end" : "start"} tag "${name}" at byte offset ${offset}`;
    }
    if (closing) {
      const open = stack.pop();
      if (open !== name) {
        return open === undefined
          ? `Bad Request: can't parse entities: Unexpected end tag at byte offset ${offset}`
          : `Bad Request: can't parse entities: Unmatched end tag at byte offset ${offset}, expected "</${open}>", found "</${name}>"`;
      }
    } else {
      stack.push(name);
    }
    i = tagRe.lastIndex - 1;
  }
  const unclosed = stack.pop();
  if (unclosed !== undefined) {
    return `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "${unclosed}"`;
  }
  return undefined;
}

function reserved(ch: string): string {
  return `Bad Request: can't parse entities: Character '${ch}' is reserved and must be escaped with the preceding '\\'`;
}

function validateMarkdownV2(text: string): string | undefined {
  let linkDepth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === "\\") {
      i++; // escaped character
      continue;
    }
    if (ch === "`") {
      // inline code or pre block: skip to the closing fence, only ` and \ matter inside
      const fence = text.startsWith("```", i) ? "```" : "`";
      let j = i + fence.length;
      for (; j < text.length; j++) {
        if (text[j] === "\\") {
          j++;
          continue;
        }
        if (text.startsWith(fence, j)) break;
      }
      if (j >= text.length)
        return `Bad Request: can't parse entities: Can't find end of ${fence === "`" ? "Code" : "Pre"} entity at byte offset ${Buffer.byteLength(text.slice(0, i))}`;
      i = j + fence.length - 1;
      continue;
    }
    if (ch === "[") {
      linkDepth++;
      continue;
    }
    if (ch === "]") {
      if (linkDepth === 0) return reserved("]");
      linkDepth--;
      if (text[i + 1] === "(") {
        // URL part: runs to the first unescaped ')'
        let j = i + 2;
        for (; j < text.length; j++) {
          if (text[j] === "\\") {
            j++;
            continue;
          }
          if (text[j] === ")") break;
        }
        if (j >= text.length) return reserved("(");
        i = j;
      }
      continue;
    }
    if (MDV2_ALWAYS_RESERVED.has(ch)) return reserved(ch);
    if (ch === "(" || ch === ")") return reserved(ch);
    if (ch === ">") {
      const atLineStart = i === 0 || text[i - 1] === "\n" || (text[i - 1] === "*" && (i === 2 || text[i - 3] === "\n") && text[i - 2] === "*");
      if (!atLineStart) return reserved(">");
      continue;
    }
    if (ch === "|") {
      if (text[i + 1] === "|") {
        i++;
        continue;
      }
      return reserved("|");
    }
  }
  if (linkDepth > 0) return `Bad Request: can't parse entities: Can't find end of TextUrl entity`;
  return undefined;
}

function decodeHtmlEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot);/g, (_m, e: string) => {
    if (e === "lt") return "<";
    if (e === "gt") return ">";
    if (e === "amp") return "&";
    if (e === "quot") return '"';
    const code = e.startsWith("#x") ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : _m;
  });
}

/** Best-effort rendering of what the user would see (markup removed). */
export function plainText(text: string | undefined, parseMode: unknown): string | undefined {
  if (text === undefined) return undefined;
  const mode = typeof parseMode === "string" ? parseMode.toLowerCase() : "";
  if (mode === "html") return decodeHtmlEntities(text.replace(/<[^>]*>/g, ""));
  if (mode === "markdownv2") {
    return text.replace(/\[((?:\\.|[^\]\\])*)\]\((?:\\.|[^)\\])*\)/g, "$1").replace(/\\(.)|[*_~|`]/g, (_m, esc: string | undefined) => esc ?? "");
  }
  if (mode === "markdown") return text.replace(/[*_`]/g, "");
  return text;
}

/** Length as Telegram counts it (UTF-16 code units of the rendered text). */
export function renderedLength(text: string, parseMode: unknown): number {
  return (plainText(text, parseMode) ?? "").length;
}

/** Returns a Bot API error description if the reply_markup is invalid, else undefined. */
export function validateReplyMarkup(markup: unknown): string | undefined {
  if (markup === undefined || markup === null) return undefined;
  if (typeof markup !== "object") return "Bad Request: can't parse reply keyboard markup JSON object";
  const kb = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (kb === undefined) return undefined;
  if (!Array.isArray(kb)) return 'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an Array';
  for (const row of kb) {
    if (!Array.isArray(row)) return 'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays';
    for (const button of row) {
      if (typeof button !== "object" || button === null) return "Bad Request: can't parse inline keyboard button: InlineKeyboardButton must be an Object";
      const b = button as Record<string, unknown>;
      if (typeof b.text !== "string" || b.text.length === 0)
        return "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard";
      const actions = Object.keys(b).filter((k) => k !== "text");
      if (actions.length === 0) return "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard";
      if (b.callback_data !== undefined) {
        if (typeof b.callback_data !== "string") return 'Bad Request: can\'t parse inline keyboard button: Field "callback_data" must be of type String';
        const len = Buffer.byteLength(b.callback_data);
        if (len < 1 || len > 64) return "Bad Request: BUTTON_DATA_INVALID";
      }
    }
  }
  return undefined;
}
