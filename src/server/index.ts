/**
 * The one HTTP server (DESIGN.md §9), owned by the composition root and started whenever `PORT`
 * is set: `GET /healthz` for the load balancer now, and whatever channels and pages mount on it
 * as Fastify plugins (the Telegram webhook today, src/bot/webhook.ts; the Zalo webhook, file
 * links and the web next). It knows no channel.
 *
 * Bodies: at most BODY_LIMIT_BYTES (Fastify refuses a larger one with 413 from its
 * Content-Length, or as soon as a chunked body passes the limit, without reading it whole);
 * JSON that does not parse, or an empty JSON body, is 400. A refused request is logged once, at
 * warn, with its method, path, status and Fastify's error code: never the body, the headers
 * (the webhook's secret travels in one) or the query string. No line per request otherwise.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance } from "fastify";
import type { Logger } from "pino";

/** Telegram's updates are a few kilobytes; 1 MiB is plenty, and Fastify's own default. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface ServerDeps {
  logger: Logger;
  /** True when the instance can serve (the database answers): /healthz says 200, else 503. */
  healthy(): Promise<boolean>;
  bodyLimit?: number;
}

/** The path of a request without its query string (which may carry anything). */
export function pathOf(url: string): string {
  const q = url.indexOf("?");
  return q === -1 ? url : url.slice(0, q);
}

export function createServer(deps: ServerDeps): FastifyInstance {
  const logger = deps.logger.child({ component: "http" });
  const server = Fastify({
    // Fastify's internal lines (listening, closing) through the app's logger; no per-request lines.
    loggerInstance: logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.bodyLimit ?? BODY_LIMIT_BYTES,
    // A body Telegram never sends: JSON's prototype keys are refused, not merged.
    onProtoPoisoning: "error",
    onConstructorPoisoning: "error",
    return503OnClosing: true,
  });

  // One line per refused request, without the body or headers; 5xx are the handlers' failures.
  server.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    const fields = { method: request.method, path: pathOf(request.url), status, code: error.code };
    if (status >= 500) {
      logger.error({ ...fields, err: error }, "http request failed");
      return reply.code(status).type("text/plain").send("internal error");
    }
    // error.message may quote the body (a JSON SyntaxError does): not logged, not echoed.
    logger.warn(fields, "http request refused");
    return reply
      .code(status)
      .type("text/plain")
      .send(status === 413 ? "payload too large" : "bad request");
  });
  server.setNotFoundHandler((_request, reply) => reply.code(404).type("text/plain").send("not found"));

  server.get("/healthz", async (_request, reply) => {
    const ok = await deps.healthy().catch(() => false);
    return reply
      .code(ok ? 200 : 503)
      .type("text/plain")
      .send(ok ? "ok" : "database unavailable");
  });
  return server;
}

/**
 * Logs a refused request the way the error handler does (for refusals a route decides itself,
 * such as a body that parses but is no update): once, at warn, without the body.
 */
export function logRefused(server: FastifyInstance, request: { method: string; url: string }, status: number, reason: string): void {
  server.log.warn({ method: request.method, path: pathOf(request.url), status, code: reason }, "http request refused");
}
