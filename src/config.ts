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
  DATABASE_URL: z.string().regex(/^file:.+/, "must be a SQLite URL like file:./data/bot.db").default("file:./data/bot.db"),
  TELEGRAM_API_ROOT: z.url({ protocol: /^https?$/, error: "must be an http(s) URL like https://api.telegram.org" }).default("https://api.telegram.org"),
  DEFAULT_LOCALE: z.enum(LOCALES, { error: "must be vi or en" }).default("vi"),
  DEFAULT_TIMEZONE: z.string().refine(isValidTimeZone, "must be an IANA time zone like Asia/Ho_Chi_Minh").default("Asia/Ho_Chi_Minh"),
  SCHEDULER_TICK_CRON: z.string().refine((v) => cron.validate(v), "must be a cron expression like * * * * *").default("* * * * *"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "must be one of fatal, error, warn, info, debug, trace, silent" }).default("info"),
});

export interface Config {
  botToken: string;
  /** Absolute SQLite URL (relative paths resolved against `cwd`). */
  databaseUrl: string;
  telegramApiRoot: string;
  defaultLocale: Locale;
  defaultTimezone: string;
  schedulerTickCron: string;
  logLevel: string;
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
  const file = c.DATABASE_URL.slice("file:".length);
  return {
    ok: true,
    config: {
      botToken: c.BOT_TOKEN,
      databaseUrl: file === ":memory:" ? c.DATABASE_URL : `file:${path.resolve(cwd, file)}`,
      telegramApiRoot: c.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
      defaultLocale: c.DEFAULT_LOCALE,
      defaultTimezone: zoneSpelling(c.DEFAULT_TIMEZONE),
      schedulerTickCron: c.SCHEDULER_TICK_CRON,
      logLevel: c.LOG_LEVEL,
    },
  };
}
