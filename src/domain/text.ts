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
