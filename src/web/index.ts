/**
 * The web for committees and secretaries (DESIGN §10), a Fastify plugin on the one HTTP
 * server (src/server). Server-rendered HTML, one stylesheet served from here, no script.
 *
 * - Sign-in: `/web` in the bot sends `<PUBLIC_URL>/login/<token>`. GET shows a page with one
 *   **Đăng nhập** button and does not use the link up (chat apps fetch links for previews);
 *   the button's POST uses it and starts a session: an HttpOnly, SameSite=Lax cookie (Secure
 *   under https), stored server-side as a hash, 12 hours. A used or expired link gets a page
 *   saying to ask the bot again. Sign-in attempts are rate-limited per client address.
 * - Every page asks the database who the person is and what they manage, per request: an
 *   officer removed from a unit loses its pages at once; a unit outside their reach is a 404.
 * - State-changing requests (POST) need the session's CSRF token (logout) or the unguessable
 *   link (sign-in), and are refused when the browser says they come from another origin.
 * - Content-Security-Policy `default-src 'self'`: no inline script or style.
 * - Link tokens and session ids never reach a log line: refused requests are logged with the
 *   token part of the path replaced.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../app/deps.js";
import type { ReportFileKind } from "../app/ports.js";
import { webCellFile, webCellPage, webCommitteeFile, webCommitteePage, webUnits } from "../app/web-pages.js";
import { csrfTokenFor, inspectWebLink, sessionUser, signInWithLink, signOut, SESSION_TTL_MS } from "../app/web-sign-in.js";
import { isLocale, type Locale } from "../config.js";
import type { I18n } from "../infra/i18n/index.js";
import { pathOf } from "../server/index.js";
import { html, layout, raw, type Html } from "./html.js";
import { cellNoRound, cellPage, committeeNoCampaign, committeePage, homePage, loginPage, messagePage, SORT_KEYS, type SortKey, type T } from "./pages.js";

const CSS = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "web.css"), "utf8");

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const FILE_TYPES: Record<"docx" | "xlsx", string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export interface WebOptions {
  app: AppDeps;
  i18n: I18n;
  defaultLocale: Locale;
  /** PUBLIC_URL without a trailing slash: its scheme decides `Secure`, its origin the CSRF check. */
  publicUrl: string;
  /** Sign-in attempts (opening or pressing a link) per client address per minute. */
  signInLimitPerMinute?: number;
}

/** The path as it may be logged: a sign-in token replaced. */
export const loggablePath = (url: string): string => pathOf(url).replace(/^\/login\/[^/]*/, "/login/…");

