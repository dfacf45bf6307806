/**
 * A cell's time (issue 13): `/tamdung` (alias `/pause`) pauses reminders and follow-ups for a
 * period; "Tạm dừng nhắc tôi 1 tháng" on a follow-up mutes one month for that member; and the
 * words of `/caidat muigio` (handled with the other settings in report.ts).
 */
import { Composer } from "grammy";
import { muteFollowUp, pauseCell, type ZoneChangeResult } from "../../app/cell-time.js";
import { MAX_PAUSE_DAYS } from "../../domain/pause.js";
import { formatDay } from "../../domain/calendar.js";
import { isVietnamTime, utcOffsetLabel } from "../../domain/zones.js";
import { MUTE_FOLLOW_UP_PATTERN } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { formatPeriod } from "../presenters/format.js";
import { memberForChat, ownPrivateChat, replyHtml, requireMember } from "./shared.js";

export const pause = new Composer<BotContext>();

pause.command(["tamdung", "pause"], async (ctx) => {
  const member = await memberForChat(ctx);
  if (!member) return;
  const result = await pauseCell(ctx.deps.app, member, ctx.match);
  const t = ctx.t;
  switch (result.kind) {
    case "shown":
      return replyHtml(
        ctx,
        result.pause ? t("cycle:pause.shown", { from: formatDay(result.pause.from), until: formatDay(result.pause.until) }) : t("cycle:pause.none"),
      );
    case "paused":
      return replyHtml(ctx, t("cycle:pause.paused", { from: formatDay(result.pause.from), until: formatDay(result.pause.until) }));
    case "tooLong":
      return replyHtml(ctx, t("cycle:pause.tooLong", { max: MAX_PAUSE_DAYS }));
    case "tooFar":
      return replyHtml(ctx, t("cycle:pause.tooFar", { latest: formatDay(result.latest) }));
    default:
      return replyHtml(ctx, t(`cycle:pause.${result.kind}`));
  }
});

/** "Tạm dừng nhắc tôi 1 tháng" on the member's own follow-up. */
pause.callbackQuery(MUTE_FOLLOW_UP_PATTERN, async (ctx) => {
  if (!ownPrivateChat(ctx)) return ctx.answerCallbackQuery({ text: ctx.t("error.privateButton") });
  const member = await requireMember(ctx);
  if (!member) return;
  const result = await muteFollowUp(ctx.deps.app, member);
  if (result.kind !== "muted") return ctx.answerCallbackQuery({ text: ctx.t("error.notMemberShort") });
  return ctx.answerCallbackQuery({ text: ctx.t("cycle:mute.done", { month: formatPeriod(result.period) }), show_alert: true });
});

/** The reply to `/caidat muigio …`: the new zone as people say it, or the common zones to pick from. */
export function describeZoneChange(ctx: BotContext, result: Extract<ZoneChangeResult, { kind: "zoneChanged" | "badZone" }>): string {
  const now = ctx.deps.app.clock();
  const label = (zone: string) => (isVietnamTime(zone) ? ctx.t("cycle:timezone.vietnam") : utcOffsetLabel(now, zone));
  if (result.kind === "badZone") {
    return ctx.t("cycle:timezone.bad", { list: result.common.map((z) => `<code>${z}</code> (${label(z)})`).join("\n") });
  }
  const lines = [ctx.t("cycle:timezone.changed", { zone: result.zone, label: label(result.zone) })];
  if (result.round) lines.push(ctx.t("cycle:timezone.roundMoved", { title: result.round.title, deadline: formatDay(result.round.deadlineDay) }));
  return lines.join("\n");
}
