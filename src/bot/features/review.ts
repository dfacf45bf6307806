/**
 * `/kiemdiem [năm]` (alias `/review`): the member's own record of the year, in private only,
 * as text and as a DOCX to write the annual self-review from. Nobody else's forms, ever.
 */
import { Composer, InlineKeyboard, InputFile } from "grammy";
import { yearReview, yearReviewDocument, type YearReview } from "../../app/review.js";
import { formatDay } from "../../domain/calendar.js";
import { encodeReviewDocx, reviewDocxData } from "./papers.callbacks.js";
import type { BotContext } from "../context.js";
import { formatPeriod } from "../presenters/format.js";
import { onPress, ownPrivateChat, privateOnly, replyHtml, replyLong, requireMember } from "./shared.js";

export const review = new Composer<BotContext>();

review.chatType(["group", "supergroup"]).command(["kiemdiem", "review"], (ctx) => privateOnly(ctx, ctx.t("cycle:review.privateOnly")));

function renderYear(ctx: BotContext, name: string, r: YearReview): string {
  const t = ctx.t;
  const { record } = r;
  const lines = [
    t("cycle:review.title", { year: record.year, name }),
    "",
    t("cycle:review.tookPart", { count: record.tookPart, rounds: record.rounds.length }),
  ];
  for (const round of record.rounds)
    lines.push(t(round.tookPart ? "cycle:review.roundYes" : "cycle:review.roundNo", { title: round.title, deadline: formatDay(round.deadlineDay) }));
  lines.push("", t("cycle:review.itemsTitle"));
  if (record.items.length === 0) lines.push(t("cycle:review.noItems"));
  for (const i of record.items) {
    lines.push(
      t("cycle:review.item", {
        code: i.itemCode,
        short: r.shortOf(i.roundId, i.itemCode, ctx.locale),
        level: t(`answer.${i.value}`),
        round: r.roundTitles.get(i.roundId) ?? "",
        measure: i.measure ?? "—",
        date: i.targetDate ? formatDay(i.targetDate) : "—",
        state: i.state === "corrected" ? t("cycle:review.corrected", { month: formatPeriod(i.correctedIn!) }) : t(`cycle:review.${i.state}`),
      }),
    );
  }
  lines.push(
    "",
    t("cycle:review.totals", { committed: record.committed, corrected: record.corrected, open: record.open, overdue: record.overdue }),
    "",
    t("cycle:review.hint"),
  );
  return lines.join("\n");
}

review.chatType("private").command(["kiemdiem", "review"], async (ctx) => {
  const member = await requireMember(ctx);
  if (!member) return;
  const result = await yearReview(ctx.deps.app, member, ctx.match);
  if (result.kind === "badYear") return replyHtml(ctx, ctx.t("cycle:review.badYear"));
  if (result.kind === "noRounds") return replyHtml(ctx, ctx.t("cycle:review.noRounds", { year: result.year }));
  const keyboard = new InlineKeyboard().text(ctx.t("cycle:review.docxButton"), encodeReviewDocx(result.review.record.year));
  // Measures are shown whole: as many messages as needed, the button under the last.
  return replyLong(ctx, { text: renderYear(ctx, member.fullName, result.review), keyboard });
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
