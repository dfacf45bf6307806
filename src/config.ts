/**
 * Configuration: a schema and a pure `parseConfig(env)`. Only main.ts reads process.env.
 */
import { createHmac } from "node:crypto";
import path from "node:path";
import cron from "node-cron";
import { z } from "zod";
import { isValidTimeZone } from "./domain/calendar.js";
import { zoneSpelling } from "./domain/zones.js";

export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** Whether a stored or typed value is one of the bot's languages. */
export const isLocale = (value: string | null | undefined): value is Locale => (LOCALES as readonly string[]).includes(value ?? "");

const schema = z.object({
  // Required unless ZALO_BOT_TOKEN is set (checked below, so the error names both).
  BOT_TOKEN: z
    .string()
    .regex(/^\d+:[\w-]{20,}$/, "does not look like a bot token (digits:letters from @BotFather)")
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(
      /^(?:file:.+|postgres(?:ql)?:\/\/.+)/,
      "must be a SQLite URL like file:./data/bot.db or a PostgreSQL URL like postgresql://tusoi:password@db.example.org:5432/tusoi",
    )
    .default("file:./data/bot.db"),
  TELEGRAM_API_ROOT: z.url({ protocol: /^https?$/, error: "must be an http(s) URL like https://api.telegram.org" }).default("https://api.telegram.org"),
  DEFAULT_LOCALE: z.enum(LOCALES, { error: "must be vi or en" }).default("vi"),
  DEFAULT_TIMEZONE: z.string().refine(isValidTimeZone, "must be an IANA time zone like Asia/Ho_Chi_Minh").default("Asia/Ho_Chi_Minh"),
  SCHEDULER_TICK_CRON: z
    .string()
    .refine((v) => cron.validate(v), "must be a cron expression like * * * * *")
    .default("* * * * *"),
  WEBHOOK_URL: z
    .url({ protocol: /^https$/, error: "must be the public https URL Telegram posts updates to, like https://bot.example.org/telegram" })
    .optional(),
  // Telegram allows 1–256 characters A-Z a-z 0-9 _ -; we ask for 16 or more, so it cannot be guessed.
  WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16–256 characters A-Z, a-z, 0-9, _ or - (e.g. openssl rand -hex 32)")
    .optional(),
  // Set: the HTTP server listens there (/healthz, the webhook). Unset: 8080 in webhook mode, no server when long-polling.
  PORT: z.coerce
    .number({ error: "must be a port number 1–65535" })
    .int("must be a port number 1–65535")
    .min(1, "must be a port number 1–65535")
    .max(65535, "must be a port number 1–65535")
    .optional(),
  // The web's address as people open it (https behind the TLS proxy; http only on an intranet or in a test).
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: "must be the web's http(s) address as people open it, like https://bot.example.org" }).optional(),
  // Zalo (issue 20): the token from Zalo Bot Creator, "<bot_id>:<secret>". Set: the Zalo channel runs.
  ZALO_BOT_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9]+:[^\s:]{8,}$/, "does not look like a Zalo bot token (<bot id>:<secret>, as Zalo Bot Creator sent it)")
    .optional(),
  ZALO_API_ROOT: z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL like https://bot-api.zaloplatforms.com" })
    .default("https://bot-api.zaloplatforms.com"),
  // setWebhook's secret_token: 8–256 characters. Set with PUBLIC_URL and PORT: webhook at <PUBLIC_URL>/zalo; unset: long polling.
  ZALO_WEBHOOK_SECRET: z
    .string()
    .regex(/^\S{8,256}$/, "must be 8–256 characters without spaces (e.g. openssl rand -hex 32)")
    .optional(),
  // Zalo publishes no quota: a cautious pace, raised only once a deployment has seen no 429 at it.
  ZALO_MESSAGES_PER_SECOND: z.coerce
    .number({ error: "must be a number of messages per second, 0.1–30" })
    .min(0.1, "must be a number of messages per second, 0.1–30")
    .max(30, "must be a number of messages per second, 0.1–30")
    .default(1),
  // Files sent as links (<PUBLIC_URL>/f/<token>): where they are kept, and the links' signing key.
  FILES_DIR: z.string().optional(),
  FILE_LINK_SECRET: z
    .string()
    .regex(/^\S{32,256}$/, "must be 32–256 characters without spaces (e.g. openssl rand -hex 32)")
    .optional(),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "must be one of fatal, error, warn, info, debug, trace, silent" })
    .default("info"),
});

