/** Monthly follow-up answers and notes, /nhacnho (nudge now) and /lich (follow-up schedule). */
import { Composer } from "grammy";
import { followUpSchedule, nudgePending, parseAwaitingNote, type NudgeResult, type ScheduleView } from "../../app/followup.js";
import { decodeFollowUp, FOLLOW_UP_PATTERN, NUDGE_CELL_PATTERN } from "../callback-data.js";
import { canManageRounds } from "../../domain/roles.js";
import { currentPause } from "../../app/cell-time.js";
import { formatDay } from "../../domain/calendar.js";
import type { BotContext } from "../context.js";
import { PASS, type AwaitedTextHandlers } from "../awaited-text.js";
import { formatTime } from "../presenters/format.js";
import { isVietnamTime, utcOffsetLabel } from "../../domain/zones.js";
import { answerAndShow, memberForChat, ownPrivateChat, rendererFor, replyHtml, show, speaker } from "./shared.js";
import { choose, typedNote } from "../../app/conversation.js";

export const followUp = new Composer<BotContext>();

followUp.callbackQuery(FOLLOW_UP_PATTERN, async (ctx) => {
  if (!decodeFollowUp(ctx.callbackQuery.data)) return ctx.answerCallbackQuery({ text: ctx.t("error.badButton") });
  // Follow-up buttons live in the member's private chat only (see the form buttons).
  if (!ownPrivateChat(ctx)) return ctx.answerCallbackQuery({ text: ctx.t("error.privateButton") });
  return answerAndShow(ctx, await choose(ctx.deps.app, speaker(ctx), ctx.callbackQuery.data, { renderer: rendererFor(ctx) }));
});

/** Typed text while a note is awaited (awaited "note"); a note that is no longer the member's passes on. */
export const followUpTexts: AwaitedTextHandlers = {
  note: async (ctx, awaiting) => {
    if (!parseAwaitingNote(awaiting)) return PASS;
    const shown = await typedNote(ctx.deps.app, speaker(ctx), awaiting, ctx.message.text);
    return shown ? show(ctx, shown) : PASS;
  },
};

/** What /nhacnho (or the committee nudge's button) did, in the officer's words. */
function nudgeText(ctx: BotContext, result: NudgeResult): string {
  switch (result.kind) {
    case "queued": {
      ctx.deps.wakeSender?.();
      const lines = [ctx.t("followup:nudge.queued", { count: result.count })];
      if (result.skippedRecent > 0) lines.push(ctx.t("followup:nudge.skippedRecent", { count: result.skippedRecent }));
      if (result.unreachable > 0) lines.push(ctx.t("followup:nudge.unreachable", { count: result.unreachable }));
      return lines.join("\n");
    }
    case "nobodyPending":
      return ctx.t("followup:nudge.nobodyPending", { title: result.round.title });
    default:
      return ctx.t(`followup:nudge.${result.kind}`);
  }
}

followUp.command(["nhacnho", "remind"], async (ctx) => {
  const member = await memberForChat(ctx);
  if (!member) return;
  return replyHtml(ctx, nudgeText(ctx, await nudgePending(ctx.deps.app, member, rendererFor(ctx))));
});

/**
 * The button under a committee's nudge: /nhacnho for the cell it names. Only that cell's
 * secretary or deputy (the check /nhacnho makes); anyone else is refused and nothing is sent.
 */
followUp.callbackQuery(NUDGE_CELL_PATTERN, async (ctx) => {
  const member = await ctx.membership();
  if (!member || member.cellId !== Number(ctx.match[1]) || !canManageRounds(member.role)) {
    return ctx.answerCallbackQuery({ text: ctx.t("followup:nudge.buttonForbidden"), show_alert: true });
  }
  const result = await nudgePending(ctx.deps.app, member, rendererFor(ctx));
  await ctx.answerCallbackQuery();
  return replyHtml(ctx, nudgeText(ctx, result));
});

function describeSchedule(ctx: BotContext, s: ScheduleView) {
  // "giờ Việt Nam", or the UTC offset at the next run for another zone: never the raw identifier.
  const zone = isVietnamTime(s.timeZone)
    ? ctx.t("followup:schedule.zoneVietnam")
    : ctx.t("followup:schedule.zoneOffset", { offset: utcOffsetLabel(s.next, s.timeZone) });
  return {
    day: s.day === "last" ? ctx.t("followup:schedule.lastDay") : ctx.t("followup:schedule.day", { day: s.day }),
    time: s.time,
    zone,
    next: formatTime(s.next, s.timeZone),
  };
}

followUp.command(["lich", "schedule"], async (ctx) => {
  const member = await memberForChat(ctx);
  if (!member) return;
  const result = await followUpSchedule(ctx.deps.app, member, ctx.match);
  // A pause (/tamdung) not over yet is shown under the schedule (issue 13).
  const paused = await currentPause(ctx.deps.app, member.cellId);
  const pauseLine = paused ? `\n${ctx.t("cycle:pause.scheduleLine", { from: formatDay(paused.from), until: formatDay(paused.until) })}` : "";
  switch (result.kind) {
    case "shown":
      return replyHtml(ctx, ctx.t("followup:schedule.show", describeSchedule(ctx, result.schedule)) + pauseLine);
    case "changed":
      return replyHtml(ctx, ctx.t("followup:schedule.changed", describeSchedule(ctx, result.schedule)) + pauseLine);
    default:
      return replyHtml(ctx, ctx.t(`followup:schedule.${result.kind}`));
  }
});
