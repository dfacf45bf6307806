/**
 * A test-only channel (issue 18, "Proof of the seam"): text in, text out, no buttons, no edits.
 * It is plugged in through the composition root like any channel (`startApp(config, { channels:
 * [text.factory] })`) and uses only what every text-only channel shares (src/channels/):
 *
 * - inbound, `say(externalId, firstName, text)`: one message from a person, answered through
 *   textConversation (identity on this channel, commands, typed numbers against the last screen
 *   shown, awaited input) — the replies come back as plain text parts;
 * - outbound, its ChannelSender: every outbox message the app sends to a person on this channel,
 *   rendered as numbered plain text (renderText), recorded in order, its choices then the ones
 *   a typed number answers (textConversation's `delivered`); a trivial pacer.
 *
 * Nothing here knows Telegram, and nothing outside this folder knows this channel.
 */
import type { ChannelPacer, ChannelSender, OutMessage, SendOutcome } from "../../../src/app/messages.js";
import type { Channel, ChannelFactory, ChannelHost } from "../../../src/channels/channel.js";
import { textConversation, type TextConversation } from "../../../src/channels/text-conversation.js";
import { renderText, ZALO_TEXT_LIMIT } from "../../../src/channels/text-render.js";

/** One outbox message as the channel delivered it. */
export interface Delivered {
  /** The recipient's id on this channel (a person's externalId, or a group's address). */
  to: string;
  /** The message as sent: plain text parts, each within the channel's limit. */
  parts: string[];
  /** The message before rendering (what the outbox held). */
  message: OutMessage;
}

export interface TextChannel {
  /** The channel's name in identities and outbox rows. */
  readonly name: string;
  /** What the composition root builds it with. */
  readonly factory: ChannelFactory;
  /** What the root gave the channel (its app, for a test's set-up). Throws before start-up. */
  host(): ChannelHost;
  /** A person sends one message; the channel's replies, in order. Throws before start-up. */
  say(externalId: string, firstName: string, text: string): Promise<string[]>;
  /** The outbox messages delivered so far (to `to` only, when given), in order. */
  delivered(to?: string): Delivered[];
}

/** Paces nothing: the test channel has no API limits. */
const noPacing: ChannelPacer = { slot: async () => () => {}, pause: () => {}, prune: () => {} };

export function textChannel(options: { name?: string; limit?: number } = {}): TextChannel {
  const name = options.name ?? "text";
  const limit = options.limit ?? ZALO_TEXT_LIMIT;
  const sent: Delivered[] = [];
  let built: { host: ChannelHost; conversation: TextConversation } | null = null;
  let messageIds = 0;
  let inbound = 0;

  const sender: ChannelSender = {
    channel: name,
    pacer: noPacing,
    async send(recipient, message): Promise<SendOutcome> {
      const rendered = renderText(message, limit);
      sent.push({ to: recipient, parts: rendered.parts, message });
      await started().conversation.delivered(recipient, rendered);
      return { kind: "sent", messageId: ++messageIds };
    },
  };

  const started = () => {
    if (!built) throw new Error(`the ${name} channel is not started (startApp builds it)`);
    return built;
  };

  return {
    name,
    factory: async (host): Promise<Channel> => {
      built = { host, conversation: textConversation(host, { channel: name, limit }) };
      return { name, sender, start: async () => {}, stop: async () => {} };
    },
    host: () => started().host,
    say: (externalId, firstName, text) =>
      started().conversation.receive({ dedupeKey: `${externalId}:${++inbound}`, from: { externalId, firstName, username: null }, text }),
    delivered: (to) => sent.filter((d) => to === undefined || d.to === to),
  };
}
