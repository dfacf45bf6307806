/**
 * The web's pages as HTML strings, from what the use cases return (src/app/web-pages.ts).
 * Vietnamese first; English with the person's language. Aggregates only.
 */
import type { CommitteeRollup } from "../app/committee-rollup.js";
import type { CommitteePage, TrailStep, WebUnits } from "../app/web-pages.js";
import type { RoundReport } from "../app/report.js";
import { formatDay } from "../domain/calendar.js";
import { checklistItems, type Checklist } from "../domain/checklist.js";
import type { UnitLine } from "../domain/committee.js";
import { barChart } from "./chart.js";
import { html, raw, type Html } from "./html.js";

type Locale = "vi" | "en";

/** A translation as markup: its own text is ours and i18next escaped the values put into it. */
export type T = (key: string, options?: Record<string, unknown>) => Html;

const local = (text: { vi: string; en: string }, locale: Locale): string => text[locale] || text.vi;

function shortsOf(checklist: Checklist, locale: Locale): Map<string, string> {
  return new Map(checklistItems(checklist).map((item) => [item.code, local(item.short, locale)]));
}

function time(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hourCycle: "h23",
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("hour")}:${get("minute")} ${get("day")}/${get("month")}/${get("year")}`;
}

/** A 0–100 share as one of the stylesheet's width classes (no inline style under the CSP). */
const meter = (percent: number) => html`<span class="meter"><span class="w${Math.min(100, Math.max(0, Math.round(percent / 10) * 10))}"></span></span>`;

export function homePage(t: T, units: WebUnits): Html {
  const committees =
    units.committees.length === 0
      ? ""
      : html`<h2>${t("web:units.committees")}</h2><ul>${units.committees.map((c) => html`<li><a href="/c/${c.id}">${c.name}</a></li>`)}</ul>`;
  const cell = units.cell ? html`<h2>${t("web:units.cell")}</h2><ul><li><a href="/cell/${units.cell.cellId}">${units.cell.cell.name}</a></li></ul>` : "";
  const none = units.committees.length === 0 && !units.cell ? html`<p>${t("web:units.none")}</p>` : "";
  return html`<h1>${t("web:home")}</h1>${committees}${cell}${none}`;
}

function trailOf(trail: TrailStep[]): Html {
  if (trail.length <= 1) return html``;
  return html`<p class="trail">${trail.map((step, i) => (i === trail.length - 1 ? html`<span>${step.name}</span>` : html`<a href="/c/${step.id}">${step.name}</a>`))}</p>`;
}

export function committeeNoCampaign(t: T, committee: { name: string }, trail: TrailStep[]): Html {
  return html`${trailOf(trail)}<h1>${committee.name}</h1><p>${t("web:committee.noCampaign")}</p>`;
}

export type SortKey = "name" | "members" | "submitted" | "percent";
export const SORT_KEYS: readonly SortKey[] = ["name", "members", "submitted", "percent"];

const collator = new Intl.Collator("vi", { sensitivity: "base" });

export function sortUnits(units: UnitLine[], key: SortKey | null, dir: "asc" | "desc"): UnitLine[] {
  if (!key) return units;
  const sign = dir === "desc" ? -1 : 1;
  const by = (u: UnitLine) => (key === "percent" ? (u.members === 0 ? -1 : u.submitted / u.members) : u[key]);
  return [...units].sort(
    (a, b) => sign * (key === "name" ? collator.compare(a.name, b.name) : (by(a) as number) - (by(b) as number)) || collator.compare(a.name, b.name),
  );
}

export function committeePage(t: T, locale: Locale, page: CommitteePage, sort: { key: SortKey | null; dir: "asc" | "desc" }): Html {
  const r = page.rollup;
  const d = r.data;
  const base = `/c/${r.committee.id}`;
  const campaignQuery = `campaign=${r.campaign.id}`;
  const status = t(r.closed ? "committee:rollup.statusClosed" : "committee:rollup.statusOpen");
  const campaigns = [r.campaign, ...r.others].sort((a, b) => b.deadline.getTime() - a.deadline.getTime() || b.id - a.id);
  const picker =
    r.others.length === 0
      ? ""
      : html`<h2>${t("web:committee.others")}</h2><ul class="picker">${campaigns.map((c) =>
          c.id === r.campaign.id
            ? html`<li><strong>${c.title} (${formatDay(c.deadlineDay)})</strong></li>`
            : html`<li><a href="${base}?campaign=${c.id}">${c.title} (${formatDay(c.deadlineDay)})</a></li>`,
        )}</ul>`;
  // The /tonghop lines themselves, as cards: the same words and the same numbers.
  const cards = html`<div class="cards">
