/**
 * The committee's intents, one use case each, the permission check inside (DESIGN §9): see a
 * campaign's roll-up, draw one of its files, end a campaign. Each takes the caller (who, and
 * from where) and the target, and returns the answer or a typed refusal; `/tonghop`, its
 * buttons and the web's pages all ask here, once.
 *
 * Who may:
 * - the roll-up and its files: an officer on the roster of the committee (in a chat the roll-up
 *   is posted to that committee's group); on the web also an officer of a committee above it,
 *   who drills down (the page is the officer's own screen, nothing is posted);
 * - ending a campaign: an officer on the roster of the committee that issued it, while it is open.
 */
import { isCommitteeOfficer, parentMap, subtreeIds } from "../domain/committee.js";
import type { Caller } from "./caller.js";
import { committeeActor, committeeOfGroup, officerCommittees, type CommitteeActor } from "./committee.js";
import { endCampaign, type EndCampaignResult } from "./committee-campaigns.js";
import { committeeFile, type CommitteeFileResult } from "./committee-documents.js";
import { committeeRollup, isCampaignOpen, type CommitteeRollup, type RollupOptions } from "./committee-rollup.js";
import type { AppDeps } from "./deps.js";
import type { DocumentLocale } from "./documents.js";
import type { MessageRenderer } from "./notifications.js";
import type { CampaignRecord, CommitteeRecord, ReportFileKind } from "./ports.js";

/** One committee on the way down from the caller's own committee to the target's. */
export interface TrailStep {
  id: number;
  name: string;
}

/** The caller acting for a committee, and the way down to it (one step: their own committee). */
export interface CommitteeReach {
  actor: CommitteeActor;
  trail: TrailStep[];
}

/** The caller's own place on the committee's roster (null: not on it, or no such committee). */
async function onRoster(deps: Pick<AppDeps, "committees">, userId: bigint, committeeId: number): Promise<CommitteeActor | null> {
  const committee = await deps.committees.findCommittee(committeeId);
  return committee && committeeActor(deps, committee, userId);
}

/**
 * The caller acting for `committeeId`. In a chat: their entry on its roster. On the web: an
 * officer of it or of a committee above it (who may drill down), acting with that officer's
 * role for the committee. Null when the committee is out of reach.
 */
export async function committeeReach(deps: Pick<AppDeps, "committees">, caller: Caller, committeeId: number): Promise<CommitteeReach | null> {
  if (caller.from.kind !== "web") {
    const actor = await onRoster(deps, caller.userId, committeeId);
    return actor && { actor, trail: [{ id: actor.committeeId, name: actor.committee.name }] };
  }
  const officers = (await deps.committees.rostersOf(caller.userId)).filter((e) => isCommitteeOfficer(e.role));
  if (officers.length === 0) return null;
  const tree = await deps.committees.committeeTree();
  const via = officers.find((e) => subtreeIds(tree, e.committeeId).includes(committeeId));
  if (!via) return null;
  const committee = via.committeeId === committeeId ? via.committee : await deps.committees.findCommittee(committeeId);
  if (!committee) return null;
  // The way down from the officer's own committee, for the page's breadcrumb.
  const parents = parentMap(tree);
  const names = new Map(tree.map((n) => [n.id, n]));
  const ids: number[] = [];
  for (let at: number | null | undefined = committeeId; at !== null && at !== undefined && !ids.includes(at); at = parents.get(at)) {
    ids.unshift(at);
    if (at === via.committeeId) break;
  }
  const trail = ids.map((id) => ({ id, name: names.get(id)?.name ?? "" }));
  return { actor: { ...via, committeeId: committee.id, committee }, trail };
}

/** Which roll-up: of a named committee (a button, a page), else the one of where the caller asked. */
export interface RollupTarget {
  committeeId?: number;
  /** Default: the latest campaign covering the committee. */
  campaignId?: number;
}

export type RollupAnswer =
  | { kind: "rollup"; rollup: CommitteeRollup; trail: TrailStep[] }
  /** Asked in private by an officer of several committees, none named: which one. */
  | { kind: "chooseCommittee"; committees: CommitteeActor[] }
  | { kind: "noCampaign"; committee: CommitteeRecord; trail: TrailStep[] }
  | { kind: "forbidden" }
  /** Asked in a group that is not a committee's (a cell's, or any other). */
  | { kind: "notCommitteeGroup" };

