/**
 * The checklist model: a versioned list of items in groups. The texts are data (a file in
 * `locales/checklists/`), so a higher committee's own template can replace the default.
 */

/** A text in every supported language. */
export interface LocalizedText {
  vi: string;
  en: string;
}

export interface ChecklistItem {
  /** Stable identifier stored with answers, e.g. "1.4" (group.item). */
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

/** All items in order, each with its position and group. */
export function checklistItems(checklist: Checklist): PositionedItem[] {
  const items: PositionedItem[] = [];
  for (const group of checklist.groups) {
    for (const item of group.items) items.push({ ...item, index: items.length, group });
  }
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
