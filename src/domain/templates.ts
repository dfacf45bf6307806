/**
 * Checklist templates a committee or a cell brings in (DESIGN.md §7): the rules a file must
 * pass before it becomes a checklist, and the flat layout both directions share (one row per
 * item: group code, group title, item code, text, short label, English text and label, "tóm
 * lược"). Pure: a spreadsheet or JSON reader turns the file into `TemplateInput`; this module
 * reports every problem with the row and column it is in (data; the presenter words it).
 */
import { checklistItems, ITEM_CODE, ITEM_CODE_MAX_LENGTH, type Checklist, type ChecklistGroup } from "./checklist.js";

/** What a template file may hold, and why. */
export const TEMPLATE_LIMITS = {
  /** Bytes of the file sent to the bot. */
  fileBytes: 1024 * 1024,
  minItems: 1,
  maxItems: 200,
  maxGroups: 20,
  /** Template codes travel in callback data (64 bytes with the prefix and version). */
  codeLength: 24,
  /** Item and group codes: the grammar every reader of a code shares (ITEM_CODE in checklist.ts). */
  itemCodeLength: ITEM_CODE_MAX_LENGTH,
  groupCodeLength: ITEM_CODE_MAX_LENGTH,
  nameLength: 200,
  groupTitleLength: 200,
  /** An item with the question header and buttons stays well inside one 4096-character message. */
  textLength: 1500,
  shortLength: 120,
} as const;

/** Template codes: lower-case letters, digits and dashes, starting with a letter or digit. */
export const TEMPLATE_CODE = /^[a-z0-9][a-z0-9-]{1,23}$/;

/** The columns of the items sheet, in order (the XLSX export writes them in this order). */
export const ITEM_COLUMNS = ["groupCode", "groupTitle", "code", "text", "short", "textEn", "shortEn", "summary"] as const;
export type ItemColumn = (typeof ITEM_COLUMNS)[number];
/** Fields of the template's own sheet, in order. */
export const INFO_FIELDS = ["name", "code", "version", "nameEn", "source"] as const;
export type InfoField = (typeof INFO_FIELDS)[number];

/** One item row as read from the file; `row` is the spreadsheet row (or the item's ordinal in JSON). */
export interface TemplateRow {
  row: number;
  cells: Partial<Record<ItemColumn, string>>;
}

/** A file read into rows, before any rule is checked. `infoRows` gives each info field's row. */
export interface TemplateInput {
  info: Partial<Record<InfoField, string>>;
  infoRows: Partial<Record<InfoField, number>>;
  rows: TemplateRow[];
}

/** Where a problem is: a row and column of the items sheet, a field of the info sheet, or the file. */
export type ProblemPlace = { sheet: "items"; row: number; column: ItemColumn } | { sheet: "info"; row: number | null; field: InfoField } | { sheet: "file" };

export type TemplateProblem = ProblemPlace &
  (
    | { kind: "required" }
    | { kind: "tooLong"; max: number; length: number }
    | { kind: "badCode"; value: string }
    | { kind: "duplicate"; value: string; firstRow: number }
    | { kind: "groupTitleDiffers"; value: string; firstRow: number }
    | { kind: "groupSplit"; value: string; firstRow: number }
    | { kind: "tooFewItems"; min: number }
    | { kind: "tooManyItems"; max: number; count: number }
    | { kind: "tooManyGroups"; max: number; count: number }
    | { kind: "formula" }
    | { kind: "badVersion"; value: string }
    /** The code is a built-in template's or another unit's (checked against the store, not here). */
    | { kind: "codeTaken"; value: string; builtIn: boolean }
  );

/** A clean file's template, before it is given its version. */
export interface TemplateDraft {
  code: string;
  name: { vi: string; en: string };
  source: string;
  groups: ChecklistGroup[];
  itemCount: number;
}

export type TemplateCheck = { ok: true; draft: TemplateDraft } | { ok: false; problems: TemplateProblem[] };

const cell = (value: string | undefined): string => (value ?? "").trim();

/**
 * Checks every rule and returns all the problems at once (so the secretary fixes the file in
 * one go), or the template when there are none. Rows whose cells are all empty are skipped.
 */