<div class="card" data-figure="started"><span class="big">${d.started}/${d.cells}</span>${t("committee:rollup.started", { started: d.started, cells: d.cells, percent: d.startedPercent })}${meter(d.startedPercent)}</div>
<div class="card" data-figure="complete"><span class="big">${d.complete}/${d.cells}</span>${t("committee:rollup.complete", { complete: d.complete, cells: d.cells })}</div>
<div class="card" data-figure="members"><span class="big">${d.percent}%</span>${t("committee:rollup.members", { submitted: d.submitted, members: d.members, percent: d.percent })}${meter(d.percent)}</div>
<div class="card" data-figure="direct-started"><span class="big">${d.direct.started}/${d.direct.units}</span>${t("committee:rollup.directStarted", { started: d.direct.started, units: d.direct.units, percent: d.direct.startedPercent })}${meter(d.direct.startedPercent)}</div>
<div class="card" data-figure="direct-held"><span class="big">${d.direct.held}/${d.direct.units}</span>${t("committee:rollup.directHeld", { held: d.direct.held, units: d.direct.units, percent: d.direct.heldPercent, meetings: d.direct.meetings, present: d.direct.present })}${meter(d.direct.heldPercent)}</div>
</div>`;
  const lower = new Set(page.lowerCommitteeIds);
  const head = (key: SortKey, label: Html, num = false) => {
    const dir = sort.key === key && sort.dir === "asc" ? "desc" : "asc";
    return html`<th${raw(num ? ' class="num"' : "")}><a href="${base}?${campaignQuery}&amp;sort=${key}&amp;dir=${dir}#units">${label}</a></th>`;
  };
  const rows = sortUnits(d.units, sort.key, sort.dir).map(
    (u) => html`<tr>
<td>${u.kind === "committee" && lower.has(u.id) ? html`<a href="/c/${u.id}?${campaignQuery}">${u.name}</a>` : u.name}</td>
<td class="hide-narrow">${t(u.kind === "committee" ? "web:committee.kindCommittee" : "web:committee.kindCell")}</td>
<td class="num">${u.members}</td><td class="num">${u.submitted}</td><td class="num">${u.percent}%</td><td class="held">${t(u.held ? "web:committee.heldYes" : "web:committee.heldNo")}</td><td class="bar-cell hide-narrow">${meter(u.percent)}</td></tr>`,
  );
  const units =
    d.units.length === 0
      ? html`<p>${t("web:committee.noUnits")}</p>`
      : html`<p class="muted">${t("web:committee.sortHint")}</p><div class="table-wrap"><table id="units-table">
