/** `/baocao`: the aggregate of a round for the secretary side, and the end-of-round summary. */
import { dayInZone, type Day } from "../domain/calendar.js";
import { checklistItems, type Checklist } from "../domain/checklist.js";
import { buildReport, groupSeesItems, MIN_GROUP_THRESHOLD, percent, type ProgressValue, type ReportData } from "../domain/report.js";
import { canSeeReport } from "../domain/roles.js";
import { decodeFollowUpDay, followUpAskedFor, nextFollowUp, periodOf, type FollowUpSchedule } from "../domain/schedule.js";
import { checklistFor } from "./checklists.js";
import type { AppDeps } from "./deps.js";
import type { CellRecord, MemberWithCell, RoundRecord } from "./ports.js";
import { isRoundOpen } from "../domain/rounds.js";
import type { Meeting } from "../domain/meeting.js";

export interface RoundReport {
  cell: CellRecord;
  round: RoundRecord;
  checklist: Checklist;
  data: ReportData;
  /** "YYYY-MM": the month the remediation figures describe. */
  period: string;
  /**
   * The monthly follow-up has asked about this round's measures this month (some answer of this
   * month, or this month's follow-up ran after the round opened): only then do the month's
   * figures ("chưa trả lời n") mean something.
   */
  followUpAsked: boolean;
  /** The day of the cell's next follow-up (cell time), said instead of the month's figures before one went out. */
  nextFollowUpDay: Day;
  /** Members Telegram said the bot cannot reach (blocked it, or never opened it). */
  unreachableNames: string[];
  unreachableIds: number[];
  /** Counted members and whether each submitted (for the participation sheet). */
  members: { id: number; fullName: string; submitted: boolean }[];
  /** Comparison with the cell's previous round, when there is one. */
  trend: RoundTrend | null;
  generatedAt: Date;
  /** Deadline passed or closed early. */
  closed: boolean;
  /** The cell's setting: forms needed before item figures reach the group (≥ 3). */
  threshold: number;
  /** Item lines, correction figures and the trend may be shown in the group (groupSeesItems). */
  itemsPublic: boolean;
  /** The chi ủy's collective form (/tusoi taphe): shown apart, never in the members' figures. */
  collective: CollectiveReport;
  /** The meeting recorded with /sinhhoat (day, present/total, chair), or null. Aggregate figures only. */
  meeting: Meeting | null;
}

/** The collective form of a round as reports show it. */
export interface CollectiveReport {
  /** none: never opened; draft: opened, not filed; submitted: filed. */
  status: "none" | "draft" | "submitted";
  /** Its filed items marked present, in checklist order, with the latest follow-up answer. */
  items: { code: string; value: "MINOR" | "SIGNIFICANT"; measure: string | null; targetDate: string | null; progress: ProgressValue | null }[];
}

export interface RoundTrend {
  previous: RoundRecord;
  previousData: ReportData;
  /** Change in members marking each item (current − previous), for items in either round. */
  changes: { code: string; current: number; previous: number; change: number }[];
  /** Correction items committed in the previous round, and how many are now corrected. */
  previousCommitted: number;
  previousCorrected: number;
  previousCorrectedPercent: number;
}

export type ReportResult = { kind: "report"; report: RoundReport } | { kind: "forbidden" } | { kind: "noRound" };

/**
 * The report of a round of the actor's cell (the latest when `roundId` is not given); only
 * the secretary, deputy and committee may ask.
 */
export async function roundReport(
  deps: Pick<AppDeps, "answerPath" | "cells" | "checklists" | "clock" | "members" | "progress" | "reports" | "rounds">,
  actor: MemberWithCell,
  roundId?: number,
): Promise<ReportResult> {
  if (!canSeeReport(actor.role)) return { kind: "forbidden" };
  const round = roundId === undefined ? await deps.rounds.findLatestRound(actor.cellId) : await deps.answerPath.findRound(roundId);
  if (!round) return { kind: "noRound" };
  // Another cell's round (a button pressed from elsewhere, or forged): a refusal, not "no round".
  if (round.cellId !== actor.cellId) return { kind: "forbidden" };
  return { kind: "report", report: await reportForRound(deps, actor.cell, round) };
}

