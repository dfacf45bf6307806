/**
 * Zalo's webhook: `POST /zalo` on the one HTTP server (src/server), as a Fastify plugin the
 * composition root registers when ZALO_WEBHOOK_SECRET is set (then `<PUBLIC_URL>/zalo` is
 * registered with setWebhook and getUpdates is never called).
 *
 * Every request must carry the secret in `X-Bot-Api-Secret-Token`, compared in constant time
 * (secretMatches): missing or wrong → 401 before the body is read, nothing handled. A body that
 * is no update (not an object with `event_name`, bare or wrapped as `{ ok, result }`) → 400 and
 * one warn line, never the body. A person's text becomes an InboundEvent for `onEvent`; other
 * events (image, sticker, voice) are answered 200 and dropped. Zalo's timeout and retries are
 * not documented: the handler gets `answerWithinMs` (5 s) and the reply is 200 then, the
 * handler finishing in the background; a handler that fails answers 500 (a redelivery, if Zalo
 * makes one, is counted once: the core de-duplicates on `dedupeKey`).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { logRefused } from "../../server/index.js";
import { readZaloUpdate, secretMatches, toInboundText, ZALO_SECRET_HEADER } from "./api.js";
import { toInboundEvent, type InboundEvent, type InboundOptions } from "./inbound.js";

export const ZALO_WEBHOOK_PATH = "/zalo";

export interface ZaloWebhookOptions extends InboundOptions {
  secret: string;
  /** The conversation core's entry for one event (given by the composition root). */
  onEvent(event: InboundEvent): Promise<void>;
  onError(error: unknown): void;
  /** How long the reply may wait for `onEvent`; default 5,000 ms. */
  answerWithinMs?: number;
}

export function zaloWebhook(options: ZaloWebhookOptions): FastifyPluginAsync {
  const answerWithinMs = options.answerWithinMs ?? 5_000;
  return async (server) => {
    server.post(
      ZALO_WEBHOOK_PATH,
      {
        // Before the body is read or parsed: a stranger gets 401 and costs nothing.
        onRequest: async (request: FastifyRequest, reply: FastifyReply) => {
          if (secretMatches(options.secret, request.headers[ZALO_SECRET_HEADER])) return;
          logRefused(server, request, 401, "WRONG_SECRET");
          return reply.code(401).type("text/plain").send("secret token is wrong");
        },
      },
      async (request, reply) => {
        const update = readZaloUpdate(request.body);
        if (update === null) {
          logRefused(server, request, 400, "NOT_AN_UPDATE");
          return reply.code(400).type("text/plain").send("bad request");
        }
        const text = toInboundText(update);
        if (text === null) return reply.code(200).type("text/plain").send("ok");
        const handled = options.onEvent(toInboundEvent(text, options));
        let timer: NodeJS.Timeout | undefined;
        const outcome = await Promise.race([
          handled.then(
            () => "done" as const,
            (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
          ),
          new Promise<"late">((resolve) => {
            timer = setTimeout(() => resolve("late"), answerWithinMs);
          }),
        ]);
        clearTimeout(timer);
        if (outcome === "late") {
          handled.catch((error: unknown) => options.onError(error));
          return reply.code(200).type("text/plain").send("ok");
        }
        if (outcome instanceof Error) {
          options.onError(outcome);
          return reply.code(500).type("text/plain").send("internal error");
        }
        return reply.code(200).type("text/plain").send("ok");
      },
    );
    server.route({
      method: ["GET", "PUT", "PATCH", "DELETE"],
      url: ZALO_WEBHOOK_PATH,
      handler: (_request, reply) => reply.code(405).header("Allow", "POST").send(),
    });
  };
}
