/**
 * Cleaning of every piece of text a person types (or Telegram supplies) before it is checked
 * and stored: names, cell names, round titles, measures, notes, report settings.
 */

/**
 * Characters that show nothing but change how text is read or displayed:
 * - every Unicode format character (general category Cf): the bidi controls (U+061C, U+200E,
 *   U+200F, U+202A–U+202E, U+2066–U+2069), which can reverse a name and reorder a
 *   comma-separated list such as "Chưa nộp", the zero-width space/joiners (U+200B–U+200D),
 *   the byte-order mark U+FEFF, the soft hyphen, the word joiner. Vietnamese needs none of
 *   them (its diacritics are combining marks, category Mn, which are kept);
 * - the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0): letters that render blank, the usual
 *   way to make an "empty" Telegram name.
 * Variation selectors (emoji presentation, category Mn) are kept.
 */
const INVISIBLE = /[\p{Cf}\u115F\u1160\u3164\uFFA0]/gu;
/** C0 and C1 controls (category Cc), tab and line breaks included. */
const CONTROL = /\p{Cc}/gu;
/** Control characters other than the line feed. */
const CONTROL_BUT_NEWLINE = /(?!\n)\p{Cc}/gu;
/** CRLF, CR, NEL, line and paragraph separators: all become "\n" in multi-line text. */
const LINE_BREAK = /\r\n?|[\u0085\u2028\u2029]/g;

export interface CleanOptions {
  /** Keep line breaks (measures and notes may have several lines); otherwise one line. */
  multiline?: boolean;
}

/**
 * Removes invisible and bidi characters, turns control characters into spaces, composes
 * Vietnamese letters typed as base + combining marks into single characters (NFC) and trims.
 * One-line text also has its whitespace collapsed to single spaces. Lengths are to be counted
 * on the result, so invisible padding never counts.
 */
export function cleanText(text: string, options: CleanOptions = {}): string {
  // Invisible characters are removed before composing, so "e\u200B\u0302" becomes "ê".
  const visible = text.replace(INVISIBLE, "");
  if (options.multiline) {
    return visible.replace(LINE_BREAK, "\n").replace(CONTROL_BUT_NEWLINE, " ").normalize("NFC").trim();
  }
  return visible.replace(CONTROL, " ").normalize("NFC").replace(/\s+/g, " ").trim();
}

/** Length as a person counts it: code points of the cleaned text. */
export const textLength = (text: string): number => [...text].length;

const graphemeSegmenter = new Intl.Segmenter("vi", { granularity: "grapheme" });

/** The text's user-perceived characters (an emoji with its modifiers is one). */
export const graphemes = (text: string): string[] => [...graphemeSegmenter.segment(text)].map((s) => s.segment);

/**
 * At most `max` graphemes, ending in "…" when cut; never splits a surrogate pair, an emoji
 * sequence or a letter from its combining marks. For plain text, before HTML escaping.
 */
export function shorten(text: string, max: number): string {
  const parts = graphemes(text);
  if (parts.length <= max) return text;
  return `${parts
    .slice(0, Math.max(max - 1, 1))
    .join("")
    .trimEnd()}…`;
}

/**
 * Splits plain text into messages for a channel with a length limit (Zalo: 2,000), each at
 * most `limit` UTF-16 code units, hence also at most `limit` code points, whichever way the
 * channel counts. Whole lines are packed while they fit; a line longer than the limit is cut
 * after ", " or at a space, else at a grapheme boundary, so a surrogate pair, an emoji sequence
 * or a letter and its combining marks is never cut in two. Blank pieces are dropped (a channel
 * refuses an empty message). The same approach as Telegram's splitMessage (src/bot/limits.ts),
 * for plain text rather than HTML.
 *
 * @example splitText("dòng 1\ndòng 2", 8) // ["dòng 1", "dòng 2"]
 */
export function splitText(text: string, limit: number): string[] {
  if (!Number.isInteger(limit) || limit < 2) throw new RangeError(`splitText: limit must be an integer ≥ 2, got ${limit}`);
  const lines: string[] = [];
  for (const line of text.split("\n")) {
    if (line.length <= limit) lines.push(line);
    else lines.push(...cutLongLine(line, limit));
  }
  const messages: string[] = [];
  let current: string | null = null;
  for (const line of lines) {
    if (current === null) current = line;
    else if (current.length + 1 + line.length <= limit) current = `${current}\n${line}`;
    else {
      messages.push(current);
      current = line;
    }
  }
  if (current !== null) messages.push(current);
  return messages.map((m) => m.replace(/^\n+|\n+$/g, "")).filter((m) => m.trim() !== "");
}

/** A line longer than `limit` in pieces of at most `limit` code units (see splitText). */
function cutLongLine(line: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > limit) {
    let at = rest.lastIndexOf(", ", limit - 1);
    if (at > limit / 2)
      at += 1; // the comma stays on the first piece
    else at = rest.lastIndexOf(" ", limit);
    if (at <= limit / 2) at = graphemeBoundaryAtOrBelow(rest, limit);
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest !== "") pieces.push(rest);
  return pieces;
}

/**
 * The largest grapheme boundary in (0, limit]; when even the first grapheme is longer than
 * `limit` (a letter under hundreds of combining marks), the largest code point boundary.
 */
function graphemeBoundaryAtOrBelow(text: string, limit: number): number {
  let at = 0;
  for (const { index } of graphemeSegmenter.segment(text)) {
    if (index > limit) break;
    at = index;
  }
  if (at > 0) return at;
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
