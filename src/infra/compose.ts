/**
 * Builds the application's dependencies from config, once: the database (migrated) and its
 * ports, the checklists, i18n and the report renderer. Knows nothing of Telegram: the
 * composition root (main.ts) adds the channel on top.
 */
import { randomBytes } from "node:crypto";
import { checklistCatalog, checklistKey } from "../app/checklists.js";
import type { AppDeps } from "../app/deps.js";
import type { Config } from "../config.js";
import { DEFAULT_CHECKLIST, loadChecklists } from "./checklists.js";
import { openStores } from "./db/index.js";
import { applyMigrations } from "./db/migrate.js";
import { createI18n, type I18n } from "./i18n/index.js";
import { documentRenderer } from "./renderers/index.js";
import { templateFiles } from "./renderers/template-file.js";

/** 12 URL-safe random characters (72 bits): join links cannot be guessed. */
export const newJoinCode = (): string => randomBytes(9).toString("base64url");

export interface AppRuntime {
  app: AppDeps;
  i18n: I18n;
  /** Closes the database connections. */
  close(): Promise<void>;
}

export async function composeApp(
  config: Pick<Config, "databaseUrl" | "defaultLocale" | "defaultTimezone">,
  options: { migrate?: boolean; clock?: () => Date } = {},
): Promise<AppRuntime> {
  if (options.migrate !== false) await applyMigrations(config.databaseUrl);
  const { stores, close } = await openStores(config.databaseUrl);
  const shipped = loadChecklists();
  const checklist = shipped.get(checklistKey(DEFAULT_CHECKLIST.code, DEFAULT_CHECKLIST.version));
  if (!checklist) throw new Error(`The default checklist ${DEFAULT_CHECKLIST.code} v${DEFAULT_CHECKLIST.version} is missing from locales/checklists`);
  const checklists = checklistCatalog(shipped, stores.templates);
  const i18n = await createI18n(config.defaultLocale);
  const app: AppDeps = {
    ...stores,
    documents: documentRenderer(i18n),
    templateFiles: templateFiles(),
    checklist,
    checklists,
    clock: options.clock ?? (() => new Date()),
    defaultTimezone: config.defaultTimezone,
    newJoinCode,
  };
  return { app, i18n, close };
}
