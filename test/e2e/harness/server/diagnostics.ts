/** What a test sees when a wait times out: the awaited condition, unsupported methods called, the bot messages of a chat, extra diagnostics. */
import type { BotMessage, WaitOptions } from "../types.js";
import { isInlineMarkup } from "./state.js";

export function describeMessages(list: BotMessage[]): string {
  if (list.length === 0) return "  (no bot messages)";
  return list
    .map((m) => {
      const buttons = isInlineMarkup(m.reply_markup)
        ? ` buttons=${JSON.stringify(m.reply_markup.inline_keyboard.flat().map((b) => `${b.text}=>${b.callback_data ?? b.url ?? "?"}`))}`
        : "";
      const body =
        m.kind === "text" ? JSON.stringify(m.text) : `[${m.kind} ${m.file?.filename ?? m.file?.reference ?? ""}] caption=${JSON.stringify(m.caption)}`;
      return `  #${m.message_id}${m.editCount ? ` (edited x${m.editCount})` : ""}: ${body}${buttons}`;
    })
    .join("\n");
}

/** Polls `cond` until true or timeout; the error includes `describe()`, the unsupported methods and the diagnostics. */
export async function waitUntil(
  cond: () => boolean,
  opts: WaitOptions,
  describe: () => string,
  diagnostics: ReadonlyArray<() => string>,
  unsupportedMethods: () => string[],
): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const intervalMs = opts.intervalMs ?? 25;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (cond()) return;
    if (Date.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  const diag = diagnostics.map((d) => {
    try {
      return d();
    } catch (e) {
      return `(diagnostics failed: ${String(e)})`;
    }
  });
  const unsupported = unsupportedMethods();
  throw new Error(
    [
      `Timed out after ${timeoutMs} ms waiting for: ${describe()}`,
      unsupported.length ? `Unsupported Bot API methods called by the bot: ${[...new Set(unsupported)].join(", ")}` : "",
      ...diag,
    ]
      .filter(Boolean)
      .join("\n"),
  );
}
