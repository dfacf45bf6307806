/** The group summary of a round (DESIGN.md §2 lines), in the bot's markup, for every channel. Aggregates only, never names per item. */
import { dayInZone, formatDay } from "../../domain/calendar.js";
import { checklistItems } from "../../domain/checklist.js";
import type { RoundReport } from "../report.js";
import type { Locale } from "../../config.js";
import type { Translate } from "./screen.js";
import { signedChange } from "../../domain/report.js";
import { formatPeriod, formatTime, local } from "./format.js";

/**
 * Where a summary goes decides what it may show: a group sees item lines and correction
 * figures only when `report.itemsPublic`; an officer in private always sees them.
 */
export type ReportAudience = "group" | "private";

export function renderReport(report: RoundReport, t: Translate, locale: Locale, audience: ReportAudience): string {
  const { data, cell } = report;
  const shorts = new Map(checklistItems(report.checklist).map((item) => [item.code, local(item.short, locale)]));
  const lines = [t("report:title"), subtitle(report, t), ""];
  if (audience === "private" && !report.itemsPublic) lines.push(t("report:interimPrivate"), "");
  lines.push(t("report:submitted", { submitted: data.submitted, total: data.total, percent: data.percent }));
  if (data.pendingNames.length > 0) lines.push(t("report:pending", { names: data.pendingNames.join(", ") }));
  // The meeting (/sinhhoat): aggregate figures, the same for the group and in private.
  if (report.meeting) lines.push(t("report:meeting", { day: formatDay(report.meeting.day), present: report.meeting.present, total: report.meeting.total }));
  if (report.unreachableNames.length > 0) lines.push("", t("report:unreachable", { names: report.unreachableNames.join(", ") }));
  const collective = collectiveLines(report, t, locale, audience === "private" || report.itemsPublic);
  lines.push("", ...collective, ...(collective.length > 0 ? [""] : []));
  if (audience === "group" && !report.itemsPublic) {
    lines.push(t(report.closed ? "report:itemsWithheldFew" : "report:itemsWithheldOpen", { min: report.threshold }));
    lines.push("", t("report:generatedAt", { time: formatTime(report.generatedAt, cell.timezone) }));
    return lines.join("\n");
  }
  if (data.items.length === 0) {
    lines.push(t("report:noItems"));
  } else {
    lines.push(t("report:itemsTitle"));
    for (const item of data.items) lines.push(t("report:item", { code: item.code, short: shorts.get(item.code) ?? item.code, count: item.total }));
  }
  if (data.submitted > 0) lines.push(t("report:cleanForms", { count: data.cleanForms }));
  const r = data.remediation;
  lines.push("", t("report:remediationTitle"), t("report:remediation", { ...r }));
  // The month's answers only once the follow-up asked them; before that, when it will.
  if (r.committed > 0) {
    lines.push(
      report.followUpAsked
        ? t("report:monthProgress", { ...r, month: formatPeriod(report.period) })
        : t("report:nextFollowUp", { date: formatDay(report.nextFollowUpDay) }),
    );
  }
  if (report.trend) {
    const trend = report.trend;
    lines.push("", t("report:trendTitle", { title: trend.previous.title, deadline: formatDay(trend.previous.deadlineDay) }));
    const changed = trend.changes.filter((c) => c.change !== 0);
    if (changed.length === 0) lines.push(t("report:trendNone"));
    for (const c of changed) lines.push(t("report:trendItem", { ...c, change: signedChange(c.current, c.previous) }));
    if (trend.previousCommitted > 0) {
      lines.push(
        t("report:trendCorrected", { corrected: trend.previousCorrected, committed: trend.previousCommitted, percent: trend.previousCorrectedPercent }),
      );
    }
  }
  lines.push("", t("report:generatedAt", { time: formatTime(report.generatedAt, cell.timezone) }));
  return lines.join("\n");
}

/** The round's line under the title: its deadline, or, closed before it, the day it ended early. */
function subtitle(report: RoundReport, t: Translate): string {
  const { round, cell } = report;
  const deadline = formatDay(round.deadlineDay);
  if (round.closedAt && round.closedAt.getTime() < round.deadline.getTime()) {
    return t("report:subtitleClosedEarly", { cell: cell.name, title: round.title, deadline, closed: formatDay(dayInZone(round.closedAt, cell.timezone)) });
  }
  return t("report:subtitle", { cell: cell.name, title: round.title, deadline, status: report.closed ? t("report:statusClosed") : t("report:statusOpen") });
}

/**
 * The chi ủy's collective form on its own line group, apart from the members' figures. Its
 * items are the committee's, not a member's, so showing them leaks no one's answers; still the
 * group sees them under the members' rule (closed round, enough forms), so a meeting gets every
 * result at once and the items do not change between two summaries while the form is editable.
 */
function collectiveLines(report: RoundReport, t: Translate, locale: Locale, showItems: boolean): string[] {
  const { collective } = report;
  // A cell that does not use the collective form (/tusoi taphe) for this round hears nothing about it.
  if (collective.status === "none") return [];
  if (collective.status !== "submitted") return [t(`report:collective.${collective.status}`)];
  if (collective.items.length === 0) return [t("report:collective.submittedClean")];
  const lines = [t("report:collective.submitted", { count: collective.items.length })];
  if (!showItems) return [...lines, t("report:collective.withheld")];
  const shorts = new Map(checklistItems(report.checklist).map((item) => [item.code, local(item.short, locale)]));
  for (const item of collective.items) {
    lines.push(
      t("report:collective.item", {
        code: item.code,
        short: shorts.get(item.code) ?? item.code,
        level: t(`answer.${item.value}`),
        progress: item.progress ? t("report:collective.progress", { status: t(`progress.${item.progress}`) }) : "",
      }),
    );
  }
  return lines;
}
