/**
 * i18next over the JSON files in locales/<lang>/<namespace>.json. Interpolated values are
 * HTML-escaped for Telegram's HTML parse mode (only & < > " need it there).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import i18next, { type i18n, type Resource, type TFunction } from "i18next";
import { LOCALES, type Locale } from "../../config.js";
import { escapeMarkup } from "../../app/screens/screen.js";

export const localesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../locales");

export type Translate = TFunction;

/** Escapes text for Telegram HTML messages: the bot's markup (src/app/screens/screen.ts), one definition. */
export const escapeHtml = escapeMarkup;

/** Reads every namespace file of every language. */
export function loadResources(dir = localesDir): Resource {
  const resources: Resource = {};
  for (const lang of LOCALES) {
    resources[lang] = {};
    for (const file of readdirSync(path.join(dir, lang)).filter((f) => f.endsWith(".json"))) {
      resources[lang]![file.replace(/\.json$/, "")] = JSON.parse(readFileSync(path.join(dir, lang, file), "utf8"));
    }
  }
  return resources;
}

export interface I18n {
  t(locale: Locale): Translate;
  instance: i18n;
}

export async function createI18n(defaultLocale: Locale): Promise<I18n> {
  const instance = i18next.createInstance();
  const resources = loadResources();
  await instance.init({
    resources,
    lng: defaultLocale,
    fallbackLng: defaultLocale,
    supportedLngs: [...LOCALES],
    ns: Object.keys(resources.vi ?? {}),
    defaultNS: "common",
    interpolation: { escapeValue: true, escape: escapeHtml },
    returnNull: false,
    initAsync: false,
    showSupportNotice: false,
  });
  const fixed = new Map<Locale, Translate>(LOCALES.map((l) => [l, instance.getFixedT(l)]));
  return { t: (locale) => fixed.get(locale) ?? fixed.get(defaultLocale)!, instance };
}
