/**
 * A test-only text channel (issue 18, "Proof of the seam"): text in, text out, no buttons, no
 * edits. It drives the member loop through the channel-neutral conversation (src/app/
 * conversation.ts) and renders with the text renderer (src/channels/text-render.ts): choices are
 * numbered lines, a typed number answers the last screen (stored on the person as the awaited
 * kind "screen"), every message within a limit. It needs nothing of Telegram.
 */
import { commandCancels, isCommand, kindOf } from "../../src/app/awaited-input.js";
import { choose, command, text, typedName, typedNote, type Shown, type Speaker } from "../../src/app/conversation.js";
import type { AppDeps } from "../../src/app/deps.js";
import { identifyUser } from "../../src/app/session.js";
import { choiceForTyped, renderText, screenAwaiting, ZALO_TEXT_LIMIT } from "../../src/channels/text-render.js";
import type { Translate } from "../../src/app/screens/screen.js";

export interface TextPerson {
  id: number;
  firstName: string;
  lastName?: string;
}

export function textChannel(deps: AppDeps, t: Translate, limit = ZALO_TEXT_LIMIT) {
  /** The person's app id, through their identity on this channel (made on first contact). */
  const ids = new Map<number, bigint>();
  const userIdOf = (p: TextPerson): bigint => ids.get(p.id)!;
  const speaker = (p: TextPerson): Speaker => ({
    userId: userIdOf(p), t, locale: "vi", profile: { userId: userIdOf(p), firstName: p.firstName, lastName: p.lastName },
  });
  const awaitingOf = async (p: TextPerson) => (await deps.users.findUser(userIdOf(p)))?.awaiting ?? null;

  /** What the person's text comes to, before rendering. */
  async function answer(p: TextPerson, typed: string): Promise<Shown | null> {
    const who = speaker(p);
    const awaiting = await awaitingOf(p);
    if (isCommand(typed)) {
      if (commandCancels(awaiting)) await deps.users.setAwaiting(who.userId, null);
      const [, name = "", args = ""] = /^\/(\S+)\s*([\s\S]*)$/.exec(typed.trim()) ?? [];
      return command(deps, who, name.toLowerCase(), args);
    }
    switch (kindOf(awaiting)) {
      case "name": return typedName(deps, who, typed);
      case "note": return (await typedNote(deps, who, awaiting!, typed)) ?? text(deps, who, typed);
      case "screen": {
        const id = choiceForTyped(awaiting, typed);
        if (id !== null) return choose(deps, who, id);
        return text(deps, who, typed);
      }
      default: return text(deps, who, typed);
    }
  }

  return {
    /** The person sends one message; the channel's replies, in order, as plain text. */
    async send(p: TextPerson, typed: string): Promise<string[]> {
      const user = await identifyUser(deps, { channel: "text", externalId: String(p.id) }, { firstName: p.firstName, username: null });
      ids.set(p.id, user.id);
      const shown = await answer(p, typed);
      if (!shown) return [t(isCommand(typed) ? "error.unknownCommand" : "error.unknownText")];
      const out: string[] = [];
      if (shown.notice) out.push(shown.notice);
      let last = renderText({ text: "" });
      for (const screen of shown.screens) {
        last = renderText(screen, limit);
        out.push(...last.parts);
      }
      if (shown.screens.length > 0) {
        const next = screenAwaiting(await awaitingOf(p), last);
        if (next !== undefined) await deps.users.setAwaiting(userIdOf(p), next);
      }
      return out;
    },
  };
}
