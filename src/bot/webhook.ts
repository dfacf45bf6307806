/**
 * Webhook mode: Telegram posts each update to WEBHOOK_URL; this mounts that path on the one
 * HTTP server (src/server) as a Fastify plugin and hands the update to grammY's
 * `webhookCallback`. Every request must carry the secret registered with setWebhook
 * (`X-Telegram-Bot-Api-Secret-Token`): a missing or wrong one gets 401 before its body is even
 * read, and the update is never handled. A body that is not an update (malformed JSON, `null`,
 * empty, no `update_id`) gets 400 and one warn line, never the body; one over the server's
 * limit 413 (src/server). Telegram does not retry a 4xx; it retries a 5xx, kept for a handler
 * that failed.
 *
 * Several instances behind one load balancer may each receive any update: de-duplication on
 * update_id is in the database (the first middleware), so a redelivered or doubled update is
 * handled once whichever instance gets it. Handlers answer within Telegram's timeout because
 * slow and bulk work goes through the outbox; a handler still running after 9 s gets its 200
 * anyway (Telegram would otherwise redeliver) and finishes in the background.
 */
import { timingSafeEqual } from "node:crypto";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { webhookCallback, type Bot } from "grammy";
import { logRefused } from "../server/index.js";
import type { BotContext } from "./context.js";

export interface TelegramWebhookOptions {
  secret: string;
  /** The path Telegram posts to (WEBHOOK_URL's path). */
  path: string;
  onError(error: unknown): void;
}

export function webhookPath(url: string): string {
  return new URL(url).pathname || "/";
}

const SECRET_HEADER = "x-telegram-bot-api-secret-token";

/** Constant-time comparison of the header with the secret. */
function secretMatches(header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== "string") return false;
  const given = Buffer.from(header);
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** An update is a JSON object with an integer update_id; anything else is a bad request. */
function isUpdate(body: unknown): boolean {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return false;
  return Number.isSafeInteger((body as { update_id?: unknown }).update_id);
}

/** The Telegram webhook route, to register on the server the composition root owns. */
export function telegramWebhook(bot: Bot<BotContext>, options: TelegramWebhookOptions): FastifyPluginAsync {
  return async (server) => {
    const handle = webhookCallback(bot, "fastify", { secretToken: options.secret, onTimeout: "return", timeoutMilliseconds: 9_000 });
    server.post(
      options.path,
      {
        // Before the body is read or parsed: a stranger gets 401 and costs nothing.
        onRequest: async (request: FastifyRequest, reply: FastifyReply) => {
          if (secretMatches(request.headers[SECRET_HEADER], options.secret)) return;
          logRefused(server, request, 401, "WRONG_SECRET");
          return reply.code(401).type("text/plain").send("secret token is wrong");
        },
      },
      async (request, reply) => {
        if (!isUpdate(request.body)) {
          logRefused(server, request, 400, "NOT_AN_UPDATE");
          return reply.code(400).type("text/plain").send("bad request");
        }
        try {
          await handle(request, reply);
        } catch (error) {
          options.onError(error);
          if (!reply.sent) return reply.code(500).type("text/plain").send("internal error");
        }
        return reply;
      },
    );
    server.route({
      method: ["GET", "PUT", "PATCH", "DELETE"],
      url: options.path,
      handler: (_request, reply) => reply.code(405).header("Allow", "POST").send(),
    });
  };
}
