/**
 * After the meeting (issue 13): "Gửi báo cáo cho đảng viên" under a closed round's /baocao
 * (secretary, deputy), confirmed in private, with the meeting's conclusions typed first if
 * wanted; and the year button's totals. What is sent, and how, is app/report-back.ts.
 */
import { Composer, GrammyError, InlineKeyboard } from "grammy";
import { cancelAwaiting } from "../../app/onboarding.js";
import {
  CONCLUSIONS_MAX_LENGTH,
  CONCLUSIONS_MIN_LENGTH,
  parseAwaitingConclusions,
  reportBackOutcome,
  reportBackPlan,
  saveConclusions,
  sendReportBack,
  startConclusions,
  type ReportBackPlan,
} from "../../app/report-back.js";
import { cellYear } from "../../app/review.js";
import {
  CANCEL_REPORT_BACK,
  cancelReportBackData,
  encodeReportBackConclusions,
  encodeReportBackSend,
  reportBackConclusionsData,
  reportBackData,
  reportBackSendData,
  reportYearData,
} from "./report-back.callbacks.js";
import type { BotContext } from "../context.js";
import { PASS, type AwaitedTextHandlers, type TypedTextContext } from "../awaited-text.js";
import { shorten } from "../limits.js";
import { reportBackConfirmText, yearTotalsText } from "../../app/conversation-meeting.js";
import { editHtml, onPress, ownPrivateChat, rendererFor, replyHtml, replyLong, requireMember } from "./shared.js";

export const reportBack = new Composer<BotContext>();

/** The confirmation the officer sees in private: who gets what, the conclusions, the buttons. */
function confirmation(ctx: BotContext, plan: ReportBackPlan) {
  const t = ctx.t;
  const count = plan.recipients.length;
  const { delivered, undeliverable } = plan.earlier;
  const keyboard = new InlineKeyboard()
    .text(t(plan.conclusions ? "cycle:reportBack.editConclusions" : "cycle:reportBack.addConclusions"), encodeReportBackConclusions(plan.round.id))
    .row()
    .text(t("cycle:reportBack.send", { count: count - delivered - undeliverable }), encodeReportBackSend(plan.round.id))
    .row()
    .text(t("cycle:reportBack.cancel"), CANCEL_REPORT_BACK);
  return { text: reportBackConfirmText(t, plan), keyboard };
}

/** The button under the summary (in the group or in private): the confirmation goes to the presser privately. */
onPress(reportBack, reportBackData, async (ctx, { roundId }) => {
  const member = await requireMember(ctx);
  if (!member) return;
  const result = await reportBackPlan(ctx.deps.app, member, roundId);
  switch (result.kind) {
    case "forbidden":
      return ctx.answerCallbackQuery({ text: ctx.t("cycle:reportBack.forbidden") });
    case "noRound":
      return ctx.answerCallbackQuery({ text: ctx.t("report:noRound") });
    case "open":
      return ctx.answerCallbackQuery({ text: ctx.t("cycle:reportBack.openRound", { title: shorten(result.round.title, 60) }), show_alert: true });
  }
  const { text, keyboard } = confirmation(ctx, result.plan);
  try {
    await ctx.api.sendMessage(ctx.from.id, text, { parse_mode: "HTML", reply_markup: keyboard });
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 403)
      return ctx.answerCallbackQuery({ text: ctx.t("cycle:reportBack.openBotFirst"), show_alert: true });
    throw error;
  }
  return ctx.answerCallbackQuery(ownPrivateChat(ctx) ? {} : { text: ctx.t("cycle:reportBack.sentPrivately") });
});

onPress(reportBack, cancelReportBackData, async (ctx) => {
  await ctx.answerCallbackQuery();
  return editHtml(ctx, ctx.t("cycle:reportBack.cancelled"));
});

/** "Thêm kết luận": the next private text is the meeting's conclusions (typed text is never read in a group). */
onPress(reportBack, reportBackConclusionsData, async (ctx, { roundId }) => {
  if (!ownPrivateChat(ctx)) return ctx.answerCallbackQuery({ text: ctx.t("cycle:reportBack.privateOnly"), show_alert: true });
  const member = await requireMember(ctx);
  if (!member) return;
  const result = await startConclusions(ctx.deps.app, member, roundId);
  if (result.kind === "forbidden") return ctx.answerCallbackQuery({ text: ctx.t("cycle:reportBack.forbidden") });
  if (result.kind !== "ask") return ctx.answerCallbackQuery({ text: ctx.t("report:noRound") });
  await ctx.answerCallbackQuery();
  return replyHtml(ctx, ctx.t("cycle:reportBack.askConclusions", { min: CONCLUSIONS_MIN_LENGTH, max: CONCLUSIONS_MAX_LENGTH }));
});

