/**
 * The checklist model: a versioned list of items in groups. The texts are data (a file in
 * `locales/checklists/`), so a higher committee's own template can replace the default.
 */

/** A text in every supported language. */
export interface LocalizedText {
  vi: string;
  en: string;
}

/**
 * Item and group codes, the one grammar for the import (src/domain/templates.ts), the built-in
 * files (src/infra/checklists.ts) and everything that reads a stored code back (a form's saved
 * screen, see decodeScreen): "1.10", "A3", "II-2", "b.3", "x", "constructor". Letters, digits,
 * dot, dash and underscore, starting with a letter or a digit, at most 12 characters. Buttons
 * never carry a code (they carry the item's position), so the length is the file's rule only.
 *
 * A code is data, never a property name: look codes up in a Map, or in a plain record only
 * through `byCode` ("constructor" and "toString" are codes a template may use, and a plain
 * object has them already).
 */
export const ITEM_CODE_MAX_LENGTH = 12;
export const ITEM_CODE = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._-]{0,${ITEM_CODE_MAX_LENGTH - 1}}$`);
export const isItemCode = (value: unknown): value is string => typeof value === "string" && ITEM_CODE.test(value);

/** The record's own entry for `code` (never one inherited from Object.prototype), or undefined. */
export function byCode<T>(record: Readonly<Record<string, T>>, code: string): T | undefined {
  return Object.hasOwn(record, code) ? record[code] : undefined;
}

/**
 * Codes in a sensible order when no checklist gives one: numbers within a code compare as
 * numbers ("1.2" before "1.10"), then letters without regard to case. Where the checklist is
 * known, its order is the order (see checklistItems); this is only the fallback.
 */
const codeCollator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
export function compareCodes(a: string, b: string): number {
  return codeCollator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export interface ChecklistItem {
  /** Stable identifier stored with answers, e.g. "1.4" (group.item) or "A3" (see ITEM_CODE). */
  code: string;
  /** False when the text is a summary of the item's theme, not the official wording. */
  verbatim: boolean;
  text: LocalizedText;
  /** Short label used in report lines. */
  short: LocalizedText;
}

export interface ChecklistGroup {
  /** 1-based position of the group. */
  number: number;
  /** The group's code in an imported template ("I", "A"); the built-in file numbers its groups. */
  code?: string;
  title: LocalizedText;
  shortTitle: LocalizedText;
  items: ChecklistItem[];
}

export interface Checklist {
  code: string;
  version: number;
  title: LocalizedText;
  source: LocalizedText;
  groups: ChecklistGroup[];
}

/** An item with its position in the whole list and its group. */
export interface PositionedItem extends ChecklistItem {
  /** 0-based position in the whole checklist. */
  index: number;
  group: ChecklistGroup;
}

const itemsOf = new WeakMap<Checklist, PositionedItem[]>();

/**
 * All items in order, each with its position and group. Computed once per checklist (a loaded
 * checklist never changes; every screen of the form asks for it): the array is shared and frozen.
 */
export function checklistItems(checklist: Checklist): PositionedItem[] {
  const known = itemsOf.get(checklist);
  if (known) return known;
  const items: PositionedItem[] = [];
  for (const group of checklist.groups) {
    for (const item of group.items) items.push({ ...item, index: items.length, group });
  }
  Object.freeze(items);
  itemsOf.set(checklist, items);
  return items;
}

/** Item codes in checklist order. */
export function itemCodes(checklist: Checklist): string[] {
  return checklistItems(checklist).map((item) => item.code);
}

/** Checks a loaded checklist for the mistakes a hand-edited template can contain. */
export function checklistProblems(checklist: Checklist): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  if (!checklist.code) problems.push("missing code");
  if (!Number.isInteger(checklist.version) || checklist.version < 1) problems.push("version must be a positive integer");
  for (const item of checklistItems(checklist)) {
    if (!isItemCode(item.code)) problems.push(`item code ${item.code} is not letters, digits, ".", "-" or "_" (at most ${ITEM_CODE_MAX_LENGTH})`);
    if (seen.has(item.code)) problems.push(`duplicate item code ${item.code}`);
    seen.add(item.code);
    for (const lang of ["vi", "en"] as const) {
      if (!item.text[lang]?.trim()) problems.push(`item ${item.code} has no ${lang} text`);
      if (!item.short[lang]?.trim()) problems.push(`item ${item.code} has no ${lang} short label`);
    }
  }
  if (seen.size === 0) problems.push("no items");
  return problems;
}
