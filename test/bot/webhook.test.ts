/**
 * Webhook mode over real HTTP on 127.0.0.1: the one HTTP server (src/server) with the Telegram
 * webhook route mounted (src/bot/webhook.ts). An update posted with the right secret token is
 * handled; a wrong or missing token gets 401 and changes nothing (no reply, no user row, the
 * update id not even recorded); a body that is no update gets 400, one over 1 MB 413, each
 * logged once at warn without the body; /healthz answers the load balancer.
 */
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { telegramWebhook } from "../../src/bot/webhook.js";
import { createLogger } from "../../src/infra/logger.js";
import { createServer } from "../../src/server/index.js";
import { appDeps } from "../support/app.js";
import { stubbedBot, type Person, type StubbedBot } from "../support/bot.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";

const SECRET = "webhook-secret-0123456789abcdef";
const member: Person = { id: 7101, first_name: "Hà", last_name: "Lê Thu" };
const intruder: Person = { id: 7102, first_name: "Kẻ", last_name: "Mạo Danh" };

let database: TestDatabase;
let tg: StubbedBot;
let server: FastifyInstance;
let base: string;
/** The server's log lines, parsed. */
const lines: Array<Record<string, unknown>> = [];
const raw: string[] = [];

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database));
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  server = createServer({ logger: createLogger("info", [], sink), healthy: async () => (await database.store.findUser(0n), true) });
  await server.register(telegramWebhook(tg.bot, { secret: SECRET, path: "/telegram", onError: () => {} }));
  await server.listen({ port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await server.close();
  await database.close();
});

const post = (body: unknown, secret?: string) =>
  fetch(`${base}/telegram`, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", ...(secret === undefined ? {} : { "X-Telegram-Bot-Api-Secret-Token": secret }) },
  });

it("handles an update posted with the right secret token, once even when Telegram posts it twice", async () => {
  const update = tg.updateOf(member, "/start");
  const response = await post(update, SECRET);
  expect(response.status).toBe(200);
  expect(tg.chat(member.id).length).toBe(1);
  expect((await database.store.findUser(BigInt(member.id)))?.firstName).toBe("Hà");
  expect((await post(update, SECRET)).status).toBe(200);
  expect(tg.chat(member.id).length).toBe(1);
});

it.each([
  ["a wrong", "not-the-secret-0123456789abcdef"],
  ["no", undefined],
])("refuses an update with %s secret token: 401, nothing handled, nothing stored", async (_label, secret) => {
  const update = tg.updateOf(intruder, "/start");
  const calls = tg.calls.length;
  const response = await post(update, secret);
  expect(response.status).toBe(401);
  expect(tg.calls.length).toBe(calls);
  expect(tg.chat(intruder.id)).toEqual([]);
  expect(await database.store.findUser(BigInt(intruder.id))).toBeNull();
  // The update id was never recorded: the real delivery, with the secret, is still handled.
  expect(await database.store.markUpdateProcessed("telegram", String(update.update_id), new Date())).toBe(true);
});

it("answers the load balancer's health check, and 404 on other paths", async () => {
  const health = await fetch(`${base}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.text()).toBe("ok");
  expect((await fetch(`${base}/other`, { method: "POST", body: "{}" })).status).toBe(404);
});

/** A raw POST to the webhook path with the right secret: the body exactly as given. */
const postRaw = (body: string | Buffer, headers: Record<string, string> = { "Content-Type": "application/json" }) =>
  fetch(`${base}/telegram`, { method: "POST", body, headers: { ...headers, "X-Telegram-Bot-Api-Secret-Token": SECRET } });

it.each([
  ["malformed JSON", '{"update_id": 5, "message": {'],
  ["null", "null"],
  ["an empty body", ""],
  ["a number", "987654321"],
  ["an object that is no update", '{"hello": "world"}'],
])("answers 400 to %s with the right secret (Telegram does not retry a 400), handling nothing, logged once at warn without the body", async (_label, body) => {
  const calls = tg.calls.length;
  const logged = lines.length;
  const response = await postRaw(body);
  expect(response.status).toBe(400);
  expect(tg.calls.length).toBe(calls);
  expect(lines.slice(logged)).toEqual([expect.objectContaining({ level: 40, status: 400, path: "/telegram", msg: "http request refused" })]);
  const text = raw.slice(logged).join("\n");
  for (const secret of [SECRET, "update_id", "hello", "world", "987654321"]) expect(text).not.toContain(secret);
});

it("answers 413 to a 10 MB body", async () => {
  const update = tg.updateOf(member, "/start");
  const body = JSON.stringify({ ...update, padding: "x".repeat(10 * 1024 * 1024) });
  const calls = tg.calls.length;
  const logged = lines.length;
  const status = await postRaw(body).then(
    (r) => r.status,
    (error: unknown) => `connection closed early: ${String(error)}`,
  );
  expect(status).toBe(413);
  expect(tg.calls.length).toBe(calls);
  expect(lines.slice(logged)).toEqual([expect.objectContaining({ level: 40, status: 413, path: "/telegram" })]);
  expect(raw.slice(logged).join("\n")).not.toContain("xxxx");
});

it("answers 413 to a body announced as 10 MB without waiting for it whole", async () => {
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(
      `${base}/telegram`,
      {
        method: "POST",
        headers: { "Content-Type": "application/json", "Content-Length": String(10 * 1024 * 1024), "X-Telegram-Bot-Api-Secret-Token": SECRET },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      },
    );
    req.on("error", reject);
    // 1 KB of the announced 10 MB, and then nothing: a server that reads the body whole never answers.
    req.write("x".repeat(1024));
  });
  expect(status).toBe(413);
});

it("refuses a wrong secret before reading the body, and logs it once without the secret or the body", async () => {
  const logged = lines.length;
  const response = await fetch(`${base}/telegram`, {
    method: "POST",
    body: JSON.stringify({ update_id: 1, padding: "y".repeat(2 * 1024 * 1024) }),
    headers: { "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "not-the-secret-0123456789abcdef" },
  }).then(
    (r) => r.status,
    (error: unknown) => `connection closed early: ${String(error)}`,
  );
  expect(response).toBe(401);
  expect(lines.slice(logged)).toEqual([expect.objectContaining({ level: 40, status: 401, path: "/telegram" })]);
  const text = raw.slice(logged).join("\n");
  expect(text).not.toContain("not-the-secret");
  expect(text).not.toContain("yyyy");
});

it("answers 405 to a GET on the webhook path", async () => {
  const response = await fetch(`${base}/telegram`);
  expect(response.status).toBe(405);
  expect(response.headers.get("allow")).toBe("POST");
});
