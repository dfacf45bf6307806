/** Builds the application's dependencies from config: database, checklists, i18n, logger. */
import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import { checklistKey, type AppDeps } from "../app/deps.js";
import type { Config } from "../config.js";
import type { BotDeps } from "../bot/context.js";
import { DEFAULT_CHECKLIST, loadChecklists } from "./checklists.js";
import { openDatabase, type Db } from "./db/client.js";
import { applyMigrations } from "./db/migrate.js";
import { FastPath } from "./db/fast-path.js";
import { PrismaStore } from "./db/store.js";
import { createI18n } from "./i18n/index.js";

/** 12 URL-safe random characters (72 bits): join links cannot be guessed. */
export const newJoinCode = (): string => randomBytes(9).toString("base64url");

export interface Runtime {
  db: Db;
  botDeps: BotDeps;
  /** Closes both database connections. */
  close(): Promise<void>;
}

export async function composeRuntime(config: Config, logger: Logger, options: { migrate?: boolean; clock?: () => Date } = {}): Promise<Runtime> {
  if (options.migrate !== false) await applyMigrations(config.databaseUrl);
  const db = await openDatabase(config.databaseUrl);
  const fast = new FastPath(config.databaseUrl);
  const checklists = loadChecklists();
  const checklist = checklists.get(checklistKey(DEFAULT_CHECKLIST.code, DEFAULT_CHECKLIST.version));
  if (!checklist) throw new Error("The default checklist nq04-xii v1 is missing from locales/checklists");
  const app: AppDeps = {
    store: new PrismaStore(db, fast), checklist, checklists, clock: options.clock ?? (() => new Date()),
    defaultTimezone: config.defaultTimezone, newJoinCode,
  };
  const i18n = await createI18n(config.defaultLocale);
  return {
    db,
    botDeps: { app, i18n, defaultLocale: config.defaultLocale, logger },
    async close() {
      fast.close();
      await db.$disconnect();
    },
  };
}
