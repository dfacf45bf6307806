/**
 * `/tonghop`: a campaign's roll-up over the committee's own subtree (DESIGN §6), and the data
 * of its files. A committee follows the campaigns it issued and those of the committees above
 * it (a province's campaign, as far as the district's own cells go); it never sees a unit
 * outside its subtree, and never a form: only what each cell's own report shows.
 */
import { dayInZone } from "../domain/calendar.js";
import { checklistItems, type Checklist } from "../domain/checklist.js";
import {
  buildRollup,
  countsItems,
  isCommitteeOfficer,
  parentMap,
  subtreeFollowUp,
  subtreeIds,
  type CellFigures,
  type CellFollowUp,
  type RollupData,
} from "../domain/committee.js";
import { MIN_GROUP_THRESHOLD, percent, type RemediationSummary } from "../domain/report.js";
import { isRoundOpen } from "../domain/rounds.js";
import { decodeFollowUpDay, followUpAskedFor, nextFollowUp, periodOf, type FollowUpSchedule } from "../domain/schedule.js";
import type { CommitteeActor } from "./committee.js";
import { checklistFor } from "./checklists.js";
import type { AppDeps } from "./deps.js";
import type { CellRollupRow } from "./documents.js";
import type { CampaignRecord, CellBrief, CommitteeNode, CommitteeRecord, EnteredFiguresRecord, EnteredUnitRecord } from "./ports.js";

/** How many earlier campaigns the picker under the roll-up offers. */
export const CAMPAIGN_PICKER_SIZE = 5;

/** Open: not ended early and its deadline not passed. */
export const isCampaignOpen = (campaign: CampaignRecord, now: Date): boolean => campaign.closedAt === null && campaign.deadline.getTime() >= now.getTime();

export interface CommitteeRollup {
  committee: CommitteeRecord;
  campaign: CampaignRecord;
  /** The committee that issued the campaign (the committee itself, or one above it). */
  issuer: CommitteeRecord;
  checklist: Checklist;
  /** Deadline passed or ended early: item lines and correction figures may be shown. */
  closed: boolean;
  /** The actor may end it early (officer of the issuing committee, campaign still open). */
  canEnd: boolean;
  data: RollupData;
  cells: CellRollupRow[];
  /** Cells whose item figures count (their rows get marks in the spreadsheet, see cellMarks). */
  countedCellIds: number[];
  /** Earlier campaigns this committee can look at, newest first. */
  others: CampaignRecord[];
  /** "YYYY-MM": the month the correction figures describe. */
  period: string;
  /**
   * The month's correction figures mean something: a counted cell's follow-up has asked about
   * its campaign round's measures this month (domain/committee.ts subtreeFollowUp). Otherwise
   * `firstFollowUpDay` is the earliest day a counted cell will be asked (null: no counted cell).
   */
  followUpAsked: boolean;
  firstFollowUpDay: string | null;
  generatedAt: Date;
  /** With RollupOptions.withPrevious: the campaign before this one as a summary (null: none). */
  previous?: CommitteeRollup | null;
}

export type RollupResult = { kind: "rollup"; rollup: CommitteeRollup } | { kind: "forbidden" } | { kind: "noCampaign" };

/** The committee and those above it, nearest first. */
export function ancestorsOf(tree: CommitteeNode[], id: number): number[] {
  const parents = parentMap(tree);
  const out: number[] = [];
  for (let at = parents.get(id) ?? null; at !== null && !out.includes(at); at = parents.get(at) ?? null) out.push(at);
  return out;
}

export interface RollupOptions {
  /**
   * Also the campaign before this one (`previous`: the picker's next older one), for the web
   * page's "change from the previous campaign", computed together with this one (the tree, the
   * cells and the entered units read once; on PostgreSQL its queries run beside this one's) and
   * as a summary: only what the change shows of it (participation, units started, members per
   * item and level), no correction figures (its data.remediation stays zero) and no follow-up
   * state. Every figure it computes is the full roll-up's.
   */
  withPrevious?: boolean;
}

