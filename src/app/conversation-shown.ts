/**
 * What every conversation module (conversation.ts and conversation-*.ts) shares: who is
 * talking, what to show them, and the two short ways to build it. A leaf: it imports no
 * conversation module, so each of them takes these shapes from here without an import circle
 * (a module that needs less of the speaker takes a Pick of it).
 */
import type { Locale } from "../config.js";
import type { Person } from "../domain/names.js";
import type { Screen } from "./messages.js";
import type { JoinResult } from "./onboarding.js";
import type { MemberWithCell } from "./ports.js";
import type { Translate } from "./screens/screen.js";

/** Who is talking, in the app's terms, and how to speak to them. */
export interface Speaker {
  /** The app's user id. */
  userId: bigint;
  t: Translate;
  locale: Locale;
  /** The person's current membership, when the channel has it loaded already (else it is read here). */
  membership?: () => Promise<MemberWithCell | null>;
  /** The person as their channel knows them (their id is the app's user id): the name a new member is prefilled with. */
  profile?: Person;
  /** A translator in another language (a language just chosen, a member told in theirs); absent: `t` serves. */
  translator?: (locale: Locale) => Translate;
}

/**
 * What to show after an action: the screens in order, and a short notice about the action itself
 * (Telegram: the pressed button's answer; a text channel: a message before the screens).
 * `notice` alone means nothing changed.
 */
export interface Shown {
  screens: Screen[];
  notice?: string;
  /** The notice needs acknowledging (Telegram: an alert, not a passing toast). */
  alert?: boolean;
  /** A removed member asked to join again: the channel asks the secretary (and tells the member how that went). */
  rejoin?: Extract<JoinResult, { kind: "removed" }>;
}

/** Screens: one message of text. */
export const say = (text: string): Shown => ({ screens: [{ text }] });
/** A notice alone: nothing changed. */
export const notice = (text: string): Shown => ({ screens: [], notice: text });
