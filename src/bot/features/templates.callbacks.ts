/**
 * /mau's buttons, with their own grammar (a template code as the import reads it, an optional
 * unit): a typed action each way. Moved here from callback-data.ts unchanged in what they write.
 */
import { TEMPLATE_CODE } from "../../domain/templates.js";
import { CALLBACK_VERSION } from "../callback-codec.js";

const ID = "([1-9]\\d{0,9})";

/**
 * /mau buttons: use a template for new rounds (u), download it (g), delete it (x), by template
 * code; save a draft (s); import (i). Each names the unit it acts for (`c<cell id>` or
 * `k<committee id>`), since one person may manage a cell's and a committee's templates; the
 * unit is checked against what the presser may manage. Buttons without a unit (sent before
 * units) act for the presser's cell.
 */
export type TemplateUnit = { kind: "CELL" | "COMMITTEE"; id: number };
export type TemplateAction = ({ action: "use" | "download" | "delete"; code: string } | { action: "save"; id: number } | { action: "import" }) & {
  unit?: TemplateUnit;
};
const TEMPLATE_KIND = { use: "u", download: "g", delete: "x" } as const;
export const TEMPLATE_PATTERN = /^1t[ugxsi]/;
const UNIT = "(?::([ck])([1-9]\\d{0,9}))?";
// The template code's grammar is the import's (TEMPLATE_CODE): one definition, so every code saved has working buttons.
const TEMPLATE_CODE_DATA = new RegExp(`^${CALLBACK_VERSION}t([ugx])${UNIT}:(${TEMPLATE_CODE.source.replace(/^\^|\$$/g, "")})$`);
const TEMPLATE_SAVE_DATA = new RegExp(`^${CALLBACK_VERSION}ts${UNIT}:${ID}$`);
const TEMPLATE_IMPORT_DATA = new RegExp(`^${CALLBACK_VERSION}ti${UNIT}$`);

const unitPart = (unit: TemplateUnit | undefined): string => (unit ? `:${unit.kind === "CELL" ? "c" : "k"}${unit.id}` : "");
const unitOf = (kind: string | undefined, id: string | undefined): { unit?: TemplateUnit } =>
  kind && id ? { unit: { kind: kind === "c" ? "CELL" : "COMMITTEE", id: Number(id) } } : {};

export function encodeTemplate(action: TemplateAction): string {
  const unit = unitPart(action.unit);
  if (action.action === "save") return `${CALLBACK_VERSION}ts${unit}:${action.id}`;
  if (action.action === "import") return `${CALLBACK_VERSION}ti${unit}`;
  return `${CALLBACK_VERSION}t${TEMPLATE_KIND[action.action]}${unit}:${action.code}`;
}

export function decodeTemplate(data: string): TemplateAction | null {
  const imported = TEMPLATE_IMPORT_DATA.exec(data);
  if (imported) return { action: "import", ...unitOf(imported[1], imported[2]) };
  const save = TEMPLATE_SAVE_DATA.exec(data);
  if (save) return { action: "save", id: Number(save[3]), ...unitOf(save[1], save[2]) };
  const coded = TEMPLATE_CODE_DATA.exec(data);
  if (!coded) return null;
  const action = coded[1] === "u" ? "use" : coded[1] === "g" ? "download" : "delete";
  return { action, code: coded[4]!, ...unitOf(coded[2], coded[3]) };
}

/** The guard's entry for /mau's buttons (callback-data.ts CALLBACK_KINDS). */
export const TEMPLATE_CALLBACK_KIND = { name: "template", match: TEMPLATE_PATTERN, scope: "private" } as const;
