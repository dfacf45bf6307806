/**
 * A local fake of Telegram's Bot API for the fan-out benchmark: a node:http server on
 * 127.0.0.1 that answers `POST /bot<token>/sendMessage` and enforces Telegram's flood limits
 * the way the real one is observed to: at most `limit` accepted messages in any sliding
 * 1000 ms window overall, and at most one per chat per 1000 ms. Over a limit it answers
 * HTTP 429 with `retry_after`, exactly as Telegram does (grammY turns that into a GrammyError).
 * What Telegram refuses outright (over-long text, bad buttons: test/support/telegram-limits.ts,
 * shared with the in-process fake) is answered 400 at once and counted as a bad request.
 *
 * Latency: each request waits a random "network in" delay before the limit check (so the
 * server sees the jittered arrival times Telegram would see) and a random "network out"
 * delay before its answer; together they come to `latencyMs` (default 5–20 ms).
 *
 * It records every accepted message by the outbox key carried in its text ("follow-up <key>"),
 * so the benchmark can count duplicates (a key accepted twice) and losses (never accepted).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { refuseOverLimits } from "../test/support/telegram-limits.js";

export interface FakeBotApiOptions {
  token: string;
  /** Accepted messages per sliding second, overall. */
  limit: number;
  /** Accepted messages per sliding second, per chat. */
  perChatLimit?: number;
  /** retry_after in 429 answers, seconds. */
  retryAfterSeconds?: number;
  /** Total simulated latency per request, [min, max] ms, split between request and answer. */
  latencyMs?: [number, number];
  /** Text prefix before the outbox key. */
  keyPrefix?: string;
}

export interface Acceptance {
  key: string;
  messageId: number;
  /** performance.now() when the limit check accepted it. */
  at: number;
}

export interface FakeBotApi {
  /** apiRoot for grammY: "http://127.0.0.1:<port>". */
  apiRoot: string;
  /** Every accepted message, in acceptance order. */
  accepted: Acceptance[];
  /** Times each key was accepted. */
  acceptedByKey: Map<string, number>;
  /** message_id given to each key (the last one, if accepted more than once). */
  messageIdByKey: Map<string, number>;
  tooManyRequests: { global: number; perChat: number };
  /** Requests that were not a well-formed sendMessage for our token, or that Telegram would refuse. */
  badRequests: number;
  /** Requests being handled right now (in the latency delays). */
  inFlight(): number;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** A sliding-window limiter over acceptance times: at most `limit` in any (t − 1000, t]. */
class SlidingWindow {
  private readonly times: number[] = [];
  private head = 0;

  constructor(private readonly limit: number) {}

  /** True if fewer than `limit` acceptances fall in (now − 1000, now]. */
  hasRoom(now: number): boolean {
    while (this.head < this.times.length && this.times[this.head]! <= now - 1000) this.head++;
    if (this.head > 4096) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
    return this.times.length - this.head < this.limit;
  }

  take(now: number): void {
    this.times.push(now);
  }
}

export async function startFakeBotApi(options: FakeBotApiOptions): Promise<FakeBotApi> {
  const perChatLimit = options.perChatLimit ?? 1;
  const retryAfter = options.retryAfterSeconds ?? 1;
  const [minLatency, maxLatency] = options.latencyMs ?? [5, 20];
  const keyPrefix = options.keyPrefix ?? "follow-up ";
  const expectedPath = `/bot${options.token}/sendMessage`;
  const global = new SlidingWindow(options.limit);
  const perChat = new Map<number, SlidingWindow>();
  let nextMessageId = 1;
  let inFlight = 0;

  const api: Omit<FakeBotApi, "apiRoot" | "close"> = {
    accepted: [],
    acceptedByKey: new Map(),
    messageIdByKey: new Map(),
    tooManyRequests: { global: 0, perChat: 0 },
    badRequests: 0,
    inFlight: () => inFlight,
  };

  const tooMany = (res: ServerResponse) =>
    send(res, 429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const latency = minLatency + Math.random() * (maxLatency - minLatency);
    const inbound = latency * Math.random();
    if (req.method !== "POST" || req.url !== expectedPath) {
      api.badRequests++;
      send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      return;
    }
    let params: { chat_id?: unknown; text?: unknown } & Record<string, unknown>;
    try {
      params = JSON.parse(body) as typeof params;
    } catch {
      api.badRequests++;
      send(res, 400, { ok: false, error_code: 400, description: "Bad Request: can't parse JSON" });
      return;
    }
    const chatId = Number(params.chat_id);
    const text = typeof params.text === "string" ? params.text : "";
    if (!Number.isSafeInteger(chatId) || !text.startsWith(keyPrefix)) {
      api.badRequests++;
      send(res, 400, { ok: false, error_code: 400, description: "Bad Request: chat_id or text missing" });
      return;
    }
    const refused = refuseOverLimits("sendMessage", params);
    if (refused) {
      api.badRequests++;
      send(res, 400, { ok: false, ...refused });
      return;
    }

    await sleep(inbound);
    const now = performance.now();
    let chatWindow = perChat.get(chatId);
    if (!chatWindow) perChat.set(chatId, (chatWindow = new SlidingWindow(perChatLimit)));
    // Both limits are checked before either is taken, so a refused send consumes no quota.
    const chatFull = !chatWindow.hasRoom(now);
    const globalFull = !global.hasRoom(now);
    if (chatFull || globalFull) {
      if (chatFull) api.tooManyRequests.perChat++;
      else api.tooManyRequests.global++;
      await sleep(latency - inbound);
      tooMany(res);
      return;
    }
    chatWindow.take(now);
    global.take(now);
    const key = text.slice(keyPrefix.length);
    const messageId = nextMessageId++;
    api.accepted.push({ key, messageId, at: now });
    api.acceptedByKey.set(key, (api.acceptedByKey.get(key) ?? 0) + 1);
    api.messageIdByKey.set(key, messageId);
    await sleep(latency - inbound);
    send(res, 200, {
      ok: true,
      result: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: "private", first_name: "x" }, text },
    });
  };

  const server = createServer((req, res) => {
    inFlight++;
    handle(req, res)
      .catch((error: unknown) => {
        if (!res.headersSent) send(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(error)}` });
      })
      .finally(() => inFlight--);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    ...api,
    apiRoot: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // grammY keeps connections alive; end them so close() does not wait for their timeout.
        server.closeAllConnections();
      }),
  };
}
