/**
 * The inbound side every text-only channel shares (Zalo; a test's channel): one message in,
 * the replies out as plain text parts. The person is found through their identity on the
 * channel (made on first contact), a redelivered message is dropped (per channel), a command
 * drops a pending input that commands cancel, a typed number answers the last screen shown to
 * that person (stored as the awaited kind "screen"), and the rest goes where the person's awaited
 * input says — all through the channel-neutral conversation (src/app/conversation.ts) that
 * Telegram's buttons use too. Rendering is the text renderer's (numbered choices, split to the
 * channel's limit). Nothing here knows a particular channel.
 *
 * Outbound, a message the outbox delivered to a person (a follow-up with its answers) is a
 * screen shown to them too: `delivered` stores its numbered choices on them, so that the number
 * they type next answers it.
 */
import { commandCancels, isCommand, kindOf } from "../app/awaited-input.js";
import { choose, command, severalAnswers, text, typedName, typedNote, type CommandEnv, type Shown, type Speaker } from "../app/conversation.js";
import { typedConclusions, typedMeeting, typedReportText } from "../app/conversation-meeting.js";
import { firstDelivery, identifyUser } from "../app/session.js";
import { isLocale } from "../config.js";
import type { ChannelHost } from "./channel.js";
import type { AppDeps } from "../app/deps.js";
import { typedCampaignText, typedRosterName } from "../app/conversation-committee.js";
import type { OutFile, OutMessage } from "../app/messages.js";
import { typedRename } from "../app/conversation-cell-admin.js";
import { typedEntry } from "../app/conversation-entered.js";
import { choiceForTyped, renderText, screenAwaiting, storedChoices, type TextRendered } from "./text-render.js";
import { textWording } from "./text-wording.js";

/** One message a person sent on a text channel. */
export interface TextInbound {
  /** The channel's own id for this message (e.g. "<chat>:<message_id>"): a redelivery is dropped. Omit when the channel never redelivers. */
  dedupeKey?: string;
  from: { externalId: string; firstName: string; username: string | null };
  text: string;
}

/** One reply: a text part (within the channel's limit), or a message with a file (the channel sends it its own way: Zalo, as a signed link). */
export type TextReply = { text: string } | { message: OutMessage & { file: OutFile } };

export interface TextConversation {
  /** The replies to one message, in order, each within the channel's limit; none for a redelivered message. A file's message gives its text only (see `respond`). */
  receive(inbound: TextInbound): Promise<string[]>;
  /** The replies to one message, in order, with the files (/tusua's plan) as messages the channel sends its own way. */
  respond(inbound: TextInbound): Promise<TextReply[]>;
  /**
   * The channel's sender delivered `rendered` (an outbox message, renderText's output) to
   * `recipient`: when that is a person and the message has choices, they become what a typed
   * number answers next — unless another input is awaited (a name, a note: it wins). A message
   * without choices (a reminder, an announcement) leaves the stored screen as it is, so a form
   * in progress keeps its numbers; a group's address is nobody's and changes nothing.
   */
  delivered(recipient: string, rendered: TextRendered): Promise<void>;
}

