/**
 * Zalo's long polling, when no webhook is configured: getUpdates returns ONE update per call,
 * or 408 when the poll ended idle (then it polls again at once). Errors (network, 5xx, 429, a
 * 409 while a webhook is still set) wait 1 s doubling to 60 s (zaloBackoffMs), reset by the
 * next answered poll. Each update is handled before the next poll, in order. `stop()` aborts
 * the poll in flight and resolves once the loop has ended (graceful shutdown); an update the
 * API was about to hand over stays with the API (the fake keeps it; Zalo is assumed to).
 *
 * The composition root creates this only without ZALO_WEBHOOK_SECRET: in webhook mode nothing
 * calls getUpdates. It deletes a webhook left from an earlier webhook-mode run first.
 */
import { zaloBackoffMs, type ZaloApi } from "./api.js";
import { readInbound, type InboundEvent, type InboundOptions } from "./inbound.js";

export interface ZaloPollingOptions extends InboundOptions {
  onEvent(event: InboundEvent): Promise<void>;
  /** A poll failed (it will be retried) or a handler failed (the update is skipped). */
  onError(error: unknown, where: "poll" | "handle"): void;
  /** getUpdates' timeout, seconds; default 30. */
  timeoutSeconds?: number;
  /** Injectable for tests. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const abortableSleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });

export class ZaloPolling {
  readonly #api: ZaloApi;
  readonly #options: ZaloPollingOptions;
  readonly #abort = new AbortController();
  #loop: Promise<void> | null = null;

  constructor(api: ZaloApi, options: ZaloPollingOptions) {
    this.#api = api;
    this.#options = options;
  }

  get running(): boolean {
    return this.#loop !== null && !this.#abort.signal.aborted;
  }

  /** Deletes a leftover webhook (polling and a webhook are exclusive), then polls until stop(). */
  async start(): Promise<void> {
    if (this.#loop) return;
    await this.#api.deleteWebhook();
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#loop;
  }

  async #run(): Promise<void> {
    const signal = this.#abort.signal;
    const sleep = this.#options.sleep ?? abortableSleep;
    let failures = 0;
    while (!signal.aborted) {
      let raw: unknown;
      try {
        raw = await this.#api.getUpdates(this.#options.timeoutSeconds ?? 30, signal);
        failures = 0;
      } catch (error) {
        if (signal.aborted) break;
        failures += 1;
        this.#options.onError(error, "poll");
        await sleep(zaloBackoffMs(failures), signal);
        continue;
      }
      if (raw === null) continue; // 408: idle, poll again
      const event = readInbound(raw, this.#options);
      if (event === null) continue;
      try {
        await this.#options.onEvent(event);
      } catch (error) {
        this.#options.onError(error, "handle");
      }
    }
  }
}
