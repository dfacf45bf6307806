/**
 * The committee's roll-up text (`/tonghop`, DESIGN §6 lines), in the bot's markup: every channel
 * shows the same (Telegram as HTML, a text channel as plain text).
 */
import type { CommitteeRollup } from "../committee-rollup.js";
import { formatDay } from "../../domain/calendar.js";
import { checklistItems } from "../../domain/checklist.js";
import { itemPercent } from "../../domain/committee.js";
import type { Locale } from "../../config.js";
import { formatPeriod, formatTime, local } from "./format.js";
import type { Translate } from "./screen.js";

/**
 * The roll-up as posted to the committee's group. Never a member's name; item lines and the
 * correction line only once the campaign is over (and then only from the cells whose own group
 * may see them: the roll-up data already leaves the others out).
 */
export function renderRollup(r: CommitteeRollup, t: Translate, locale: Locale): string {
  const d = r.data;
  const lines = [
    t("committee:rollup.title"),
    t("committee:rollup.subtitle", {
      committee: r.committee.name,
      title: r.campaign.title,
      deadline: formatDay(r.campaign.deadlineDay),
      status: t(r.closed ? "committee:rollup.statusClosed" : "committee:rollup.statusOpen"),
    }),
  ];
  if (r.issuer.id !== r.committee.id) lines.push(t("committee:rollup.issuer", { issuer: r.issuer.name, committee: r.committee.name }));
  lines.push(
    "",
    t("committee:rollup.started", { started: d.started, cells: d.cells, percent: d.startedPercent }),
    t("committee:rollup.complete", { complete: d.complete, cells: d.cells }),
    t("committee:rollup.members", { submitted: d.submitted, members: d.members, percent: d.percent }),
    // Issue 19: direct units the Party's way, the meetings, the collective forms apart.
    t("committee:rollup.directStarted", { started: d.direct.started, units: d.direct.units, percent: d.direct.startedPercent }),
    t("committee:rollup.directHeld", { ...d.direct, percent: d.direct.heldPercent }),
    t("committee:rollup.collectives", { count: d.collectives, cells: d.botCells }),
  );
  if (d.units.length > 0) {
    lines.push("", t("committee:rollup.unitsTitle"));
    for (const u of d.units)
      lines.push(
        t(u.entered ? "committee:rollup.unitEntered" : "committee:rollup.unit", {
          name: u.name,
          submitted: u.submitted,
          members: u.members,
          percent: u.percent,
        }),
      );
  }
  if (d.hasEntered) lines.push(t("committee:rollup.enteredNote"));
  lines.push("");
  if (!r.closed) {
    lines.push(t("committee:rollup.itemsWithheld"));
  } else {
    const shorts = new Map(checklistItems(r.checklist).map((item) => [item.code, local(item.short, locale)]));
    if (d.items.length === 0) lines.push(t("committee:rollup.noItems"));
    else {
      lines.push(t("committee:rollup.itemsTitle", { counted: d.itemCells, cells: d.cells }));
      for (const item of d.items)
        lines.push(
          t("committee:rollup.item", { code: item.code, short: shorts.get(item.code) ?? item.code, count: item.total, percent: itemPercent(d, item) }),
        );
      lines.push(t("committee:rollup.itemPercentNote", { members: d.countedMembers }));
    }
    lines.push("", t("committee:rollup.remediationTitle"), t("report:remediation", { ...d.remediation }));
    // As the cell's /baocao: the month's answers only once a counted cell was asked; before that, from when.
    if (d.remediation.committed > 0) {
      if (r.followUpAsked) lines.push(t("report:monthProgress", { ...d.remediation, month: formatPeriod(r.period) }));
      else if (r.firstFollowUpDay) lines.push(t("committee:rollup.nextFollowUp", { date: formatDay(r.firstFollowUpDay) }));
    }
  }
  lines.push("", t("committee:rollup.generatedAt", { time: formatTime(r.generatedAt, r.committee.timezone) }));
  return lines.join("\n");
}
