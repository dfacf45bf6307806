/** The two HTTP servers on 127.0.0.1, free ports: telegram-test-api, and the front (no request timeouts, sockets tracked for stop()). */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createRequire } from "node:module";
import { fail, type TelegramTestServer, type TelegramTestServerCtor } from "./state.js";

const require = createRequire(import.meta.url);

export async function startTelegramTestServer(): Promise<TelegramTestServer> {
  const Ctor = require("telegram-test-api") as TelegramTestServerCtor;
  // storeTimeout: keep messages for a day (default 60 s would purge them mid-test).
  const tts = new Ctor({ host: "127.0.0.1", port: 1, storeTimeout: 24 * 3600 });
  tts.config.port = 0; // its normalizeConfig turns 0 into 9000; listen on a free port instead
  await tts.start();
  const port = (tts.server?.address() as AddressInfo).port;
  tts.config.port = port;
  tts.config.apiURL = `http://127.0.0.1:${port}`;
  return tts;
}

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export interface FrontServer {
  server: http.Server;
  port: number;
  /** Open connections (long polls, keep-alive), for stop() to destroy. */
  sockets: Set<Socket>;
}

/** Starts the front; `route` answers a request, or returns undefined while the emulator is not ready (503). */
export async function startFrontServer(route: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | undefined): Promise<FrontServer> {
  const front = http.createServer((req, res) => {
    const handling = route(req, res);
    if (!handling) {
      res.writeHead(503).end();
      return;
    }
    handling.catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify(fail(500, `Internal Server Error: e2e front: ${String(err)}`)));
      } else res.destroy();
    });
  });
  // Long polls and keep-alive clients: never time out requests; keep idle sockets open longer than
  // any client would (avoids the keep-alive reuse race); stop() destroys them.
  front.requestTimeout = 0;
  front.headersTimeout = 60_000;
  front.keepAliveTimeout = 10 * 60_000;
  front.timeout = 0;
  const port = await listen(front);
  const sockets = new Set<Socket>();
  front.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  return { server: front, port, sockets };
}
