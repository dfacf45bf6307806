/**
 * Zalo's inbound side against the fake Bot API (test/support/zalo-fake.ts) over real HTTP:
 * long polling (one update per getUpdates, 408 idle, back-off after errors, graceful stop) and
 * webhook mode (POST /zalo on the one HTTP server, registered with setWebhook; getUpdates
 * never called; a wrong secret refused).
 */
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ZaloApi } from "../../src/channels/zalo/api.js";
import { zaloInbound, type InboundEvent } from "../../src/channels/zalo/index.js";
import { ZaloPolling } from "../../src/channels/zalo/polling.js";
import { createLogger } from "../../src/infra/logger.js";
import { createServer } from "../../src/server/index.js";
import { ZaloFake, type ZaloUser } from "../support/zalo-fake.js";

const AN: ZaloUser = { id: "7001", displayName: "Nguyễn Văn An" };
const BINH: ZaloUser = { id: "7002", displayName: "Trần Thị Bình" };
const SECRET = "zalo-webhook-secret-0123";
const BOT_NAMES = ["Bot Tự Soi"];

let fake: ZaloFake;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startFake(options: ConstructorParameters<typeof ZaloFake>[0] = {}) {
  fake = new ZaloFake({ pollIdleMs: 50, ...options });
  await fake.start();
  cleanups.push(() => fake.stop());
  return new ZaloApi({ token: fake.token, baseUrl: fake.baseUrl, timeoutMs: 5000 });
}

