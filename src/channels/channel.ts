/**
 * What a channel is to the composition root (DESIGN.md §9): an adapter pair. Inbound, it turns
 * its platform's updates into calls on the app (the channel-neutral conversation and use cases)
 * and renders the Screens they return; outbound, its `sender` sends the outbox's channel-neutral
 * messages through its API within its limits. Telegram (src/bot) and Zalo (src/channels/zalo)
 * are two; a third needs its own folder and one line in the composition root (src/root.ts),
 * nothing else.
 */
import type { FastifyPluginAsync } from "fastify";
import type { Logger } from "pino";
import type { AppDeps } from "../app/deps.js";
import type { ChannelSender } from "../app/messages.js";
import type { MessageRenderer } from "../app/notifications.js";
import type { CommitteeMessageRenderer } from "../app/committee-campaigns.js";
import type { Locale } from "../config.js";
import type { I18n } from "../infra/i18n/index.js";

/** What the composition root gives every channel: the app and the shared plumbing, built once. */
export interface ChannelHost {
  app: AppDeps;
  i18n: I18n;
  defaultLocale: Locale;
  logger: Logger;
  /** The messages' words (reminders, follow-ups, announcements), channel-neutral, the one the scheduler uses: a follow-up answer re-renders its message with it, a text channel's /dotmoi announces with it. */
  renderer: MessageRenderer;
  /** The committee's messages' words (a campaign's announcements): a text channel's committee `/dotmoi` uses them. */
  committeeRenderer?: CommitteeMessageRenderer;
  /**
   * Tells the outbox sender a message was enqueued (it sends now rather than at its next tick);
   * resolves when this process's drain has ended (at once when another instance sends).
   */
  wakeSender(): Promise<void>;
  /** The bot's public base URL when the HTTP server runs with one (file links, the web), else null. */
  publicUrl: string | null;
}

export interface Channel {
  /** The channel's name in identities, destinations and outbox rows ("telegram", "zalo", …). */
  readonly name: string;
  /** Its outbound side, handed to the one outbox sender. */
  readonly sender: ChannelSender;
  /** Routes it serves on the one HTTP server (its webhook), mounted before the server listens. */
  readonly routes?: FastifyPluginAsync;
  /** Starts receiving: registers its webhook, or starts long polling. Called once the server listens. */
  start(): Promise<void>;
  /** Stops receiving (in-flight updates finish). */
  stop(): Promise<void>;
}

/** Builds a channel (checking its credentials: a wrong token stops start-up with one line, as ChannelStartError). */
export type ChannelFactory = (host: ChannelHost) => Promise<Channel>;

/** A channel could not start (bad token, API unreachable): its message is the one line the operator reads. */
export class ChannelStartError extends Error {}