<thead><tr>${head("name", t("web:committee.unitName"))}<th class="hide-narrow">${t("web:committee.unitKind")}</th>${head("members", t("web:committee.unitMembers"), true)}${head("submitted", t("web:committee.unitSubmitted"), true)}${head("percent", t("web:committee.unitPercent"), true)}<th>${t("web:committee.unitHeld")}</th><th class="hide-narrow"></th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
  const shorts = shortsOf(r.checklist, locale);
  let items: Html;
  if (!r.closed) items = html`<p>${t("committee:rollup.itemsWithheld")}</p>`;
  else if (d.items.length === 0)
    items = html`<p>${t("web:committee.itemsCounted", { counted: d.itemCells, cells: d.cells })}</p><p>${t("committee:rollup.noItems")}</p>`;
  else {
    items = html`<p>${t("web:committee.itemsCounted", { counted: d.itemCells, cells: d.cells })}</p>
<figure class="chart-box">${raw(
      barChart(
        d.items.map((i) => ({ label: `${i.code}. ${shorts.get(i.code) ?? i.code}`, value: i.total })),
        String(t("web:committee.chartAlt")),
      ),
    )}<figcaption class="muted">${t("web:committee.chartAlt")}</figcaption></figure>
<div class="table-wrap"><table id="items-table"><thead><tr><th>${t("web:committee.itemCode")}</th><th>${t("web:committee.itemShort")}</th><th class="num">${t("web:committee.itemMinor")}</th><th class="num">${t("web:committee.itemSignificant")}</th><th class="num">${t("web:committee.itemTotal")}</th></tr></thead>
<tbody>${d.items.map((i) => html`<tr><td>${i.code}</td><td>${shorts.get(i.code) ?? i.code}</td><td class="num">${i.minor}</td><td class="num">${i.significant}</td><td class="num">${i.total}</td></tr>`)}</tbody></table></div>`;
  }
  const remediation = r.closed
    ? html`<h2>${t("web:committee.remediation")}</h2><p id="remediation">${raw(t("report:remediation", { ...d.remediation }))}</p>`
    : "";
  const notStarted =
    d.notStarted.length === 0
      ? html`<p>${t("web:committee.allStarted")}</p>`
      : html`<details><summary>${t("web:committee.showList")}</summary><ul class="names">${d.notStarted.map((n) => html`<li>${n}</li>`)}</ul></details>`;
  return html`${trailOf(page.trail)}<h1>${r.committee.name}</h1>
<p>${raw(t("web:committee.campaign", { title: r.campaign.title, deadline: formatDay(r.campaign.deadlineDay), status }))}</p>
${r.issuer.id !== r.committee.id ? html`<p class="muted">${t("web:committee.issuer", { issuer: r.issuer.name })}</p>` : ""}
<h2>${t("web:committee.figures")}</h2>${cards}
<h2 id="units">${t("web:committee.units")}</h2>${units}
<h2>${t("web:committee.items")}</h2>${items}
${remediation}
<h2>${t("web:committee.change")}</h2>${changeSection(t, locale, r, page.previous)}
<h2>${t("web:committee.notStarted", { count: d.notStarted.length })}</h2>${notStarted}
<h2>${t("web:committee.files")}</h2><p class="files"><a href="${base}/files/${r.campaign.id}/docx" download>${t("web:committee.docx")}</a><a href="${base}/files/${r.campaign.id}/xlsx" download>${t("web:committee.xlsx")}</a></p>
${picker}
<p class="muted">${t("web:generatedAt", { time: time(r.generatedAt, r.committee.timezone) })}</p>`;
}