type RollupDeps = Parameters<typeof committeeRollup>[0];

/** The committee the caller asks about, and their place on it, or why there is none. */
async function rollupReach(
  deps: RollupDeps,
  caller: Caller,
  committeeId: number | undefined,
): Promise<CommitteeReach | Exclude<RollupAnswer, { kind: "rollup" | "noCampaign" }>> {
  if (committeeId !== undefined) return (await committeeReach(deps, caller, committeeId)) ?? { kind: "forbidden" };
  if (caller.from.kind === "group") {
    const found = await committeeOfGroup(deps, caller.from.group);
    if (!found) return { kind: "notCommitteeGroup" };
    const actor = await committeeActor(deps, found, caller.userId);
    return actor ? { actor, trail: [{ id: found.id, name: found.name }] } : { kind: "forbidden" };
  }
  if (caller.from.kind !== "private") return { kind: "forbidden" };
  const mine = await officerCommittees(deps, caller.userId);
  if (mine.length === 0) return { kind: "forbidden" };
  if (mine.length > 1) return { kind: "chooseCommittee", committees: mine };
  return { actor: mine[0]!, trail: [{ id: mine[0]!.committeeId, name: mine[0]!.committee.name }] };
}

/** A campaign's roll-up over the committee's subtree, for a caller who may see it (`options`: committeeRollup's). */
export async function rollupFor(deps: RollupDeps, caller: Caller, target: RollupTarget = {}, options: RollupOptions = {}): Promise<RollupAnswer> {
  const reach = await rollupReach(deps, caller, target.committeeId);
  if ("kind" in reach) return reach;
  const result = await committeeRollup(deps, reach.actor, target.campaignId, options);
  if (result.kind === "noCampaign") return { kind: "noCampaign", committee: reach.actor.committee, trail: reach.trail };
  if (result.kind === "forbidden") return result;
  return { kind: "rollup", rollup: result.rollup, trail: reach.trail };
}

export interface CommitteeFileTarget {
  committeeId: number;
  campaignId: number;
  file: ReportFileKind;
}

/** One of the committee's files of a campaign (DOCX, XLSX, chart), for a caller who may see its roll-up. */
export async function committeeFileFor(
  deps: Parameters<typeof committeeFile>[0],
  caller: Caller,
  target: CommitteeFileTarget,
  locale: DocumentLocale,
): Promise<CommitteeFileResult> {
  const reach = await committeeReach(deps, caller, target.committeeId);
  return committeeFile(deps, reach?.actor ?? null, target.campaignId, target.file, locale);
}

export interface CampaignTarget {
  committeeId: number;
  campaignId: number;
}

export type MayEndResult = { kind: "mayEnd"; campaign: CampaignRecord; committee: CommitteeRecord } | { kind: "forbidden" } | { kind: "notOpen" };

/** An officer on the roster of the committee that issued the campaign (whatever the place: ending is never drilled down to). */
async function issuingOfficer(deps: Pick<AppDeps, "committees">, caller: Caller, committeeId: number): Promise<CommitteeActor | null> {
  const actor = await onRoster(deps, caller.userId, committeeId);
  return actor && isCommitteeOfficer(actor.role) ? actor : null;
}

/**
 * Whether the caller may end the campaign now ("Kết thúc đợt" asks before its confirmation):
 * reads the caller's roster entry and the campaign, nothing of the roll-up.
 */
export async function mayEndCampaign(deps: Pick<AppDeps, "campaigns" | "clock" | "committees">, caller: Caller, target: CampaignTarget): Promise<MayEndResult> {
  const actor = await issuingOfficer(deps, caller, target.committeeId);
  if (!actor) return { kind: "forbidden" };
  const campaign = await deps.campaigns.findCampaign(target.campaignId);
  if (!campaign || campaign.committeeId !== actor.committeeId) return { kind: "forbidden" };
  if (!isCampaignOpen(campaign, deps.clock())) return { kind: "notOpen" };
  return { kind: "mayEnd", campaign, committee: actor.committee };
}

/** Ends the campaign early (every round of it closes, each cell's summary queued), for an officer of its committee. */
export async function endCampaignFor(
  deps: Parameters<typeof endCampaign>[0],
  caller: Caller,
  target: CampaignTarget,
  renderer: MessageRenderer,
): Promise<EndCampaignResult> {
  return endCampaign(deps, await issuingOfficer(deps, caller, target.committeeId), target.campaignId, renderer);
}
