/**
 * `/kiemdiem [năm]` (alias `/review`): the member's own record of the year, in private only,
 * as text and as a DOCX to write the annual self-review from. Nobody else's forms, ever.
 */
import { Composer, InlineKeyboard, InputFile } from "grammy";
import { renderYear } from "../../app/conversation.js";
import { yearReview, yearReviewDocument } from "../../app/review.js";
import { encodeReviewDocx, reviewDocxData } from "./papers.callbacks.js";
import type { BotContext } from "../context.js";
import { onPress, ownPrivateChat, privateOnly, replyHtml, replyLong, requireMember } from "./shared.js";

export const review = new Composer<BotContext>();

review.chatType(["group", "supergroup"]).command(["kiemdiem", "review"], (ctx) => privateOnly(ctx, ctx.t("cycle:review.privateOnly")));

review.chatType("private").command(["kiemdiem", "review"], async (ctx) => {
  const member = await requireMember(ctx);
  if (!member) return;
  const result = await yearReview(ctx.deps.app, member, ctx.match);
  if (result.kind === "badYear") return replyHtml(ctx, ctx.t("cycle:review.badYear"));
  if (result.kind === "noRounds") return replyHtml(ctx, ctx.t("cycle:review.noRounds", { year: result.year }));
  const keyboard = new InlineKeyboard().text(ctx.t("cycle:review.docxButton"), encodeReviewDocx(result.review.record.year));
  // Measures are shown whole: as many messages as needed, the button under the last.
  return replyLong(ctx, { text: renderYear({ t: ctx.t, locale: ctx.locale }, member.fullName, result.review), keyboard });
});

onPress(review, reviewDocxData, async (ctx, { year: asked }) => {
  if (!ownPrivateChat(ctx)) return ctx.answerCallbackQuery({ text: ctx.t("cycle:plan.privateButton") });
  const member = await requireMember(ctx);
  if (!member) return;
  const result = await yearReview(ctx.deps.app, member, String(asked));
  if (result.kind !== "review") return ctx.answerCallbackQuery({ text: ctx.t("cycle:review.noRounds", { year: String(asked) }) });
  await ctx.answerCallbackQuery();
  const year = result.review.record.year;
  const bytes = await yearReviewDocument(ctx.deps.app, member, result.review, ctx.locale);
  await ctx.replyWithDocument(new InputFile(bytes, ctx.t("cycle:review.docxFile", { year })), {
    caption: ctx.t("cycle:review.docxCaption", { year }),
    parse_mode: "HTML",
  });
});
