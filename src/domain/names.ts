/** Rules for text members type that is not a correction measure. */
import { cleanText, textLength } from "./text.js";

export const NAME_MIN_LENGTH = 2;
export const NAME_MAX_LENGTH = 100;
export const TITLE_MAX_LENGTH = 200;

export type NameCheck = { ok: true; value: string } | { ok: false; reason: "tooShort" | "tooLong" };

/**
 * Names, cell names, titles: cleaned (no invisible or bidi characters, controls become spaces,
 * NFC, collapsed whitespace), then 2–`max` characters counted on the cleaned text.
 */
export function normalizeName(text: string, max = NAME_MAX_LENGTH): NameCheck {
  const value = cleanText(text);
  const length = textLength(value);
  if (length < NAME_MIN_LENGTH) return { ok: false, reason: "tooShort" };
  if (length > max) return { ok: false, reason: "tooLong" };
  return { ok: true, value };
}

export type FullNameCheck = NameCheck | { ok: false; reason: "noLetter" };

/**
 * A person's full name: a name (see normalizeName) with at least one letter, so "123456" or
 * "..." is refused with its own reason. Cell names and round titles do not need letters.
 */
export function normalizeFullName(text: string): FullNameCheck {
  const name = normalizeName(text, NAME_MAX_LENGTH);
  if (name.ok && !/\p{L}/u.test(name.value)) return { ok: false, reason: "noLetter" };
  return name;
}

/**
 * A person who acted (the sender of a message or a button press), after their channel identity
 * was resolved: the app's own id and the name their channel shows.
 */
export interface Person {
  userId: bigint;
  firstName: string;
  lastName?: string | undefined;
  username?: string | null | undefined;
}

/**
 * The name the channel shows, as the starting point for the member's full name. Cleaned like a
 * typed name: it is stored (and listed in the group) before the member confirms it, so a
 * right-to-left override or an invisible-only name from the channel must not get through.
 */
export function displayName(person: Person): string {
  return cleanText([person.firstName, person.lastName ?? ""].join(" ")) || person.username || String(person.userId);
}
