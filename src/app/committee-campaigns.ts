/**
 * A committee's campaign (đợt sinh hoạt chính trị): `/dotmoi` in the committee's group opens
 * a round in every cell of its subtree, each announced in the cell's group through the outbox;
 * a cell with its own round still open is told and may join later with a button; "Kết thúc
 * đợt" ends it early (every round of it closes, as at the deadline); `/nhacnho` nudges the
 * secretaries of cells with members pending.
 */
import { endOfDay } from "../domain/calendar.js";
import { isAncestorOrSelf, isCommitteeOfficer, parentMap, subtreeIds } from "../domain/committee.js";
import { canManageRounds } from "../domain/roles.js";
import type { CommitteeActor } from "./committee.js";
import { ancestorsOf, isCampaignOpen } from "./committee-rollup.js";
import type { AppDeps } from "./deps.js";
import { groupMessages, toGroupOrOfficers, unitOfficers } from "./group-delivery.js";
import type { OutMessage } from "./messages.js";
import type { MessageRenderer } from "./notifications.js";
import type { CampaignRecord, CellRecord, CommitteeRecord, MemberWithCell, NewOutboxMessage, RoundRecord } from "./ports.js";
import { enqueueRoundSummary } from "./round-summary.js";
import { templateForNewRounds } from "./templates.js";
import { parseRoundArgs, roundOpenedKey, type RoundArgs } from "./rounds.js";

/** The words of the committee's own messages (implemented by the channel's presenters). */
export interface CommitteeMessageRenderer {
  /** A campaign round's announcement in a cell's group, naming the issuing committee, with the start button. */
  campaignOpened(cell: CellRecord, round: RoundRecord, committee: CommitteeRecord): OutMessage;
  /** To a cell whose own round is still open: the campaign, and a button to join it (closing its own round). */
  campaignBusy(cell: CellRecord, own: RoundRecord, campaign: CampaignRecord, committee: CommitteeRecord): OutMessage;
  /** The committee's nudge to a cell's secretary, in private. */
  secretaryNudge(input: {
    locale: string | null;
    cell: CellRecord;
    round: RoundRecord;
    committee: CommitteeRecord;
    pending: number;
    members: number;
  }): OutMessage;
}

export type OpenCampaignResult =
  | { kind: "opened"; campaign: CampaignRecord; rounds: number; busy: number; cells: number }
  | { kind: "forbidden" }
  | { kind: "noCells" }
  | Exclude<RoundArgs, { kind: "parsed" }>;

/** Outbox key of the notice to a cell that kept its own round when a campaign opened. */
const busyKey = (campaignId: number, cellId: number): string => `campaign-busy:${campaignId}:${cellId}`;

/**
 * `/dotmoi dd/mm/yyyy [tiêu đề]` in a committee's group (officers): a campaign with a round in
 * every cell of the subtree, deadline 23:59 of that day in the committee's time zone.
 */
export async function openCampaign(
  deps: Pick<AppDeps, "campaigns" | "checklist" | "checklists" | "clock" | "committees" | "members" | "outbox" | "templates">,
  actor: CommitteeActor | null,
  args: string,
  defaultTitle: (openedDay: string) => string,
  renderer: CommitteeMessageRenderer,
): Promise<OpenCampaignResult> {
  if (!actor || !isCommitteeOfficer(actor.role)) return { kind: "forbidden" };
  const now = deps.clock();
  const tz = actor.committee.timezone;
  const parsed = parseRoundArgs(args, now, tz, defaultTitle);
  if (parsed.kind !== "parsed") return parsed;
  const committeeIds = subtreeIds(await deps.committees.committeeTree(), actor.committeeId);
  const cells = await deps.committees.cellsUnder(committeeIds);
  if (cells.length === 0) return { kind: "noCells" };
  const deadline = endOfDay(parsed.day, tz);
  // The committee issues the form: its chosen template (/mau), else the built-in checklist.
  const template = await templateForNewRounds(deps, { kind: "COMMITTEE", id: actor.committeeId });
  // The officers of cells without a group get the announcement privately; known before the
  // campaign's transaction, which builds the announcements.
  const officers = new Map<number, bigint[]>();
  for (const cell of cells) if (!cell.group) officers.set(cell.id, await unitOfficers(deps, { kind: "cell", id: cell.id }));
  const opening = await deps.campaigns.openCampaign(
    {
      committeeId: actor.committeeId,
      title: parsed.title,
      deadline,
      deadlineDay: parsed.day,
      checklistCode: template.code,
      checklistVersion: template.version,
      openedByUserId: actor.userId,
      committeeIds,
      now,
    },
    (round) =>
      toGroupOrOfficers(round.cell.group, officers.get(round.cellId) ?? [], {
        key: roundOpenedKey(round.id),
        kind: "ROUND_OPENED",
        cellId: round.cellId,
        memberId: null,
        roundId: round.id,
        message: renderer.campaignOpened(round.cell, round, actor.committee),
        notBefore: now,
        expiresAt: deadline,
      }),
  );
  const busy: NewOutboxMessage[][] = [];
  for (const { cell, round } of opening.busy) {
    busy.push(
      await groupMessages(
        deps,
        { kind: "cell", id: cell.id, group: cell.group },
        {
          key: busyKey(opening.campaign.id, cell.id),
          kind: "ROUND_OPENED",
          cellId: cell.id,
          memberId: null,
          roundId: round.id,
          message: renderer.campaignBusy(cell, round, opening.campaign, actor.committee),
          notBefore: now,
          expiresAt: deadline,
        },
      ),
    );
  }
  await deps.outbox.enqueue(busy.flat(), now);
  return { kind: "opened", campaign: opening.campaign, rounds: opening.rounds.length, busy: opening.busy.length, cells: cells.length };
}