export function webPlugin(options: WebOptions): FastifyPluginAsync {
  const { app, i18n } = options;
  const secure = options.publicUrl.startsWith("https:");
  const origin = new URL(options.publicUrl).origin;
  const cookieName = secure ? "__Host-tusoi_session" : "tusoi_session";
  const limit = options.signInLimitPerMinute ?? 60;
  const attempts = new Map<string, { count: number; resetAt: number }>();

  const translate = (locale: Locale): T => {
    const t = i18n.t(locale);
    return (key, opts) => raw(t(key, opts) as string);
  };
  const localeOf = async (userId: bigint | null): Promise<Locale> => {
    const stored = userId === null ? null : ((await app.users.findUser(userId))?.locale ?? null);
    return isLocale(stored) ? stored : options.defaultLocale;
  };
  const cookieOf = (request: FastifyRequest): string | undefined => {
    for (const part of (request.headers.cookie ?? "").split(";")) {
      const eq = part.indexOf("=");
      if (eq > 0 && part.slice(0, eq).trim() === cookieName) return part.slice(eq + 1).trim();
    }
    return undefined;
  };
  const sessionCookie = (value: string, maxAgeSeconds: number) =>
    `${cookieName}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? "; Secure" : ""}`;

  const send = (reply: FastifyReply, status: number, locale: Locale, title: Html, body: Html, signedIn?: { csrf: string }) => {
    const t = translate(locale);
    return reply
      .code(status)
      .type("text/html; charset=utf-8")
      .send(
        layout({
          lang: locale,
          title,
          siteTitle: t("web:title"),
          body,
          ...(signedIn ? { signedIn: { homeLabel: t("web:home"), logoutLabel: t("web:logout"), csrf: signedIn.csrf } } : {}),
        }),
      );
  };
  const message = (reply: FastifyReply, status: number, locale: Locale, key: string) => {
    const t = translate(locale);
    return send(reply, status, locale, t(`web:${key}.title`), messagePage(t(`web:${key}.title`), t(`web:${key}.text`)));
  };

  /** The signed-in person for this request, from the database; null after a 401 page was sent. */
  const person = async (
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<{ userId: bigint; sessionId: string; locale: Locale; t: T; csrf: string } | null> => {
    const sessionId = cookieOf(request);
    const userId = await sessionUser(app, sessionId);
    if (userId === null || !sessionId) {
      await message(reply, 401, options.defaultLocale, "needSignIn");
      return null;
    }
    const locale = await localeOf(userId);
    return { userId, sessionId, locale, t: translate(locale), csrf: csrfTokenFor(sessionId) };
  };

  /** A browser that says the request comes from elsewhere is refused (Origin, else Referer when present). */
  const sameOrigin = (request: FastifyRequest): boolean => {
    const from = request.headers.origin ?? request.headers.referer;
    if (typeof from !== "string" || from === "" || from === "null") return from !== "null";
    try {
      return new URL(from).origin === origin;
    } catch {
      return false;
    }
  };

  const rateLimited = (request: FastifyRequest): boolean => {
    const now = Date.now();
    const key = request.ip;
    const entry = attempts.get(key);
    if (!entry || entry.resetAt <= now) {
      if (attempts.size > 10_000) attempts.clear();
      attempts.set(key, { count: 1, resetAt: now + 60_000 });
      return false;
    }
    entry.count++;
    return entry.count > limit;
  };

  return async (web) => {
    web.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 4096 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    web.addHook("onSend", async (request, reply, payload) => {
      reply.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
      reply.header("X-Content-Type-Options", "nosniff");
      reply.header("Referrer-Policy", "same-origin");
      reply.header("X-Frame-Options", "DENY");
      if (!reply.hasHeader("Cache-Control")) reply.header("Cache-Control", "no-store");
      return payload;
    });
    // Refusals logged without the token; the body and headers never.
    web.setErrorHandler((error: FastifyError, request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
      const fields = { method: request.method, path: loggablePath(request.url), status, code: error.code };
      if (status >= 500) {
        // The error's message and stack only: never the request.
        web.log.error({ ...fields, err: { message: error.message, stack: error.stack } }, "web request failed");
        return reply.code(500).type("text/plain").send("internal error");
      }
      web.log.warn(fields, "http request refused");
      return reply.code(status).type("text/plain").send("bad request");
    });

    web.get("/assets/web.css", async (_request, reply) => reply.header("Cache-Control", "public, max-age=3600").type("text/css; charset=utf-8").send(CSS));

    web.get<{ Params: { token: string } }>("/login/:token", async (request, reply) => {
      const t = translate(options.defaultLocale);
      if (rateLimited(request)) return send(reply, 429, options.defaultLocale, t("web:login.title"), messagePage(t("web:login.title"), t("web:login.tooMany")));
      const state = await inspectWebLink(app, request.params.token);
      const valid = state === "valid";
      return send(
        reply,
        valid ? 200 : 410,
        options.defaultLocale,
        t(valid ? "web:login.title" : "web:login.refusedTitle"),
        loginPage(t, request.params.token, valid),
      );
    });

    web.post<{ Params: { token: string } }>("/login/:token", async (request, reply) => {
      const t = translate(options.defaultLocale);
      if (rateLimited(request)) return send(reply, 429, options.defaultLocale, t("web:login.title"), messagePage(t("web:login.title"), t("web:login.tooMany")));
      if (!sameOrigin(request)) return message(reply, 403, options.defaultLocale, "forbidden");
      const result = await signInWithLink(app, request.params.token);
      if (result.kind !== "signedIn") return send(reply, 410, options.defaultLocale, t("web:login.refusedTitle"), loginPage(t, "", false));
      reply.header("Set-Cookie", sessionCookie(result.sessionId, Math.floor(SESSION_TTL_MS / 1000)));
      return reply.code(303).header("Location", "/").send();
    });

    web.get("/logout", async (request, reply) => {
      const me = await person(request, reply);
      if (!me) return reply;
      return send(
        reply,
        200,
        me.locale,
        me.t("web:logout"),
        html`<h1>${me.t("web:logout")}</h1><form method="post" action="/logout"><input type="hidden" name="csrf" value="${me.csrf}"><button type="submit" class="primary">${me.t("web:logout")}</button></form>`,
        { csrf: me.csrf },
      );
    });

    web.post<{ Body: { csrf?: string } | undefined }>("/logout", async (request, reply) => {
      const sessionId = cookieOf(request);
      const userId = await sessionUser(app, sessionId);
      const locale = await localeOf(userId);
      if (userId !== null && sessionId) {
        if (!sameOrigin(request) || request.body?.csrf !== csrfTokenFor(sessionId)) return message(reply, 403, locale, "forbidden");
        await signOut(app, sessionId);
      }
      reply.header("Set-Cookie", sessionCookie("", 0));
      return message(reply, 200, locale, "signedOut");
    });

    web.get("/", async (request, reply) => {
      const me = await person(request, reply);
      if (!me) return reply;
      const units = await webUnits(app, me.userId);
      return send(reply, 200, me.locale, me.t("web:home"), homePage(me.t, units), { csrf: me.csrf });
    });

    web.get<{ Params: { id: string }; Querystring: { campaign?: string; sort?: string; dir?: string } }>("/c/:id", async (request, reply) => {
      const me = await person(request, reply);
      if (!me) return reply;
      const id = idOf(request.params.id);
      const campaignId = request.query.campaign === undefined ? undefined : idOf(request.query.campaign);
      if (id === null || campaignId === null) return message(reply, 404, me.locale, "notFound");
      const result = await webCommitteePage(app, me.userId, id, campaignId);
      if (result.kind === "notFound") return message(reply, 404, me.locale, "notFound");
      if (result.kind === "noCampaign")
        return send(reply, 200, me.locale, raw(escapeTitle(result.committee.name)), committeeNoCampaign(me.t, result.committee, result.trail), {
          csrf: me.csrf,
        });
      const key = (SORT_KEYS as readonly string[]).includes(request.query.sort ?? "") ? (request.query.sort as SortKey) : null;
      const page = committeePage(me.t, me.locale, result.page, { key, dir: request.query.dir === "desc" ? "desc" : "asc" });
      return send(reply, 200, me.locale, raw(escapeTitle(result.page.rollup.committee.name)), page, { csrf: me.csrf });
    });

    web.get<{ Params: { id: string; campaign: string; kind: string } }>("/c/:id/files/:campaign/:kind", async (request, reply) => {
      const me = await person(request, reply);
      if (!me) return reply;
      const id = idOf(request.params.id);
      const campaignId = idOf(request.params.campaign);
      const kind = fileKind(request.params.kind);
      if (id === null || campaignId === null || !kind) return message(reply, 404, me.locale, "notFound");
      const file = await webCommitteeFile(app, me.userId, id, campaignId, kind, me.locale);
      if (file.kind !== "file") return message(reply, 404, me.locale, "notFound");
      return download(reply, `tong-hop-${id}-${campaignId}.${kind}`, kind, file.bytes);
    });

    web.get<{ Params: { id: string } }>("/cell/:id", async (request, reply) => {
      const me = await person(request, reply);
      if (!me) return reply;
      const id = idOf(request.params.id);
      if (id === null) return message(reply, 404, me.locale, "notFound");
      const result = await webCellPage(app, me.userId, id);
      if (result.kind === "notFound") return message(reply, 404, me.locale, "notFound");
      if (result.kind === "noRound") return send(reply, 200, me.locale, raw(escapeTitle(result.cell.name)), cellNoRound(me.t, result.cell), { csrf: me.csrf });
      return send(reply, 200, me.locale, raw(escapeTitle(result.report.cell.name)), cellPage(me.t, me.locale, result.report, result.pending), {
        csrf: me.csrf,
      });
    });

    web.get<{ Params: { id: string; round: string; kind: string } }>("/cell/:id/files/:round/:kind", async (request, reply) => {
      const me = await person(request, reply);
      if (!me) return reply;
      const id = idOf(request.params.id);
      const roundId = idOf(request.params.round);
      const kind = fileKind(request.params.kind);
      if (id === null || roundId === null || !kind) return message(reply, 404, me.locale, "notFound");
      const file = await webCellFile(app, me.userId, id, roundId, kind, me.locale);
      if (file.kind !== "file") return message(reply, 404, me.locale, "notFound");
      return download(reply, `bao-cao-${id}-dot-${file.roundNumber}.${kind}`, kind, file.bytes);
    });
  };
}

function idOf(value: string): number | null {
  return /^[1-9]\d{0,9}$/.test(value) && Number(value) <= 2_147_483_647 ? Number(value) : null;
}

function fileKind(value: string): Extract<ReportFileKind, "docx" | "xlsx"> | null {
  return value === "docx" || value === "xlsx" ? value : null;
}

function download(reply: FastifyReply, name: string, kind: "docx" | "xlsx", bytes: Uint8Array) {
  return reply.code(200).type(FILE_TYPES[kind]).header("Content-Disposition", `attachment; filename="${name}"`).send(Buffer.from(bytes));
}

const escapeTitle = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