export function checkTemplate(input: TemplateInput): TemplateCheck {
  const problems: TemplateProblem[] = [];
  const infoAt = (field: InfoField) => ({ sheet: "info" as const, row: input.infoRows[field] ?? null, field });
  const name = cell(input.info.name);
  const code = cell(input.info.code);
  if (!name) problems.push({ ...infoAt("name"), kind: "required" });
  else if (name.length > TEMPLATE_LIMITS.nameLength)
    problems.push({ ...infoAt("name"), kind: "tooLong", max: TEMPLATE_LIMITS.nameLength, length: name.length });
  const nameEn = cell(input.info.nameEn);
  if (nameEn.length > TEMPLATE_LIMITS.nameLength)
    problems.push({ ...infoAt("nameEn"), kind: "tooLong", max: TEMPLATE_LIMITS.nameLength, length: nameEn.length });
  if (!code) problems.push({ ...infoAt("code"), kind: "required" });
  else if (!TEMPLATE_CODE.test(code)) problems.push({ ...infoAt("code"), kind: "badCode", value: code });
  const version = cell(input.info.version);
  if (version && !/^[1-9]\d{0,5}$/.test(version)) problems.push({ ...infoAt("version"), kind: "badVersion", value: version });

  const rows = input.rows.filter((r) => ITEM_COLUMNS.some((c) => cell(r.cells[c]) !== ""));
  const codes = new Map<string, number>();
  const groups: { code: string; title: string; firstRow: number; items: ChecklistGroup["items"] }[] = [];
  const groupByCode = new Map<string, (typeof groups)[number]>();
  let previousGroup: string | null = null;
  for (const r of rows) {
    const at = (column: ItemColumn) => ({ sheet: "items" as const, row: r.row, column });
    const value = (column: ItemColumn) => cell(r.cells[column]);
    const lengthRule = (column: ItemColumn, max: number) => {
      const v = value(column);
      if (v.length > max) problems.push({ ...at(column), kind: "tooLong", max, length: v.length });
    };
    for (const column of ["groupCode", "groupTitle", "code", "text", "short"] as const) {
      if (!value(column)) problems.push({ ...at(column), kind: "required" });
    }
    const groupCode = value("groupCode");
    if (groupCode && !ITEM_CODE.test(groupCode)) problems.push({ ...at("groupCode"), kind: "badCode", value: groupCode });
    const itemCode = value("code");
    if (itemCode && !ITEM_CODE.test(itemCode)) problems.push({ ...at("code"), kind: "badCode", value: itemCode });
    else if (itemCode) {
      const first = codes.get(itemCode);
      if (first !== undefined) problems.push({ ...at("code"), kind: "duplicate", value: itemCode, firstRow: first });
      else codes.set(itemCode, r.row);
    }
    lengthRule("groupTitle", TEMPLATE_LIMITS.groupTitleLength);
    lengthRule("text", TEMPLATE_LIMITS.textLength);
    lengthRule("textEn", TEMPLATE_LIMITS.textLength);
    lengthRule("short", TEMPLATE_LIMITS.shortLength);
    lengthRule("shortEn", TEMPLATE_LIMITS.shortLength);
    if (!groupCode) continue;
    let group = groupByCode.get(groupCode);
    if (!group) {
      group = { code: groupCode, title: value("groupTitle"), firstRow: r.row, items: [] };
      groupByCode.set(groupCode, group);
      groups.push(group);
    } else {
      if (previousGroup !== groupCode) problems.push({ ...at("groupCode"), kind: "groupSplit", value: groupCode, firstRow: group.firstRow });
      if (value("groupTitle") && value("groupTitle") !== group.title)
        problems.push({ ...at("groupTitle"), kind: "groupTitleDiffers", value: groupCode, firstRow: group.firstRow });
    }
    previousGroup = groupCode;
    const text = value("text");
    const short = value("short");
    group.items.push({
      code: itemCode,
      verbatim: value("summary") === "",
      text: { vi: text, en: value("textEn") || text },
      short: { vi: short, en: value("shortEn") || short },
    });
  }
  if (rows.length < TEMPLATE_LIMITS.minItems) problems.push({ sheet: "file", kind: "tooFewItems", min: TEMPLATE_LIMITS.minItems });
  if (rows.length > TEMPLATE_LIMITS.maxItems) problems.push({ sheet: "file", kind: "tooManyItems", max: TEMPLATE_LIMITS.maxItems, count: rows.length });
  if (groups.length > TEMPLATE_LIMITS.maxGroups) problems.push({ sheet: "file", kind: "tooManyGroups", max: TEMPLATE_LIMITS.maxGroups, count: groups.length });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    draft: {
      code,
      name: { vi: name, en: nameEn || name },
      source: cell(input.info.source),
      itemCount: rows.length,
      groups: groups.map((g, i) => ({
        number: i + 1,
        code: g.code,
        title: { vi: g.title, en: g.title },
        shortTitle: { vi: g.title, en: g.title },
        items: g.items,
      })),
    },
  };
}

/** The checklist a saved draft becomes, with the version the store gave it. */
export function checklistOfDraft(draft: TemplateDraft, version: number): Checklist {
  return { code: draft.code, version, title: draft.name, source: { vi: draft.source, en: draft.source }, groups: draft.groups };
}

/** A checklist back into the file's layout (the XLSX download; the import reads it back unchanged). */
export function templateRows(checklist: Checklist): { info: Record<InfoField, string>; rows: Record<ItemColumn, string>[] } {
  return {
    info: { name: checklist.title.vi, code: checklist.code, version: String(checklist.version), nameEn: checklist.title.en, source: checklist.source.vi },
    rows: checklistItems(checklist).map((item) => ({
      groupCode: groupCode(item.group),
      groupTitle: item.group.title.vi,
      code: item.code,
      text: item.text.vi,
      short: item.short.vi,
      textEn: item.text.en,
      shortEn: item.short.en,
      summary: item.verbatim ? "" : "x",
    })),
  };
}

/** A group's code as a file shows it: its own, or its number. */
export const groupCode = (group: ChecklistGroup): string => group.code ?? String(group.number);