export type EndCampaignResult = { kind: "ended"; campaign: CampaignRecord; rounds: number } | { kind: "forbidden" } | { kind: "notOpen" };

/**
 * "Kết thúc đợt" (confirmed): an officer of the issuing committee ends the campaign early.
 * Every open round of it closes and its cell's final summary goes to the cell's group
 * through the outbox, as at the deadline.
 */
export async function endCampaign(
  deps: Pick<AppDeps, "campaigns" | "cells" | "checklists" | "clock" | "committees" | "members" | "outbox" | "progress" | "reports" | "rounds">,
  actor: CommitteeActor | null,
  campaignId: number,
  renderer: MessageRenderer,
): Promise<EndCampaignResult> {
  if (!actor || !isCommitteeOfficer(actor.role)) return { kind: "forbidden" };
  const campaign = await deps.campaigns.findCampaign(campaignId);
  if (!campaign || campaign.committeeId !== actor.committeeId) return { kind: "forbidden" };
  const now = deps.clock();
  if (!isCampaignOpen(campaign, now)) return { kind: "notOpen" };
  const rounds = await deps.campaigns.openCampaignRounds(campaign.id);
  // Summaries first, then the close (the scheduler's order): a crash in between leaves the
  // round open and the summary's key stops a second copy.
  for (const { cell, ...round } of rounds) {
    await enqueueRoundSummary(deps, renderer, cell, { ...round, closedAt: now }, now);
    await deps.rounds.closeRound(round.id, now);
  }
  await deps.campaigns.endCampaign(campaign.id, now);
  return { kind: "ended", campaign, rounds: rounds.length };
}

export type JoinCampaignResult =
  | { kind: "joined"; round: RoundRecord; closedOwn: RoundRecord | null; committee: CommitteeRecord }
  | { kind: "forbidden" }
  | { kind: "notOpen" }
  | { kind: "notCovered" }
  | { kind: "already" };

/**
 * "Tham gia đợt của cấp trên" in a cell's group (its secretary or deputy): the cell's own open
 * round is closed (final summary to the group, as for an early close) and the cell gets its
 * round of the campaign, announced as at the campaign's opening.
 */
export async function joinCampaign(
  deps: Pick<AppDeps, "campaigns" | "cells" | "checklists" | "clock" | "committees" | "members" | "outbox" | "progress" | "reports" | "rounds">,
  actor: MemberWithCell,
  campaignId: number,
  renderer: MessageRenderer,
  committeeRenderer: CommitteeMessageRenderer,
): Promise<JoinCampaignResult> {
  if (!canManageRounds(actor.role)) return { kind: "forbidden" };
  const campaign = await deps.campaigns.findCampaign(campaignId);
  if (!campaign) return { kind: "notCovered" };
  const now = deps.clock();
  if (!isCampaignOpen(campaign, now)) return { kind: "notOpen" };
  const parentId = await deps.committees.cellParent(actor.cellId);
  const parents = parentMap(await deps.committees.committeeTree());
  if (parentId === null || !isAncestorOrSelf(parents, campaign.committeeId, parentId)) return { kind: "notCovered" };
  if (await deps.campaigns.campaignRoundOf(campaign.id, actor.cellId)) return { kind: "already" };
  const own = await deps.rounds.findOpenRound(actor.cellId);
  if (own) {
    await enqueueRoundSummary(deps, renderer, actor.cell, { ...own, closedAt: now }, now);
    await deps.rounds.closeRound(own.id, now);
  }
  const round = await deps.campaigns.joinCampaign(campaign, actor.cellId, actor.id, now);
  if (!round) return { kind: "already" };
  const committee = (await deps.committees.findCommittee(campaign.committeeId))!;
  await deps.outbox.enqueue(
    await groupMessages(
      deps,
      { kind: "cell", id: actor.cellId, group: actor.cell.group },
      {
        key: roundOpenedKey(round.id),
        kind: "ROUND_OPENED",
        cellId: actor.cellId,
        memberId: null,
        roundId: round.id,
        message: committeeRenderer.campaignOpened(actor.cell, round, committee),
        notBefore: now,
        expiresAt: round.deadline,
      },
    ),
    now,
  );
  return { kind: "joined", round, closedOwn: own, committee };
}

