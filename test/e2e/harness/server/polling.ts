/** getUpdates as Telegram does it: the per-token queue, long polling, offset/limit/allowed_updates, 409 Conflict, forced re-delivery. */
import type http from "node:http";
import { boolParam, jsonParam, numParam } from "../multipart.js";
import type { ApiCall, ApiResponse, RawUpdateInput } from "../types.js";
import { fail, ok, type Front, type PendingPoll, type TokenState, type WireUpdate } from "./state.js";

function updateType(u: Record<string, unknown>): string {
  return Object.keys(u).find((k) => k !== "update_id") ?? "unknown";
}

/** Wakes pending long polls of a token. */
export function wake(st: TokenState): void {
  for (const w of [...st.waiters]) w();
}

/** Moves new updates from telegram-test-api into the token's queue. */
export function pull(front: Front, token: string): void {
  const st = front.state(token);
  for (const raw of front.tts.getUpdates(token)) {
    const u = structuredClone(raw) as WireUpdate;
    const msg = u.message as Record<string, unknown> | undefined;
    if (msg) delete msg.botToken;
    const cq = u.callback_query as Record<string, unknown> | undefined;
    if (cq) {
      const m = cq.message as { chat?: { id?: number } } | undefined;
      cq.chat_instance ??= String(m?.chat?.id ?? 0);
      delete cq.botToken;
    }
    st.queue.push(u);
    st.known.set(u.update_id, structuredClone(u));
  }
}

/** See Emulator.sendRawUpdate. */
export function sendRawUpdate(front: Front, update: RawUpdateInput, token: string): number {
  const st = front.state(token);
  const copy = structuredClone(update) as Record<string, unknown>;
  if (typeof copy.update_id !== "number") copy.update_id = front.tts.updateId++;
  const u = copy as WireUpdate;
  if (!st.known.has(u.update_id)) st.known.set(u.update_id, structuredClone(u));
  st.forced.push(u);
  wake(st);
  return u.update_id;
}

/** See Emulator.redeliver. */
export function redeliver(front: Front, updateId: number, token: string): void {
  const st = front.state(token);
  pull(front, token);
  const u = st.known.get(updateId);
  if (!u) throw new Error(`redeliver: update ${updateId} unknown for this token (known: ${[...st.known.keys()].join(", ")})`);
  st.forced.push(structuredClone(u));
  wake(st);
}

/** deleteWebhook, with drop_pending_updates emptying the queue. */
export function deleteWebhook(front: Front, token: string, p: Record<string, unknown>): ApiResponse {
  front.tts.deleteWebhook(token);
  if (boolParam(p.drop_pending_updates)) {
    pull(front, token);
    front.state(token).queue = [];
  }
  return ok(true);
}

export function getUpdates(front: Front, token: string, p: Record<string, unknown>, res: http.ServerResponse, call: ApiCall): void {
  const st = front.state(token);
  const offset = numParam(p.offset);
  const limit = Math.min(Math.max(numParam(p.limit) ?? 100, 1), 100);
  const timeout = Math.min(Math.max(numParam(p.timeout) ?? 0, 0), front.opts.maxLongPollSeconds);
  const allowedRaw = jsonParam(p.allowed_updates);
  const allowed = Array.isArray(allowedRaw) && allowedRaw.length > 0 ? new Set(allowedRaw.map(String)) : undefined;

  // Only one getUpdates at a time per token, like Telegram.
  if (st.poll && !st.poll.res.destroyed && !st.poll.res.writableEnded) {
    st.poll.finish(409, fail(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"));
  }

  pull(front, token);
  if (offset !== undefined) {
    if (offset < 0) st.queue = st.queue.slice(Math.max(0, st.queue.length + offset));
    else st.queue = st.queue.filter((u) => u.update_id >= offset);
  }

  const timer: { handle?: NodeJS.Timeout } = {};
  let done = false;
  const cleanup = (): void => {
    done = true;
    if (timer.handle) clearTimeout(timer.handle);
    st.waiters.delete(tryRespond);
    if (st.poll === poll) st.poll = undefined;
  };
  const finish = (status: number, body: ApiResponse): void => {
    if (done) return;
    cleanup();
    if (!body.ok) call.error = body.description;
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  const poll: PendingPoll = { res, finish };
  const deliver = (batch: WireUpdate[], forced: boolean): void => {
    const now = Date.now();
    for (const u of batch) {
      st.deliveries.push({ update_id: u.update_id, type: updateType(u), time: now, forced });
    }
    finish(200, ok(batch));
  };
  function tryRespondInner(): boolean {
    if (done) return true;
    if (res.destroyed) {
      // the bot gave up (abort / shutdown): do not consume anything
      cleanup();
      return true;
    }
    pull(front, token);
    if (st.forced.length > 0) {
      // Forced updates go out alone: a duplicate with an old update_id must not make
      // the bot's next offset "confirm" or re-fetch unrelated updates.
      deliver(st.forced.splice(0, limit), true);
      return true;
    }
    if (allowed) st.queue = st.queue.filter((u) => allowed.has(updateType(u)));
    if (st.queue.length > 0) {
      deliver(st.queue.slice(0, limit), false);
      return true;
    }
    return false;
  }
  const tryRespond = (): void => {
    tryRespondInner();
  };

  if (tryRespondInner()) return;
  if (timeout <= 0 || front.isStopped()) {
    finish(200, ok([]));
    return;
  }
  st.poll = poll;
  st.waiters.add(tryRespond);
  timer.handle = setTimeout(() => finish(200, ok([])), timeout * 1000);
  res.on("close", () => {
    if (!done) cleanup();
  });
}