/** The campaign before `campaign` among `others` (newest first): an earlier deadline, or the same deadline and a lower id. */
export function previousCampaign(campaign: CampaignRecord, others: CampaignRecord[]): CampaignRecord | null {
  const at = campaign.deadline.getTime();
  return others.find((c) => c.deadline.getTime() < at || (c.deadline.getTime() === at && c.id < campaign.id)) ?? null;
}

type RollupDeps = Pick<AppDeps, "campaigns" | "checklists" | "clock" | "committeeReports" | "committees">;

/**
 * The roll-up of a campaign (the latest one covering the committee when `campaignId` is not
 * given), for an officer of the committee. A campaign of an unrelated committee (a replayed
 * or forged button) is refused.
 */
export async function committeeRollup(deps: RollupDeps, actor: CommitteeActor | null, campaignId?: number, options: RollupOptions = {}): Promise<RollupResult> {
  if (!actor || !isCommitteeOfficer(actor.role)) return { kind: "forbidden" };
  const tree = await deps.committees.committeeTree();
  const issuers = [actor.committeeId, ...ancestorsOf(tree, actor.committeeId)];
  const visible = await deps.campaigns.campaignsOf(issuers, CAMPAIGN_PICKER_SIZE + 1);
  let campaign = visible[0] ?? null;
  if (campaignId !== undefined) {
    campaign = await deps.campaigns.findCampaign(campaignId);
    if (!campaign || !issuers.includes(campaign.committeeId)) return { kind: "forbidden" };
  }
  if (!campaign) return { kind: "noCampaign" };
  const now = deps.clock();
  const subtree = subtreeIds(tree, actor.committeeId);
  const [cells, enteredUnits] = await Promise.all([deps.committees.cellsUnder(subtree, "brief"), deps.committees.enteredUnits(subtree)]);
  const scope: Scope = { actor, tree, visible, cells, enteredUnits, now };
  const others = visible.filter((c) => c.id !== campaign.id).slice(0, CAMPAIGN_PICKER_SIZE);
  const older = options.withPrevious ? previousCampaign(campaign, others) : null;
  const [rollup, previous] = await Promise.all([campaignRollup(deps, scope, campaign, false), older ? campaignRollup(deps, scope, older, true) : null]);
  return { kind: "rollup", rollup: options.withPrevious ? { ...rollup, previous } : rollup };
}

interface Scope {
  actor: CommitteeActor;
  tree: CommitteeNode[];
  visible: CampaignRecord[];
  cells: CellBrief[];
  enteredUnits: EnteredUnitRecord[];
  now: Date;
}

/** One campaign's roll-up over the scope's cells; `summary`: without the correction figures and the follow-up state (RollupOptions). */
async function campaignRollup(deps: RollupDeps, scope: Scope, campaign: CampaignRecord, summary: boolean): Promise<CommitteeRollup> {
  const { actor, tree, cells, enteredUnits, now } = scope;
  const closed = !isCampaignOpen(campaign, now);
  const today = dayInZone(now, actor.committee.timezone);
  const period = periodOf(today);
  const cellIds = cells.map((c) => c.id);
  const [participation, meetings, collectives, entered] = await Promise.all([
    deps.committeeReports.campaignParticipation(campaign.id, cellIds),
    deps.committeeReports.campaignMeetings(campaign.id),
    deps.committeeReports.campaignCollectives(campaign.id),
    deps.committees.enteredFigures(
      campaign.id,
      enteredUnits.map((u) => u.id),
    ),
  ]);
  const figures = [
    ...cellFigures(cells, participation, [], now, new Map(meetings.map((m) => [m.cellId, m])), new Set(collectives)),
    ...enteredUnitFigures(enteredUnits, entered, closed),
  ];
  // The database counts the cells' own forms; entered units' items come with their figures.
  const counted = figures.filter((f) => !f.entered && countsItems(f)).map((f) => f.cellId);
  // While the campaign runs the roll-up shows participation only (DESIGN §6): the item queries are not even run.
  const totals = !closed
    ? undefined
    : summary
      ? { items: await deps.committeeReports.campaignItemCounts(campaign.id, counted), remediation: { ...NO_REMEDIATION } }
      : await deps.committeeReports.campaignTotals(campaign.id, counted, today, period);
  const checklist = await Promise.resolve(checklistFor(deps, campaign.checklistCode, campaign.checklistVersion));
  const codes = checklistItems(checklist).map((i) => i.code);
  const data = buildRollup({
    rootId: actor.committeeId,
    committees: tree,
    cells: figures,
    codes,
    countedTotals: totals ?? { items: [], remediation: { ...NO_REMEDIATION } },
  });
  const followUp =
    closed && !summary ? countedFollowUp(cells, participation, counted, now, totals?.remediation ?? NO_REMEDIATION) : { asked: false, firstDay: null };
  const names = new Map(tree.map((c) => [c.id, c.name]));
  const issuer = campaign.committeeId === actor.committeeId ? actor.committee : (await deps.committees.findCommittee(campaign.committeeId))!;
  return {
    committee: actor.committee,
    campaign,
    issuer,
    checklist,
    closed,
    canEnd: !closed && campaign.committeeId === actor.committeeId,
    data,
    cells: figures.map((f) => cellRow(f, names.get(f.parentId) ?? "")),
    countedCellIds: counted,
    others: scope.visible.filter((c) => c.id !== campaign.id).slice(0, CAMPAIGN_PICKER_SIZE),
    period,
    followUpAsked: followUp.asked,
    firstFollowUpDay: followUp.firstDay,
    generatedAt: now,
  };
}

