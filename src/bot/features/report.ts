/**
 * /baocao: the round summary, posted to the cell's group, with buttons for the report files
 * and other rounds. `/baocao chitiet` (private, secretary/deputy): each member's detail, logged.
 * `/baocao nhatky` (secretary): that log. /caidat: place and higher body on the report.
 * Refusals go to the asker, never to the group.
 */
import { Composer, GrammyError, InlineKeyboard, InputFile } from "grammy";
import { auditLog, detailFile, memberDetail, recentRounds, reportFileFor, reportSettings } from "../../app/report-files.js";
import { roundReport, type RoundReport } from "../../app/report.js";
import type { MemberWithCell } from "../../app/ports.js";
import { formatDay } from "../../domain/calendar.js";
import { canManageRounds, canSeeReport } from "../../domain/roles.js";
import { encodeCloseRound } from "./rounds.callbacks.js";
import {
  askCloseRoundData,
  cancelCloseRoundData,
  CANCEL_CLOSE_ROUND,
  detailXlsxData,
  encodeAskCloseRound,
  encodeDetailXlsx,
  encodeReportFile,
  encodeReportRound,
  reportFileData,
  reportRoundData,
} from "./report.callbacks.js";
import { shorten, splitMessage } from "../limits.js";
import type { BotContext } from "../context.js";
import { formatPeriod, formatTime } from "../presenters/format.js";
import { levelShown } from "../presenters/settings.js";
import { describeZoneChange } from "./pause.js";
import { encodeReportText } from "./meeting.callbacks.js";
import { encodeReportBack, encodeReportYear } from "./report-back.callbacks.js";
import { callerOf, editHtml, inOwnChat, memberForChat, onPress, refuse, replyHtml, replyLong, speaker, telegramChatOf } from "./shared.js";
import { summary } from "../../app/conversation.js";

export const report = new Composer<BotContext>();

/** File buttons for a round, the early close while it is open, and the last few other rounds. */
async function reportKeyboard(ctx: BotContext, member: MemberWithCell, r: RoundReport): Promise<InlineKeyboard> {
  const t = ctx.t;
  const keyboard = new InlineKeyboard()
    .text(t("report:buttons.docx"), encodeReportFile(r.round.id, "docx"))
    .text(t("report:buttons.xlsx"), encodeReportFile(r.round.id, "xlsx"))
    .text(t("report:buttons.chart"), encodeReportFile(r.round.id, "chart"));
  if (!r.closed) keyboard.row().text(t("report:buttons.closeEarly"), encodeAskCloseRound(r.round.id));
  // After the meeting (issue 13): a closed round's report goes back to every member; the year's totals.
  else {
    keyboard.row().text(t("cycle:reportBack.button"), encodeReportBack(r.round.id));
    // Issue 19: the report's typed sections, printed in the DOCX instead of dotted lines.
    keyboard
      .row()
      .text(t("meeting:texts.assessmentButton"), encodeReportText(r.round.id, "assessment"))
      .text(t("meeting:texts.directionButton"), encodeReportText(r.round.id, "direction"));
  }
  keyboard.row().text(t("cycle:reportBack.yearButton", { year: r.round.deadlineDay.slice(0, 4) }), encodeReportYear(Number(r.round.deadlineDay.slice(0, 4))));
  for (const other of ((await recentRounds(ctx.deps.app, member)) ?? []).filter((o) => o.id !== r.round.id)) {
    keyboard
      .row()
      .text(t("report:buttons.otherRound", { title: shorten(other.title, 40), deadline: formatDay(other.deadlineDay) }), encodeReportRound(other.id));
  }
  return keyboard;
}

type PostOutcome = "posted" | "postedInterim" | "forbidden" | "noRound" | "unreachable";

/**
 * Posts a round's summary to the cell's group: participation only until the round is closed
 * with enough forms (DESIGN §2); the officer then gets the interim item figures in private.
 */
async function postSummary(ctx: BotContext, member: MemberWithCell, roundId?: number): Promise<PostOutcome> {
  const result = await summary(ctx.deps.app, speaker(ctx), member, roundId);
  if (result.kind !== "summary") return result.kind;
  const { report } = result;
  const parts = splitMessage(result.group.text);
  // No Telegram group: the officer who asked gets the group's share privately.
  const group = telegramChatOf(member.cell.group) ?? ctx.from!.id;
  try {
    const keyboard = await reportKeyboard(ctx, member, report);
    for (const [i, text] of parts.entries()) {
      await ctx.api.sendMessage(group, text, { parse_mode: "HTML", ...(i === parts.length - 1 ? { reply_markup: keyboard } : {}) });
    }
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error;
    ctx.deps.logger.warn({ err: error, cellId: member.cellId }, "report could not be posted to the group");
    return "unreachable";
  }
  if (!result.officer) return "posted";
  await sendPrivately(ctx, result.officer.text);
  return "postedInterim";
}

/** Sends to the presser's private chat; false when they never opened the bot (or blocked it). */
async function sendPrivately(ctx: BotContext, text: string): Promise<boolean> {
  try {
    for (const part of splitMessage(text)) await ctx.api.sendMessage(ctx.from!.id, part, { parse_mode: "HTML" });
    return true;
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 403) return false;
    throw error;
  }
}