export function textConversation(
  host: Pick<ChannelHost, "app" | "i18n" | "defaultLocale" | "logger"> &
    Partial<Pick<ChannelHost, "publicUrl" | "renderer" | "wakeSender" | "committeeRenderer">>,
  options: { channel: string; limit: number },
): TextConversation {
  const { app } = host;
  const { channel, limit } = options;

  /** What commands and choices need from the channel. */
  const env: CommandEnv = {
    renderer: host.renderer,
    webUrl: host.publicUrl ?? null,
    defaultLocale: host.defaultLocale,
    channel,
    ...(host.wakeSender ? { wakeSender: host.wakeSender } : {}),
    ...(host.committeeRenderer ? { committeeRenderer: host.committeeRenderer } : {}),
  };

  /** What the person's message comes to, before rendering (null: nothing the conversation knows). */
  async function answer(app: AppDeps, who: Speaker, awaiting: string | null, typed: string): Promise<Shown | null> {
    if (isCommand(typed)) {
      if (commandCancels(awaiting)) await app.users.setAwaiting(who.userId, null);
      const [, name = "", args = ""] = /^\/([^\s@]+)(?:@\S+)?\s*([\s\S]*)$/.exec(typed.trim()) ?? [];
      return command(app, who, name.toLowerCase(), args, env);
    }
    switch (kindOf(awaiting)) {
      case "name":
        return typedName(app, who, typed);
      case "note":
        return (await typedNote(app, who, awaiting!, typed)) ?? text(app, who, typed);
      case "renameMember":
        return (await typedRename(app, who, awaiting!, typed)) ?? text(app, who, typed);
      case "meeting":
        return (await typedMeeting(app, who, awaiting, typed)) ?? text(app, who, typed);
      case "rtext":
        return (await typedReportText(app, who, awaiting, typed)) ?? text(app, who, typed);
      case "conclusions":
        return (await typedConclusions(app, who, awaiting, typed)) ?? text(app, who, typed);
      case "ctext":
        return (await typedCampaignText(app, who, awaiting, typed)) ?? text(app, who, typed);
      case "rosterName":
        return (await typedRosterName(app, who, awaiting, typed)) ?? text(app, who, typed);
      case "enter":
        return (await typedEntry(app, who, awaiting, typed)) ?? text(app, who, typed);
      case "screen": {
        const id = choiceForTyped(awaiting, typed);
        if (id !== null) return choose(app, who, id, env);
        // Several numbers on a form question answer that many items in order.
        const choices = storedChoices(awaiting);
        const shown =
          (await severalAnswers(
            app,
            who,
            choices.map((c) => c.id),
            typed,
          )) ?? (await text(app, who, typed));
        // Anything else: what to type (a notice: the last screen's numbers stay what a number answers).
        return shown ?? { screens: [], notice: who.t("error.typeNumber", { keys: choices.map((c) => c.key).join(", ") }) };
      }
      default:
        return text(app, who, typed);
    }
  }

  async function respond(inbound: TextInbound): Promise<TextReply[]> {
    if (inbound.dedupeKey !== undefined && !(await firstDelivery(app, channel, inbound.dedupeKey))) {
      host.logger.debug({ channel }, "duplicate message dropped");
      return [];
    }
    const user = await identifyUser(
      app,
      { channel, externalId: inbound.from.externalId },
      { firstName: inbound.from.firstName, username: inbound.from.username },
    );
    const locale = isLocale(user.locale) ? user.locale : host.defaultLocale;
    // A text channel's own words where Telegram's speak of buttons (text-wording.ts).
    const wording = textWording(host.i18n);
    const t = wording.t(locale);
    const who: Speaker = {
      userId: user.id,
      t,
      locale,
      profile: { userId: user.id, firstName: inbound.from.firstName, username: inbound.from.username },
      translator: (other) => wording.t(other),
    };
    const typed = inbound.text.trim();
    // What User.awaiting holds: as this update read it, then as the conversation set it.
    const awaited = { value: user.awaiting };
    const shown = await answer(tracking(awaited, user.id), who, user.awaiting, typed);
    if (!shown) return [{ text: t(isCommand(typed) ? "error.unknownCommand" : "error.unknownText") }];
    const out: TextReply[] = [];
    if (shown.notice) out.push({ text: shown.notice });
    let last: TextRendered | null = null;
    // A screen some renderer made with the shared words (a follow-up's, shown again after an answer) gets the text channel's too.
    for (const screen of shown.screens.map((s) => wording.reword(s))) {
      last = renderText(screen, limit);
      if (screen.file) out.push({ message: { text: screen.text, ...(screen.choices ? { choices: screen.choices } : {}), file: screen.file } });
      else out.push(...last.parts.map((part) => ({ text: part })));
    }
    // The numbers of the last screen shown are what a typed number answers next.
    if (last) await storeScreen(user.id, awaited.value, last);
    return out;
  }

  /**
   * `app` with the person's awaited-input writes noted in `awaited` (UsersRepository.setAwaiting
   * is the only writer of User.awaiting), so that what it holds after the reply is known without
   * reading the user again.
   */
  function tracking(awaited: { value: string | null }, userId: bigint): AppDeps {
    const users = new Proxy(app.users, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop);
        if (prop === "setAwaiting") {
          return async (id: bigint, next: string | null) => {
            await target.setAwaiting(id, next);
            if (id === userId) awaited.value = next;
          };
        }
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    return { ...app, users };
  }

  /**
   * Stores `rendered`'s choices on the person (screenAwaiting's rule), `known` being what
   * User.awaiting is believed to hold: nothing is written when that would not change it, and the
   * write only lands while it still holds `known`. Another writer meanwhile (the outbox's
   * delivery, a message of theirs handled at the same time): the rule is applied again to what
   * it holds now.
   */
  async function storeScreen(userId: bigint, known: string | null, rendered: TextRendered): Promise<void> {
    const next = screenAwaiting(known, rendered);
    if (next === undefined || next === known) return;
    if (await app.answerPath.replaceAwaiting(userId, known, next, app.clock())) return;
    const stored = (await app.users.findUser(userId))?.awaiting ?? null;
    const again = screenAwaiting(stored, rendered);
    if (again !== undefined && again !== stored) await app.answerPath.replaceAwaiting(userId, stored, again, app.clock());
  }

  return {
    respond,
    async receive(inbound) {
      return (await respond(inbound)).flatMap((reply) => ("text" in reply ? [reply.text] : renderText(reply.message, limit).parts));
    },

    async delivered(recipient, rendered) {
      if (rendered.choices.length === 0) return;
      const user = await app.users.findUserByIdentity({ channel, externalId: recipient });
      if (user) await storeScreen(user.id, user.awaiting, rendered);
    },
  };
}
