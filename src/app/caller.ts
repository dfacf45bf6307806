/**
 * Who asks, and from where (DESIGN §9): every per-intent use case takes the caller and the
 * target, decides itself whether the caller may, and returns the answer or a typed refusal.
 * A button, a typed command and a web request build the same Caller, so each asks once.
 */

import type { Destination } from "./messages.js";

/** Where the question was asked. */
export type CallerPlace =
  /** The person's own private chat with the bot (any channel). */
  | { kind: "private" }
  /** A group, as a destination (a committee's or a cell's group, or another; any channel). */
  | { kind: "group"; group: Destination }
  /** A signed-in web page (a person's own screen, never a group's). */
  | { kind: "web" }
  /** Anywhere else (another person's private chat, a message without a chat): no place of one's own. */
  | { kind: "elsewhere" };

export interface Caller {
  userId: bigint;
  from: CallerPlace;
}

export const privateCaller = (userId: bigint): Caller => ({ userId, from: { kind: "private" } });
export const groupCaller = (userId: bigint, group: Destination): Caller => ({ userId, from: { kind: "group", group } });
export const webCaller = (userId: bigint): Caller => ({ userId, from: { kind: "web" } });
