/** Rules for text members type that is not a correction measure. */

export const NAME_MIN_LENGTH = 2;
export const NAME_MAX_LENGTH = 100;
export const TITLE_MAX_LENGTH = 200;

export type NameCheck = { ok: true; value: string } | { ok: false; reason: "tooShort" | "tooLong" };

/** Full names: collapsed whitespace, 2–100 characters, no control characters. */
export function normalizeName(text: string, max = NAME_MAX_LENGTH): NameCheck {
  // eslint-disable-next-line no-control-regex
  const value = text.replace(/[\u0000-\u001f\u007f]/g, " ").replace(/\s+/g, " ").trim();
  const length = [...value].length;
  if (length < NAME_MIN_LENGTH) return { ok: false, reason: "tooShort" };
  if (length > max) return { ok: false, reason: "tooLong" };
  return { ok: true, value };
}
