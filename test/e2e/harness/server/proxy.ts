/** Talking to telegram-test-api: forwarding a read body, streaming requests through, normalizing its error bodies. */
import http from "node:http";
import type { ApiCall, ApiResponse } from "../types.js";
import { fail, type Front } from "./state.js";

const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "trailer"]);
function forwardHeaders(headers: http.IncomingHttpHeaders | http.OutgoingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined || HOP_BY_HOP.has(k.toLowerCase())) continue;
    out[k] = v;
  }
  return out;
}

/** Forwards an already-read request body to telegram-test-api and returns its JSON answer as an ApiResponse. */
export function forward(front: Front, token: string, method: string, body: Buffer, req: http.IncomingMessage): Promise<ApiResponse> {
  const emuPort = front.tts.config.port;
  return new Promise((resolve) => {
    const headers = forwardHeaders(req.headers);
    headers.host = `127.0.0.1:${emuPort}`;
    headers["content-length"] = String(body.length);
    const preq = http.request(
      { host: "127.0.0.1", port: emuPort, method: req.method ?? "POST", path: `/bot${token}/${method}`, headers, agent: false },
      (pres) => {
        const chunks: Buffer[] = [];
        pres.on("data", (c: Buffer) => chunks.push(c));
        pres.on("end", () => resolve(toApiResponse(front, token, method, pres.statusCode ?? 500, Buffer.concat(chunks))));
        pres.on("error", (e) => resolve(fail(502, `Bad Gateway: ${String(e)}`)));
      },
    );
    preq.on("error", (e) => resolve(fail(502, `Bad Gateway: emulator unreachable: ${String(e)}`)));
    preq.end(body);
  });
}

function toApiResponse(front: Front, token: string, method: string, status: number, raw: Buffer): ApiResponse {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    return fail(status >= 400 ? status : 502, `Bad Gateway: emulator answered non-JSON: ${raw.toString("utf8").slice(0, 200)}`);
  }
  if (json && typeof json === "object" && "ok" in json) return json as ApiResponse;
  const message = json && typeof json === "object" && "message" in json ? String((json as { message: unknown }).message) : JSON.stringify(json);
  if (/not supported/i.test(message)) front.state(token).unsupported.push(method);
  return fail(status >= 400 && status !== 500 ? status : 400, `Bad Request: e2e emulator: ${message}`);
}

/** Streams a request to telegram-test-api unchanged and streams the answer back (error bodies normalized). */
export function proxyStream(front: Front, req: http.IncomingMessage, res: http.ServerResponse, call: ApiCall | undefined): void {
  const emuPort = front.tts.config.port;
  const headers = forwardHeaders(req.headers);
  headers.host = `127.0.0.1:${emuPort}`;
  const preq = http.request({ host: "127.0.0.1", port: emuPort, method: req.method, path: req.url, headers, agent: false }, (pres) => {
    const status = pres.statusCode ?? 502;
    const ct = String(pres.headers["content-type"] ?? "");
    if (status >= 400 && ct.includes("json") && call) {
      const chunks: Buffer[] = [];
      pres.on("data", (c: Buffer) => chunks.push(c));
      pres.on("end", () => {
        const r = toApiResponse(front, call.token, call.method, status, Buffer.concat(chunks));
        if (!r.ok) call.error = r.description;
        if (res.destroyed || res.writableEnded) return;
        res.writeHead(r.ok ? 200 : r.error_code, { "content-type": "application/json" });
        res.end(JSON.stringify(r));
      });
      return;
    }
    res.writeHead(status, forwardHeaders(pres.headers));
    pres.pipe(res);
  });
  preq.on("error", (e) => {
    if (!res.headersSent && !res.destroyed) {
      res.writeHead(502, { "content-type": "application/json" });
      res.end(JSON.stringify(fail(502, `Bad Gateway: emulator unreachable: ${String(e)}`)));
    } else res.destroy();
  });
  res.on("close", () => {
    if (!res.writableFinished) preq.destroy();
  });
  if (call && String(req.headers["content-type"] ?? "").includes("application/json")) {
    // tee the JSON body into the call record
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= 1 << 20) chunks.push(c);
    });
    req.on("end", () => {
      if (size > 1 << 20) return;
      try {
        const v: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        if (v && typeof v === "object") call.params = v as Record<string, unknown>;
      } catch {
        /* ignore */
      }
    });
  }
  req.pipe(preq);
}
