/**
 * What every update goes through before a feature sees it: dropping redeliveries, knowing
 * the sender, and (lazily) their membership. The hot path: all of it is the answer path's
 * and the processed-updates port's, never the ORM.
 */
import type { AppDeps } from "./deps.js";
import type { MemberWithCell, UserRecord } from "./ports.js";

/** Processed updates are kept this long (Telegram redelivers within hours, not days). */
export const PROCESSED_UPDATES_KEPT_MS = 7 * 24 * 3600_000;

/** True the first time an update id is seen; false for a redelivery (drop it). */
export function firstDelivery(deps: Pick<AppDeps, "updates" | "clock">, updateId: number): Promise<boolean> {
  return deps.updates.markUpdateProcessed(updateId, deps.clock());
}

/** Forgets processed updates older than PROCESSED_UPDATES_KEPT_MS. */
export function pruneProcessedUpdates(deps: Pick<AppDeps, "updates" | "clock">): Promise<number> {
  return deps.updates.pruneProcessedUpdates(new Date(deps.clock().getTime() - PROCESSED_UPDATES_KEPT_MS));
}

/** The sender as stored, created on first contact; writing to the bot makes them reachable again. */
export function identifyUser(deps: Pick<AppDeps, "answerPath" | "clock">, from: { id: bigint; firstName: string; username: string | null }): Promise<UserRecord> {
  return deps.answerPath.touchUser(from, deps.clock());
}

/** The user's current membership, with its cell. */
export function membershipOf(deps: Pick<AppDeps, "answerPath">, userId: bigint): Promise<MemberWithCell | null> {
  return deps.answerPath.findActiveMembership(userId);
}