/** A committee's nudge to the same cell's secretary is not repeated within this long. */
export const SECRETARY_NUDGE_QUIET_MS = 3600_000;

export type SecretaryNudgeResult =
  | { kind: "queued"; count: number; skippedRecent: number; unreachable: number; noSecretary: number }
  | { kind: "forbidden" }
  | { kind: "noCampaign" }
  | { kind: "nobodyPending" };

/**
 * `/nhacnho` in a committee's group (officers): a private nudge to the secretary of every
 * cell of the subtree whose campaign round is open with members pending (never the members
 * themselves), at most once an hour per cell: the outbox key carries the hour.
 */
export async function nudgeSecretaries(
  deps: Pick<AppDeps, "campaigns" | "clock" | "committeeReports" | "committees" | "members" | "outbox">,
  actor: CommitteeActor | null,
  renderer: CommitteeMessageRenderer,
): Promise<SecretaryNudgeResult> {
  if (!actor || !isCommitteeOfficer(actor.role)) return { kind: "forbidden" };
  const now = deps.clock();
  const tree = await deps.committees.committeeTree();
  const campaign = (await deps.campaigns.campaignsOf([actor.committeeId, ...ancestorsOf(tree, actor.committeeId)], 1))[0];
  if (!campaign || !isCampaignOpen(campaign, now)) return { kind: "noCampaign" };
  const cells = await deps.committees.cellsUnder(subtreeIds(tree, actor.committeeId));
  const byId = new Map(cells.map((c) => [c.id, c]));
  const rows = await deps.committeeReports.campaignParticipation(
    campaign.id,
    cells.map((c) => c.id),
  );
  const pending = rows.filter((r) => r.roundId !== null && r.closedAt === null && r.submitted < r.members);
  if (pending.length === 0) return { kind: "nobodyPending" };
  const secretaries = new Map<number, Awaited<ReturnType<AppDeps["members"]["secretaryOf"]>>>();
  for (const row of pending) secretaries.set(row.cellId, await deps.members.secretaryOf(row.cellId));
  const users = new Map((await deps.members.membersWithUsers([...secretaries.values()].flatMap((s) => (s ? [s.id] : [])))).map((m) => [m.id, m]));
  const hour = Math.floor(now.getTime() / SECRETARY_NUDGE_QUIET_MS);
  const messages: NewOutboxMessage[] = [];
  let unreachable = 0;
  let noSecretary = 0;
  for (const row of pending) {
    const secretary = secretaries.get(row.cellId);
    const withUser = secretary ? users.get(secretary.id) : undefined;
    if (!withUser) {
      noSecretary++;
      continue;
    }
    if (withUser.user.unreachableAt) {
      unreachable++;
      continue;
    }
    const cell = byId.get(row.cellId)!;
    const round = (await deps.campaigns.campaignRoundOf(campaign.id, cell.id))!;
    messages.push({
      // memberId stays null: the secretary's own /nhacnho to their members is a separate matter.
      key: `secretary-nudge:${round.id}:${hour}`,
      kind: "NUDGE",
      cellId: cell.id,
      memberId: null,
      roundId: round.id,
      to: { userId: withUser.userId },
      notBefore: now,
      expiresAt: round.deadline,
      message: renderer.secretaryNudge({
        locale: withUser.user.locale,
        cell,
        round,
        committee: actor.committee,
        pending: row.members - row.submitted,
        members: row.members,
      }),
    });
  }
  const count = await deps.outbox.enqueue(messages, now);
  return { kind: "queued", count, skippedRecent: messages.length - count, unreachable, noSecretary };
}
