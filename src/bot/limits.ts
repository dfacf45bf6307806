/**
 * Telegram's message limits, and the tools that keep every message inside them whatever
 * the user typed: grapheme-safe shortening, and splitting a long HTML text into several
 * messages at line boundaries. (Bot API: text 1–4096 characters after entity parsing,
 * caption 0–1024, callback data 1–64 bytes, callback answer 0–200 characters.)
 */

export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;
export const CALLBACK_DATA_BYTES = 64;
export const CALLBACK_ANSWER_LIMIT = 200;
/** A budget below the hard limit, so a header or a page line added later still fits. */
export const PAGE_BUDGET = 3800;

const segmenter = new Intl.Segmenter("vi", { granularity: "grapheme" });

/** The text's user-perceived characters (an emoji with its modifiers is one). */
export const graphemes = (text: string): string[] => [...segmenter.segment(text)].map((s) => s.segment);

/**
 * At most `max` graphemes, ending in "…" when cut; never splits a surrogate pair, an emoji
 * sequence or a letter from its combining marks. For plain text, before HTML escaping.
 */
export function shorten(text: string, max: number): string {
  const parts = graphemes(text);
  if (parts.length <= max) return text;
  return `${parts.slice(0, Math.max(max - 1, 1)).join("").trimEnd()}…`;
}

/** Length of an HTML message as Telegram counts it: tags removed, entities decoded, UTF-16 units. */
export function visibleLength(html: string): number {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/gi, "x").length;
}

/**
 * Splits `text` into messages of at most `limit` characters at line boundaries (blank lines
 * first). A single line longer than the limit is cut after ", " or a space (never inside a
 * tag, since our templates keep tags within short segments of a line).
 */
export function splitMessage(text: string, limit = PAGE_BUDGET): string[] {
  if (text.length <= limit) return [text];
  const pieces: string[] = [];
  for (const line of text.split("\n")) {
    if (line.length <= limit) pieces.push(line);
    else pieces.push(...cutLine(line, limit));
  }
  const messages: string[] = [];
  let current = "";
  for (const piece of pieces) {
    const next = current === "" ? piece : `${current}\n${piece}`;
    if (next.length > limit && current !== "") {
      messages.push(current.replace(/\n+$/, ""));
      current = piece;
    } else current = next;
  }
  if (current.trim() !== "") messages.push(current.replace(/\n+$/, ""));
  return messages.map((m) => m.replace(/^\n+/, "")).filter((m) => m.length > 0);
}

function cutLine(line: string, limit: number): string[] {
  const out: string[] = [];
  let rest = line;
  while (rest.length > limit) {
    let at = rest.lastIndexOf(", ", limit - 1);
    if (at > limit / 2) at += 1; // keep the comma on the first part
    else at = rest.lastIndexOf(" ", limit);
    if (at <= limit / 2) at = safeCut(rest, limit);
    out.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

/** The largest grapheme boundary at or below `limit` (UTF-16 index). */
function safeCut(text: string, limit: number): number {
  let at = 0;
  for (const { index } of segmenter.segment(text)) {
    if (index > limit) break;
    at = index;
  }
  return at > 0 ? at : limit;
}
