/**
 * /tonghop: a campaign's roll-up posted to the committee's group, with its buttons (files,
 * "Kết thúc đợt", the committee's texts once ended, earlier campaigns); in private, an officer
 * of several committees chooses one. Who may see it is the use case's (rollupFor): the
 * handlers only say who asks, from where, and about what. Refusals go to the asker privately:
 * nothing is posted to a group.
 */
import { Composer, GrammyError, InlineKeyboard } from "grammy";
import { rollupFor, type RollupAnswer } from "../../../app/committee-intents.js";
import type { CommitteeRollup } from "../../../app/committee-rollup.js";
import { formatDay } from "../../../domain/calendar.js";
import { encodeCampaignText } from "../meeting.callbacks.js";
import {
  chooseCommitteeData,
  committeeCampaignData,
  encodeAskEndCampaign,
  encodeChooseCommittee,
  encodeCommitteeCampaign,
  encodeCommitteeFile,
} from "./callbacks.js";
import type { BotContext } from "../../context.js";
import { shorten, splitMessage } from "../../limits.js";
import { renderRollup } from "../../presenters/committee.js";
import { callerOf, editHtml, onPress, refuse, replyHtml, telegramChatOf } from "../shared.js";

export const rollup = new Composer<BotContext>();

/** Posts a campaign's roll-up to the committee's group, with its buttons. */
async function postRollup(ctx: BotContext, rollup: CommitteeRollup): Promise<"posted" | "unreachable"> {
  const ids = [rollup.committee.id, rollup.campaign.id] as const;
  const keyboard = new InlineKeyboard()
    .text(ctx.t("committee:buttons.docx"), encodeCommitteeFile(...ids, "docx"))
    .text(ctx.t("committee:buttons.xlsx"), encodeCommitteeFile(...ids, "xlsx"))
    .text(ctx.t("committee:buttons.chart"), encodeCommitteeFile(...ids, "chart"));
  if (rollup.canEnd) keyboard.row().text(ctx.t("committee:buttons.end"), encodeAskEndCampaign(...ids));
  // Issue 19: the committee's own ĐÁNH GIÁ CHUNG and PHƯƠNG HƯỚNG for its report, once the campaign has ended.
  if (rollup.closed)
    keyboard
      .row()
      .text(ctx.t("meeting:texts.assessmentButton"), encodeCampaignText(...ids, "assessment"))
      .text(ctx.t("meeting:texts.directionButton"), encodeCampaignText(...ids, "direction"));
  for (const other of rollup.others) {
    keyboard
      .row()
      .text(
        ctx.t("committee:buttons.other", { title: shorten(other.title, 40), deadline: formatDay(other.deadlineDay) }),
        encodeCommitteeCampaign(rollup.committee.id, other.id),
      );
  }
  const parts = splitMessage(renderRollup(rollup, ctx.t, ctx.locale));
  try {
    for (const [i, text] of parts.entries()) {
      await ctx.api.sendMessage(telegramChatOf(rollup.committee.group) ?? ctx.from!.id, text, {
        parse_mode: "HTML",
        ...(i === parts.length - 1 ? { reply_markup: keyboard } : {}),
      });
    }
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error;
    ctx.deps.logger.warn({ err: error, committeeId: rollup.committee.id }, "roll-up could not be posted to the committee's group");
    return "unreachable";
  }
  return "posted";
}

type Outcome = { kind: "posted"; committeeName: string } | { kind: "unreachable" } | Exclude<RollupAnswer, { kind: "rollup" }>;

/** The roll-up the caller asked for, posted when they may see it. */
async function askRollup(ctx: BotContext, target: { committeeId?: number; campaignId?: number } = {}): Promise<Outcome> {
  const answer = await rollupFor(ctx.deps.app, callerOf(ctx), target);
  if (answer.kind !== "rollup") return answer;
  return (await postRollup(ctx, answer.rollup)) === "posted" ? { kind: "posted", committeeName: answer.rollup.committee.name } : { kind: "unreachable" };
}

/** A button's refusal, in the roll-up's words. */
const buttonRefusal = (ctx: BotContext, outcome: Exclude<Outcome, { kind: "posted" }>) =>
  ctx.t(`committee:rollup.${outcome.kind === "unreachable" ? "groupUnreachable" : outcome.kind === "noCampaign" ? "noCampaign" : "forbidden"}`);

rollup.command(["tonghop", "rollup"], async (ctx) => {
  const outcome = await askRollup(ctx);
  switch (outcome.kind) {
    // In a cell's group (or any other): refused privately, nothing posted.
    case "notCommitteeGroup":
      return refuse(ctx, ctx.t("committee:rollup.cellGroup"));
    case "forbidden":
      return refuse(ctx, ctx.t("committee:rollup.forbidden"));
    case "noCampaign":
      return replyHtml(ctx, ctx.t("committee:rollup.noCampaign"));
    case "unreachable":
      return replyHtml(ctx, ctx.t("committee:rollup.groupUnreachable"));
    case "chooseCommittee": {
      const keyboard = new InlineKeyboard();
      for (const entry of outcome.committees.slice(0, 20)) keyboard.text(shorten(entry.committee.name, 60), encodeChooseCommittee(entry.committeeId)).row();
      return replyHtml(ctx, { text: ctx.t("committee:rollup.chooseCommittee"), keyboard });
    }
    case "posted":
      if (ctx.chat.type === "private") return replyHtml(ctx, ctx.t("committee:rollup.postedToGroup", { committee: outcome.committeeName }));
  }
});

onPress(rollup, chooseCommitteeData, async (ctx, { committeeId }) => {
  const outcome = await askRollup(ctx, { committeeId });
  if (outcome.kind !== "posted") return ctx.answerCallbackQuery({ text: buttonRefusal(ctx, outcome) });
  await ctx.answerCallbackQuery();
  return editHtml(ctx, ctx.t("committee:rollup.postedToGroup", { committee: outcome.committeeName }));
});

onPress(rollup, committeeCampaignData, async (ctx, target) => {
  const outcome = await askRollup(ctx, target);
  if (outcome.kind === "posted") return ctx.answerCallbackQuery();
  return ctx.answerCallbackQuery({ text: buttonRefusal(ctx, outcome) });
});
