/** Small helpers the feature composers share. */
import { InlineKeyboard, type CallbackQueryContext, type Composer } from "grammy";
import type { Person } from "../../domain/names.js";
import type { Caller } from "../../app/caller.js";
import { officerCommittees } from "../../app/committee.js";
import type { Shown, Speaker } from "../../app/conversation.js";
import type { Destination } from "../../app/messages.js";
import type { MemberWithCell } from "../../app/ports.js";
import { addressOn } from "../../app/session.js";
import type { Codec, Fields, ValuesOf } from "../callback-codec.js";
import { TELEGRAM, type BotContext } from "../context.js";
import { createRenderer } from "../presenters/notifications.js";

/** The sender as the app's use cases take them: their app id (resolved by the identity middleware) and Telegram's name. */
export function person(ctx: BotContext): Person {
  const from = ctx.from!;
  return { userId: ctx.user!.id, firstName: from.first_name, lastName: from.last_name, username: from.username };
}

/** A Telegram chat as the app's group destination. */
export const groupOf = (chat: { id: number }): Destination => ({ channel: TELEGRAM, address: String(chat.id) });

/** The Telegram chat id of a unit's group, or null when the unit has no group on Telegram. */
export const telegramChatOf = (group: Destination | null): number | null => (group?.channel === TELEGRAM ? Number(group.address) : null);

/** True when the unit's group is this Telegram chat. */
export const isGroupChat = (group: Destination | null, chat: { id: number } | undefined): boolean =>
  chat !== undefined && group?.channel === TELEGRAM && group.address === String(chat.id);

/** A person's Telegram chat id (their Telegram user id), through their identity; null when they have none on Telegram. */
export async function telegramIdOf(ctx: BotContext, userId: bigint): Promise<number | null> {
  const address = await addressOn(ctx.deps.app, userId, TELEGRAM);
  return address === null ? null : Number(address);
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
  userId: ctx.user!.id,
  t: ctx.t,
  locale: ctx.locale,
  membership: () => ctx.membership(),
  profile: person(ctx),
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

/** Who asks, and from where, as the app's per-intent use cases take it (a press: where its message is). */
export function callerOf(ctx: BotContext): Caller {
  const userId = ctx.user!.id;
  const chat = ctx.callbackQuery ? ctx.callbackQuery.message?.chat : ctx.chat;
  if (chat && chat.type !== "private") return { userId, from: { kind: "group", group: groupOf(chat) } };
  return { userId, from: { kind: ownPrivateChat(ctx) ? "private" : "elsewhere" } };
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
  await replyHtml(
    ctx,
    officer ? ctx.t("error.notMemberOfficer", { role: ctx.t(`committee:role.${officer.role}`), committee: officer.committee.name }) : ctx.t("error.notMember"),
  );
  return null;
}

/** A reply for commands that only work in private chat, with a button to open it. */
export function privateOnly(ctx: BotContext, text: string, payload = "start") {
  return replyHtml(ctx, { text, keyboard: new InlineKeyboard().url(ctx.t("error.privateOnlyButton"), deepLink(ctx, payload)) });
}

/** True when the update comes from a private chat or from the member's own cell group. */
export function inOwnChat(ctx: BotContext, member: MemberWithCell): boolean {
  return ctx.chat?.type === "private" || isGroupChat(member.cell.group, ctx.chat);
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

/**
 * A handler for a codec's presses, given the decoded, typed values (data that looks like the
 * codec's but is out of its fields' bounds is a bad button).
 */
export function onPress<F extends Fields>(
  composer: Composer<BotContext>,
  codec: Codec<F>,
  handler: (ctx: CallbackQueryContext<BotContext>, values: ValuesOf<F>) => unknown,
): void {
  composer.callbackQuery(codec.match, async (ctx) => {
    const values = codec.decode(ctx.callbackQuery.data);
    if (!values) return ctx.answerCallbackQuery({ text: ctx.t("error.badButton") });
    return handler(ctx, values);
  });
}
