/**
 * What the web's pages show (DESIGN §10), decided per request from the database: the units a
 * person manages, a committee's roll-up (the same use case as `/tonghop` and its files), and a
 * cell's report (the same as `/baocao`). Aggregates only: never a form or a measure.
 * A unit outside the person's reach is "notFound" (the web answers 404, as for a unit that
 * does not exist), so a page never tells whether another subtree's unit exists.
 */
import { isCommitteeOfficer } from "../domain/committee.js";
import { canManageRounds } from "../domain/roles.js";
import { webCaller } from "./caller.js";
import { committeeFileFor, rollupFor, type TrailStep } from "./committee-intents.js";
import type { committeeRollup, CommitteeRollup } from "./committee-rollup.js";
import type { AppDeps } from "./deps.js";
import type { DocumentLocale } from "./documents.js";
import type { CommitteeRecord, MemberWithCell, ReportFileKind } from "./ports.js";
import { reportFileFor } from "./report-files.js";
import { roundReport, type RoundReport } from "./report.js";

type RollupDeps = Parameters<typeof committeeRollup>[0];
type PageDeps = RollupDeps & Pick<AppDeps, "answerPath" | "cells" | "members" | "progress" | "reports" | "rounds" | "users">;

export type { TrailStep };

export interface WebUnits {
  /** Committees where the person is an officer. */
  committees: CommitteeRecord[];
  /** The cell the person is secretary or deputy of. */
  cell: MemberWithCell | null;
}

/** The units the person manages now (empty lists: none, the session is of no use). */
export async function webUnits(deps: Pick<AppDeps, "answerPath" | "committees">, userId: bigint): Promise<WebUnits> {
  const [membership, rosters] = await Promise.all([deps.answerPath.findActiveMembership(userId), deps.committees.rostersOf(userId)]);
  return {
    committees: rosters.filter((e) => isCommitteeOfficer(e.role)).map((e) => e.committee),
    cell: membership && canManageRounds(membership.role) ? membership : null,
  };
}

export interface CommitteePage {
  rollup: CommitteeRollup;
  /**
   * The campaign before this one (the picker's next older), for the change: a summary
   * (committeeRollup's `withPrevious`: no correction figures, no follow-up state).
   */
  previous: CommitteeRollup | null;
  trail: TrailStep[];
  /** Direct lower committees (their rows open their own pages). */
  lowerCommitteeIds: number[];
}

export type CommitteePageResult =
  { kind: "page"; page: CommitteePage } | { kind: "noCampaign"; committee: CommitteeRecord; trail: TrailStep[] } | { kind: "notFound" };

/** A committee's page: the roll-up of a campaign (latest by default), and the previous one for the change. */
export async function webCommitteePage(deps: PageDeps, userId: bigint, committeeId: number, campaignId?: number): Promise<CommitteePageResult> {
  const caller = webCaller(userId);
  const result = await rollupFor(deps, caller, { committeeId, ...(campaignId === undefined ? {} : { campaignId }) }, { withPrevious: true });
  if (result.kind === "noCampaign") return { kind: "noCampaign", committee: result.committee, trail: result.trail };
  if (result.kind !== "rollup") return { kind: "notFound" };
  const { previous = null, ...rollup } = result.rollup;
  const lowerCommitteeIds = rollup.data.units.filter((u) => u.kind === "committee").map((u) => u.id);
  return { kind: "page", page: { rollup, previous, trail: result.trail, lowerCommitteeIds } };
}

/** The committee's DOCX or XLSX for a campaign, for a person who may see its page. */
export async function webCommitteeFile(
  deps: RollupDeps & Pick<AppDeps, "documents">,
  userId: bigint,
  committeeId: number,
  campaignId: number,
  kind: ReportFileKind,
  locale: DocumentLocale,
): Promise<{ kind: "file"; bytes: Uint8Array; title: string } | { kind: "notFound" }> {
  const result = await committeeFileFor(deps, webCaller(userId), { committeeId, campaignId, file: kind }, locale);
  if (result.kind !== "file") return { kind: "notFound" };
  return { kind: "file", bytes: result.bytes, title: result.rollup.campaign.title };
}

/** The cell's secretary or deputy acting for the cell `cellId`, or null. */
async function cellActor(deps: Pick<AppDeps, "answerPath">, userId: bigint, cellId: number): Promise<MemberWithCell | null> {
  const membership = await deps.answerPath.findActiveMembership(userId);
  return membership && membership.cellId === cellId && canManageRounds(membership.role) ? membership : null;
}

export type CellPageResult =
  { kind: "page"; report: RoundReport; pending: string[] } | { kind: "noRound"; cell: MemberWithCell["cell"] } | { kind: "notFound" };

/** A cell's page: its latest round's `/baocao` figures and who has not submitted. */
export async function webCellPage(deps: PageDeps, userId: bigint, cellId: number): Promise<CellPageResult> {
  const actor = await cellActor(deps, userId, cellId);
  if (!actor) return { kind: "notFound" };
  const result = await roundReport(deps, actor);
  if (result.kind === "noRound") return { kind: "noRound", cell: actor.cell };
  if (result.kind !== "report") return { kind: "notFound" };
  const pending = result.report.members.filter((m) => !m.submitted).map((m) => m.fullName);
  return { kind: "page", report: result.report, pending };
}

/** The cell's DOCX or XLSX of a round, for its secretary or deputy. */
export async function webCellFile(
  deps: Parameters<typeof reportFileFor>[0],
  userId: bigint,
  cellId: number,
  roundId: number,
  kind: ReportFileKind,
  locale: DocumentLocale,
): Promise<{ kind: "file"; bytes: Uint8Array; roundNumber: number } | { kind: "notFound" }> {
  const result = await reportFileFor(deps, webCaller(userId), { cellId, roundId, file: kind }, locale);
  return result.kind === "file" ? { kind: "file", bytes: result.bytes, roundNumber: result.roundNumber } : { kind: "notFound" };
}
