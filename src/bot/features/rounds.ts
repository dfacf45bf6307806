/** /dotmoi: open a round and announce it in the cell's group; close a running round. */
import { Composer, InlineKeyboard } from "grammy";
import { closeRound, openRound } from "../../app/rounds.js";
import { formatDay } from "../../domain/calendar.js";
import { CLOSE_ROUND_PATTERN, encodeCloseRound } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { deepLink, editHtml, joinPayload, memberForChat, replyHtml, requireMember } from "./shared.js";

export const rounds = new Composer<BotContext>();

rounds.command(["dotmoi", "newround"], async (ctx) => {
  const member = await memberForChat(ctx);
  if (!member) return;
  const t = ctx.t;
  const result = await openRound(ctx.deps.app, member, ctx.match, (opened) => t("assessment:round.defaultTitle", { opened }));
  switch (result.kind) {
    case "opened": {
      const { round } = result;
      const keyboard = new InlineKeyboard().url(t("assessment:round.openButton"), deepLink(ctx, joinPayload(member.cell.joinCode)));
      const text = t("assessment:round.opened", { cell: member.cell.name, title: round.title, deadline: formatDay(round.deadlineDay) });
      await ctx.api.sendMessage(Number(member.cell.groupChatId), text, { parse_mode: "HTML", reply_markup: keyboard });
      if (result.closedExpired) await replyHtml(ctx, t("assessment:round.closedExpired", { title: result.closedExpired.title }));
      if (ctx.chat?.type === "private") await replyHtml(ctx, text);
      return;
    }
    case "alreadyOpen": {
      const keyboard = new InlineKeyboard().text(t("assessment:round.closeButton"), encodeCloseRound(result.round.id));
      return replyHtml(ctx, { text: t("assessment:round.alreadyOpen", { title: result.round.title, deadline: formatDay(result.round.deadlineDay) }), keyboard });
    }
    case "badDate": {
      const text = ctx.match.trim().split(/\s+/)[0] ?? "";
      return replyHtml(ctx, t(result.reason === "format" ? "assessment:round.badFormat" : "assessment:round.impossible", { text: text.slice(0, 40) }));
    }
    default:
      return replyHtml(ctx, t(`assessment:round.${result.kind}`));
  }
});

rounds.callbackQuery(CLOSE_ROUND_PATTERN, async (ctx) => {
  const member = await requireMember(ctx);
  if (!member) return;
  const result = await closeRound(ctx.deps.app, member, Number(ctx.match[1]));
  if (result.kind === "forbidden") return ctx.answerCallbackQuery({ text: ctx.t("assessment:round.forbidden") });
  if (result.kind === "notOpen") return ctx.answerCallbackQuery({ text: ctx.t("assessment:round.notOpen") });
  await ctx.answerCallbackQuery();
  return editHtml(ctx, ctx.t("assessment:round.closed", { title: result.round.title }));
});
