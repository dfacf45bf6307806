/**
 * The follow-up side of tự sửa: /nhacnho (nudge now), /lich (follow-up schedule), and the
 * member's monthly answers on each correction item.
 */
import { dayInZone, daysInMonth } from "../domain/calendar.js";
import { byCode, checklistItems } from "../domain/checklist.js";
import { canManageRoles, canManageRounds } from "../domain/roles.js";
import { cleanText, textLength } from "../domain/text.js";
import { daysBetween, encodeFollowUpDay, nextFollowUp, parseSchedule, periodOf, previousPeriod, type FollowUpDay, type Period } from "../domain/schedule.js";
import { checklistFor, checklistsFor, inChecklistOrder, itemIndexIn } from "./checklists.js";
import type { AppDeps } from "./deps.js";
import type { OutMessage } from "./messages.js";
import { followUpPages, type FollowUpItemView, type MessageRenderer } from "./notifications.js";
import type { CellSchedule, MemberWithCell, NewOutboxMessage, ProgressRecord, RoundRecord } from "./ports.js";
import { isRoundOpen } from "../domain/rounds.js";
import { scheduleOf } from "./scheduler.js";
import { canFillCollective } from "./assessment.js";
import { serializeAwaited } from "./awaited-input.js";

/** A nudge to the same member is not repeated within this long. */
export const NUDGE_QUIET_MS = 3600_000;

export type NudgeResult =
  | { kind: "queued"; count: number; skippedRecent: number; unreachable: number; round: RoundRecord }
  | { kind: "forbidden" }
  | { kind: "noOpenRound" }
  | { kind: "nobodyPending"; round: RoundRecord };

/** `/nhacnho`: a reminder now to everyone who has not submitted; never twice within an hour. */
export async function nudgePending(
  deps: Pick<AppDeps, "checklists" | "clock" | "members" | "outbox" | "rounds">,
  actor: MemberWithCell,
  renderer: MessageRenderer,
): Promise<NudgeResult> {
  if (!canManageRounds(actor.role)) return { kind: "forbidden" };
  const now = deps.clock();
  const round = await deps.rounds.findOpenRound(actor.cellId);
  if (!round || !isRoundOpen(round, now)) return { kind: "noOpenRound" };
  const pending = await deps.members.pendingMembers(round.id, actor.cellId);
  if (pending.length === 0) return { kind: "nobodyPending", round };
  const total = checklistItems(await checklistFor(deps, round.checklistCode, round.checklistVersion)).length;
  const daysLeft = daysBetween(dayInZone(now, actor.cell.timezone), round.deadlineDay);
  const messages: NewOutboxMessage[] = [];
  let skippedRecent = 0;
  let unreachable = 0;
  for (const member of pending) {
    // Telegram refused them before (blocked, never opened the bot): the secretary is told to
    // follow up in person; they become reachable again when they write to the bot.
    if (member.user.unreachableAt) {
      unreachable++;
      continue;
    }
    if (await deps.outbox.sentRecently(member.id, round.id, ["NUDGE"], new Date(now.getTime() - NUDGE_QUIET_MS))) {
      skippedRecent++;
      continue;
    }
    const message = renderer.reminder({ locale: member.user.locale, cell: actor.cell, round, daysLeft, answered: member.answered, total, nudge: true });
    // The key carries the hour: the check above and this insert are two steps, but two
    // officers nudging at the same moment make the same key, and INSERT OR IGNORE keeps one.
    messages.push({
      key: `nudge:${round.id}:${member.id}:${Math.floor(now.getTime() / NUDGE_QUIET_MS)}`,
      kind: "NUDGE",
      cellId: actor.cellId,
      memberId: member.id,
      roundId: round.id,
      to: { userId: member.userId },
      message,
      notBefore: now,
      expiresAt: round.deadline,
    });
  }
  const count = await deps.outbox.enqueue(messages, now);
  return { kind: "queued", count, skippedRecent: skippedRecent + messages.length - count, unreachable, round };
}

export interface ScheduleView {
  day: FollowUpDay;
  time: string;
  timeZone: string;
  next: Date;
}

export type ScheduleResult =
  | { kind: "shown"; schedule: ScheduleView }
  | { kind: "changed"; schedule: ScheduleView }
  | { kind: "forbidden" }
  | { kind: "badDay" }
  | { kind: "dayTooLate" }
  | { kind: "badTime" };

