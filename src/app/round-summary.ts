/** The end-of-round summary for a cell's group, queued once per round, whatever closed it. */
import type { AppDeps } from "./deps.js";
import type { MessageRenderer } from "./notifications.js";
import type { CellRecord, RoundRecord } from "./ports.js";
import { reportForRound } from "./report.js";

/**
 * The final summary of a closed round, for the cell's group, through the outbox (once per
 * round, whatever closed it). A long summary is several messages, each with its own key.
 */
export async function enqueueRoundSummary(deps: Pick<AppDeps, "cells" | "checklists" | "clock" | "members" | "outbox" | "progress" | "reports" | "rounds">, renderer: MessageRenderer, cell: CellRecord, round: RoundRecord, now: Date): Promise<number> {
  const report = await reportForRound(deps, cell, round);
  return deps.outbox.enqueue(renderer.roundSummary(report, null).map((message, i) => ({
    key: `round-summary:${round.id}${i === 0 ? "" : `:p${i + 1}`}`, kind: "ROUND_SUMMARY" as const, cellId: cell.id, memberId: null, roundId: round.id,
    chatId: cell.groupChatId, message, notBefore: now, expiresAt: null,
  })), now);
}

