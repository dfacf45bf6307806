/**
 * A cell's time: its time zone (/caidat muigio), a pause of reminders and follow-ups
 * (/tamdung, e.g. over Tết), and a member's one-month mute of the follow-up.
 */
import { dayInZone, endOfDay, type Day } from "../domain/calendar.js";
import { mutedPeriodFor, parsePause, pauseOver, type Pause } from "../domain/pause.js";
import { canManageRoles } from "../domain/roles.js";
import { isRoundOpen } from "../domain/rounds.js";
import { COMMON_ZONES, parseZone } from "../domain/zones.js";
import type { AppDeps } from "./deps.js";
import type { MemberWithCell, RoundRecord } from "./ports.js";
import { scheduleOf } from "./scheduler.js";

export type ZoneChangeResult =
  { kind: "zoneChanged"; zone: string; previous: string; round: RoundRecord | null } | { kind: "badZone"; common: readonly string[] } | { kind: "forbidden" };

/**
 * `/caidat muigio <IANA zone>` (secretary): validated as DEFAULT_TIMEZONE is (config), stored in
 * its listed spelling. From then on every time of the cell follows the new zone: reminders and
 * follow-ups are computed from the zone at each tick, and the open round keeps its deadline DAY,
 * which now ends at 23:59 in the new zone (its stored instant is moved). Messages already in
 * the outbox are sent as queued; closed rounds are history and stay as they were.
 */
export async function changeTimezone(deps: Pick<AppDeps, "cells" | "clock" | "rounds">, actor: MemberWithCell, typed: string): Promise<ZoneChangeResult> {
  if (!canManageRoles(actor.role)) return { kind: "forbidden" };
  // "/caidat múi giờ Asia/Tokyo" reads naturally too.
  const parsed = parseZone(typed.replace(/^\s*(giờ|gio)\s+/i, ""));
  if (!parsed.ok) return { kind: "badZone", common: COMMON_ZONES };
  await deps.cells.setTimezone(actor.cellId, parsed.zone);
  const open = await deps.rounds.findOpenRound(actor.cellId);
  let round: RoundRecord | null = null;
  if (open && isRoundOpen(open, deps.clock())) {
    const deadline = endOfDay(open.deadlineDay, parsed.zone);
    await deps.rounds.setRoundDeadline(open.id, deadline);
    round = { ...open, deadline };
  }
  return { kind: "zoneChanged", zone: parsed.zone, previous: actor.cell.timezone, round };
}

export type PauseResult =
  | { kind: "shown"; pause: Pause | null }
  | { kind: "paused"; pause: Pause }
  | { kind: "lifted" }
  | { kind: "usage" }
  | { kind: "forbidden" }
  | { kind: "badDate"; reason: "format" | "impossible" }
  | { kind: "order" }
  | { kind: "past" }
  | { kind: "tooLong" }
  | { kind: "tooFar"; latest: Day };

/**
 * `/tamdung <dd/mm/yyyy> <dd/mm/yyyy>` (secretary): no reminders and no follow-ups for the cell
 * from the first day to the last (cell time); what fell due is sent once the morning after (see
 * domain/pause.ts). `/tamdung` alone shows it, `/tamdung huy` lifts it. One pause at a time: a
 * new one replaces the old. A finished pause is not shown.
 */
export async function pauseCell(deps: Pick<AppDeps, "cells" | "clock">, actor: MemberWithCell, args: string): Promise<PauseResult> {
  const cell = (await deps.cells.findCellSchedule(actor.cellId))!;
  const now = deps.clock();
  const words = args.trim().split(/\s+/).filter(Boolean);
  const current = cell.pause && !pauseOver(now, cell.pause, cell.timezone) ? cell.pause : null;
  if (words.length === 0) return { kind: "shown", pause: current };
  if (!canManageRoles(actor.role)) return { kind: "forbidden" };
  if (words.length === 1 && ["huy", "hủy", "-", "off", "cancel"].includes(words[0]!.normalize("NFC").toLowerCase())) {
    await deps.cells.setPause(cell.id, null);
    return { kind: "lifted" };
  }
  if (words.length !== 2) return { kind: "usage" };
  const parsed = parsePause(words[0]!, words[1]!, dayInZone(now, cell.timezone));
  if (!parsed.ok) {
    if (parsed.reason === "tooFar") return { kind: "tooFar", latest: parsed.latest };
    return parsed.reason === "format" || parsed.reason === "impossible" ? { kind: "badDate", reason: parsed.reason } : { kind: parsed.reason };
  }
  await deps.cells.setPause(cell.id, parsed.pause);
  return { kind: "paused", pause: parsed.pause };
}

/** The cell's pause as /lich shows it: set and not over yet, or null. */
export async function currentPause(deps: Pick<AppDeps, "cells" | "clock">, cellId: number): Promise<Pause | null> {
  const cell = await deps.cells.findCellSchedule(cellId);
  return cell?.pause && !pauseOver(deps.clock(), cell.pause, cell.timezone) ? cell.pause : null;
}

export type MuteResult = { kind: "muted"; period: string } | { kind: "notMember" };

/**
 * "Tạm dừng nhắc 1 tháng" on a follow-up: the member skips the next follow-up not yet sent
 * (their own choice; their items stay open and come back the month after). Pressing again
 * changes nothing.
 */
export async function muteFollowUp(deps: Pick<AppDeps, "cells" | "clock" | "members">, member: MemberWithCell): Promise<MuteResult> {
  const cell = await deps.cells.findCellSchedule(member.cellId);
  if (!cell) return { kind: "notMember" };
  const period = mutedPeriodFor(deps.clock(), scheduleOf(cell));
  await deps.members.muteFollowUp(member.id, period);
  return { kind: "muted", period };
}
