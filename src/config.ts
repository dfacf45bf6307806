/**
 * Configuration: a schema and a pure `parseConfig(env)`. Only main.ts reads process.env.
 */
import path from "node:path";
import cron from "node-cron";
import { z } from "zod";
import { isValidTimeZone } from "./domain/calendar.js";
import { zoneSpelling } from "./domain/zones.js";

export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];

const schema = z.object({
  BOT_TOKEN: z.string({ error: "is required (the token from @BotFather)" }).regex(/^\d+:[\w-]{20,}$/, "does not look like a bot token (digits:letters from @BotFather)"),
  DATABASE_URL: z.string()
    .regex(/^(?:file:.+|postgres(?:ql)?:\/\/.+)/, "must be a SQLite URL like file:./data/bot.db or a PostgreSQL URL like postgresql://tusoi:password@db.example.org:5432/tusoi")
    .default("file:./data/bot.db"),
  TELEGRAM_API_ROOT: z.url({ protocol: /^https?$/, error: "must be an http(s) URL like https://api.telegram.org" }).default("https://api.telegram.org"),
  DEFAULT_LOCALE: z.enum(LOCALES, { error: "must be vi or en" }).default("vi"),
  DEFAULT_TIMEZONE: z.string().refine(isValidTimeZone, "must be an IANA time zone like Asia/Ho_Chi_Minh").default("Asia/Ho_Chi_Minh"),
  SCHEDULER_TICK_CRON: z.string().refine((v) => cron.validate(v), "must be a cron expression like * * * * *").default("* * * * *"),
  WEBHOOK_URL: z.url({ protocol: /^https$/, error: "must be the public https URL Telegram posts updates to, like https://bot.example.org/telegram" }).optional(),
  // Telegram allows 1–256 characters A-Z a-z 0-9 _ -; we ask for 16 or more, so it cannot be guessed.
  WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16–256 characters A-Z, a-z, 0-9, _ or - (e.g. openssl rand -hex 32)").optional(),
  // Set: the HTTP server listens there (/healthz, the webhook). Unset: 8080 in webhook mode, no server when long-polling.
  PORT: z.coerce.number({ error: "must be a port number 1–65535" }).int("must be a port number 1–65535").min(1, "must be a port number 1–65535").max(65535, "must be a port number 1–65535").optional(),
  // The web's address as people open it (https behind the TLS proxy; http only on an intranet or in a test).
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: "must be the web's http(s) address as people open it, like https://bot.example.org" }).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "must be one of fatal, error, warn, info, debug, trace, silent" }).default("info"),
});

/** Where the HTTP server listens in webhook mode when PORT is unset (as before PORT was optional). */
const DEFAULT_WEBHOOK_PORT = 8080;

export interface Config {
  botToken: string;
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
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; error: string };

/** Parses environment variables; empty strings count as unset. Never throws. */
export function parseConfig(env: Record<string, string | undefined>, cwd = process.cwd()): ConfigResult {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== "").map(([k, v]) => [k, v!.trim()]));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    return { ok: false, error: `Configuration error: ${name} ${issue.message}` };
  }
  const c = parsed.data;
  // The secret is never echoed: only the variable's name appears in an error.
  if (c.WEBHOOK_URL && !c.WEBHOOK_SECRET) return { ok: false, error: "Configuration error: WEBHOOK_SECRET is required with WEBHOOK_URL (Telegram sends it in every request; e.g. openssl rand -hex 32)" };
  if (c.WEBHOOK_SECRET && !c.WEBHOOK_URL) return { ok: false, error: "Configuration error: WEBHOOK_URL is required with WEBHOOK_SECRET (or unset both for long polling)" };
  const webhook = c.WEBHOOK_URL && c.WEBHOOK_SECRET ? { url: c.WEBHOOK_URL, secret: c.WEBHOOK_SECRET, port: c.PORT ?? DEFAULT_WEBHOOK_PORT } : null;
  const postgres = !c.DATABASE_URL.startsWith("file:");
  const file = c.DATABASE_URL.slice("file:".length);
  return {
    ok: true,
    config: {
      botToken: c.BOT_TOKEN,
      databaseUrl: postgres || file === ":memory:" ? c.DATABASE_URL : `file:${path.resolve(cwd, file)}`,
      databaseEngine: postgres ? "postgresql" : "sqlite",
      webhook,
      httpPort: webhook ? webhook.port : (c.PORT ?? null),
      telegramApiRoot: c.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
      defaultLocale: c.DEFAULT_LOCALE,
      defaultTimezone: zoneSpelling(c.DEFAULT_TIMEZONE),
      schedulerTickCron: c.SCHEDULER_TICK_CRON,
      logLevel: c.LOG_LEVEL,
      publicUrl: c.PUBLIC_URL ? c.PUBLIC_URL.replace(/\/+$/, "") : null,
    },
  };
}