/** Resolves once `events` holds `count` events (polls a few ms at a time; fails after 5 s). */
async function until(events: unknown[], count: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (events.length < count) {
    if (Date.now() > deadline) throw new Error(`only ${events.length} of ${count} events`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("long polling", () => {
  it("delivers each text in order, one getUpdates per update, polling again after an idle 408", async () => {
    const api = await startFake();
    const events: InboundEvent[] = [];
    const inbound = zaloInbound(api, {
      webhook: null,
      botNames: BOT_NAMES,
      onEvent: async (e) => {
        events.push(e);
      },
      onError: () => {},
      pollTimeoutSeconds: 1,
    });
    expect(inbound.mode).toBe("polling");
    await inbound.start();
    cleanups.push(() => inbound.stop());
    await new Promise((r) => setTimeout(r, 150)); // at least one idle poll (50 ms)
    await fake.sendText(AN, "/thamgia CB-12");
    await fake.sendText(BINH, "1 1 2");
    await fake.sendEvent(AN, "message.sticker.received", { sticker: "s1" });
    await fake.sendText(AN, "3");
    await until(events, 3);
    expect(events.map((e) => [e.from.externalId, e.text, e.command?.name ?? null])).toEqual([
      ["7001", "/thamgia CB-12", "thamgia"],
      ["7002", "1 1 2", null],
      ["7001", "3", null],
    ]);
    expect(new Set(events.map((e) => e.dedupeKey)).size).toBe(3);
    expect(fake.calls[0]?.method).toBe("deleteWebhook");
    expect(fake.calls.filter((c) => c.method === "getUpdates").length).toBeGreaterThan(4);
  });

  it("backs off after failed polls (1 s, 2 s …) and goes on; stop() ends the loop and its poll", async () => {
    const api = await startFake();
    const waits: number[] = [];
    const errors: unknown[] = [];
    const events: InboundEvent[] = [];
    const polling = new ZaloPolling(api, {
      botNames: BOT_NAMES,
      timeoutSeconds: 1,
      onEvent: async (e) => {
        events.push(e);
      },
      onError: (e) => errors.push(e),
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    fake.failNext("getUpdates", { errorCode: 502 }, 2);
    fake.failNext("getUpdates", { errorCode: 429, httpStatus: 200 });
    await polling.start();
    await fake.sendText(AN, "/tusoi");
    await until(events, 1);
    expect(waits).toEqual([1000, 2000, 4000]);
    expect(errors).toHaveLength(3);
    expect(polling.running).toBe(true);
    const pollsBefore = fake.calls.filter((c) => c.method === "getUpdates").length;
    await polling.stop();
    expect(polling.running).toBe(false);
    await new Promise((r) => setTimeout(r, 120));
    expect(fake.calls.filter((c) => c.method === "getUpdates").length).toBeLessThanOrEqual(pollsBefore + 1);
    // The update written after the stop waits for the next poller, not lost in an aborted poll.
    await fake.sendText(BINH, "hello");
    expect(fake.pendingUpdates).toBe(1);
  });

  it("keeps going when the handler fails: the error is reported and the next update handled", async () => {
    const api = await startFake();
    const errors: [unknown, string][] = [];
    const events: InboundEvent[] = [];
    const polling = new ZaloPolling(api, {
      botNames: BOT_NAMES,
      timeoutSeconds: 1,
      onError: (e, where) => errors.push([e, where]),
      onEvent: async (e) => {
        if (e.text === "boom") throw new Error("handler failed");
        events.push(e);
      },
    });
    await polling.start();
    cleanups.push(() => polling.stop());
    await fake.sendText(AN, "boom");
    await fake.sendText(AN, "2");
    await until(events, 1);
    expect(events[0]?.text).toBe("2");
    expect(errors.map(([, where]) => where)).toEqual(["handle"]);
  });
});

describe("webhook mode", () => {
  it("registers <PUBLIC_URL>/zalo with the secret, receives bare and wrapped deliveries, never calls getUpdates", async () => {
    const events: InboundEvent[] = [];
    const api = await startFake({ allowHttp: true });
    const server = createServer({ logger: createLogger("silent"), healthy: async () => true });
    cleanups.push(() => server.close());
    // The route is registered before the server listens; the webhook URL is known once it does.
    let url = "";
    const inbound = zaloInbound(api, {
      webhook: {
        get url() {
          return url;
        },
        secret: SECRET,
      },
      botNames: BOT_NAMES,
      onEvent: async (e) => {
        events.push(e);
      },
      onError: () => {},
    });
    expect(inbound.mode).toBe("webhook");
    await server.register(inbound.plugin!);
    await server.listen({ port: 0, host: "127.0.0.1" });
    url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}/zalo`;
    await inbound.start();
    expect(fake.currentWebhook).toEqual({ url, secret: SECRET });
    await fake.sendText(AN, "/thamgia CB-12");
    await fake.sendText(BINH, "@Bot Tự Soi /tusoi", { group: { id: "g-1" }, envelope: "wrapped" });
    expect(fake.deliveries.map((d) => d.status)).toEqual([200, 200]);
    expect(events.map((e) => [e.chat.kind, e.chat.address, e.command])).toEqual([
      ["private", "7001", { name: "thamgia", args: "CB-12" }],
      ["group", "g-1", { name: "tusoi", args: "" }],
    ]);
    await inbound.stop();
    expect(fake.calls.map((c) => c.method)).not.toContain("getUpdates");
  });

  it("refuses deliveries that carry another secret: 401, nothing handled", async () => {
    const events: InboundEvent[] = [];
    const api = await startFake({ allowHttp: true });
    const server = createServer({ logger: createLogger("silent"), healthy: async () => true });
    cleanups.push(() => server.close());
    const inbound = zaloInbound(api, {
      webhook: { url: "unused", secret: SECRET },
      botNames: BOT_NAMES,
      onEvent: async (e) => {
        events.push(e);
      },
      onError: () => {},
    });
    await server.register(inbound.plugin!);
    await server.listen({ port: 0, host: "127.0.0.1" });
    // What a forger's POST looks like to the route: the webhook registered with another secret.
    await api.setWebhook(`http://127.0.0.1:${(server.server.address() as AddressInfo).port}/zalo`, "forged-secret-99999");
    await fake.sendText(AN, "/tusoi");
    expect(fake.deliveries.at(-1)?.status).toBe(401);
    expect(events).toEqual([]);
  });
});