/** The typed conclusions (awaited "conclusions"; any command drops the pending input). */
async function conclusionsText(ctx: TypedTextContext, awaiting: string) {
  if (!parseAwaitingConclusions(awaiting)) return PASS;
  const member = await requireMember(ctx);
  if (!member) return cancelAwaiting(ctx.deps.app, ctx.user!.id);
  const result = await saveConclusions(ctx.deps.app, member, awaiting, ctx.message.text);
  switch (result.kind) {
    case "tooShort":
      return replyHtml(ctx, ctx.t("cycle:reportBack.conclusionsTooShort", { min: CONCLUSIONS_MIN_LENGTH }));
    case "tooLong":
      return replyHtml(ctx, ctx.t("cycle:reportBack.conclusionsTooLong", { max: CONCLUSIONS_MAX_LENGTH }));
    case "forbidden":
      return replyHtml(ctx, ctx.t("cycle:reportBack.forbidden"));
    case "noRound":
      return replyHtml(ctx, ctx.t("report:noRound"));
  }
  await replyHtml(ctx, ctx.t("cycle:reportBack.conclusionsSaved"));
  if (result.kind !== "saved") return;
  const plan = await reportBackPlan(ctx.deps.app, member, result.round.id);
  if (plan.kind === "plan") return replyHtml(ctx, confirmation(ctx, plan.plan));
}

export const reportBackTexts: AwaitedTextHandlers = { conclusions: conclusionsText };

/** Confirmed: queue through the outbox, send, and list who could not be reached. */
onPress(reportBack, reportBackSendData, async (ctx, { roundId }) => {
  if (!ownPrivateChat(ctx)) return ctx.answerCallbackQuery({ text: ctx.t("cycle:reportBack.privateOnly"), show_alert: true });
  const member = await requireMember(ctx);
  if (!member) return;
  const result = await sendReportBack(ctx.deps.app, member, roundId, rendererFor(ctx), ctx.deps.defaultLocale);
  switch (result.kind) {
    case "forbidden":
      return ctx.answerCallbackQuery({ text: ctx.t("cycle:reportBack.forbidden") });
    case "noRound":
      return ctx.answerCallbackQuery({ text: ctx.t("report:noRound") });
    case "open":
      return ctx.answerCallbackQuery({ text: ctx.t("cycle:reportBack.openRound", { title: shorten(result.round.title, 60) }), show_alert: true });
  }
  await ctx.answerCallbackQuery();
  const { round } = result.plan;
  const total = result.members.length + result.skippedUnreachable.length;
  const before = await reportBackOutcome(ctx.deps.app, round.id, result.members);
  if (result.queued === 0 && result.skippedUnreachable.length === 0 && before.pending === 0 && before.failed.length === 0) {
    return editHtml(ctx, [ctx.t("cycle:reportBack.result", { title: round.title, sent: before.sent, total }), ctx.t("cycle:reportBack.nothingNew")].join("\n"));
  }
  await editHtml(ctx, ctx.t("cycle:reportBack.sending"));
  // Resolves when the drain ends (paced: about one message a second per member's chat). It
  // sends what this press queued and whatever an earlier press left unsent (a crash mid-way).
  if (before.pending > 0) await ctx.deps.wakeSender?.();
  // Counted from the outbox over every member, not from this press alone.
  const outcome = await reportBackOutcome(ctx.deps.app, round.id, result.members);
  const unreachable = [...result.skippedUnreachable, ...outcome.failed];
  const lines = [ctx.t("cycle:reportBack.result", { title: round.title, sent: outcome.sent, total })];
  if (outcome.pending > 0) lines.push(ctx.t("cycle:reportBack.stillSending", { count: outcome.pending }));
  if (unreachable.length > 0) lines.push("", ctx.t("cycle:reportBack.unreachable", { names: unreachable.join(", ") }));
  return replyLong(ctx, lines.join("\n"));
});

/** "Tổng hợp năm …" under /baocao: the cell's year totals, aggregates only, to the presser privately. */
onPress(reportBack, reportYearData, async (ctx, { year }) => {
  const member = await requireMember(ctx);
  if (!member) return;
  const result = await cellYear(ctx.deps.app, member, year);
  if (result.kind === "forbidden") return ctx.answerCallbackQuery({ text: ctx.t("report:forbidden") });
  if (result.kind === "badYear") return ctx.answerCallbackQuery({ text: ctx.t("error.badButton") });
  const t = ctx.t;
  const text = yearTotalsText(t, member.cell.name, result.totals);
  try {
    await ctx.api.sendMessage(ctx.from.id, text, { parse_mode: "HTML" });
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 403)
      return ctx.answerCallbackQuery({ text: ctx.t("cycle:reportBack.openBotFirst"), show_alert: true });
    throw error;
  }
  return ctx.answerCallbackQuery(ownPrivateChat(ctx) ? {} : { text: t("cycle:year.sentPrivately") });
});
