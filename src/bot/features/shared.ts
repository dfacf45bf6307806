/** Small helpers the feature composers share. */
import { InlineKeyboard } from "grammy";
import type { TelegramPerson } from "../../domain/names.js";
import { officerCommittees } from "../../app/committee.js";
import type { Shown, Speaker } from "../../app/conversation.js";
import type { MemberWithCell } from "../../app/ports.js";
import type { BotContext } from "../context.js";
import { createRenderer } from "../presenters/notifications.js";

/** A Telegram user as the app's use cases take them. */
export function person(from: { id: number; first_name: string; last_name?: string; username?: string }): TelegramPerson {
  return { id: BigInt(from.id), firstName: from.first_name, lastName: from.last_name, username: from.username };
}

/** Says no without posting anything in a group: privately when possible. */
export async function refuse(ctx: BotContext, text: string) {
  if (ctx.chat?.type === "private") return replyHtml(ctx, text);
  try {
    await ctx.api.sendMessage(ctx.from!.id, text, { parse_mode: "HTML" });
  } catch {
    // Never opened the bot: the group is the only place left to answer.
    await replyHtml(ctx, text);
  }
}

/** The words of the messages the bot sends on its own, for this bot. */
export const rendererFor = (ctx: BotContext) => createRenderer(ctx.deps.i18n, ctx.deps.defaultLocale, ctx.me.username, ctx.deps.app.clock);

/** t.me deep link that opens the private chat with the bot and sends /start <payload>. */
export function deepLink(ctx: BotContext, payload: string): string {
  return `https://t.me/${ctx.me.username}?start=${payload}`;
}

/** The join (and start) link of a cell. */
export const joinPayload = (joinCode: string): string => `j_${joinCode}`;

// Replies and edits are the Telegram renderer's (src/bot/render.ts).
export { editHtml, replyHtml, replyLong, type Rendered } from "../render.js";
import { replyHtml, showScreen } from "../render.js";

/** The person behind this update, as the conversation (src/app/conversation.ts) takes them; their membership as loaded for this update. */
export const speaker = (ctx: BotContext): Speaker => ({
  userId: BigInt(ctx.from!.id), t: ctx.t, locale: ctx.locale, membership: () => ctx.membership(), profile: person(ctx.from!),
});

/** Shows the conversation's screens: each edited in place when it replaces the pressed message, else sent. */
export async function show(ctx: BotContext, shown: Shown): Promise<void> {
  for (const screen of shown.screens) await showScreen(ctx, screen);
}

/** Answers a pressed button with the conversation's notice (or nothing), then shows its screens. */
export async function answerAndShow(ctx: BotContext, shown: Shown): Promise<void> {
  await (shown.notice ? ctx.answerCallbackQuery({ text: shown.notice, ...(shown.alert ? { show_alert: true } : {}) }) : ctx.answerCallbackQuery());
  return show(ctx, shown);
}

/** True when a button press comes from the presser's own private chat with the bot. */
export function ownPrivateChat(ctx: BotContext): boolean {
  const chat = ctx.callbackQuery?.message?.chat ?? ctx.chat;
  return chat?.type === "private" && chat.id === ctx.from?.id;
}

/** The sender's membership, or a reply explaining how to join. */
export async function requireMember(ctx: BotContext): Promise<MemberWithCell | null> {
  const member = await ctx.membership();
  if (member) return member;
  if (ctx.callbackQuery) {
    await ctx.answerCallbackQuery({ text: ctx.t("error.notMemberShort") });
    return null;
  }
  // An officer of a higher committee who is in no cell (e.g. /vaitro in private): where their roles are given, not "join a cell".
  const [officer] = ctx.user ? await officerCommittees(ctx.deps.app, ctx.user.id) : [];
  await replyHtml(ctx, officer
    ? ctx.t("error.notMemberOfficer", { role: ctx.t(`committee:role.${officer.role}`), committee: officer.committee.name })
    : ctx.t("error.notMember"));
  return null;
}

/** A reply for commands that only work in private chat, with a button to open it. */
export function privateOnly(ctx: BotContext, text: string, payload = "start") {
  return replyHtml(ctx, { text, keyboard: new InlineKeyboard().url(ctx.t("error.privateOnlyButton"), deepLink(ctx, payload)) });
}

/** True when the update comes from a private chat or from the member's own cell group. */
export function inOwnChat(ctx: BotContext, member: MemberWithCell): boolean {
  return ctx.chat?.type === "private" || BigInt(ctx.chat!.id) === member.cell.groupChatId;
}

/**
 * The sender's membership, for commands that act on a cell: in a group, only that group's
 * own cell. Replies with how to join, or a refusal, and returns null otherwise.
 */
export async function memberForChat(ctx: BotContext): Promise<MemberWithCell | null> {
  const member = await requireMember(ctx);
  if (!member) return null;
  if (!inOwnChat(ctx, member)) {
    await replyHtml(ctx, ctx.t("error.forbidden"));
    return null;
  }
  return member;
}
