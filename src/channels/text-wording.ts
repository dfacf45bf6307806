/**
 * A text channel's own wording (Zalo; issue 20): some texts the conversation shares with Telegram
 * speak of buttons ("bấm nút…", "press the button…") or of Telegram itself, which reads wrongly
 * where a person types numbers and commands. The namespace `text-channel`
 * (locales/<lang>/text-channel.json) holds, under each such text's own key ("cycle:reportBack.
 * stillSending" → "cycle.reportBack.stillSending", a key of `common` under "common."), the words
 * a text channel uses instead. Telegram never reads that namespace: its texts stay as they are.
 *
 * - `t(locale)`: the translator a text channel's conversation speaks with (its own words first).
 * - `reword(message)`: an outbox message rendered with the shared words (a report back, a
 *   committee's notice, rendered once for every channel) gets a text channel's words before it
 *   is sent there: each shared text found in it, its values kept, is replaced.
 */
import type { Locale } from "../config.js";
import { LOCALES } from "../config.js";
import type { OutMessage } from "../app/messages.js";
import type { Translate } from "../app/screens/screen.js";
import type { I18n } from "../infra/i18n/index.js";

export const TEXT_CHANNEL_NS = "text-channel";

/** One shared text as a pattern over the rendered markup, and the text channel's template for it. */
interface Rewording {
  pattern: RegExp;
  names: string[];
  template: string;
}

/** Every string leaf of a JSON tree with its dotted path. */
function leaves(node: unknown, prefix = ""): [string, string][] {
  if (typeof node === "string") return [[prefix, node]];
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const VARIABLE = /\{\{\s*([\w.]+)\s*\}\}/g;

/** The shared template as a pattern: its words as they are, each value as a lazy capture (the last one, at the end, greedy). */
function patternOf(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  let source = "";
  let last = 0;
  for (const match of template.matchAll(VARIABLE)) {
    source += escapeRegExp(template.slice(last, match.index));
    names.push(match[1]!);
    last = match.index + match[0].length;
    source += last === template.length ? "(.+)" : "(.+?)";
  }
  source += escapeRegExp(template.slice(last));
  return { pattern: new RegExp(source), names };
}

export interface TextWording {
  t(locale: Locale): Translate;
  reword<M extends OutMessage>(message: M): M;
}

/** One per I18n (its patterns are built once). */
const made = new WeakMap<I18n, TextWording>();

export function textWording(i18n: I18n): TextWording {
  const known = made.get(i18n);
  if (known) return known;
  const wording = makeWording(i18n);
  made.set(i18n, wording);
  return wording;
}

function makeWording(i18n: I18n): TextWording {
  const { instance } = i18n;
  /** The text channel's key for a shared key ("error.badButton" is common's). */
  const ownKey = (key: string): string => {
    const at = key.indexOf(":");
    return `${TEXT_CHANNEL_NS}:${at < 0 ? `common.${key}` : `${key.slice(0, at)}.${key.slice(at + 1)}`}`;
  };
  const translators = new Map<Locale, Translate>(
    LOCALES.map((locale) => {
      const shared = i18n.t(locale);
      const t: Translate = (key, vars) => {
        const own = ownKey(key);
        return (instance.exists(own, { lng: locale, ...vars }) ? shared(own, vars) : shared(key, vars)) as string;
      };
      return [locale, t];
    }),
  );
  const rewordings: Rewording[] = LOCALES.flatMap((locale) =>
    leaves(instance.getResourceBundle(locale, TEXT_CHANNEL_NS) ?? {}).flatMap(([path, template]) => {
      const [ns = "", ...rest] = path.split(".");
      const original = instance.getResource(locale, ns, rest.join("."));
      if (typeof original !== "string" || original === template) return [];
      return [{ ...patternOf(original), template }];
    }),
  );
  return {
    t: (locale) => translators.get(locale) ?? translators.get(LOCALES[0])!,
    reword(message) {
      let text = message.text;
      for (const { pattern, names, template } of rewordings) {
        const match = pattern.exec(text);
        if (!match) continue;
        const values = new Map(names.map((name, i) => [name, match[i + 1] ?? ""]));
        const replaced = template.replace(VARIABLE, (whole, name: string) => values.get(name) ?? whole);
        text = text.slice(0, match.index) + replaced + text.slice(match.index + match[0].length);
      }
      return text === message.text ? message : { ...message, text };
    },
  };
}
