/**
 * An OutMessage as Zalo's plain text: the bot's markup stripped (tags removed, a link kept as
 * "label (url)", entities unescaped), choices as numbered lines, the whole split between lines
 * into messages of at most 2,000 characters. A stop-gap in one function: the shared text
 * renderer (src/channels/text-render.ts, numbered choices with the core's conventions such as
 * "0. Quay lại") replaces `zaloTexts` when it lands; the sender takes it as an option.
 */
import type { OutMessage } from "../../app/messages.js";
import { splitZaloText } from "./api.js";

/** What a message becomes on Zalo: its texts (each 1–2,000 characters) and the intent id each number stands for. */
export interface ZaloRendering {
  texts: string[];
  /** `choiceIds[n - 1]` is the id of the choice numbered n. */
  choiceIds: string[];
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** The bot's markup (<b>, <i>, <a href>, &amp; …) as plain text. */
export function plainText(markup: string): string {
  return markup
    .replace(/<a\s[^>]*href\s*=\s*"([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_m, href: string, label: string) => {
      const text = label.replace(/<[^>]*>/g, "");
      const url = href.replace(/&amp;/g, "&");
      return text.trim() === "" || text === url ? url : `${text} (${url})`;
    })
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name[0] === "#") {
        const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
      }
      // One pass: "&amp;lt;" gives "&lt;", not "<".
      return ENTITIES[name.toLowerCase()] ?? entity;
    });
}

/**
 * The message's text (plain), `extraLines` (a file's link line), then its choices: intents
 * numbered from 1 in reading order, a start payload as the command to type, a URL as
 * "label: url". Split between lines at 2,000 characters.
 */
export function zaloTexts(message: OutMessage, extraLines: readonly string[] = []): ZaloRendering {
  const lines: string[] = [];
  const body = plainText(message.text).trim();
  if (body !== "") lines.push(body);
  if (extraLines.length > 0) lines.push(...(lines.length > 0 ? [""] : []), ...extraLines);
  const choiceIds: string[] = [];
  const choiceLines: string[] = [];
  for (const choice of (message.choices ?? []).flat()) {
    if ("id" in choice) {
      choiceIds.push(choice.id);
      choiceLines.push(`${choiceIds.length}. ${choice.label}`);
    } else if ("url" in choice) {
      choiceLines.push(`${choice.label}: ${choice.url}`);
    } else {
      choiceLines.push(`${choice.label}: /start ${choice.start}`);
    }
  }
  if (choiceLines.length > 0) lines.push(...(lines.length > 0 ? [""] : []), ...choiceLines);
  return { texts: splitZaloText(lines.join("\n")), choiceIds };
}
