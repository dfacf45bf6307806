/**
 * Words and choices of the messages the bot sends on its own, in each person's language, as
 * channel-neutral messages (OutMessage): the outbox stores them and each channel's sender
 * renders them (Telegram: ../outbound.ts). It stays in src/bot for the callback codecs
 * (../callback-data.ts) its choices' ids come from, and Telegram's message limits (../limits.ts).
 */
import { checklistItems } from "../../domain/checklist.js";
import { compareDays, dayInZone, formatDay } from "../../domain/calendar.js";
import type { OutMessage } from "../../app/messages.js";
import type { FollowUpInput, MessageRenderer, ReminderInput } from "../../app/notifications.js";
import type { RoundReport } from "../../app/report.js";
import type { CellRecord, RoundRecord } from "../../app/ports.js";
import { LOCALES, type Locale } from "../../config.js";
import type { I18n } from "../../infra/i18n/index.js";
import { encodeFollowUp, encodeMuteFollowUp } from "../callback-data.js";
import { escapeHtml } from "../../infra/i18n/index.js";
import { shorten, splitMessage } from "../limits.js";
import { MEASURE_PREVIEW } from "../../app/screens/assessment.js";
import { renderReport } from "./report.js";
import { ChoiceRows } from "./choices.js";
import { formatPeriod, local } from "./format.js";

/** Notes on a follow-up message are cut to this many characters. */
const NOTE_PREVIEW = 200;