/** Where the HTTP server listens in webhook mode when PORT is unset (as before PORT was optional). */
const DEFAULT_WEBHOOK_PORT = 8080;

/** The channels a configuration runs, in start-up order. */
export type ChannelName = "telegram" | "zalo";

/** Zalo's settings when ZALO_BOT_TOKEN is set. */
export interface ZaloConfig {
  token: string;
  /** ZALO_API_ROOT without a trailing slash. */
  apiRoot: string;
  /** Webhook mode (`<PUBLIC_URL>/zalo`, ZALO_WEBHOOK_SECRET); null: long polling with getUpdates. */
  webhook: { url: string; secret: string } | null;
  /** The Zalo sender's pace: messages per second overall (ZALO_MESSAGES_PER_SECOND, default 1). */
  messagesPerSecond: number;
  /** One message a chat at most this often (ms): 1 s after the previous one's answer. */
  chatIntervalMs: number;
}

export interface Config {
  /** Telegram's token (BOT_TOKEN); null when only Zalo runs. */
  botToken: string | null;
  /** The channels that run: telegram when BOT_TOKEN is set, zalo when ZALO_BOT_TOKEN is; never empty. */
  channels: ChannelName[];
  zalo: ZaloConfig | null;
  /** Absolute SQLite URL (relative paths resolved against `cwd`), or a PostgreSQL URL as given. */
  databaseUrl: string;
  databaseEngine: "sqlite" | "postgresql";
  /** Webhook mode when WEBHOOK_URL is set (with WEBHOOK_SECRET); long polling otherwise. */
  webhook: { url: string; secret: string; port: number } | null;
  /** The port of the one HTTP server (src/server): PORT, or 8080 in webhook mode; null: no server (long polling without PORT). */
  httpPort: number | null;
  telegramApiRoot: string;
  defaultLocale: Locale;
  defaultTimezone: string;
  schedulerTickCron: string;
  logLevel: string;
  /** The web's address without a trailing slash (PUBLIC_URL), or null: no web. The web needs the HTTP server too (PORT). */
  publicUrl: string | null;
  /** PUBLIC_URL is http:// (an intranet, a test): start-up warns; Zalo's real webhook and photo links want https. */
  publicUrlInsecure: boolean;
  /** Where files sent as links are kept (FILES_DIR; default `files` beside the SQLite file, else ./data/files), absolute. */
  filesDir: string;
  /**
   * The key file links are signed with: FILE_LINK_SECRET, else derived from the bot token(s)
   * (HMAC-SHA256 under a fixed label), so every instance of one deployment agrees and a new
   * token invalidates the old links. Never logged.
   */
  fileLinkSecret: string;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; error: string };

