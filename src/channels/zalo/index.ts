/**
 * The Zalo channel's inbound side as the composition root starts it: webhook mode when
 * ZALO_WEBHOOK_SECRET is set (the route to register on the one HTTP server before it listens,
 * then setWebhook once it does; getUpdates is never called), long polling otherwise.
 */
import type { FastifyPluginAsync } from "fastify";
import type { ZaloApi } from "./api.js";
import type { InboundEvent, InboundOptions } from "./inbound.js";
import { ZaloPolling } from "./polling.js";
import { zaloWebhook } from "./webhook.js";

export type { InboundEvent } from "./inbound.js";

export interface ZaloInboundOptions extends InboundOptions {
  /** config.zalo.webhook: `<PUBLIC_URL>/zalo` and its secret, or null for long polling. */
  webhook: { url: string; secret: string } | null;
  onEvent(event: InboundEvent): Promise<void>;
  onError(error: unknown): void;
  /** Long polling's getUpdates timeout (seconds); default 30. */
  pollTimeoutSeconds?: number;
}

export interface ZaloInbound {
  readonly mode: "webhook" | "polling";
  /** The route to register on the HTTP server before it listens (webhook mode), else null. */
  readonly plugin: FastifyPluginAsync | null;
  /** Webhook: registers it with Zalo (call once the server listens). Polling: starts the loop. */
  start(): Promise<void>;
  /** Polling: aborts the poll and waits for the loop (and the update in hand) to end. */
  stop(): Promise<void>;
}

export function zaloInbound(api: ZaloApi, options: ZaloInboundOptions): ZaloInbound {
  const { webhook } = options;
  if (webhook) {
    return {
      mode: "webhook",
      plugin: zaloWebhook({ secret: webhook.secret, botNames: options.botNames, onEvent: options.onEvent, onError: options.onError }),
      start: async () => {
        await api.setWebhook(webhook.url, webhook.secret);
      },
      stop: async () => {},
    };
  }
  const polling = new ZaloPolling(api, {
    botNames: options.botNames,
    onEvent: options.onEvent,
    onError: (error) => options.onError(error),
    ...(options.pollTimeoutSeconds !== undefined ? { timeoutSeconds: options.pollTimeoutSeconds } : {}),
  });
  return { mode: "polling", plugin: null, start: () => polling.start(), stop: () => polling.stop() };
}