report.command(["baocao", "report"], async (ctx) => {
  const sub = ctx.match.trim().toLowerCase();
  if (sub === "chitiet" || sub === "detail") return showDetail(ctx);
  if (sub === "nhatky" || sub === "log") return showAudit(ctx);
  const member = await ctx.membership();
  if (!member || !inOwnChat(ctx, member)) return refuse(ctx, ctx.t("report:forbidden"));
  const outcome = await postSummary(ctx, member);
  if (outcome === "forbidden") return refuse(ctx, ctx.t("report:forbidden"));
  if (outcome === "noRound") return replyHtml(ctx, ctx.t("report:noRound"));
  if (outcome === "unreachable") return replyHtml(ctx, ctx.t("report:groupUnreachable"));
  if (ctx.chat.type === "private" && outcome === "posted") return replyHtml(ctx, ctx.t("report:postedToGroup"));
});

onPress(report, reportRoundData, async (ctx, { roundId }) => {
  const member = await ctx.membership();
  if (!member || !canSeeReport(member.role)) return ctx.answerCallbackQuery({ text: ctx.t("report:forbidden") });
  const outcome = await postSummary(ctx, member, roundId);
  if (outcome === "posted" || outcome === "postedInterim") return ctx.answerCallbackQuery();
  return ctx.answerCallbackQuery({
    text: ctx.t(outcome === "unreachable" ? "report:groupUnreachable" : outcome === "noRound" ? "report:noRound" : "report:forbidden"),
  });
});

onPress(report, reportFileData, async (ctx, { roundId, file }) => {
  const result = await reportFileFor(ctx.deps.app, callerOf(ctx), { roundId, file }, ctx.locale);
  if (result.kind !== "file") return ctx.answerCallbackQuery({ text: ctx.t(result.kind === "noRound" ? "report:noRound" : "report:forbidden") });
  const { member } = result;
  // Files carry item figures: to the group only when the group may see them, else privately.
  const { toGroup } = result;
  await ctx.answerCallbackQuery({ text: ctx.t(toGroup ? "report:files.sending" : "report:files.sentPrivately"), show_alert: !toGroup });
  const n = String(result.roundNumber).padStart(2, "0");
  const names = { cell: shorten(member.cell.name, 300), title: shorten(result.report.round.title, 300) };
  const caption = ctx.t(toGroup ? "report:files.caption" : "report:files.captionPrivate", names);
  const target = toGroup ? (telegramChatOf(member.cell.group) ?? ctx.from.id) : ctx.from.id;
  try {
    if (file === "chart") {
      await ctx.api.sendPhoto(target, new InputFile(result.bytes, `chart-${n}.png`), { caption, parse_mode: "HTML" });
    } else {
      await ctx.api.sendDocument(target, new InputFile(result.bytes, ctx.t(`report:files.${file}`, { n })), { caption, parse_mode: "HTML" });
    }
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error;
    ctx.deps.logger.warn({ err: error, cellId: member.cellId, file }, "report file could not be sent");
    await refuse(ctx, ctx.t(toGroup ? "report:files.failed" : "report:close.openBotFirst"));
    return;
  }
  // No higher body set: the DOCX has a dotted line there; the officer is told how to set it.
  if (file === "docx" && !result.higherBodySet) {
    try {
      await ctx.api.sendMessage(ctx.from.id, ctx.t("report:files.higherBodyHint"), { parse_mode: "HTML" });
    } catch (error) {
      if (!(error instanceof GrammyError)) throw error;
    }
  }
});

/** "Đóng đợt sớm" under a summary: the secretary or deputy confirms in private first. */
onPress(report, askCloseRoundData, async (ctx, { roundId }) => {
  const member = await ctx.membership();
  if (!member || !canManageRounds(member.role)) return ctx.answerCallbackQuery({ text: ctx.t("assessment:round.closeForbidden") });
  const result = await roundReport(ctx.deps.app, member, roundId);
  if (result.kind !== "report") return ctx.answerCallbackQuery({ text: ctx.t(result.kind === "noRound" ? "report:noRound" : "report:forbidden") });
  if (result.report.closed) return ctx.answerCallbackQuery({ text: ctx.t("assessment:round.notOpen") });
  const keyboard = new InlineKeyboard()
    .text(ctx.t("report:close.confirmButton"), encodeCloseRound(result.report.round.id))
    .row()
    .text(ctx.t("report:close.cancelButton"), CANCEL_CLOSE_ROUND);
  const text = ctx.t("report:close.confirm", { title: result.report.round.title, min: result.report.threshold });
  try {
    await ctx.api.sendMessage(ctx.from.id, text, { parse_mode: "HTML", reply_markup: keyboard });
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 403)
      return ctx.answerCallbackQuery({ text: ctx.t("report:close.openBotFirst"), show_alert: true });
    throw error;
  }
  return ctx.answerCallbackQuery(ctx.chat?.type === "private" ? {} : { text: ctx.t("report:close.sentPrivately") });
});

