/** Opening and closing self-examination rounds (đợt tự soi). */
import { compareDays, dayInZone, endOfDay, formatDay, parseTypedDayWithin, type Day } from "../domain/calendar.js";
import { normalizeName, TITLE_MAX_LENGTH } from "../domain/names.js";
import { canManageRounds } from "../domain/roles.js";
import type { AppDeps } from "./deps.js";
import { groupMessages } from "./group-delivery.js";
import type { MessageRenderer } from "./notifications.js";
import { enqueueRoundSummary } from "./round-summary.js";
import { templateForNewRounds } from "./templates.js";
import type { CellRecord, MemberWithCell, RoundRecord } from "./ports.js";

export type OpenRoundResult =
  | { kind: "opened"; round: RoundRecord; closedExpired: RoundRecord | null }
  | { kind: "forbidden" }
  | { kind: "missingDate" }
  | { kind: "badDate"; reason: "format" | "impossible" }
  | { kind: "pastDate" }
  | { kind: "tooFar"; latest: Day }
  | { kind: "titleTooLong" }
  | { kind: "alreadyOpen"; round: RoundRecord };

/**
 * `/dotmoi <dd/mm/yyyy> [title]`. The deadline is that day 23:59 in the cell's time zone and
 * must not be before today. A cell has at most one open round: an open round whose deadline
 * has passed is closed first; one still running is kept and the new one refused.
 */
export async function openRound(
  deps: Pick<AppDeps, "checklist" | "checklists" | "clock" | "rounds" | "templates">,
  actor: MemberWithCell,
  args: string,
  defaultTitle: (openedDay: string) => string,
): Promise<OpenRoundResult> {
  if (!canManageRounds(actor.role)) return { kind: "forbidden" };
  const now = deps.clock();
  const tz = actor.cell.timezone;
  const parsed = parseRoundArgs(args, now, tz, defaultTitle);
  if (parsed.kind !== "parsed") return parsed;
  const { day, title } = parsed;
  // The cell's chosen template (/mau), at its latest version; the round keeps it from now on.
  const template = await templateForNewRounds(deps, { kind: "CELL", id: actor.cellId });
  const result = await deps.rounds.openRound({
    cellId: actor.cellId,
    title,
    deadline: endOfDay(day, tz),
    deadlineDay: day,
    checklistCode: template.code,
    checklistVersion: template.version,
    openedByMemberId: actor.id,
    now,
  });
  if (!result.ok) return { kind: "alreadyOpen", round: result.open };
  return { kind: "opened", round: result.round, closedExpired: result.closedExpired };
}

export type RoundArgs =
  | { kind: "parsed"; day: string; title: string }
  | { kind: "missingDate" }
  | { kind: "badDate"; reason: "format" | "impossible" }
  | { kind: "pastDate" }
  | { kind: "tooFar"; latest: Day }
  | { kind: "titleTooLong" };

/**
 * `<dd/mm/yyyy> [title]` of /dotmoi (a cell's round or a committee's campaign): the deadline
 * day, not before today in `tz` nor past the deadline horizon (a year ahead, domain/calendar.ts),
 * and the title (the default one when none is typed).
 */
export function parseRoundArgs(args: string, now: Date, tz: string, defaultTitle: (openedDay: string) => string): RoundArgs {
  const [dateText, ...rest] = args.trim().split(/\s+/);
  if (!dateText) return { kind: "missingDate" };
  const today = dayInZone(now, tz);
  const parsed = parseTypedDayWithin(dateText, today, "deadline");
  if (!parsed.ok) return parsed.reason === "tooFar" ? { kind: "tooFar", latest: parsed.latest } : { kind: "badDate", reason: parsed.reason };
  if (compareDays(parsed.day, today) < 0) return { kind: "pastDate" };
  let title = defaultTitle(formatDay(dayInZone(now, tz)));
  if (rest.length > 0) {
    const typed = normalizeName(rest.join(" "), TITLE_MAX_LENGTH);
    if (!typed.ok && typed.reason === "tooLong") return { kind: "titleTooLong" };
    if (typed.ok) title = typed.value;
  }
  return { kind: "parsed", day: parsed.day, title };
}

/** Outbox key of a round's announcement in the group. */
export const roundOpenedKey = (roundId: number): string => `round-opened:${roundId}`;

/**
 * Queues a new round's announcement for the cell's group in the outbox (so a 429, a 5xx or a
 * restart does not lose it; a group that refuses with 403 is reported by announcementOutcome).
 */
export async function announceRound(
  deps: Pick<AppDeps, "clock" | "committees" | "members" | "outbox">,
  renderer: MessageRenderer,
  cell: CellRecord,
  round: RoundRecord,
  locale: string | null,
): Promise<string> {
  const key = roundOpenedKey(round.id);
  const now = deps.clock();
  const messages = await groupMessages(
    deps,
    { kind: "cell", id: cell.id, group: cell.group },
    {
      key,
      kind: "ROUND_OPENED",
      cellId: cell.id,
      memberId: null,
      roundId: round.id,
      message: renderer.roundOpened(cell, round, locale),
      notBefore: now,
      expiresAt: round.deadline,
    },
  );
  await deps.outbox.enqueue(messages, now);
  // With no group, the first officer's copy stands for the announcement's outcome.
  return messages[0]?.key ?? key;
}

/** Sent, refused for good (the group is gone or the bot was removed), or still on its way. */
export async function announcementOutcome(deps: Pick<AppDeps, "outbox">, key: string): Promise<"sent" | "failed" | "pending"> {
  const row = await deps.outbox.outboxStatus(key);
  if (row?.status === "SENT") return "sent";
  if (row?.status === "FAILED" || row?.status === "SKIPPED") return "failed";
  return "pending";
}

export type CloseRoundResult = { kind: "closed"; round: RoundRecord } | { kind: "forbidden" } | { kind: "notYours" } | { kind: "notOpen" };

/**
 * Closes a cell's open round early (confirmed by the secretary or deputy). Answers are kept,
 * and the final summary goes to the group through the outbox, as at the deadline, so a
 * meeting held before the deadline can present the final figures.
 */
export async function closeRound(
  deps: Pick<AppDeps, "answerPath" | "cells" | "checklists" | "clock" | "committees" | "members" | "outbox" | "progress" | "reports" | "rounds">,
  actor: MemberWithCell,
  roundId: number,
  renderer: MessageRenderer,
): Promise<CloseRoundResult> {
  if (!canManageRounds(actor.role)) return { kind: "forbidden" };
  const round = await deps.answerPath.findRound(roundId);
  // Another cell's round (or none): said as it is, never "already closed" (issue 17).
  if (!round || round.cellId !== actor.cellId) return { kind: "notYours" };
  if (round.closedAt) return { kind: "notOpen" };
  const now = deps.clock();
  await deps.rounds.closeRound(round.id, now);
  await enqueueRoundSummary(deps, renderer, actor.cell, { ...round, closedAt: now }, now);
  return { kind: "closed", round };
}