function changeSection(t: T, locale: Locale, r: CommitteeRollup, previous: CommitteeRollup | null): Html {
  if (!previous) return html`<p>${t("web:committee.noPrevious")}</p>`;
  const p = previous.data;
  const lines = [
    t("web:committee.changeCampaign", { title: previous.campaign.title, deadline: formatDay(previous.campaign.deadlineDay) }),
    t("web:committee.changeMembers", { previous: p.percent, current: r.data.percent, change: signed(r.data.percent - p.percent) }),
    t("web:committee.changeStarted", { previous: `${p.started}/${p.cells}`, current: `${r.data.started}/${r.data.cells}` }),
  ];
  // Item changes only when both campaigns are over (the §2/§6 rule holds for both).
  if (r.closed && previous.closed) {
    const shorts = shortsOf(r.checklist, locale);
    const codes = [...new Set([...r.data.items, ...p.items].map((i) => i.code))];
    const totalOf = (items: { code: string; total: number }[], code: string) => items.find((i) => i.code === code)?.total ?? 0;
    for (const code of codes)
      lines.push(
        t("web:committee.changeItem", { code, short: shorts.get(code) ?? code, previous: totalOf(p.items, code), current: totalOf(r.data.items, code) }),
      );
  }
  return html`<ul>${lines.map((line) => html`<li>${raw(line)}</li>`)}</ul>`;
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

export function cellNoRound(t: T, cell: { name: string }): Html {
  return html`<h1>${cell.name}</h1><p>${t("web:cell.noRound")}</p>`;
}

export function cellPage(t: T, locale: Locale, report: RoundReport, pending: string[]): Html {
  const d = report.data;
  const status = t(report.closed ? "committee:rollup.statusClosed" : "committee:rollup.statusOpen");
  const shorts = shortsOf(report.checklist, locale);
  const base = `/cell/${report.cell.id}`;
  const items = !report.itemsPublic
    ? html`<p>${t("web:cell.itemsWithheld")}</p>`
    : d.items.length === 0
      ? html`<p>${raw(t("report:noItems"))}</p>`
      : html`<figure class="chart-box">${raw(
          barChart(
            d.items.map((i) => ({ label: `${i.code}. ${shorts.get(i.code) ?? i.code}`, value: i.total })),
            String(t("web:committee.chartAlt")),
          ),
        )}</figure>
<div class="table-wrap"><table id="items-table"><thead><tr><th>${t("web:committee.itemCode")}</th><th>${t("web:committee.itemShort")}</th><th class="num">${t("web:committee.itemMinor")}</th><th class="num">${t("web:committee.itemSignificant")}</th><th class="num">${t("web:committee.itemTotal")}</th></tr></thead>
<tbody>${d.items.map((i) => html`<tr><td>${i.code}</td><td>${shorts.get(i.code) ?? i.code}</td><td class="num">${i.minor}</td><td class="num">${i.significant}</td><td class="num">${i.total}</td></tr>`)}</tbody></table></div>`;
  return html`<h1>${report.cell.name}</h1>
<p>${raw(t("web:cell.round", { title: report.round.title, deadline: formatDay(report.round.deadlineDay), status }))}</p>
<div class="cards"><div class="card" data-figure="submitted"><span class="big">${d.percent}%</span>${raw(t("report:submitted", { submitted: d.submitted, total: d.total, percent: d.percent }))}${meter(d.percent)}</div></div>
<h2>${t("web:cell.pending", { count: pending.length })}</h2>${pending.length === 0 ? html`<p>${t("web:cell.allSubmitted")}</p>` : html`<ul class="names" id="pending">${pending.map((n) => html`<li>${n}</li>`)}</ul>`}
<h2>${t("web:committee.items")}</h2>${items}
${report.itemsPublic ? html`<h2>${t("web:committee.remediation")}</h2><p id="remediation">${raw(t("report:remediation", { ...d.remediation }))}</p>` : ""}
<h2>${t("web:committee.files")}</h2><p class="files"><a href="${base}/files/${report.round.id}/docx" download>${t("web:committee.docx")}</a><a href="${base}/files/${report.round.id}/xlsx" download>${t("web:committee.xlsx")}</a></p>
<p class="muted">${t("web:generatedAt", { time: time(report.generatedAt, report.cell.timezone) })}</p>`;
}

export function messagePage(title: Html, text: Html): Html {
  return html`<h1>${title}</h1><p>${text}</p>`;
}

export function loginPage(t: T, token: string, valid: boolean): Html {
  if (!valid) return html`<h1>${t("web:login.refusedTitle")}</h1><p id="refused">${t("web:login.refused")}</p>`;
  return html`<h1>${t("web:login.title")}</h1><p>${t("web:login.text")}</p><form method="post" action="/login/${token}"><button type="submit" class="primary">${t("web:login.button")}</button></form>`;
}