onPress(report, cancelCloseRoundData, async (ctx) => {
  await ctx.answerCallbackQuery();
  return editHtml(ctx, ctx.t("report:close.cancelled"));
});

async function showDetail(ctx: BotContext) {
  if (ctx.chat?.type !== "private") return replyHtml(ctx, ctx.t("report:detail.privateOnly"));
  const member = await ctx.membership();
  if (!member) return replyHtml(ctx, ctx.t("report:detail.forbidden"));
  const result = await memberDetail(ctx.deps.app, member, null, ctx.locale, "DETAIL_VIEW");
  if (result.kind === "forbidden") return replyHtml(ctx, ctx.t("report:detail.forbidden"));
  if (result.kind === "noRound") return replyHtml(ctx, ctx.t("report:noRound"));
  const t = ctx.t;
  const blocks = result.input.members.map((m) => {
    const lines = [t("report:detail.member", { name: m.name, status: t(m.submitted ? "report:detail.submitted" : "report:detail.notSubmitted") })];
    if (m.submitted && m.items.length === 0) lines.push(t("report:detail.nothingMarked"));
    for (const i of m.items) {
      lines.push(
        t("report:detail.item", {
          code: i.code,
          short: i.short,
          level: t(`answer.${i.level}`),
          measure: i.measure ?? "—",
          date: i.targetDate ? formatDay(i.targetDate) : "—",
          progress: i.progress ? t("report:detail.progress", { status: t(`progress.${i.progress}`), month: formatPeriod(i.progressPeriod!) }) : "",
        }),
      );
    }
    return lines.join("\n");
  });
  // Telegram caps a message at 4096 characters: as many messages as needed, cut between
  // lines (one member with many long measures spans several).
  const messages = splitMessage([t("report:detail.title", { title: result.round.title }), ...blocks].join("\n\n"));
  for (const [i, text] of messages.entries()) {
    const last = i === messages.length - 1;
    await replyHtml(ctx, last ? { text, keyboard: new InlineKeyboard().text(t("report:detail.xlsxButton"), encodeDetailXlsx(result.round.id)) } : text);
  }
}

onPress(report, detailXlsxData, async (ctx, { roundId }) => {
  const member = await ctx.membership();
  if (ctx.chat?.type !== "private" || !member) return ctx.answerCallbackQuery({ text: ctx.t("report:detail.forbidden") });
  const result = await detailFile(ctx.deps.app, member, roundId, ctx.locale);
  if (result.kind !== "file") return ctx.answerCallbackQuery({ text: ctx.t(result.kind === "noRound" ? "report:noRound" : "report:detail.forbidden") });
  await ctx.answerCallbackQuery();
  const n = String(result.roundNumber).padStart(2, "0");
  await ctx.replyWithDocument(new InputFile(result.bytes, ctx.t("report:files.detail", { n })));
});

async function showAudit(ctx: BotContext) {
  const member = await ctx.membership();
  if (!member) return refuse(ctx, ctx.t("report:audit.forbidden"));
  const result = await auditLog(ctx.deps.app, member);
  if (result.kind === "forbidden") return refuse(ctx, ctx.t("report:audit.forbidden"));
  if (ctx.chat?.type !== "private") return refuse(ctx, ctx.t("report:detail.privateOnly"));
  if (result.entries.length === 0) return replyHtml(ctx, ctx.t("report:audit.empty"));
  const lines = [ctx.t("report:audit.title"), ""];
  for (const e of result.entries) {
    lines.push(
      ctx.t("report:audit.line", {
        time: formatTime(e.at, member.cell.timezone),
        name: e.actorName,
        action: ctx.t(`report:audit.${e.action}`),
        round: e.roundTitle ? ` · ${e.roundTitle}` : "",
      }),
    );
  }
  // 30 entries of long names and titles can pass 4,096 characters: as many messages as needed.
  return replyLong(ctx, lines.join("\n"));
}

report.command(["caidat", "settings"], async (ctx) => {
  const member = await memberForChat(ctx);
  if (!member) return;
  const result = await reportSettings(ctx.deps.app, member, ctx.match);
  if (result.kind === "zoneChanged" || result.kind === "badZone") return replyHtml(ctx, describeZoneChange(ctx, result));
  const shown = ({ settings: s, ...unit }: Extract<typeof result, { settings: unknown }>) => ({
    threshold: s.reportThreshold,
    place: s.place || ctx.t("report:settings.notSet"),
    number: s.reportNumber || ctx.t("report:settings.numberBlank"),
    conclusion: ctx.t(s.conclusion21 ? "report:settings.kl21On" : "report:settings.kl21Off"),
    ...levelShown(ctx.t, s, unit, ctx.t("report:settings.notSet")),
  });
  switch (result.kind) {
    case "shown":
      return replyHtml(ctx, ctx.t("report:settings.show", shown(result)));
    case "changed":
      return replyHtml(ctx, ctx.t("report:settings.changed", shown(result)));
    default:
      return replyHtml(ctx, ctx.t(`report:settings.${result.kind}`));
  }
});
