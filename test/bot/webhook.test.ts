/**
 * Webhook mode (src/bot/webhook.ts) over real HTTP on 127.0.0.1: an update posted with the
 * right secret token is handled; a wrong or missing token gets 401 and changes nothing (no
 * reply, no user row, the update id not even recorded); /healthz answers the load balancer.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startWebhookServer } from "../../src/bot/webhook.js";
import { appDeps } from "../support/app.js";
import { stubbedBot, type Person, type StubbedBot } from "../support/bot.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";

const SECRET = "webhook-secret-0123456789abcdef";
const member: Person = { id: 7101, first_name: "Hà", last_name: "Lê Thu" };
const intruder: Person = { id: 7102, first_name: "Kẻ", last_name: "Mạo Danh" };

let database: TestDatabase;
let tg: StubbedBot;
let server: Server;
let base: string;

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database));
  server = await startWebhookServer(tg.bot, {
    secret: SECRET, port: 0, host: "127.0.0.1", path: "/telegram",
    healthy: async () => (await database.store.findUser(0n), true), onError: () => {},
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await database.close();
});

const post = (body: unknown, secret?: string) =>
  fetch(`${base}/telegram`, {
    method: "POST", body: JSON.stringify(body),
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

it.each([["a wrong", "not-the-secret-0123456789abcdef"], ["no", undefined]])("refuses an update with %s secret token: 401, nothing handled, nothing stored", async (_label, secret) => {
  const update = tg.updateOf(intruder, "/start");
  const calls = tg.calls.length;
  const response = await post(update, secret);
  expect(response.status).toBe(401);
  expect(tg.calls.length).toBe(calls);
  expect(tg.chat(intruder.id)).toEqual([]);
  expect(await database.store.findUser(BigInt(intruder.id))).toBeNull();
  // The update id was never recorded: the real delivery, with the secret, is still handled.
  expect(await database.store.markUpdateProcessed(update.update_id, new Date())).toBe(true);
});

it("answers the load balancer's health check, and 404 on other paths", async () => {
  const health = await fetch(`${base}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.text()).toBe("ok");
  expect((await fetch(`${base}/other`, { method: "POST", body: "{}" })).status).toBe(404);
});
