/**
 * What every update goes through before a feature sees it: dropping redeliveries, knowing
 * the sender, and (lazily) their membership. The hot path: all of it is the answer path's
 * and the processed-updates port's, never the ORM.
 */
import type { AppDeps } from "./deps.js";
import type { ChannelIdentity, MemberWithCell, Profile, UserRecord } from "./ports.js";

/** Processed updates are kept this long (Telegram redelivers within hours, not days). */
export const PROCESSED_UPDATES_KEPT_MS = 7 * 24 * 3600_000;

/** True the first time the channel's update id is seen; false for a redelivery (drop it). */
export function firstDelivery(deps: Pick<AppDeps, "updates" | "clock">, channel: string, updateId: string): Promise<boolean> {
  return deps.updates.markUpdateProcessed(channel, updateId, deps.clock());
}

/** Forgets processed updates older than PROCESSED_UPDATES_KEPT_MS. */
export function pruneProcessedUpdates(deps: Pick<AppDeps, "updates" | "clock">): Promise<number> {
  return deps.updates.pruneProcessedUpdates(new Date(deps.clock().getTime() - PROCESSED_UPDATES_KEPT_MS));
}

/**
 * The person behind a channel identity, as stored: created (user and identity together, the app
 * id chosen by the users repository) on first contact; writing to the bot makes them reachable
 * again. Every update's sender goes through here before any use case sees them.
 */
export async function identifyUser(deps: Pick<AppDeps, "answerPath" | "clock" | "users">, identity: ChannelIdentity, profile: Profile): Promise<UserRecord> {
  const now = deps.clock();
  return (await deps.answerPath.touchUser(identity, profile, now)) ?? (await deps.users.createUserForIdentity(identity, profile, now));
}

/** The person's address on `channel` (their identity's id there), or null when they have none on it. */
export async function addressOn(deps: Pick<AppDeps, "users">, userId: bigint, channel: string): Promise<string | null> {
  return (await deps.users.identitiesOf(userId)).find((i) => i.channel === channel)?.externalId ?? null;
}

/** The user's current membership, with its cell. */
export function membershipOf(deps: Pick<AppDeps, "answerPath">, userId: bigint): Promise<MemberWithCell | null> {
  return deps.answerPath.findActiveMembership(userId);
}
