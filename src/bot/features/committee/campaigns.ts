/**
 * A campaign's end ("Kết thúc đợt": confirmed in private, then every round of it closes) and a
 * cell that kept its own round joining the committee's campaign. Whether the presser may end it
 * is the use case's (mayEndCampaign, endCampaignFor); the confirmation reads no roll-up.
 */
import { Composer, GrammyError, InlineKeyboard } from "grammy";
import { joinCampaign } from "../../../app/committee-campaigns.js";
import { endCampaignFor, mayEndCampaign } from "../../../app/committee-intents.js";
import { askEndCampaignData, CANCEL_END_CAMPAIGN, cancelEndCampaignData, encodeEndCampaign, endCampaignData, joinCampaignData } from "./callbacks.js";
import type { BotContext } from "../../context.js";
import { callerOf, editHtml, isGroupChat, onPress, rendererFor, requireMember } from "../shared.js";
import { committeeRendererFor } from "./shared.js";

export const campaigns = new Composer<BotContext>();

/** "Kết thúc đợt": the officer confirms in private first. */
onPress(campaigns, askEndCampaignData, async (ctx, target) => {
  const check = await mayEndCampaign(ctx.deps.app, callerOf(ctx), target);
  if (check.kind !== "mayEnd") return ctx.answerCallbackQuery({ text: ctx.t(`committee:end.${check.kind}`) });
  const { campaign } = check;
  const keyboard = new InlineKeyboard()
    .text(ctx.t("committee:end.confirmButton"), encodeEndCampaign(check.committee.id, campaign.id))
    .row()
    .text(ctx.t("committee:end.cancelButton"), CANCEL_END_CAMPAIGN);
  try {
    await ctx.api.sendMessage(ctx.from.id, ctx.t("committee:end.confirm", { title: campaign.title }), { parse_mode: "HTML", reply_markup: keyboard });
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 403)
      return ctx.answerCallbackQuery({ text: ctx.t("committee:end.openBotFirst"), show_alert: true });
    throw error;
  }
  return ctx.answerCallbackQuery(ctx.chat?.type === "private" ? {} : { text: ctx.t("committee:end.sentPrivately") });
});

onPress(campaigns, endCampaignData, async (ctx, target) => {
  const result = await endCampaignFor(ctx.deps.app, callerOf(ctx), target, rendererFor(ctx));
  if (result.kind !== "ended") return ctx.answerCallbackQuery({ text: ctx.t(`committee:end.${result.kind}`) });
  void ctx.deps.wakeSender?.();
  await ctx.answerCallbackQuery();
  return editHtml(ctx, ctx.t("committee:end.ended", { title: result.campaign.title, rounds: result.rounds }));
});

onPress(campaigns, cancelEndCampaignData, async (ctx) => {
  await ctx.answerCallbackQuery();
  return editHtml(ctx, ctx.t("committee:end.cancelled"));
});

/** A cell that kept its own round joins the committee's campaign (its secretary or deputy, in the cell's group). */
onPress(campaigns, joinCampaignData, async (ctx, { campaignId }) => {
  const member = await requireMember(ctx);
  if (!member) return;
  const chat = ctx.callbackQuery.message?.chat;
  if (!isGroupChat(member.cell.group, chat)) return ctx.answerCallbackQuery({ text: ctx.t("committee:campaign.joinForbidden") });
  const result = await joinCampaign(ctx.deps.app, member, campaignId, rendererFor(ctx), committeeRendererFor(ctx));
  if (result.kind === "forbidden") return ctx.answerCallbackQuery({ text: ctx.t("committee:campaign.joinForbidden") });
  if (result.kind !== "joined")
    return ctx.answerCallbackQuery({ text: ctx.t(`committee:campaign.${result.kind === "already" ? "alreadyJoined" : result.kind}`) });
  void ctx.deps.wakeSender?.();
  await ctx.answerCallbackQuery();
  return editHtml(ctx, ctx.t("committee:campaign.joined", { title: result.round.title, committee: result.committee.name }));
});
