/**
 * A message in a Zalo group (issue 20; groups are in beta at Zalo: a group admin enables the
 * bot, which then receives only the messages that mention it or reply to it). Only a command
 * addressed to the bot (its mention dropped, inbound.ts) is answered, in the group, through the
 * channel-neutral group commands (src/app/conversation-group.ts): linking the group to a cell
 * or committee, the join line, the round's group share. Anything else there (a plain message, a
 * reply without a command, a number) is ignored silently: a member's answers are never read in
 * a group, and nothing they answered is ever said there.
 */
import { groupCommand } from "../../app/conversation-group.js";
import type { Speaker } from "../../app/conversation.js";
import { firstDelivery, identifyUser } from "../../app/session.js";
import { isLocale } from "../../config.js";
import type { ChannelHost } from "../channel.js";
import { renderText } from "../text-render.js";
import { textWording } from "../text-wording.js";
import type { InboundEvent } from "./inbound.js";

/** The parts to post in the group for one event (each within `limit`); none for what is ignored or a redelivery. */
export async function groupReplies(
  host: Pick<ChannelHost, "app" | "i18n" | "defaultLocale">,
  channel: string,
  event: InboundEvent,
  limit: number,
): Promise<string[]> {
  const { app } = host;
  if (event.chat.kind !== "group" || event.command === null) return [];
  if (!(await firstDelivery(app, channel, event.dedupeKey))) return [];
  const profile = { firstName: event.from.displayName, username: null };
  const user = await identifyUser(app, { channel, externalId: event.from.externalId }, profile);
  const locale = isLocale(user.locale) ? user.locale : host.defaultLocale;
  const who: Speaker = { userId: user.id, t: textWording(host.i18n).t(locale), locale, profile: { userId: user.id, ...profile } };
  const shown = await groupCommand(app, who, { channel, address: event.chat.address }, event.command.name, event.command.args);
  return shown.screens.flatMap((screen) => renderText({ text: screen.text }, limit).parts);
}
