/**
 * What is due at `now`, turned into outbox messages. Called on every scheduler tick; safe to
 * call as often as you like, from several processes: every message has an idempotency key,
 * so a tick missed while the bot was down is caught up once at the next tick.
 */
import { decodeFollowUpDay, roundEnded, type FollowUpSchedule } from "../domain/schedule.js";
import { followUpDueWithPause, reminderDueWithPause, type Pause } from "../domain/pause.js";
import { checklistItems } from "../domain/checklist.js";
import { checklistFor, checklistsFor, inChecklistOrder, itemIndexIn } from "./checklists.js";
import type { AppDeps } from "./deps.js";
import { followUpPages, type FollowUpItemView, type MessageRenderer } from "./notifications.js";
import type { CellSchedule, CorrectionItem, NewOutboxMessage, OpenRoundWithCell } from "./ports.js";
import { enqueueRoundSummary } from "./round-summary.js";

export interface DueWorkResult {
  closedRounds: number;
  enqueued: number;
}

export function scheduleOf(cell: CellSchedule): FollowUpSchedule {
  return { day: decodeFollowUpDay(cell.followUpDay), time: cell.followUpTime, timeZone: cell.timezone };
}

/** Enqueues everything due at `now`: end-of-round summaries, deadline reminders, follow-ups. */
export async function runDueWork(
  deps: Pick<AppDeps, "assessments" | "cells" | "checklists" | "clock" | "committees" | "members" | "outbox" | "progress" | "reports" | "rounds">,
  renderer: MessageRenderer,
  now: Date,
): Promise<DueWorkResult> {
  const result: DueWorkResult = { closedRounds: 0, enqueued: 0 };
  const cells = await deps.cells.listCellSchedules();
  // A paused cell (/tamdung) gets no reminders and no follow-ups; its rounds still close at the deadline.
  const pauses = new Map(cells.map((c) => [c.id, c.pause]));
  for (const round of await deps.rounds.listOpenRounds()) {
    if (roundEnded(now, round.deadline)) await endRound(deps, renderer, round, now, result);
    else await remind(deps, renderer, round, now, result, pauses.get(round.cellId) ?? null);
  }
  for (const cell of cells) await followUp(deps, renderer, cell, now, result);
  return result;
}

/** The deadline passed: close the round and post the final summary to the group, once. */
async function endRound(
  deps: Pick<AppDeps, "cells" | "checklists" | "clock" | "committees" | "members" | "outbox" | "progress" | "reports" | "rounds">,
  renderer: MessageRenderer,
  round: OpenRoundWithCell,
  now: Date,
  result: DueWorkResult,
) {
  // Enqueue first: if we crash in between, the next tick still finds the round open and the
  // summary's key stops a second copy.
  result.enqueued += await enqueueRoundSummary(deps, renderer, round.cell, { ...round, closedAt: now }, now);
  if (await deps.rounds.closeRound(round.id, now)) result.closedRounds++;
}

/** 3 days and 1 day before the deadline, 08:00 cell time: everyone who has not submitted. */
async function remind(
  deps: Pick<AppDeps, "checklists" | "members" | "outbox" | "rounds">,
  renderer: MessageRenderer,
  round: OpenRoundWithCell,
  now: Date,
  result: DueWorkResult,
  pause: Pause | null,
) {
  const due = reminderDueWithPause(now, round.deadlineDay, round.deadline, round.cell.timezone, pause);
  if (!due || (round.lastReminderDays !== null && round.lastReminderDays <= due.daysBefore)) return;
  const total = checklistItems(await checklistFor(deps, round.checklistCode, round.checklistVersion)).length;
  const messages: NewOutboxMessage[] = [];
  for (const member of await deps.members.pendingMembers(round.id, round.cellId)) {
    if (member.user.unreachableAt) continue; // they become reachable again when they write to the bot
    const message = renderer.reminder({
      locale: member.user.locale,
      cell: round.cell,
      round,
      daysLeft: due.daysLeft,
      answered: member.answered,
      total,
      nudge: false,
    });
    messages.push({
      key: `reminder:${round.id}:${member.id}:${due.daysBefore}d`,
      kind: "REMINDER",
      cellId: round.cellId,
      memberId: member.id,
      roundId: round.id,
      to: { userId: member.userId },
      message,
      notBefore: now,
      expiresAt: round.deadline,
    });
  }
  result.enqueued += await deps.outbox.enqueue(messages, now);
  await deps.rounds.setLastReminderDays(round.id, due.daysBefore);
}

/**
 * On the cell's follow-up day and time, each member with open correction items gets one
 * message for the month. Items filed after that moment wait for next month's. A month missed
 * entirely (down across its end) is caught up once, early the next month.
 */