/** `/lich` shows the follow-up day and time and the next run; `/lich <day|cuối> <HH:MM>` sets them (secretary). */
export async function followUpSchedule(deps: Pick<AppDeps, "cells" | "clock">, actor: MemberWithCell, args: string): Promise<ScheduleResult> {
  const cell = (await deps.cells.findCellSchedule(actor.cellId))!;
  const view = (c: CellSchedule): ScheduleView => {
    const schedule = scheduleOf(c);
    return { day: schedule.day, time: schedule.time, timeZone: schedule.timeZone, next: nextFollowUp(deps.clock(), schedule) };
  };
  const [dayText, timeText] = args.trim().split(/\s+/).filter(Boolean);
  if (!dayText) return { kind: "shown", schedule: view(cell) };
  if (!canManageRoles(actor.role)) return { kind: "forbidden" };
  const parsed = parseSchedule(dayText, timeText);
  if (!parsed.ok) return { kind: parsed.reason === "dayTooLate" ? "dayTooLate" : parsed.reason === "time" ? "badTime" : "badDay" };
  await deps.cells.setFollowUpSchedule(cell.id, encodeFollowUpDay(parsed.day), parsed.time);
  return { kind: "changed", schedule: view({ ...cell, followUpDay: encodeFollowUpDay(parsed.day), followUpTime: parsed.time }) };
}

export type ProgressValueInput = ProgressRecord["status"];

export type ProgressResult = { kind: "saved"; message: OutMessage } | { kind: "notYours" } | { kind: "notOpen" };

/**
 * The member's follow-up message for `period` that holds the item (assessment, position), as
 * it looks now (with this period's answers): the page the pressed button was on.
 */
async function followUpMessage(
  deps: Pick<AppDeps, "assessments" | "checklists" | "progress">,
  member: MemberWithCell,
  period: Period,
  renderer: MessageRenderer,
  locale: string | null,
  pressed: { assessmentId: number; index: number; collective: boolean },
) {
  // Items filed up to the end of that month, including ones closed during it (so the member
  // sees what they just marked). The collective's message holds the collective's items only.
  const [year, month] = period.split("-").map(Number) as [number, number];
  const endOfPeriod = new Date(Date.UTC(year, month - 1, daysInMonth(year, month), 23, 59, 59));
  const all = pressed.collective
    ? await deps.assessments.collectiveCorrectionItems(member.cellId, endOfPeriod)
    : await deps.assessments.correctionItems(member.cellId, endOfPeriod, member.id);
  const progress = await deps.progress.progressFor([...new Set(all.map((i) => i.assessmentId))]);
  const thisPeriod = new Map(progress.filter((p) => p.period === period).map((p) => [`${p.assessmentId}:${p.itemCode}`, p]));
  const closedBefore = new Set(progress.filter((p) => p.period < period && p.status === "DONE").map((p) => `${p.assessmentId}:${p.itemCode}`));
  const checklists = await checklistsFor(deps, all);
  const items: (FollowUpItemView & { checklistCode: string; checklistVersion: number })[] = inChecklistOrder(
    all
      .filter((i) => !closedBefore.has(`${i.assessmentId}:${i.itemCode}`))
      .map((i) => {
        const p = thisPeriod.get(`${i.assessmentId}:${i.itemCode}`);
        return { ...i, index: itemIndexIn(checklists(i.checklistCode, i.checklistVersion), i.itemCode), status: p?.status ?? null, note: p?.note ?? null };
      }),
  );
  const pages = followUpPages(items);
  const page = Math.max(
    pages.findIndex((p) => p.some((i) => i.assessmentId === pressed.assessmentId && i.index === pressed.index)),
    0,
  );
  return renderer.followUp({
    locale,
    cell: member.cell,
    period,
    checklists,
    items: pages[page] ?? [],
    page,
    pages: Math.max(pages.length, 1),
    ...(pressed.collective ? { collective: true } : {}),
  });
}

/** A progress button: records this month's answer for one item (a later one replaces it). */
export async function recordProgress(
  deps: Pick<AppDeps, "answerPath" | "assessments" | "checklists" | "clock" | "progress">,
  member: MemberWithCell,
  input: { assessmentId: number; itemIndex: number; period: Period; status: ProgressValueInput },
  renderer: MessageRenderer,
  locale: string | null,
): Promise<ProgressResult> {
  const item = await ownItem(deps, member, input.assessmentId, input.itemIndex);
  if (!item) return { kind: "notYours" };
  if (!isRecentPeriod(deps, member, input.period)) return { kind: "notOpen" };
  await deps.progress.saveProgress({ assessmentId: input.assessmentId, itemCode: item.itemCode, period: input.period, status: input.status, at: deps.clock() });
  const pressed = { assessmentId: input.assessmentId, index: input.itemIndex, collective: item.collective };
  return { kind: "saved", message: await followUpMessage(deps, member, input.period, renderer, locale, pressed) };
}

