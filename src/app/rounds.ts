/** Opening and closing self-examination rounds (đợt tự soi). */
import { compareDays, dayInZone, endOfDay, formatDay, parseTypedDay } from "../domain/calendar.js";
import { normalizeName, TITLE_MAX_LENGTH } from "../domain/names.js";
import { canManageRounds } from "../domain/roles.js";
import type { AppDeps } from "./deps.js";
import type { MemberWithCell, RoundRecord } from "./ports.js";

export type OpenRoundResult =
  | { kind: "opened"; round: RoundRecord; closedExpired: RoundRecord | null }
  | { kind: "forbidden" }
  | { kind: "missingDate" }
  | { kind: "badDate"; reason: "format" | "impossible" }
  | { kind: "pastDate" }
  | { kind: "titleTooLong" }
  | { kind: "alreadyOpen"; round: RoundRecord };

/**
 * `/dotmoi <dd/mm/yyyy> [title]`. The deadline is that day 23:59 in the cell's time zone and
 * must not be before today. A cell has at most one open round: an open round whose deadline
 * has passed is closed first; one still running is kept and the new one refused.
 */
export async function openRound(deps: AppDeps, actor: MemberWithCell, args: string, defaultTitle: (openedDay: string) => string): Promise<OpenRoundResult> {
  if (!canManageRounds(actor.role)) return { kind: "forbidden" };
  const [dateText, ...rest] = args.trim().split(/\s+/);
  if (!dateText) return { kind: "missingDate" };
  const parsed = parseTypedDay(dateText);
  if (!parsed.ok) return { kind: "badDate", reason: parsed.reason };
  const now = deps.clock();
  const tz = actor.cell.timezone;
  if (compareDays(parsed.day, dayInZone(now, tz)) < 0) return { kind: "pastDate" };

  let title = defaultTitle(formatDay(dayInZone(now, tz)));
  if (rest.length > 0) {
    const typed = normalizeName(rest.join(" "), TITLE_MAX_LENGTH);
    if (!typed.ok && typed.reason === "tooLong") return { kind: "titleTooLong" };
    if (typed.ok) title = typed.value;
  }
  const result = await deps.store.openRound({
    cellId: actor.cellId, title, deadline: endOfDay(parsed.day, tz), deadlineDay: parsed.day,
    checklistCode: deps.checklist.code, checklistVersion: deps.checklist.version, openedByMemberId: actor.id, now,
  });
  if (!result.ok) return { kind: "alreadyOpen", round: result.open };
  return { kind: "opened", round: result.round, closedExpired: result.closedExpired };
}

export type CloseRoundResult = { kind: "closed"; round: RoundRecord } | { kind: "forbidden" } | { kind: "notOpen" };

/** Closes a cell's open round early (confirmed by the secretary or deputy). Answers are kept. */
export async function closeRound(deps: AppDeps, actor: MemberWithCell, roundId: number): Promise<CloseRoundResult> {
  if (!canManageRounds(actor.role)) return { kind: "forbidden" };
  const round = await deps.store.findRound(roundId);
  if (!round || round.cellId !== actor.cellId || round.closedAt) return { kind: "notOpen" };
  await deps.store.closeRound(round.id, deps.clock());
  return { kind: "closed", round };
}

/** A round accepts answers until its deadline and while it is not closed. */
export function isRoundOpen(round: RoundRecord, now: Date): boolean {
  return round.closedAt === null && now.getTime() <= round.deadline.getTime();
}
