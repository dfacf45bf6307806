/** Helpers the committee's composers share. */
import { GrammyError } from "grammy";
import type { Destination } from "../../../app/messages.js";
import { committeeActor, committeeOfGroup, type CommitteeActor } from "../../../app/committee.js";
import type { BotContext } from "../../context.js";
import { groupOf, telegramChatOf } from "../shared.js";
import { createCommitteeRenderer } from "../../presenters/committee.js";

export const committeeRendererFor = (ctx: BotContext) => createCommitteeRenderer(ctx.deps.i18n, ctx.deps.defaultLocale, ctx.me.username);

/** Best-effort message to a group (a unit joined, moved away); a group that refuses is only logged. */
export async function tellGroup(ctx: BotContext, group: Destination | null, text: string) {
  const chatId = telegramChatOf(group);
  if (chatId === null) return;
  try {
    await ctx.api.sendMessage(chatId, text, { parse_mode: "HTML" });
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error;
    ctx.deps.logger.warn({ err: error }, "committee notice could not be posted");
  }
}

/** The roster entry behind a button pressed (or a command sent) in the committee's own group. */
export async function groupActor(ctx: BotContext): Promise<CommitteeActor | null> {
  const chat = ctx.callbackQuery?.message?.chat ?? ctx.chat;
  if (!chat || chat.type === "private") return null;
  const found = await committeeOfGroup(ctx.deps.app, groupOf(chat));
  return found && committeeActor(ctx.deps.app, found, ctx.user!.id);
}