/** Awaited text: a note on one item's progress this month. */
export function awaitingNote(assessmentId: number, itemIndex: number, period: Period): string {
  return serializeAwaited("note", { a: assessmentId, i: itemIndex, p: period });
}

export function parseAwaitingNote(stored: string | null): { assessmentId: number; itemIndex: number; period: Period } | null {
  try {
    const v = JSON.parse(stored ?? "") as { v?: number; k?: string; a?: number; i?: number; p?: string };
    if (v.v === 1 && v.k === "note" && Number.isInteger(v.a) && Number.isInteger(v.i) && /^\d{4}-\d{2}$/.test(v.p ?? "")) {
      return { assessmentId: v.a!, itemIndex: v.i!, period: v.p! };
    }
  } catch {
    // not a note
  }
  return null;
}

export const NOTE_MAX_LENGTH = 500;

export type NoteResult = { kind: "askNote"; code: string } | { kind: "saved" } | { kind: "tooLong" } | { kind: "answerFirst" } | { kind: "notYours" };

/** "Ghi chú" button: the next text becomes the note (the item needs an answer this month first). */
export async function startNote(
  deps: Pick<AppDeps, "answerPath" | "assessments" | "checklists" | "progress" | "users">,
  member: MemberWithCell,
  input: { assessmentId: number; itemIndex: number; period: Period },
): Promise<NoteResult> {
  const item = await ownItem(deps, member, input.assessmentId, input.itemIndex);
  if (!item) return { kind: "notYours" };
  const answered = (await deps.progress.progressFor([input.assessmentId])).some((p) => p.itemCode === item.itemCode && p.period === input.period);
  if (!answered) return { kind: "answerFirst" };
  await deps.users.setAwaiting(member.userId, awaitingNote(input.assessmentId, input.itemIndex, input.period));
  return { kind: "askNote", code: item.itemCode };
}

export async function saveNote(
  deps: Pick<AppDeps, "answerPath" | "assessments" | "checklists" | "progress" | "users">,
  member: MemberWithCell,
  awaiting: string | null,
  text: string,
): Promise<NoteResult> {
  const target = parseAwaitingNote(awaiting);
  const item = target && (await ownItem(deps, member, target.assessmentId, target.itemIndex));
  if (!target || !item) {
    await deps.users.setAwaiting(member.userId, null);
    return { kind: "notYours" };
  }
  // Cleaned like a measure (several lines allowed); the length counts only what remains.
  const note = cleanText(text, { multiline: true });
  if (textLength(note) > NOTE_MAX_LENGTH) return { kind: "tooLong" };
  await deps.progress.saveProgressNote({ assessmentId: target.assessmentId, itemCode: item.itemCode, period: target.period, note });
  await deps.users.setAwaiting(member.userId, null);
  return { kind: "saved" };
}

/**
 * The member's own filed correction item at that position, or null (forged or stale data). A
 * collective form's item belongs to the cell's current secretary (who is asked about it).
 */
async function ownItem(deps: Pick<AppDeps, "answerPath" | "assessments" | "checklists">, member: MemberWithCell, assessmentId: number, itemIndex: number) {
  const form = await deps.answerPath.findAssessmentById(assessmentId);
  if (!form || !form.submittedAt) return null;
  if (form.collective) {
    const round = await deps.answerPath.findRound(form.roundId);
    if (!round || round.cellId !== member.cellId || !canFillCollective(member)) return null;
  } else if (form.memberId !== member.id) return null;
  const code = checklistItems(await checklistFor(deps, form.checklistCode, form.checklistVersion))[itemIndex]?.code;
  if (!code) return null;
  const filed = byCode(await deps.assessments.filedAnswers(assessmentId), code);
  if (!filed || filed.value === "NONE" || !filed.measure) return null;
  return { itemCode: code, collective: form.collective };
}

/** Answers are taken for this month and the previous one (a follow-up read late). */
function isRecentPeriod(deps: Pick<AppDeps, "clock">, member: MemberWithCell, period: Period): boolean {
  const current = periodOf(dayInZone(deps.clock(), member.cell.timezone));
  return period === current || period === previousPeriod(current);
}
