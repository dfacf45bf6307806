/** The end-of-round summary for a cell's group, queued once per round, whatever closed it. */
import type { AppDeps } from "./deps.js";
import { groupMessages } from "./group-delivery.js";
import type { MessageRenderer } from "./notifications.js";
import type { CellRecord, RoundRecord } from "./ports.js";
import { reportForRound } from "./report.js";

/**
 * The final summary of a closed round, for the cell's group, through the outbox (once per
 * round, whatever closed it). A long summary is several messages, each with its own key.
 */
export async function enqueueRoundSummary(
  deps: Pick<AppDeps, "cells" | "checklists" | "clock" | "committees" | "members" | "outbox" | "progress" | "reports" | "rounds">,
  renderer: MessageRenderer,
  cell: CellRecord,
  round: RoundRecord,
  now: Date,
): Promise<number> {
  const report = await reportForRound(deps, cell, round);
  const unit = { kind: "cell" as const, id: cell.id, group: cell.group };
  const messages = await Promise.all(
    renderer.roundSummary(report, null).map((message, i) =>
      groupMessages(deps, unit, {
        key: `round-summary:${round.id}${i === 0 ? "" : `:p${i + 1}`}`,
        kind: "ROUND_SUMMARY" as const,
        cellId: cell.id,
        memberId: null,
        roundId: round.id,
        message,
        notBefore: now,
        expiresAt: null,
      }),
    ),
  );
  return deps.outbox.enqueue(messages.flat(), now);
}
