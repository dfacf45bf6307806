/**
 * `/sinhhoat` (issue 19): the secretary or deputy records the meeting (sinh hoạt chuyên đề) of
 * the cell's latest round, open or closed: its day (not in the future, not before the round
 * opened), members present out of the total, and, asked step by step, who chaired. It can be
 * corrected; the latest stands. Aggregate figures only.
 */
import { dayInZone, type Day } from "../domain/calendar.js";
import { checkMeetingDay, parseAttendance, parseMeetingArgs, type Meeting } from "../domain/meeting.js";
import { normalizeName } from "../domain/names.js";
import { canManageRounds } from "../domain/roles.js";
import { cleanText } from "../domain/text.js";
import type { AppDeps } from "./deps.js";
import type { MemberWithCell, RoundRecord } from "./ports.js";
import { serializeAwaited } from "./awaited-input.js";

type Deps = Pick<AppDeps, "answerPath" | "clock" | "rounds" | "users">;

/** The step the secretary is answering: the day, the attendance, who chaired. */
export type MeetingStep = "day" | "attendance" | "chair";

interface PendingMeeting {
  roundId: number;
  step: MeetingStep;
  day?: Day;
  present?: number;
  total?: number;
}

const STEP_CODES: Record<MeetingStep, string> = { day: "d", attendance: "a", chair: "c" };

export function awaitingMeeting(p: PendingMeeting): string {
  return serializeAwaited("meeting", { r: p.roundId, s: STEP_CODES[p.step], d: p.day, p: p.present, t: p.total });
}

export function parseAwaitingMeeting(stored: string | null): PendingMeeting | null {
  try {
    const v = JSON.parse(stored ?? "") as { v?: unknown; k?: unknown; r?: unknown; s?: unknown; d?: unknown; p?: unknown; t?: unknown };
    if (v.v !== 1 || v.k !== "meeting" || !Number.isSafeInteger(v.r) || (v.r as number) <= 0) return null;
    const step = (Object.keys(STEP_CODES) as MeetingStep[]).find((s) => STEP_CODES[s] === v.s);
    if (!step) return null;
    const day = typeof v.d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v.d) ? v.d : undefined;
    const count = (x: unknown) => (Number.isSafeInteger(x) && (x as number) >= 0 ? (x as number) : undefined);
    const pending: PendingMeeting = { roundId: v.r as number, step, day, present: count(v.p), total: count(v.t) };
    if (step !== "day" && !day) return null;
    if (step === "chair" && (pending.present === undefined || pending.total === undefined)) return null;
    return pending;
  } catch {
    return null;
  }
}

export type MeetingResult =
  | { kind: "saved"; round: RoundRecord; meeting: Meeting; corrected: boolean }
  /** The next question of the step-by-step recording (asked in private). */
  | { kind: "ask"; round: RoundRecord; step: MeetingStep; current: Meeting | null }
  | { kind: "forbidden" }
  | { kind: "noRound" }
  | { kind: "usage" }
  | { kind: "badDay"; reason: "format" | "impossible" | "future" | "beforeRound"; opened: Day }
  | { kind: "badAttendance"; reason: "format" | "noMembers" | "morePresent" }
  | { kind: "badChair" };

/** The cell's latest round and the days a meeting may fall on. */
async function latest(deps: Deps, actor: MemberWithCell): Promise<{ round: RoundRecord; today: Day; opened: Day } | null> {
  const round = await deps.rounds.findLatestRound(actor.cellId);
  if (!round) return null;
  return { round, today: dayInZone(deps.clock(), actor.cell.timezone), opened: dayInZone(round.openedAt, actor.cell.timezone) };
}

/**
 * `/sinhhoat dd/mm/yyyy x/y`: records the meeting at once (a chair recorded earlier is kept);
 * without arguments: starts the questions (the caller asks them in private).
 */
export async function recordMeeting(deps: Deps, actor: MemberWithCell, args: string): Promise<MeetingResult> {
  if (!canManageRounds(actor.role)) return { kind: "forbidden" };
  const found = await latest(deps, actor);
  if (!found) return { kind: "noRound" };
  const { round, today, opened } = found;
  const parsed = parseMeetingArgs(args, today, opened);
  const current = await deps.rounds.roundMeeting(round.id);
  switch (parsed.kind) {
    case "none":
      await deps.users.setAwaiting(actor.userId, awaitingMeeting({ roundId: round.id, step: "day" }));
      return { kind: "ask", round, step: "day", current };
    case "usage":
      return { kind: "usage" };
    case "badDay":
      return { kind: "badDay", reason: parsed.reason, opened };
    case "badAttendance":
      return { kind: "badAttendance", reason: parsed.reason };
  }
  const meeting: Meeting = { day: parsed.day, present: parsed.present, total: parsed.total, chair: current?.chair ?? "" };
  await deps.rounds.setRoundMeeting(round.id, meeting);
  return { kind: "saved", round, meeting, corrected: current !== null };
}

/** "-" (or "bỏ qua"/"skip") at the chair question: no name. */
const SKIP = new Set(["-", "bỏ qua", "bo qua", "skip"]);

/**
 * One typed answer of the step-by-step recording. A wrong answer keeps the question pending
 * (the secretary types it again); the last one saves the meeting.
 */
export async function meetingAnswer(deps: Deps, actor: MemberWithCell, awaiting: string | null, text: string): Promise<MeetingResult> {
  const pending = parseAwaitingMeeting(awaiting);
  const found = canManageRounds(actor.role) ? await latest(deps, actor) : null;
  // Only the cell's latest round: a newer round opened in between makes the questions stale.
  if (!pending || !found || found.round.id !== pending.roundId) {
    await deps.users.setAwaiting(actor.userId, null);
    return { kind: !canManageRounds(actor.role) ? "forbidden" : "noRound" };
  }
  const { round, today, opened } = found;
  const current = await deps.rounds.roundMeeting(round.id);
  const ask = async (next: PendingMeeting): Promise<MeetingResult> => {
    await deps.users.setAwaiting(actor.userId, awaitingMeeting(next));
    return { kind: "ask", round, step: next.step, current };
  };
  if (pending.step === "day") {
    const day = checkMeetingDay(text, today, opened);
    if (!day.ok) return { kind: "badDay", reason: day.reason, opened };
    return ask({ roundId: round.id, step: "attendance", day: day.day });
  }
  if (pending.step === "attendance") {
    const attendance = parseAttendance(text);
    if (!attendance.ok) return { kind: "badAttendance", reason: attendance.reason };
    return ask({ roundId: round.id, step: "chair", day: pending.day, present: attendance.present, total: attendance.total });
  }
  const typed = cleanText(text);
  let chair = "";
  if (!SKIP.has(typed.toLowerCase())) {
    const name = normalizeName(typed);
    if (!name.ok) return { kind: "badChair" };
    chair = name.value;
  }
  const meeting: Meeting = { day: pending.day!, present: pending.present!, total: pending.total!, chair };
  await deps.rounds.setRoundMeeting(round.id, meeting);
  await deps.users.setAwaiting(actor.userId, null);
  return { kind: "saved", round, meeting, corrected: current !== null };
}
