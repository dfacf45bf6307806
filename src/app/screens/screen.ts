/**
 * What screen builders share (DESIGN.md §9, "Screens are data"): the translator they take, the
 * markup escaping, and a builder of choice rows. A screen builder imports no channel: Telegram
 * renders its Screen (src/bot/render.ts) with HTML and an inline keyboard, a text-only channel
 * (src/channels/text-render.ts) with numbered lines.
 */
import type { Choice } from "../messages.js";

/** A translator in the person's language (infra/i18n's `t` is one): interpolated values are markup-escaped. */
export type Translate = (key: string, vars?: Record<string, unknown>) => string;

/**
 * A budget below Telegram's 4,096 characters for one screen's text, so a header or a page line
 * added later still fits: a long screen is paged by the builder (a text channel splits its pages
 * further to its own limit).
 */
export const PAGE_BUDGET = 3800;

/** Escapes text for the bot's markup (& < > "): what a person typed, an item's text. */
export function escapeMarkup(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * Rows of choices, built the way a keyboard is read: `add` puts choices on the current row, `row`
 * starts a new one. Rows are kept exactly as built (an empty last row included), so a Telegram
 * keyboard made from them is byte for byte the one the bot always sent.
 */
export class ChoiceRows {
  readonly rows: Choice[][] = [[]];

  add(...choices: Choice[]): this {
    this.rows[this.rows.length - 1]!.push(...choices);
    return this;
  }

  /** An intent on the current row: a label and its choice id. */
  choice(label: string, id: string, key?: string): this {
    return this.add(key === undefined ? { label, id } : { label, id, key });
  }

  row(...choices: Choice[]): this {
    this.rows.push(choices);
    return this;
  }

  /** How many choices in all. */
  get count(): number {
    return this.rows.reduce((n, row) => n + row.length, 0);
  }
}