/** Builds a round's report: participation, items, and this month's correction progress. */
export async function reportForRound(
  deps: Pick<AppDeps, "cells" | "checklists" | "clock" | "members" | "progress" | "reports" | "rounds">,
  cell: CellRecord,
  round: RoundRecord,
  withTrend = true,
): Promise<RoundReport> {
  const checklist = await checklistFor(deps, round.checklistCode, round.checklistVersion);
  const now = deps.clock();
  const today = dayInZone(now, cell.timezone);
  const period = periodOf(today);
  const rows = await deps.reports.roundReportRows(round.id, cell.id);
  const memberOf = new Map(rows.filed.map((f) => [f.assessmentId, f.memberId]));
  const progress = new Map<string, ProgressValue>();
  const answeredThisPeriod = new Set<string>();
  // Ordered by period: the last one seen per item is the latest.
  for (const p of await deps.progress.progressFor([...memberOf.keys()])) {
    const key = `${memberOf.get(p.assessmentId)}:${p.itemCode}`;
    progress.set(key, p.status);
    if (p.period === period) answeredThisPeriod.add(key);
  }
  const data = buildReport({
    members: rows.members,
    filed: rows.filed,
    codes: checklistItems(checklist).map((i) => i.code),
    today,
    progress,
    answeredThisPeriod,
  });
  const followUp = await followUpState(deps, cell, round, period, now, answeredThisPeriod.size > 0);
  const unreachable = await deps.members.unreachableMembers(cell.id);
  const previous = withTrend ? await deps.rounds.previousRound(round) : null;
  const trend = previous ? compare(data, await reportForRound(deps, cell, previous, false)) : null;
  const threshold = Math.max((await deps.cells.cellSettings(cell.id)).reportThreshold, MIN_GROUP_THRESHOLD);
  const closed = !isRoundOpen(round, now);
  return {
    cell,
    round,
    checklist,
    data,
    period,
    ...followUp,
    unreachableNames: unreachable.map((m) => m.fullName),
    unreachableIds: unreachable.map((m) => m.id),
    members: rows.members,
    trend,
    generatedAt: now,
    closed,
    threshold,
    itemsPublic: groupSeesItems(closed, data.submitted, threshold),
    collective: await collectiveReport(deps, round.id, checklist),
    meeting: await deps.rounds.roundMeeting(round.id),
  };
}

/** Whether this month's follow-up has asked about the round's measures, and when the next one is. */
async function followUpState(
  deps: Pick<AppDeps, "cells">,
  cell: CellRecord,
  round: RoundRecord,
  period: string,
  now: Date,
  answeredThisMonth: boolean,
): Promise<{ followUpAsked: boolean; nextFollowUpDay: Day }> {
  const stored = await deps.cells.findCellSchedule(cell.id);
  const schedule: FollowUpSchedule = stored
    ? { day: decodeFollowUpDay(stored.followUpDay), time: stored.followUpTime, timeZone: stored.timezone }
    : { day: 1, time: "08:00", timeZone: cell.timezone };
  const followUpAsked = followUpAskedFor({
    period,
    schedule,
    lastFollowUpAt: stored?.lastFollowUpAt ?? null,
    roundOpenedAt: round.openedAt,
    answeredThisMonth,
  });
  return { followUpAsked, nextFollowUpDay: dayInZone(nextFollowUp(now, schedule), schedule.timeZone) };
}

async function collectiveReport(deps: Pick<AppDeps, "progress" | "reports">, roundId: number, checklist: Checklist): Promise<CollectiveReport> {
  const form = await deps.reports.collectiveForm(roundId);
  if (!form) return { status: "none", items: [] };
  if (!form.submitted) return { status: "draft", items: [] };
  const latest = new Map<string, ProgressValue>();
  for (const p of await deps.progress.progressFor([form.assessmentId])) latest.set(p.itemCode, p.status);
  const order = checklistItems(checklist).map((i) => i.code);
  return {
    status: "submitted",
    items: form.answers
      .filter((a) => a.value === "MINOR" || a.value === "SIGNIFICANT")
      .sort((a, b) => order.indexOf(a.itemCode) - order.indexOf(b.itemCode))
      .map((a) => ({
        code: a.itemCode,
        value: a.value as "MINOR" | "SIGNIFICANT",
        measure: a.measure,
        targetDate: a.targetDate,
        progress: latest.get(a.itemCode) ?? null,
      })),
  };
}

function compare(current: ReportData, previousReport: RoundReport): RoundTrend {
  const previous = previousReport.data;
  const codes = new Set([...current.items, ...previous.items].map((i) => i.code));
  const totalOf = (data: ReportData, code: string) => data.items.find((i) => i.code === code)?.total ?? 0;
  const order = checklistItems(previousReport.checklist).map((i) => i.code);
  const changes = [...codes]
    .map((code) => ({ code, current: totalOf(current, code), previous: totalOf(previous, code), change: totalOf(current, code) - totalOf(previous, code) }))
    .sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code));
  const { committed, corrected } = previous.remediation;
  return {
    previous: previousReport.round,
    previousData: previous,
    changes,
    previousCommitted: committed,
    previousCorrected: corrected,
    previousCorrectedPercent: percent(corrected, committed),
  };
}
