/**
 * Webhook mode: Telegram posts each update to WEBHOOK_URL; this serves it on `node:http` with
 * grammY's `webhookCallback`. Every request must carry the secret registered with setWebhook
 * (`X-Telegram-Bot-Api-Secret-Token`): a missing or wrong one gets 401 and the update is never
 * handled. `GET /healthz` answers the load balancer: 200 when the database answers, 503 when not.
 *
 * Several instances behind one load balancer may each receive any update: de-duplication on
 * update_id is in the database (the first middleware), so a redelivered or doubled update is
 * handled once whichever instance gets it. Handlers answer within Telegram's timeout because
 * slow and bulk work goes through the outbox; a handler still running after 9 s gets its 200
 * anyway (Telegram would otherwise redeliver) and finishes in the background.
 */
import { createServer, type Server } from "node:http";
import { webhookCallback, type Bot } from "grammy";
import type { BotContext } from "./context.js";

export interface WebhookServerOptions {
  secret: string;
  port: number;
  /** The path Telegram posts to (WEBHOOK_URL's path); anything else is 404. */
  path: string;
  host?: string;
  /** True when the instance can serve (the database answers). */
  healthy(): Promise<boolean>;
  onError(error: unknown): void;
}

export function webhookPath(url: string): string {
  return new URL(url).pathname || "/";
}

export async function startWebhookServer(bot: Bot<BotContext>, options: WebhookServerOptions): Promise<Server> {
  const handle = webhookCallback(bot, "http", { secretToken: options.secret, onTimeout: "return", timeoutMilliseconds: 9_000 });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "GET" && url.pathname === "/healthz") {
      options.healthy().then(
        (ok) => res.writeHead(ok ? 200 : 503, { "Content-Type": "text/plain" }).end(ok ? "ok" : "database unavailable"),
        () => res.writeHead(503, { "Content-Type": "text/plain" }).end("database unavailable"),
      );
      return;
    }
    if (url.pathname !== options.path) {
      res.writeHead(404).end();
      return;
    }
    if (req.method !== "POST") {
      res.writeHead(405, { Allow: "POST" }).end();
      return;
    }
    handle(req, res).catch((error: unknown) => {
      options.onError(error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => {
      server.off("error", reject);
      resolve();
    });
  });
  return server;
}
