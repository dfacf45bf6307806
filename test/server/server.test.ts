/**
 * The one HTTP server (src/server) on its own, as main.ts starts it in long-polling mode when
 * PORT is set: /healthz for the load balancer (200 while the database answers, 503 when not),
 * nothing else mounted (the webhook path is 404), and no line logged for a health check.
 */
import { Writable } from "node:stream";
import { afterEach, expect, it } from "vitest";
import { createLogger } from "../../src/infra/logger.js";
import { createServer } from "../../src/server/index.js";

const lines: string[] = [];
const logger = createLogger(
  "info",
  [],
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  }),
);
let close: (() => Promise<void>) | null = null;
afterEach(async () => close?.());

async function serve(healthy: () => Promise<boolean>) {
  const server = createServer({ logger, healthy });
  close = () => server.close();
  await server.listen({ port: 0, host: "127.0.0.1" });
  const address = server.server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return `http://127.0.0.1:${address.port}`;
}

it("answers /healthz 200 while the database answers, and nothing else is mounted", async () => {
  const base = await serve(async () => true);
  const logged = lines.length;
  const health = await fetch(`${base}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.text()).toBe("ok");
  expect(lines.slice(logged)).toEqual([]);
  expect((await fetch(`${base}/telegram`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } })).status).toBe(404);
});

it.each([
  ["says no", async () => false],
  [
    "fails",
    async () => {
      throw new Error("connection refused");
    },
  ],
])("answers /healthz 503 when the database %s", async (_label, healthy) => {
  const base = await serve(healthy);
  const health = await fetch(`${base}/healthz`);
  expect(health.status).toBe(503);
  expect(await health.text()).toBe("database unavailable");
});
