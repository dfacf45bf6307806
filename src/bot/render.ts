/**
 * The Telegram renderer: a Screen or OutMessage (src/app/messages.ts) becomes an HTML message with
 * an inline keyboard — each choice id its callback data (≤ 64 bytes), each choice row a keyboard
 * row, exactly as built — sent as a reply, or edited into the message a button was pressed on
 * when the screen replaces it. A reply longer than one message is split at line boundaries
 * (splitMessage, within 4,096 characters) with the keyboard under the last part.
 */
import { GrammyError, InlineKeyboard } from "grammy";
import type { Choice, OutMessage, Screen } from "../app/messages.js";
import type { BotContext } from "./context.js";
import { splitMessage, TEXT_LIMIT, visibleLength } from "./limits.js";

/** A message as Telegram takes it: HTML text and an optional inline keyboard. */
export interface Rendered {
  text: string;
  keyboard?: InlineKeyboard;
}

function button(choice: Choice, botUsername: string) {
  if ("id" in choice) return InlineKeyboard.text(choice.label, choice.id);
  if ("start" in choice) return InlineKeyboard.url(choice.label, `https://t.me/${botUsername}?start=${choice.start}`);
  return InlineKeyboard.url(choice.label, choice.url);
}

/** The screen's text and keyboard (none when it has no choices). */
export function renderScreen(screen: OutMessage, botUsername: string): Rendered {
  if (!screen.choices) return { text: screen.text };
  return { text: screen.text, keyboard: new InlineKeyboard(screen.choices.map((row) => row.map((choice) => button(choice, botUsername)))) };
}

/** Replies in HTML. */
export function replyHtml(ctx: BotContext, rendered: Rendered | string) {
  const { text, keyboard } = typeof rendered === "string" ? { text: rendered, keyboard: undefined } : rendered;
  return ctx.reply(text, { parse_mode: "HTML", link_preview_options: { is_disabled: true }, ...(keyboard ? { reply_markup: keyboard } : {}) });
}

/**
 * Replies with a text that may be longer than one Telegram message: split at line
 * boundaries into as many messages as needed; the keyboard goes under the last one.
 */
export async function replyLong(ctx: BotContext, rendered: Rendered | string): Promise<void> {
  const { text, keyboard } = typeof rendered === "string" ? { text: rendered, keyboard: undefined } : rendered;
  const parts = splitMessage(text);
  for (const [i, part] of parts.entries()) await replyHtml(ctx, i === parts.length - 1 && keyboard ? { text: part, keyboard } : part);
}

/**
 * Edits the message the pressed button belongs to; "not modified" is not an error. Only when the
 * callback guard cleared the press for editing (a kind declared "anyone" never edits a group's
 * message): anything else is a mis-declared kind, and fails before touching the message.
 */
export async function editHtml(ctx: BotContext, rendered: Rendered | string): Promise<void> {
  if (!ctx.mayEditMessage) throw new Error(`callback ${ctx.callbackQuery?.data ?? "?"} may not edit this message (see CALLBACK_KINDS)`);
  const { text, keyboard } = typeof rendered === "string" ? { text: rendered, keyboard: undefined } : rendered;
  try {
    await ctx.editMessageText(text, { parse_mode: "HTML", link_preview_options: { is_disabled: true }, reply_markup: keyboard ?? new InlineKeyboard() });
  } catch (error) {
    if (error instanceof GrammyError && error.description.includes("message is not modified")) return;
    throw error;
  }
}

/**
 * Sends the screen as a new message; only a text Telegram would refuse (over 4,096 visible
 * characters) is split, the keyboard under the last part.
 */
export async function replyScreen(ctx: BotContext, screen: OutMessage): Promise<void> {
  const rendered = renderScreen(screen, ctx.me.username);
  if (visibleLength(rendered.text) > TEXT_LIMIT) return replyLong(ctx, rendered);
  await replyHtml(ctx, rendered);
}

/** Edits the screen into the message the person pressed on. */
export function editScreen(ctx: BotContext, screen: OutMessage): Promise<void> {
  return editHtml(ctx, renderScreen(screen, ctx.me.username));
}

/** Shows one screen: edited in place when it replaces the pressed message (and a button was pressed), else a reply. */
export function showScreen(ctx: BotContext, screen: Screen): Promise<void> {
  return screen.replace && ctx.callbackQuery ? editScreen(ctx, screen) : replyScreen(ctx, screen);
}
