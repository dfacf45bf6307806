/**
 * Issue 19: `/sinhhoat` (the cell's meeting: at once with arguments, else step by step in
 * private) and the report's typed sections (✍ Đánh giá chung, ✍ Phương hướng) under a closed
 * round's /baocao and an ended campaign's /tonghop. Refusals go to the asker privately.
 * What is stored, and the checks, are app/meeting.ts and app/report-texts.ts.
 */
import { Composer, GrammyError } from "grammy";
import { committeeActor, type CommitteeActor } from "../../app/committee.js";
import { describeMeeting, textPrompt, typedTextAnswer } from "../../app/conversation-meeting.js";
import { meetingAnswer, parseAwaitingMeeting, recordMeeting, type MeetingResult } from "../../app/meeting.js";
import { cancelAwaiting } from "../../app/onboarding.js";
import { parseAwaitingReportText, saveCampaignText, saveRoundText, startCampaignText, startRoundText, type ReportTextResult } from "../../app/report-texts.js";
import type { ReportTextKey } from "../../app/ports.js";
import { campaignTextData, reportTextData } from "./meeting.callbacks.js";
import type { BotContext } from "../context.js";
import { PASS, type AwaitedTextHandlers, type TypedTextContext } from "../awaited-text.js";
import { inOwnChat, onPress, ownPrivateChat, refuse, replyHtml, requireMember } from "./shared.js";

export const meeting = new Composer<BotContext>();

/** The words for a meeting outcome (a question, a refusal, or what was recorded): the text channels' words, written once. */
function describe(ctx: BotContext, result: MeetingResult, timeZone: string): string {
  return describeMeeting(ctx.t, ctx.deps.app.clock(), result, timeZone);
}

meeting.command(["sinhhoat", "meeting"], async (ctx) => {
  const member = await ctx.membership();
  // Anyone but the cell's own secretary or deputy, or in another group: refused privately, as other officer commands are.
  if (!member || !inOwnChat(ctx, member)) return refuse(ctx, ctx.t("meeting:record.forbidden"));
  const result = await recordMeeting(ctx.deps.app, member, ctx.match);
  if (result.kind === "forbidden") return refuse(ctx, ctx.t("meeting:record.forbidden"));
  const text = describe(ctx, result, member.cell.timezone);
  // The questions are asked in private: typed text is never read in a group.
  if (result.kind === "ask" && ctx.chat.type !== "private") {
    try {
      await ctx.api.sendMessage(ctx.from!.id, text, { parse_mode: "HTML" });
    } catch (error) {
      if (!(error instanceof GrammyError) || error.error_code !== 403) throw error;
      await cancelAwaiting(ctx.deps.app, ctx.user!.id);
      return replyHtml(ctx, ctx.t("meeting:record.openBotFirst"));
    }
    return replyHtml(ctx, ctx.t("meeting:record.askedPrivately"));
  }
  return replyHtml(ctx, text);
});

/** The step-by-step answers (awaited "meeting"; any command drops the pending questions). */
async function meetingText(ctx: TypedTextContext, awaiting: string) {
  if (!parseAwaitingMeeting(awaiting)) return PASS;
  const member = await requireMember(ctx);
  if (!member) return cancelAwaiting(ctx.deps.app, ctx.user!.id);
  const result = await meetingAnswer(ctx.deps.app, member, awaiting, ctx.message.text);
  return replyHtml(ctx, describe(ctx, result, member.cell.timezone));
}

/** Sends the question to the presser privately; the button's answer says where it went. */
async function askPrivately(ctx: BotContext, key: ReportTextKey, result: ReportTextResult) {
  if (result.kind !== "ask") return ctx.answerCallbackQuery({ text: ctx.t(`meeting:texts.${result.kind}`), show_alert: result.kind === "notClosed" });
  try {
    await ctx.api.sendMessage(ctx.from!.id, textPrompt(ctx.t, key, result), { parse_mode: "HTML" });
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 403) {
      await cancelAwaiting(ctx.deps.app, ctx.user!.id);
      return ctx.answerCallbackQuery({ text: ctx.t("meeting:texts.openBotFirst"), show_alert: true });
    }
    throw error;
  }
  return ctx.answerCallbackQuery(ownPrivateChat(ctx) ? {} : { text: ctx.t("meeting:texts.sentPrivately") });
}

onPress(meeting, reportTextData, async (ctx, { roundId, text: key }) => {
  const member = await requireMember(ctx);
  if (!member) return;
  return askPrivately(ctx, key, await startRoundText(ctx.deps.app, member, roundId, key));
});

/** The presser's place on the roster of the committee a button names (null: not on it, or no such committee). */
async function actorFor(ctx: BotContext, committeeId: number): Promise<CommitteeActor | null> {
  const found = await ctx.deps.app.committees.findCommittee(committeeId);
  return found && committeeActor(ctx.deps.app, found, ctx.user!.id);
}

onPress(meeting, campaignTextData, async (ctx, { committeeId, campaignId, text: key }) => {
  const actor = await actorFor(ctx, committeeId);
  return askPrivately(ctx, key, await startCampaignText(ctx.deps.app, actor, campaignId, key));
});

/** The typed section (awaited "rtext" or "ctext"; any command drops the pending input). */
async function reportText(ctx: TypedTextContext, awaiting: string) {
  const target = parseAwaitingReportText(awaiting);
  if (!target) return PASS;
  let result: ReportTextResult;
  if (target.unit === "round") {
    const member = await requireMember(ctx);
    if (!member) return cancelAwaiting(ctx.deps.app, ctx.user!.id);
    result = await saveRoundText(ctx.deps.app, member, target, ctx.message.text);
  } else {
    result = await saveCampaignText(ctx.deps.app, await actorFor(ctx, target.committeeId), ctx.user!.id, target, ctx.message.text);
  }
  return replyHtml(ctx, typedTextAnswer(ctx.t, result, target.key, "meeting:texts.saved"));
}

export const meetingTexts: AwaitedTextHandlers = { meeting: meetingText, rtext: reportText, ctext: reportText };
