/** /dotmoi: open a round and announce it in the cell's group; close a running round. */
import { Composer, InlineKeyboard } from "grammy";
import { announceRound, announcementOutcome, closeRound, openRound } from "../../app/rounds.js";
import { formatDay } from "../../domain/calendar.js";
import { closeRoundData, encodeCloseRound } from "./rounds.callbacks.js";
import type { BotContext } from "../context.js";
import { editHtml, memberForChat, onPress, rendererFor, replyHtml, requireMember } from "./shared.js";

/** How long /dotmoi waits for the announcement's outcome before answering. */
const ANNOUNCE_WAIT_MS = 5000;

export const rounds = new Composer<BotContext>();

rounds.command(["dotmoi", "newround"], async (ctx) => {
  const member = await memberForChat(ctx);
  if (!member) return;
  const t = ctx.t;
  const result = await openRound(ctx.deps.app, member, ctx.match, (opened) => t("assessment:round.defaultTitle", { opened }));
  switch (result.kind) {
    case "opened": {
      const { round } = result;
      const renderer = rendererFor(ctx);
      const key = await announceRound(ctx.deps.app, renderer, member.cell, round, ctx.locale);
      // The outbox sends it (and retries 429s and 5xx); wait a little to tell the secretary
      // plainly when the group refused it.
      await Promise.race([ctx.deps.wakeSender?.(), new Promise((resolve) => setTimeout(resolve, ANNOUNCE_WAIT_MS))]);
      const outcome = await announcementOutcome(ctx.deps.app, key);
      if (result.closedExpired) await replyHtml(ctx, t("assessment:round.closedExpired", { title: result.closedExpired.title }));
      if (outcome === "failed") return replyHtml(ctx, t("assessment:round.groupUnreachable", { title: round.title, deadline: formatDay(round.deadlineDay) }));
      if (ctx.chat?.type === "private") {
        await replyHtml(ctx, renderer.roundOpened(member.cell, round, ctx.locale).text);
        if (outcome === "pending") await replyHtml(ctx, t("assessment:round.announcementPending"));
      }
      return;
    }
    case "alreadyOpen": {
      const keyboard = new InlineKeyboard().text(t("assessment:round.closeButton"), encodeCloseRound(result.round.id));
      return replyHtml(ctx, {
        text: t("assessment:round.alreadyOpen", { title: result.round.title, deadline: formatDay(result.round.deadlineDay) }),
        keyboard,
      });
    }
    case "tooFar":
      return replyHtml(ctx, t("assessment:round.tooFar", { latest: formatDay(result.latest) }));
    case "badDate": {
      const text = ctx.match.trim().split(/\s+/)[0] ?? "";
      return replyHtml(ctx, t(result.reason === "format" ? "assessment:round.badFormat" : "assessment:round.impossible", { text: text.slice(0, 40) }));
    }
    default:
      return replyHtml(ctx, t(`assessment:round.${result.kind}`));
  }
});

onPress(rounds, closeRoundData, async (ctx, { roundId }) => {
  const member = await requireMember(ctx);
  if (!member) return;
  const result = await closeRound(ctx.deps.app, member, roundId, rendererFor(ctx));
  if (result.kind === "forbidden") return ctx.answerCallbackQuery({ text: ctx.t("assessment:round.closeForbidden") });
  if (result.kind === "notYours") return ctx.answerCallbackQuery({ text: ctx.t("assessment:round.closeNotYours") });
  ctx.deps.wakeSender?.();
  if (result.kind === "notOpen") return ctx.answerCallbackQuery({ text: ctx.t("assessment:round.notOpen") });
  await ctx.answerCallbackQuery();
  return editHtml(ctx, ctx.t("assessment:round.closed", { title: result.round.title }));
});
