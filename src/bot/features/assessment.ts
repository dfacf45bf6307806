/**
 * /tusoi: the form, one edited message; answer/back/review/plan buttons; typed measures and dates.
 * Thin: the conversation (src/app/conversation.ts) decides; this parses the update and renders.
 */
import { Composer } from "grammy";
import { command, choose, openForm, text } from "../../app/conversation.js";
import { formAwaitingText } from "../../app/assessment.js";
import type { MemberWithCell } from "../../app/ports.js";
import { decodeForm, FORM_PATTERN } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { PASS, type TypedTextContext } from "../awaited-text.js";
import { answerAndShow, ownPrivateChat, privateOnly, replyHtml, show, speaker } from "./shared.js";

export { asksCollective } from "../../app/conversation.js";

export const assessment = new Composer<BotContext>();
const privateChat = assessment.chatType("private");

/**
 * Starts or resumes the member's form (or the collective one) and sends its current screen as a
 * new message; with `intro` (a start button), first a short word on the round, its length, and
 * stopping part-way.
 */
export async function showAssessment(ctx: BotContext, member: MemberWithCell, options: { collective?: boolean; intro?: boolean } = {}) {
  return show(ctx, await openForm(ctx.deps.app, speaker(ctx), member, options));
}

privateChat.command(["tusoi", "assess"], async (ctx) => show(ctx, (await command(ctx.deps.app, speaker(ctx), "tusoi", ctx.match))!));

assessment.chatType(["group", "supergroup"]).command(["tusoi", "assess", "tusua", "plan"], (ctx) => privateOnly(ctx, ctx.t("assessment:inGroup"), "tusoi"));

assessment.callbackQuery(FORM_PATTERN, async (ctx) => {
  if (!decodeForm(ctx.callbackQuery.data)) return ctx.answerCallbackQuery({ text: ctx.t("error.badButton") });
  // A form button only ever lives in its member's private chat: anywhere else (a forged
  // press on a group message) it must not edit that message into someone's answers.
  if (!ownPrivateChat(ctx)) return ctx.answerCallbackQuery({ text: ctx.t("error.privateButton") });
  // The answer is committed (or refused, and nothing changes) before the message changes.
  return answerAndShow(ctx, await choose(ctx.deps.app, speaker(ctx), ctx.callbackQuery.data));
});

/**
 * Typed text while the form waits for a measure or a date (its cursor, not User.awaiting, says
 * so): the typed-text dispatcher's answer when nothing else is awaited.
 */
export async function formText(ctx: TypedTextContext) {
  const shown = await text(ctx.deps.app, speaker(ctx), ctx.message.text);
  if (!shown) return PASS;
  return show(ctx, shown);
}

/** Anything but text (a photo, a sticker) while a measure or date is awaited. */
privateChat.on("message", async (ctx, next) => {
  if (ctx.message.text !== undefined) return next();
  const member = await ctx.membership();
  const view = member && (await formAwaitingText(ctx.deps.app, member));
  if (!view) return next();
  return replyHtml(ctx, ctx.t(view.state.screen.kind === "measure" ? "assessment:measure.empty" : "assessment:date.prompt"));
});