/** `botUsername` is no longer needed here (deep links are `start` choices the channel makes links of); kept for the callers. */
export function createRenderer(i18n: I18n, defaultLocale: Locale, _botUsername: string, clock: () => Date = () => new Date()): MessageRenderer {
  const pick = (locale: string | null): Locale => ((LOCALES as readonly string[]).includes(locale ?? "") ? (locale as Locale) : defaultLocale);
  const html = (text: string, choices?: ChoiceRows): OutMessage => ({ text, ...(choices ? { choices: choices.rows } : {}) });

  return {
    reminder(input: ReminderInput) {
      const t = i18n.t(pick(input.locale));
      const lines = [
        t(input.nudge ? "followup:reminder.titleNudge" : "followup:reminder.title", { cell: input.cell.name }),
        "",
        t("followup:reminder.round", { title: input.round.title, deadline: formatDay(input.round.deadlineDay) }),
        input.daysLeft <= 0 ? t("followup:reminder.lastDay") : t("followup:reminder.daysLeft", { count: input.daysLeft }),
        input.answered === 0 ? t("followup:reminder.notStarted") : t("followup:reminder.progress", { answered: input.answered, total: input.total }),
      ];
      return html(lines.join("\n"), new ChoiceRows().add({ label: t("followup:reminder.button"), start: "tusoi" }));
    },

    roundOpened(cell: CellRecord, round: RoundRecord, locale: string | null) {
      const t = i18n.t(pick(locale));
      const text = t("assessment:round.opened", { cell: cell.name, title: round.title, deadline: formatDay(round.deadlineDay) });
      return html(text, new ChoiceRows().add({ label: t("assessment:round.openButton"), start: `j_${cell.joinCode}` }));
    },

    followUp(input: FollowUpInput) {
      const locale = pick(input.locale);
      const t = i18n.t(locale);
      const today = dayInZone(clock(), input.cell.timezone);
      // The chi ủy's collective measures (/tusoi taphe) come in their own message to the secretary, saying whose they are.
      const kind = input.collective ? "collectiveFollowUp" : "followUp";
      const title = t(`followup:${kind}.title`, { month: formatPeriod(input.period), cell: shorten(input.cell.name, 100) });
      const lines = [
        input.pages > 1 ? `${title} ${t("followup:followUp.page", { page: input.page + 1, pages: input.pages })}` : title,
        "",
        t(`followup:${kind}.intro`),
      ];
      const keyboard = new ChoiceRows();
      for (const item of input.items) {
        const checklistItem = checklistItems(input.checklists(item.checklistCode, item.checklistVersion))[item.index];
        const code = checklistItem?.code ?? item.itemCode;
        const overdue = item.status !== "DONE" && item.targetDate !== null && compareDays(item.targetDate, today) < 0;
        lines.push(
          "",
          t("followup:followUp.item", {
            // Shortened so a page of FOLLOW_UP_PAGE_SIZE items fits one message; /tusua shows them whole.
            code,
            short: checklistItem ? local(checklistItem.short, locale) : code,
            measure: shorten(item.measure, MEASURE_PREVIEW),
            date: item.targetDate ? formatDay(item.targetDate) : "—",
            overdue: overdue ? t("followup:followUp.overdue") : "",
            status: item.status ? t(`progress.${item.status}`) : t("followup:followUp.noAnswer"),
          }) + (item.note ? t("followup:followUp.itemNote", { note: shorten(item.note, NOTE_PREVIEW) }) : ""),
        );
        const at = { id: item.assessmentId, index: item.index, period: input.period };
        // Every button carries its item's code (several items share a message); two to a row so
        // "1.4 · Đang khắc phục" is not cut off on a phone. The data is unchanged.
        const progress = (status: "DONE" | "IN_PROGRESS" | "NOT_STARTED") =>
          keyboard.add({
            label: t("followup:followUp.progressButton", { code, status: t(`progress.${status}`) }),
            id: encodeFollowUp({ action: "progress", ...at, status }),
          });
        progress("DONE");
        progress("IN_PROGRESS");
        keyboard.row();
        progress("NOT_STARTED");
        keyboard.add({ label: t("followup:followUp.noteButton", { code }), id: encodeFollowUp({ action: "note", ...at }) }).row();
      }
      if (input.pages === 1 && input.items.length > 0 && input.items.every((i) => i.status === "DONE")) lines.push("", t("followup:followUp.allDone"));
      // On the month's last page: the member may skip next month's follow-up (issue 13).
      if (input.page === input.pages - 1 && !input.collective) keyboard.add({ label: t("cycle:mute.button"), id: encodeMuteFollowUp(input.period) }).row();
      return html(lines.join("\n"), keyboard);
    },

    roundSummary(report: RoundReport, locale: string | null) {
      const l = pick(locale);
      // One title, the summary's own (as /baocao); its second line says the round ended, and when.
      return splitMessage(renderReport(report, i18n.t(l), l, "group")).map((text) => html(text));
    },

    reportBack({ report, conclusions, locale }) {
      const l = pick(locale);
      const t = i18n.t(l);
      // A short message read once: the file that follows, how many took part, the conclusions, the
      // next step. The figures are in the file (only when the group itself may see them); no one's
      // name, and no "Lập lúc" that would be stale by the time a retry delivers it.
      const { data } = report;
      const intro = report.itemsPublic ? t("cycle:reportBack.message.intro") : t("cycle:reportBack.message.introNoFile", { min: report.threshold });
      const parts = [
        t("cycle:reportBack.message.title", { cell: report.cell.name, title: report.round.title }),
        `${intro}\n${t("report:submitted", { submitted: data.submitted, total: data.total, percent: data.percent })}`,
      ];
      // The meeting the report was presented at (issue 19: the report back carries it).
      if (report.meeting)
        parts[1] += `\n${t("report:meeting", { day: formatDay(report.meeting.day), present: report.meeting.present, total: report.meeting.total })}`;
      if (conclusions) parts.push(`${t("cycle:reportBack.message.conclusionsTitle")}\n${escapeHtml(conclusions)}`);
      parts.push(t("cycle:reportBack.message.next"));
      return splitMessage(parts.join("\n\n")).map((text) => html(text));
    },

    reportBackFile({ report, roundNumber, bytes, locale }) {
      const t = i18n.t(pick(locale));
      const n = String(roundNumber).padStart(2, "0");
      return {
        text: t("cycle:reportBack.message.caption", { cell: shorten(report.cell.name, 300), title: shorten(report.round.title, 300) }),
        // The bytes in base64, so the outbox row holds them (drawn once: every recipient and retry gets the same file).
        file: { kind: "document", filename: t("report:files.docx", { n }), base64: Buffer.from(bytes).toString("base64") },
      };
    },
  };
}
