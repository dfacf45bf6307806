/** /tusua: the member's own correction plan. */
import { Composer, InlineKeyboard, InputFile } from "grammy";
import { myPlan } from "../../app/plan.js";
import { planDocument } from "../../app/review.js";
import { PLAN_DOCX, planDocxData } from "./papers.callbacks.js";
import { renderPlan } from "../../app/conversation.js";
import type { BotContext } from "../context.js";
import { onPress, ownPrivateChat, replyHtml, replyLong, requireMember } from "./shared.js";

export const plan = new Composer<BotContext>();

plan.chatType("private").command(["tusua", "plan"], async (ctx) => {
  const member = await requireMember(ctx);
  if (!member) return;
  const t = ctx.t;
  const result = await myPlan(ctx.deps.app, member);
  if (result.kind === "noRound") return replyHtml(ctx, t("assessment:plan.noRound"));
  if (result.kind === "notSubmitted") return replyHtml(ctx, t("assessment:plan.notSubmitted", { title: result.round.title }));
  const lines = renderPlan({ t, locale: ctx.locale }, ctx.deps.app.clock(), member.cell.timezone, result);
  // Measures are shown whole here (the form's screens shorten them): as many messages as needed.
  // Under the last one: the member's own plan as a personal paper (issue 13).
  return replyLong(ctx, { text: lines.join("\n"), keyboard: new InlineKeyboard().text(t("cycle:plan.docxButton"), PLAN_DOCX) });
});

/** "Tải kế hoạch khắc phục (.docx)": the member's own items only, sent only to them, in private. */
onPress(plan, planDocxData, async (ctx) => {
  if (!ownPrivateChat(ctx)) return ctx.answerCallbackQuery({ text: ctx.t("cycle:plan.privateButton") });
  const member = await requireMember(ctx);
  if (!member) return;
  const result = await planDocument(ctx.deps.app, member, ctx.locale);
  if (result.kind === "noRound") return ctx.answerCallbackQuery({ text: ctx.t("assessment:plan.noRound") });
  if (result.kind === "notSubmitted")
    return ctx.answerCallbackQuery({ text: ctx.t("assessment:plan.notSubmitted", { title: result.round.title }), show_alert: true });
  await ctx.answerCallbackQuery();
  const n = String(result.roundNumber).padStart(2, "0");
  await ctx.replyWithDocument(new InputFile(result.bytes, ctx.t("cycle:plan.docxFile", { n })), {
    caption: ctx.t("cycle:plan.docxCaption", { title: result.round.title }),
    parse_mode: "HTML",
  });
});