async function followUp(
  deps: Pick<AppDeps, "assessments" | "cells" | "checklists" | "members" | "outbox" | "progress">,
  renderer: MessageRenderer,
  cell: CellSchedule,
  now: Date,
  result: DueWorkResult,
) {
  const schedule = scheduleOf(cell);
  const run = followUpDueWithPause(now, schedule, cell.lastFollowUpAt, cell.createdAt, cell.pause);
  if (!run) return;
  const { period } = run;
  const items = await openCorrectionItems(deps, cell.id, run.at);
  const byMember = new Map<number, typeof items>();
  for (const item of items) byMember.set(item.memberId, [...(byMember.get(item.memberId) ?? []), item]);
  const messages: NewOutboxMessage[] = [];
  // One query for every member with items (and their user), not one per member.
  const members = new Map((await deps.members.membersWithUsers([...byMember.keys()])).map((m) => [m.id, m]));
  // Members who muted this month's follow-up for themselves skip it (the next month they get it again).
  const muted = new Set(await deps.members.mutedMembers(cell.id, period));
  const checklists = await checklistsFor(deps, items);
  for (const [memberId, memberItems] of byMember) {
    const member = members.get(memberId);
    const user = member?.user;
    if (!member || !user || user.unreachableAt || muted.has(memberId)) continue;
    // Many items make several messages (a page each), each with its own idempotency key.
    const pages = followUpPages(memberItems.map((i) => ({ ...i, status: null, note: null })));
    pages.forEach((items, page) => {
      const message = renderer.followUp({
        locale: user.locale,
        cell,
        period,
        checklists,
        items,
        page,
        pages: pages.length,
      });
      messages.push({
        key: `follow-up:${memberId}:${period}${page === 0 ? "" : `:p${page + 1}`}`,
        kind: "FOLLOW_UP",
        cellId: cell.id,
        memberId,
        roundId: null,
        to: { userId: member.userId },
        message,
        notBefore: now,
        expiresAt: null,
      });
    });
  }
  messages.push(...(await collectiveFollowUp(deps, renderer, cell, period, run.at, now)));
  result.enqueued += await deps.outbox.enqueue(messages, now);
  await deps.cells.setLastFollowUpAt(cell.id, run.at);
}

/**
 * The chi ủy's collective measures (/tusoi taphe) are asked of the cell's current secretary,
 * in messages of their own that say they are the collective's. A secretary's own mute of the
 * month (/tamdung for oneself) does not skip them: they are the committee's, not the person's.
 */
async function collectiveFollowUp(
  deps: Pick<AppDeps, "assessments" | "checklists" | "members" | "progress">,
  renderer: MessageRenderer,
  cell: CellSchedule,
  period: string,
  filedBefore: Date,
  now: Date,
): Promise<NewOutboxMessage[]> {
  const items = await openCorrectionItems(deps, cell.id, filedBefore, undefined, { collective: true });
  if (items.length === 0) return [];
  const secretary = await deps.members.secretaryOf(cell.id);
  const member = secretary && (await deps.members.membersWithUsers([secretary.id]))[0];
  if (!member || member.user.unreachableAt) return [];
  const checklists = await checklistsFor(deps, items);
  const pages = followUpPages(items.map((i) => ({ ...i, status: null, note: null })));
  return pages.map((pageItems, page) => ({
    key: `follow-up-collective:${cell.id}:${period}${page === 0 ? "" : `:p${page + 1}`}`,
    kind: "FOLLOW_UP" as const,
    cellId: cell.id,
    memberId: member.id,
    roundId: null,
    to: { userId: member.userId },
    message: renderer.followUp({ locale: member.user.locale, cell, period, checklists, items: pageItems, page, pages: pages.length, collective: true }),
    notBefore: now,
    expiresAt: null,
  }));
}

/** Correction items filed before `filedBefore` whose latest answer is not "Đã khắc phục" (with `collective`: the chi ủy's). */
export async function openCorrectionItems(
  deps: Pick<AppDeps, "assessments" | "checklists" | "progress">,
  cellId: number,
  filedBefore: Date,
  memberId?: number,
  options: { collective?: boolean } = {},
): Promise<(Omit<FollowUpItemView, "status" | "note"> & CorrectionItem)[]> {
  const items = options.collective
    ? await deps.assessments.collectiveCorrectionItems(cellId, filedBefore)
    : await deps.assessments.correctionItems(cellId, filedBefore, memberId);
  const latest = new Map<string, string>();
  for (const p of await deps.progress.progressFor([...new Set(items.map((i) => i.assessmentId))])) latest.set(`${p.assessmentId}:${p.itemCode}`, p.status);
  const checklists = await checklistsFor(deps, items);
  return inChecklistOrder(
    items
      .filter((i) => latest.get(`${i.assessmentId}:${i.itemCode}`) !== "DONE")
      .map((i) => ({ ...i, index: itemIndexIn(checklists(i.checklistCode, i.checklistVersion), i.itemCode) })),
  );
}