const NO_REMEDIATION: RemediationSummary = { committed: 0, corrected: 0, inProgress: 0, notStarted: 0, noAnswer: 0, overdue: 0 };

/**
 * Whether the month's correction figures of the counted cells mean something, by the cell's own
 * rule (followUpAskedFor, each cell on its own schedule and month): asked once one counted cell's
 * follow-up went out this month after its campaign round opened, or once an answer of this month
 * shows in the totals (a measure neither corrected nor left unanswered); else the earliest day a
 * counted cell will be asked.
 */
function countedFollowUp(
  cells: CellBrief[],
  participation: Awaited<ReturnType<AppDeps["committeeReports"]["campaignParticipation"]>>,
  counted: number[],
  now: Date,
  totals: RemediationSummary,
): { asked: boolean; firstDay: string | null } {
  const rows = new Map(participation.map((p) => [p.cellId, p]));
  const countedIds = new Set(counted);
  const states: CellFollowUp[] = [];
  for (const cell of cells) {
    const p = rows.get(cell.id);
    if (!countedIds.has(cell.id) || !p?.openedAt) continue;
    const schedule: FollowUpSchedule = { day: decodeFollowUpDay(p.followUpDay), time: p.followUpTime, timeZone: cell.timezone };
    const asked = followUpAskedFor({
      period: periodOf(dayInZone(now, cell.timezone)),
      schedule,
      lastFollowUpAt: p.lastFollowUpAt,
      roundOpenedAt: p.openedAt,
      answeredThisMonth: false,
    });
    states.push({ asked, nextDay: dayInZone(nextFollowUp(now, schedule), cell.timezone) });
  }
  const answeredThisMonth = totals.committed - totals.corrected - totals.noAnswer > 0;
  return answeredThisMonth ? { asked: true, firstDay: null } : subtreeFollowUp(states);
}

/**
 * The spreadsheet's per-cell marks and corrections, for the counted cells of a closed campaign
 * (one grouped query; the /tonghop text needs only the totals).
 */
export async function cellMarks(deps: Pick<AppDeps, "committeeReports">, rollup: CommitteeRollup): Promise<CellRollupRow[]> {
  if (!rollup.closed || rollup.countedCellIds.length === 0) return rollup.cells;
  const today = dayInZone(rollup.generatedAt, rollup.committee.timezone);
  const rows = await deps.committeeReports.campaignItems(rollup.campaign.id, rollup.countedCellIds, today, rollup.period);
  const byCell = new Map<number, typeof rows>();
  for (const row of rows) byCell.set(row.cellId, [...(byCell.get(row.cellId) ?? []), row]);
  return rollup.cells.map((cell) => {
    if (!cell.counted || cell.entered) return cell;
    const counts = new Map<string, number>();
    const remediation = { ...NO_REMEDIATION };
    for (const row of byCell.get(cell.cellId) ?? []) {
      counts.set(row.itemCode, (counts.get(row.itemCode) ?? 0) + row.count);
      for (const key of Object.keys(remediation) as (keyof RemediationSummary)[]) remediation[key] += row.remediation[key];
    }
    // Own properties only (a code may be "constructor"): read with byCode.
    return { ...cell, marks: Object.fromEntries(counts), remediation };
  });
}

