/** Rows of channel-neutral choices, for the presenters that make OutMessages. */
import type { Choice } from "../../app/messages.js";

/**
 * Rows of choices built as grammY's InlineKeyboard builds its rows (a choice joins the last
 * row; `row()` starts a new one, so a trailing empty row stays): the Telegram keyboard made
 * from them is the one these messages always had, row for row.
 */
export class ChoiceRows {
  readonly rows: Choice[][] = [[]];
  add(choice: Choice): this {
    this.rows[this.rows.length - 1]!.push(choice);
    return this;
  }
  row(): this {
    this.rows.push([]);
    return this;
  }
}
