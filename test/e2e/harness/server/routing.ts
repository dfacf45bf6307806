/** Routes each request to the front: interceptors, the methods it answers itself (dispatched by concern), or the proxy. */
import type http from "node:http";
import { parseBody, jsonParam, numParam, boolParam, strParam, type UploadedFile } from "../multipart.js";
import type { ApiCall, ApiResponse } from "../types.js";
import { getChat, getChatAdministrators, getChatMember } from "./chat-members.js";
import { sendFile } from "./files.js";
import { deleteMessage, editMessageReplyMarkup, editMessageText, sendMessage } from "./messages.js";
import { deleteWebhook, getUpdates } from "./polling.js";
import { proxyStream } from "./proxy.js";
import { getFile, serveFile } from "./user-files.js";
import { fail, ok, type Front } from "./state.js";

const OK_TRUE_METHODS = new Set([
  "setmycommands",
  "deletemycommands",
  "setchatmenubutton",
  "sendchataction",
  "setmydescription",
  "setmyshortdescription",
  "setmyname",
  "setmydefaultadministratorrights",
]);

const SEND_METHODS = new Set(["sendmessage", "senddocument", "sendphoto", "sendchataction"]);

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export async function handleRequest(front: Front, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  // The file download URL of getFile's file_path (files users sent, or the bot's own).
  const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
  if (download) {
    serveFile(front, decodeURIComponent(download[1] as string), decodeURIComponent(download[2] as string), res);
    return;
  }
  const m = /^\/bot([^/]+)\/([A-Za-z]+)\/?$/.exec(url.pathname);
  if (!m) {
    proxyStream(front, req, res, undefined);
    return;
  }
  const token = decodeURIComponent(m[1] as string);
  const method = m[2] as string;
  const key = method.toLowerCase();
  const st = front.state(token);
  const call: ApiCall = { token, method, params: {}, uploads: [], time: Date.now() };
  st.calls.push(call);
  res.on("finish", () => {
    call.status = res.statusCode;
  });

  if (!isLocal(front, key)) {
    proxyStream(front, req, res, call);
    return;
  }
  const body = await readBody(req);
  const parsed = parseBody(url.searchParams, req.headers["content-type"], body);
  call.params = parsed.params;
  call.uploads = [...parsed.files.keys()];
  const send = (r: ApiResponse): void => {
    if (!r.ok) call.error = r.description;
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(r.ok ? 200 : r.error_code, { "content-type": "application/json" });
    res.end(JSON.stringify(r));
  };

  for (const h of [...(front.interceptors.get(key) ?? [])]) {
    const r = await h(parsed.params, { token, method });
    if (r !== undefined) {
      send(r);
      return;
    }
  }
  if (key === "getupdates") {
    getUpdates(front, token, parsed.params, res, call);
    return;
  }
  send(await handleLocal(front, token, key, method, parsed.params, parsed.files, body, req));
}

function isLocal(front: Front, key: string): boolean {
  return (
    front.interceptors.has(key) ||
    OK_TRUE_METHODS.has(key) ||
    [
      "getupdates",
      "getme",
      "deletewebhook",
      "getchatmember",
      "getchatadministrators",
      "getchat",
      "getmycommands",
      "getfile",
      "senddocument",
      "sendphoto",
      "answercallbackquery",
      "deletemessage",
      "sendmessage",
      "editmessagetext",
      "editmessagereplymarkup",
    ].includes(key)
  );
}

async function handleLocal(
  front: Front,
  token: string,
  key: string,
  method: string,
  p: Record<string, unknown>,
  files: Map<string, UploadedFile>,
  body: Buffer,
  req: http.IncomingMessage,
): Promise<ApiResponse> {
  const st = front.state(token);
  const chatId = numParam(p.chat_id);
  if (SEND_METHODS.has(key) && chatId !== undefined && front.blocked.has(chatId)) {
    return fail(403, front.blocked.get(chatId) as string);
  }
  switch (key) {
    case "getme":
      return ok(front.botUser(token));
    case "deletewebhook":
      return deleteWebhook(front, token, p);
    case "getchatmember":
      return getChatMember(front, token, chatId, p);
    case "getchatadministrators":
      return getChatAdministrators(front, token, chatId);
    case "getchat":
      return getChat(front, chatId);
    case "getmycommands":
      return ok(st.commands.get(commandsKey(p)) ?? []);
    case "answercallbackquery": {
      const id = strParam(p.callback_query_id) ?? "";
      st.callbackAnswers.push({
        callback_query_id: id,
        text: strParam(p.text),
        show_alert: boolParam(p.show_alert),
        url: strParam(p.url),
        cache_time: numParam(p.cache_time),
        duplicate: st.answeredCallbacks.has(id),
        time: Date.now(),
      });
      st.answeredCallbacks.add(id);
      return ok(true);
    }
    case "getfile":
      return getFile(front, token, p);
    case "senddocument":
    case "sendphoto":
      return sendFile(front, token, key === "senddocument" ? "sendDocument" : "sendPhoto", p, files);
    case "deletemessage":
      return deleteMessage(front, token, p);
    case "sendmessage":
      return sendMessage(front, token, method, p, body, req);
    case "editmessagetext":
      return editMessageText(front, token, method, p, body, req);
    case "editmessagereplymarkup":
      return editMessageReplyMarkup(front, token, method, p, body, req);
    default:
      if (key === "setmycommands") st.commands.set(commandsKey(p), jsonParam(p.commands) ?? []);
      if (key === "deletemycommands") st.commands.delete(commandsKey(p));
      return ok(true);
  }
}

function commandsKey(p: Record<string, unknown>): string {
  return JSON.stringify([jsonParam(p.scope) ?? { type: "default" }, p.language_code ?? ""]);
}