/** Parses environment variables; empty strings count as unset. Never throws. */
export function parseConfig(env: Record<string, string | undefined>, cwd = process.cwd()): ConfigResult {
  const cleaned = Object.fromEntries(
    Object.entries(env)
      .filter(([, v]) => v !== undefined && v.trim() !== "")
      .map(([k, v]) => [k, v!.trim()]),
  );
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    return { ok: false, error: `Configuration error: ${name} ${issue.message}` };
  }
  const c = parsed.data;
  if (!c.BOT_TOKEN && !c.ZALO_BOT_TOKEN) {
    return {
      ok: false,
      error: c.ZALO_WEBHOOK_SECRET
        ? "Configuration error: ZALO_BOT_TOKEN is required with ZALO_WEBHOOK_SECRET (the token from Zalo Bot Creator)"
        : // At least one channel: Telegram's token (this line is as it always was), or Zalo's (README).
          "Configuration error: BOT_TOKEN is required (the token from @BotFather)",
    };
  }
  // The secret is never echoed: only the variable's name appears in an error.
  if (c.WEBHOOK_URL && !c.WEBHOOK_SECRET)
    return {
      ok: false,
      error: "Configuration error: WEBHOOK_SECRET is required with WEBHOOK_URL (Telegram sends it in every request; e.g. openssl rand -hex 32)",
    };
  if (c.WEBHOOK_SECRET && !c.WEBHOOK_URL)
    return { ok: false, error: "Configuration error: WEBHOOK_URL is required with WEBHOOK_SECRET (or unset both for long polling)" };
  const webhook = c.WEBHOOK_URL && c.WEBHOOK_SECRET ? { url: c.WEBHOOK_URL, secret: c.WEBHOOK_SECRET, port: c.PORT ?? DEFAULT_WEBHOOK_PORT } : null;
  const httpPort = webhook ? webhook.port : (c.PORT ?? null);
  const publicUrl = c.PUBLIC_URL ? c.PUBLIC_URL.replace(/\/+$/, "") : null;
  if (c.ZALO_WEBHOOK_SECRET && !c.ZALO_BOT_TOKEN)
    return { ok: false, error: "Configuration error: ZALO_BOT_TOKEN is required with ZALO_WEBHOOK_SECRET (the token from Zalo Bot Creator)" };
  if (c.ZALO_WEBHOOK_SECRET && (publicUrl === null || httpPort === null)) {
    return {
      ok: false,
      error:
        "Configuration error: ZALO_WEBHOOK_SECRET needs PUBLIC_URL and PORT (Zalo posts to <PUBLIC_URL>/zalo on the bot's HTTP server); unset it for long polling",
    };
  }
  const zalo: ZaloConfig | null = c.ZALO_BOT_TOKEN
    ? {
        token: c.ZALO_BOT_TOKEN,
        apiRoot: c.ZALO_API_ROOT.replace(/\/+$/, ""),
        webhook: c.ZALO_WEBHOOK_SECRET && publicUrl !== null ? { url: `${publicUrl}/zalo`, secret: c.ZALO_WEBHOOK_SECRET } : null,
        messagesPerSecond: c.ZALO_MESSAGES_PER_SECOND,
        chatIntervalMs: 1000,
      }
    : null;
  const postgres = !c.DATABASE_URL.startsWith("file:");
  const file = c.DATABASE_URL.slice("file:".length);
  const databaseUrl = postgres || file === ":memory:" ? c.DATABASE_URL : `file:${path.resolve(cwd, file)}`;
  const sqliteFile = !postgres && file !== ":memory:" ? databaseUrl.slice("file:".length) : null;
  const filesDir = c.FILES_DIR ? path.resolve(cwd, c.FILES_DIR) : sqliteFile ? path.join(path.dirname(sqliteFile), "files") : path.resolve(cwd, "data/files");
  const fileLinkSecret =
    c.FILE_LINK_SECRET ??
    createHmac("sha256", [c.BOT_TOKEN ?? "", c.ZALO_BOT_TOKEN ?? ""].join("\n"))
      .update("tusoi file links v1")
      .digest("base64url");
  return {
    ok: true,
    config: {
      botToken: c.BOT_TOKEN ?? null,
      channels: [...(c.BOT_TOKEN ? ["telegram" as const] : []), ...(zalo ? ["zalo" as const] : [])],
      zalo,
      databaseUrl,
      databaseEngine: postgres ? "postgresql" : "sqlite",
      webhook,
      httpPort,
      telegramApiRoot: c.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
      defaultLocale: c.DEFAULT_LOCALE,
      defaultTimezone: zoneSpelling(c.DEFAULT_TIMEZONE),
      schedulerTickCron: c.SCHEDULER_TICK_CRON,
      logLevel: c.LOG_LEVEL,
      publicUrl,
      publicUrlInsecure: publicUrl !== null && publicUrl.startsWith("http:"),
      filesDir,
      fileLinkSecret,
    },
  };
}