function cellFigures(
  cells: CellBrief[],
  participation: Awaited<ReturnType<AppDeps["committeeReports"]["campaignParticipation"]>>,
  items: Awaited<ReturnType<AppDeps["committeeReports"]["campaignItems"]>>,
  now: Date,
  meetings: ReadonlyMap<number, { present: number }> = new Map(),
  collectives: ReadonlySet<number> = new Set(),
): CellFigures[] {
  const byCell = new Map(participation.map((p) => [p.cellId, p]));
  const itemsOf = new Map<number, typeof items>();
  for (const row of items) itemsOf.set(row.cellId, [...(itemsOf.get(row.cellId) ?? []), row]);
  return cells.map((cell) => {
    const p = byCell.get(cell.id);
    const rows = itemsOf.get(cell.id) ?? [];
    const remediation: RemediationSummary = { committed: 0, corrected: 0, inProgress: 0, notStarted: 0, noAnswer: 0, overdue: 0 };
    for (const row of rows) for (const key of Object.keys(remediation) as (keyof RemediationSummary)[]) remediation[key] += row.remediation[key];
    const hasRound = p?.roundId !== null && p?.roundId !== undefined;
    const closed = hasRound && !isRoundOpen({ closedAt: p.closedAt, deadline: p.deadline! }, now);
    return {
      cellId: cell.id,
      name: cell.name,
      parentId: cell.parentCommitteeId,
      members: p?.members ?? 0,
      submitted: p?.submitted ?? 0,
      hasRound,
      closed,
      threshold: p?.threshold ?? 3,
      items: rows.map((r) => ({ itemCode: r.itemCode, value: r.value, count: r.count })),
      remediation,
      // A meeting counts on the campaign's round the cell holds.
      meeting: hasRound && meetings.has(cell.id) ? { present: meetings.get(cell.id)!.present } : null,
      collective: collectives.has(cell.id),
    };
  });
}

/**
 * Units not on the bot as the roll-up counts them: like a cell under their committee, with the
 * figures the office entered for the campaign (none entered: not started). Their item counts
 * are totals without a level ("TOTAL"), counted under the cells' rule (campaign over, at least 3
 * forms) and only then.
 */
export function enteredUnitFigures(units: EnteredUnitRecord[], figures: EnteredFiguresRecord[], closed: boolean): CellFigures[] {
  const byUnit = new Map(figures.map((f) => [f.unitId, f]));
  return units.map((unit) => {
    const f = byUnit.get(unit.id);
    return {
      cellId: unit.id,
      name: unit.name,
      parentId: unit.committeeId,
      members: f?.members ?? 0,
      submitted: f?.submitted ?? 0,
      hasRound: f !== undefined,
      closed,
      threshold: MIN_GROUP_THRESHOLD,
      items: Object.entries(f?.items ?? {})
        .filter(([, count]) => count > 0)
        .map(([itemCode, count]) => ({ itemCode, value: "TOTAL", count })),
      remediation: { ...NO_REMEDIATION },
      meeting: f?.meetingDay ? { present: f.present ?? 0 } : null,
      entered: true,
      itemsEntered: (f?.items ?? null) !== null,
    };
  });
}

function cellRow(f: CellFigures, parentName: string): CellRollupRow {
  const counted = countsItems(f);
  // An entered unit's marks are its own entered counts (no query behind them).
  const marks = f.entered && counted ? Object.fromEntries(f.items.map((i) => [i.itemCode, i.count])) : {};
  return {
    cellId: f.cellId,
    name: f.name,
    parentName,
    members: f.members,
    submitted: f.submitted,
    percent: percent(f.submitted, f.members),
    counted,
    marks,
    remediation: { ...NO_REMEDIATION },
    meeting: f.meeting ?? null,
    ...(f.entered ? { entered: true } : {}),
  };
}
