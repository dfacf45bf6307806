/**
 * The renderer of a text-only channel (Zalo; issue 20, "Screens as numbered text"): a Screen or
 * OutMessage (src/app/messages.ts) becomes plain text — the bot's markup tags stripped, entities
 * unescaped, a link `<a href="u">label</a>` as "label: u" — with its choices as numbered lines
 * in the order a person reads them (row by row), split between lines to the channel's limit.
 *
 * It returns the ordered choices with their numbers, so that a typed "2" maps back to the
 * choice id; `screenAwaiting` says what to store on the person (User.awaiting, kind "screen")
 * so that the number means the last screen's choice even after a restart.
 *
 * Numbers: a choice that carries a `key` is shown and typed with it (the form's answers are
 * 1, 2, 3 and "Quay lại" 0 on every item); the others are numbered 1, 2, 3… in reading order,
 * skipping the keys taken; a label's leading decoration ("« ", "✅ ") is dropped after the number.
 * A `start` choice is a command to type, a `url` choice a link.
 */
import { kindOf, parseAwaited, serializeAwaited } from "../app/awaited-input.js";
import type { Choice, OutMessage } from "../app/messages.js";
import { splitText } from "../domain/text.js";

/** Zalo's limit for one message (issue 20). */
export const ZALO_TEXT_LIMIT = 2000;

/** One numbered choice: what the person types, and the choice id it stands for. */
export interface NumberedChoice {
  key: string;
  id: string;
}

export interface TextRendered {
  /** The messages to send, in order, each within the limit. */
  parts: string[];
  /** The screen's choices in the order shown, with the number each is typed with. */
  choices: NumberedChoice[];
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Plain text from the bot's markup: tags dropped, a link as "label: url", entities decoded. */
export function plainText(markup: string): string {
  return markup
    .replace(/<a\s+href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_, href: string, label: string) => {
      const text = label.replace(/<[^>]*>/g, "");
      return text === href || text.trim() === "" ? href : `${text}: ${href}`;
    })
    .replace(/<[^>]*>/g, "")
    .replace(/&(amp|lt|gt|quot|apos|#(\d+)|#x([0-9a-f]+));/gi, (whole, name: string, dec?: string, hex?: string) => {
      if (dec) return String.fromCodePoint(Number(dec));
      if (hex) return String.fromCodePoint(parseInt(hex, 16));
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
}

/** What a `start` choice asks the person to type: "/thamgia <mã>" for a join link, else the command itself. */
export function startCommand(payload: string): string {
  return payload.startsWith("j_") ? `/thamgia ${payload.slice(2)}` : `/${payload}`;
}

/** A button's leading decoration ("« ", "✅ ", "‹ ") means nothing after a number: "0. Quay lại", "5. Nộp bản tự soi". */
const undecorated = (label: string): string => label.replace(/^[^\p{L}\p{N}]+(?=[\p{L}\p{N}])/u, "");

/** The line a choice is shown as (its number added by the caller for intents). */
function choiceLine(choice: Choice): string {
  if ("id" in choice) return undecorated(plainText(choice.label));
  if ("start" in choice) return `${plainText(choice.label)}: ${startCommand(choice.start)}`;
  return `${plainText(choice.label)}: ${choice.url}`;
}

/** The screen as text parts of at most `limit` characters, and its numbered choices. */
export function renderText(message: OutMessage, limit = ZALO_TEXT_LIMIT): TextRendered {
  const flat = (message.choices ?? []).flat();
  const taken = new Set(flat.flatMap((c) => ("id" in c && c.key !== undefined ? [c.key] : [])));
  let next = 1;
  const choices: NumberedChoice[] = [];
  const lines: string[] = [];
  for (const choice of flat) {
    if (!("id" in choice)) {
      lines.push(choiceLine(choice));
      continue;
    }
    let key = choice.key;
    if (key === undefined) {
      while (taken.has(String(next))) next++;
      key = String(next++);
    }
    choices.push({ key, id: choice.id });
    lines.push(`${key}. ${choiceLine(choice)}`);
  }
  const text = plainText(message.text);
  const whole = lines.length > 0 ? `${text}\n\n${lines.join("\n")}` : text;
  return { parts: splitText(whole, limit), choices };
}

/**
 * What to store on the person after showing them `rendered` (the last screen of a reply):
 * its choices, as the awaited kind "screen"; null to clear a stored screen when the new one has
 * no choices; undefined to leave User.awaiting as it is (another input is awaited: it wins).
 */
export function screenAwaiting(current: string | null, rendered: TextRendered): string | null | undefined {
  const kind = kindOf(current);
  if (kind !== null && kind !== "screen") return undefined;
  if (rendered.choices.length === 0) return kind === "screen" ? null : undefined;
  return serializeAwaited("screen", { c: rendered.choices.map((c) => [c.key, c.id]) });
}

/** The choices of the last screen stored on the person (empty when none). */
export function storedChoices(stored: string | null): NumberedChoice[] {
  const parsed = parseAwaited(stored);
  if (parsed?.k !== "screen" || !Array.isArray(parsed.c)) return [];
  return parsed.c.flatMap((pair: unknown) =>
    Array.isArray(pair) && typeof pair[0] === "string" && typeof pair[1] === "string" ? [{ key: pair[0], id: pair[1] }] : [],
  );
}

/** The choice id a typed text picks on the last screen ("2", " 2. "), or null. */
export function choiceForTyped(stored: string | null, typed: string): string | null {
  const key = /^\s*(\d{1,3})\s*\.?\s*$/.exec(typed)?.[1];
  if (key === undefined) return null;
  const normalized = String(Number(key));
  return storedChoices(stored).find((c) => c.key === normalized)?.id ?? null;
}
