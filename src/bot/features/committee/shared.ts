/** Helpers the committee's composers share. */
import { GrammyError } from "grammy";
import { committeeActor, committeeOfGroup, type CommitteeActor } from "../../../app/committee.js";
import type { BotContext } from "../../context.js";
import { createCommitteeRenderer } from "../../presenters/committee.js";

export const committeeRendererFor = (ctx: BotContext) => createCommitteeRenderer(ctx.deps.i18n, ctx.deps.defaultLocale, ctx.me.username);

/** Best-effort message to a group (a unit joined, moved away); a group that refuses is only logged. */
export async function tellGroup(ctx: BotContext, chatId: bigint, text: string) {
  try {
    await ctx.api.sendMessage(Number(chatId), text, { parse_mode: "HTML" });
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error;
    ctx.deps.logger.warn({ err: error }, "committee notice could not be posted");
  }
}

/** The roster entry behind a button pressed (or a command sent) in the committee's own group. */
export async function groupActor(ctx: BotContext): Promise<CommitteeActor | null> {
  const chat = ctx.callbackQuery?.message?.chat ?? ctx.chat;
  if (!chat || chat.type === "private") return null;
  const found = await committeeOfGroup(ctx.deps.app, BigInt(chat.id));
  return found && committeeActor(ctx.deps.app, found, BigInt(ctx.from!.id));
}
